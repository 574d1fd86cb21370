"""What a sentence says of the event a date names: its tense and frame (past, present,
future, void, hypothetical), read from the spaCy parse.

:func:`tense_of` reads the verb that governs a date; :func:`frame_of` adds what the clause
does to the event (cancelled, moved, planned in a past frame, a condition or a modal). The
date normaliser (:mod:`newsdesk.annotate.dates`) turns both into the direction a relative
date resolves in; the brief's "Coming up" shows only future frames.
"""

from __future__ import annotations

from typing import Any

from newsdesk.annotate.date_nouns import (
    MONTH_WORD,
    happened_event,
    looked_back_on,
    measured_period,
    month_of_event,
    owned_month,
)
from newsdesk.annotate.date_predicates import prose_end
from newsdesk.annotate.date_rules import lexicon

__all__ = [
    "frame_of",
    "governor",
    "intended_then",
    "looking",
    "payment_date",
    "reduced_past",
    "tense_of",
]

_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would"}  # "he’ll": a typeset apostrophe
_OBLIGATION = {"must", "can", "ca", "should", "ought"}  # "ca": the "ca" of "can't"
_SCHEDULE = set(lexicon()["schedule_words"])
_SCHEDULE_IF_FOR = {"set", "book", "bill", "program", "programme"}
_CALENDAR = set(lexicon()["calendar_verbs"])
_VOID = set(lexicon()["void_words"])
_INTENT = set(lexicon()["intent_words"])
_VOID_PARTICLES: dict[str, str] = lexicon()["void_particles"]
_NEW_DATE = set(lexicon()["new_date_preps"])
_REPORTING = {"say", "tell", "announce", "report", "add", "confirm", "state", "note", "write"}
_PERFECT_AUX = {"have", "haben", "avoir", "haber", "avere", "hebben", "sein", "être", "essere"}
_MOVE = set(lexicon()["move_words"])
_OLD_DATE = set(lexicon()["old_date_words"])
_MODALS = {w.replace("'", q) for w in lexicon()["hypothetical_modals"] for q in "'’"}
_CONDITION = set(lexicon()["condition_marks"])
_NEAREST_HEADS = set(lexicon()["nearest_heads"])
_TIME_MARKS = {"when", "whenever", "once", "after", "before", "until", "till"}
_CALENDAR_EVENTS = set(lexicon()["calendar_event_nouns"])


_HOLDING = {"hold", "host", "stage"}  # with an event of the calendar for object: its schedule
_SPENDS = {"spend", "take", "devote"}  # a bare day their object is the time used up
_ARGUMENTS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd"}  # a date a verb takes, not its time
_FRAME_WORDS = _SCHEDULE | _INTENT | _CALENDAR | _VOID | _MOVE
_ENDINGS = ("ing", "ed", "es", "s", "d")


def _lemma(token: Any) -> str:
    """``token``'s lemma; for a verb or adjective whose lemma the tagger misreads ("hopes",
    "hoped", "hoping" as "hop"; "slated" as "slat"), the word of the frame lists its form
    inflects."""
    lemma: str = token.lemma_.lower()
    if lemma in _FRAME_WORDS or token.pos_ not in ("VERB", "AUX", "ADJ"):
        return lemma
    form = token.lower_
    for ending in _ENDINGS:
        stem = form[: -len(ending)]
        if form.endswith(ending) and len(stem) > 2:
            for word in (stem, stem + "e"):
                if word in _FRAME_WORDS:
                    return word
    return lemma


def _governor(span: Any) -> Any:
    """The verb (or the sentence's head) that governs ``span``."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token


def tense_of(span: Any) -> str:
    """past | present | future, from the verb that governs ``span`` (a spaCy Span).

    Past: a past-tense verb, a past auxiliary, or a present perfect. Future: will/shall/would,
    an infinitive ("set to resume Monday", "expects to close in March"), or a present-tense
    schedule ("is scheduled for Saturday", "is due on Friday"). Anything else, a passive or a
    bare participle included, is present: the normaliser then takes the date nearest the
    anchor. Pipelines without Penn tags answer from the verb's morphology (Tense=Past/Fut).
    """
    if _compared_forecast(span):
        return "past"  # "less than forecast in July": the forecast was made, whatever comes
    token = _governor(span)
    if _time_clause_ahead(token):
        return "future"  # "would reach the banks when they opened on Friday"
    while (
        token.dep_ in ("xcomp", "acomp", "oprd")
        and token.head.i != token.i
        and token.head.tag_ == "VBD"
    ):  # "stayed closed until Friday": the narration's tense
        token = token.head  # "began to deteriorate in November": the narration's tense
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    for _ in range(4):  # "was closed on Friday and reopened on Saturday": the first's aux
        if aux or token.dep_ != "conj" or token.tag_ not in ("VBN", "VB") or _own_subject(token):
            break  # "will close in April, its owners announced on Tuesday": a clause of its own
        token = token.head
        aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux} | {token.lower_}
    if words & _FUTURE_AUX or ("going" in words and any(a.lower_ == "to" for a in aux)):
        return "future"
    if (
        token.tag_ == "VB"
        and {a.lower_ for a in aux} & _OBLIGATION
        and _direct(span, token)
        and not {w.lower_ for w in span} & _WEEKDAY_WORDS
    ):
        return "future"  # "Clinton must win in November", "a candidate who can win in
        # November" (said in March): what must or can be done is still to do. Not a
        # weekday: its nearest day is within three days, and the parse often hangs a
        # noun's day on the verb ("a boost from the win Tuesday": the win is past)
    if _infinitive(token, aux) and _intends(token):
        return "future"  # "set to resume Monday", "is expected to be released on Friday"
    if _done_gerund(token, aux):
        return "past"  # "now has a 9 percent stake, after selling shares at the end of the
        # year": what is done before the clause's now
    if _month_to_do(span, token, aux):
        return "future"  # "the money necessary to win the November election", "eligible
        # to vote in November" (said in March): what is yet to do, the coming November
    if _scheduled(token) and token.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return "future"  # "has been scheduled for June 3": the plan is made, the day ahead
    if token.tag_ == "VBD" or any(a.tag_ in ("VBD", "VBN") for a in aux):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux):
        return "past"  # present perfect narrates the past
    if _participle_with_subject(token, aux):
        return "past"  # "the company's quarter ended in September": a simple past
    if _scheduled(token) and (aux or token.tag_ in ("VBZ", "VBP")):
        return "future"  # "is scheduled for Saturday", "are due on Friday"
    if _calendar_present(token, aux):
        return "future"  # "the term begins next Monday and ends in June"
    if _copula_schedule(span, token, aux):
        return "future"  # "The hearing is on Monday": the event's day, ahead
    if _under_future(span, token, aux):
        return "future"  # "It will air beginning Friday", "Starting Tuesday, … will be"
    if token.tag_[:1] != "V":
        return _morph_tense(token, aux)
    return "present"


def _compared_forecast(span: Any) -> bool:
    """``span`` dates the forecast or announcement an outcome is compared with ("less than
    forecast in July", "as announced on Monday"): said before the telling, so past, though
    the outcome's verb looks ahead ("will grow … less than forecast in July")."""
    node = span.root
    for _ in range(2):
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return False
        node = node.head.head
        if node.dep_ == "advcl" and node.tag_ in ("VBN", "VBD", "NN"):
            return any(c.dep_ == "mark" and c.lower_ in ("than", "as") for c in node.children)
    return False


def _time_clause_ahead(token: Any) -> bool:
    """``token`` heads a clause of time under a verb that looks ahead, whose own tense says
    nothing of direction: a present under "will" ("will buy once the market opens on
    Monday"), a past back-shifted under a reported "would" ("said the funds would reach the
    banks when they opened on Friday"). Under a past head it stays past ("fell when the
    market opened on Monday"); "would have" is a counterfactual."""
    if token.dep_ != "advcl" or token.head.i == token.i:
        return False
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in token.children):
        return False
    head = token.head
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if "have" in aux:
        return False
    if token.tag_ == "VBD":
        return bool(aux & {"would", "'d", "’d"})
    return token.tag_ in ("VBZ", "VBP") and tense_of(head.doc[head.i : head.i + 1]) == "future"


def _calendar_present(token: Any, aux: list[Any]) -> bool:
    """A simple present of an event a calendar fixes ("begins", "closes", "meet", "votes";
    a verb of holding such an event, :func:`_holds_event`), in a sentence that ends as prose
    does: the schedule ("the court term begins next Monday and ends in June", "the two meet
    for their first debate Monday at Hofstra"). A headline's present (no closing stop) and a
    caption's (a photo credit after it, :func:`prose_end`) tell what happened."""
    if token.tag_ not in ("VBZ", "VBP") or aux:
        return False
    if _lemma(token) not in _CALENDAR and not _holds_event(token):
        return False
    return prose_end(token.sent)


def _holds_event(token: Any) -> bool:
    """A verb of holding whose object is an event a calendar fixes ("Wisconsin holds its
    primary on Tuesday"; "holds a lead in Tuesday's primary" holds no event)."""
    if _lemma(token) not in _HOLDING:
        return False
    return any(
        c.dep_ == "dobj" and (c.lower_ in _CALENDAR_EVENTS or c.lemma_ in _CALENDAR_EVENTS)
        for c in token.children
    )


def _under_future(span: Any, token: Any, aux: list[Any]) -> bool:
    """A participle with no auxiliary, adjunct or complement of a verb that looks ahead and
    is no one's past saying, takes its tense ("It will air beginning Friday", "Starting
    Tuesday, … will be"); so does a bare infinitive under will/would ("would see him endorse
    her on Tuesday"; not "went to see her speak"). Not a date the participle takes for its
    object ("calling Christmas a sham"), nor "according to"/"including"."""
    if aux or token.i == token.head.i or span.root.dep_ in _ARGUMENTS:
        return False
    head = token.head
    if token.tag_ == "VB" and token.dep_ in ("ccomp", "xcomp"):
        return any(a.dep_ == "aux" and a.lower_ in _FUTURE_AUX for a in head.children)
    if token.tag_ != "VBG" or head.tag_[:1] != "V":
        return False
    if token.dep_ == "prep" and token.lemma_ not in ("begin", "start"):
        return False
    if token.dep_ not in ("advcl", "xcomp", "prep") or _told_by(head):
        return False
    return tense_of(head.doc[head.i : head.i + 1]) == "future"


def _told_by(verb: Any) -> bool:
    """``verb`` is what someone said in the past ("said he will begin … on Friday"): its
    future counts from the saying, which may be days before publication."""
    node = verb
    while node.dep_ in ("ccomp", "conj") and node.head.i != node.i:
        node = node.head
        if _reported(node) and node.tag_ == "VBD":
            return True
    return False


def _infinitive(token: Any, aux: list[Any]) -> bool:
    """``token`` heads an infinitive: "to resume", or a passive one under a word that is
    not told in the past, "is expected to be released" (a perfect one, "to have been
    released", tells what is done; "protocol called for her to be taken" what was meant
    then)."""
    if not any(a.lower_ == "to" for a in aux):
        return False
    if token.tag_ == "VB":
        return True
    head = token.head
    told_past = head.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children
    )
    passive = any(a.dep_ == "auxpass" and a.tag_ == "VB" for a in aux)
    return token.tag_ == "VBN" and passive and not told_past


_WEEKDAY_WORDS = {w for w in lexicon()["weekdays"] if w.endswith("day")}


_DONE_GERUND_HEADS = {"after", "since", "following", "despite", "upon"}


def _done_gerund(token: Any, aux: list[Any]) -> bool:
    """A gerund after "after", "since" or "following" ("after selling some of its shares
    in August") under a present clause ("the fund now holds …", "Since announcing in October
    …, Mr. Biden has"): done before it ("After meeting Trump on Thursday, Ryan will decide"
    looks ahead with its clause)."""
    if token.tag_ != "VBG" or aux or token.head.lower_ not in _DONE_GERUND_HEADS:
        return False
    for node in token.head.ancestors:
        if node.pos_ in ("VERB", "AUX") and node.tag_ != "VBG":
            words = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            present = node.tag_ in ("VBZ", "VBP") or bool(words & {"has", "have"})
            return present and not words & (_FUTURE_AUX | _OBLIGATION | _MODALS)
            # a present clause or a present perfect: a past one may report a plan ("He
            # explained after winning Ohio on Mar. 15, he would have to …": the parse hangs
            # "after" on "explained")
    return False


def _month_to_do(span: Any, token: Any, aux: list[Any]) -> bool:
    """A bare month dating an infinitive's or a gerund's own verb ("to win in November",
    "eligible to vote in the November election", "Cruz's chances of winning in November"),
    or a weekday dating an infinitive's ("a chance to win it on Tuesday", "eligible to vote
    in the primary on Tuesday", "on pace to finish it on Monday afternoon"), where no clause
    above it is told in the past: a thing still to do, so the coming one, not the nearest.
    Not one in a past narration ("hoped to finish in March", "Visiting Richmond in June for
    a rally, he spoke", "changed her schedule to be in Ohio on Thursday"), nor a gerund
    after "after" or "since" ("after winning in March"), nor a weekday on a gerund ("is
    basking in winning Tuesday") or one the verb takes for its object ("a promise to spend
    Sunday with his children": a habit)."""
    weekday = any(t.lower_ in _WEEKDAY_WORDS for t in span) and span.root.tag_ != "POS"
    if not (MONTH_WORD.fullmatch(span.text) or weekday) or not _direct(span, token):
        return False
    if weekday and (token.tag_ == "VBG" or span.root.dep_ in _ARGUMENTS or token.lemma_ in _SPENDS):
        return False  # "spend Sunday with his children", "take Friday off": the day spent
    if token.tag_ == "VBG":  # "Cruz's chances of winning in November": a gerund, not
        if aux or token.dep_ == "advcl" or token.head.lower_ in _DONE_GERUND_HEADS:
            return False  # "after winning in March"; "Visiting Richmond in June, he …"
    elif token.tag_ != "VB" or not any(a.lower_ == "to" for a in aux):
        return False
    for node in token.ancestors:
        aux_of = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if node.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            a.tag_ in ("VBD", "VBZ", "VBP", "MD") for a in aux_of
        ):  # the first clause above with a finite verb ("was forced to step down …")
            return node.tag_ != "VBD" and not any(
                a.tag_ == "VBD" or a.lemma_ == "have" for a in aux_of
            )
    return True


def _copula_schedule(span: Any, token: Any, aux: list[Any]) -> bool:
    """A simple present "is" with an event for its subject and a weekday for its complement,
    in a sentence that ends as prose does ("The hearing is on Monday", "The funeral is Monday
    at noon"): the event's schedule, the day ahead. "Sales are up in March" (a month, a
    figure's period) and a whereabouts ("The candidates are in Ohio on Monday") are left to
    the nearest day."""
    if token.lemma_ != "be" or token.tag_ not in ("VBZ", "VBP") or aux:
        return False
    host = _attached_to(span.root)
    if span.root.lower_ not in _WEEKDAY_WORDS or host is None or host.i != token.i:
        return False
    if not any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNS") for c in token.children):
        return False
    if any(_other_predicate(c, span) for c in token.children):
        return False  # "are in Ohio on Monday": where they are, not when an event is
    return prose_end(token.sent)


def _other_predicate(child: Any, span: Any) -> bool:
    """A complement of "is" besides the date and other times of day ("at noon")."""
    if child.dep_ not in ("prep", "acomp", "attr", "oprd", "advmod"):
        return False
    if child.left_edge.i <= span.root.i <= child.right_edge.i:
        return False  # the date itself, or its preposition
    objects = [g for g in child.children if g.dep_ == "pobj"]
    timed = bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)
    return not (child.dep_ == "prep" and timed)


def _attached_to(node: Any) -> Any:
    """The word a date hangs on: through its preposition ("is on Monday") or directly."""
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "for"):
        return head.head
    return head if node.dep_ in ("attr", "npadvmod") else None


def _own_subject(token: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _participle_with_subject(token: Any, aux: list[Any]) -> bool:
    """A participle heading its clause with a subject of its own and no auxiliary ("The
    company's third quarter ended in September", tagged VBN after a possessive): the tagger's
    misreading of a simple past, not a passive or a reduced relative."""
    return (
        token.tag_ == "VBN"
        and not aux
        and token.dep_ in ("ROOT", "conj")  # not "held the markets closed until Friday"
        and any(c.dep_ == "nsubj" for c in token.children)
    )


def intended_then(infinitive: Any) -> bool:
    """An infinitive under a word of intention told in the past ("agreed to meet again on
    Jan. 6", "was asked to break the news on Dec. 18"): ahead of the telling, not of now, so
    neither the past of "began to fall in November" nor the future of "plans to meet Friday"
    but the nearest such day; a schedule ("were set to resume on Tuesday") still looks
    ahead."""
    head = infinitive.head
    if infinitive.tag_ != "VB" or infinitive.dep_ != "xcomp" or head.i == infinitive.i:
        return False
    if _lemma(head) not in _INTENT or _lemma(head) in _SCHEDULE:
        return False  # a schedule told in the past still looks ahead: "were set to resume"
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    return head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)


def _intends(infinitive: Any) -> bool:
    """An infinitive looks ahead when a word of intention or schedule governs it ("plans to",
    "is due to", "agreed to"), or it heads the clause; not as a noun's complement ("an
    effort to bounce back from Monday's debate") nor under "forcing"/"attempting"."""
    head = infinitive.head
    if infinitive.dep_ not in ("xcomp", "ccomp", "advcl") or head.i == infinitive.i:
        return infinitive.dep_ in ("ROOT", "conj")
    if infinitive.dep_ == "xcomp" and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
        return True  # "is to resume trading Tuesday", "are to meet on Friday": arranged
    for node in (head, head.head if head.dep_ == "acomp" else head):
        if _lemma(node) in _SCHEDULE or _lemma(node) in _INTENT:
            return True
    return any(c.lower_ in _FUTURE_AUX for c in head.children if c.dep_ == "aux")


def _morph_tense(token: Any, aux: list[Any]) -> str:
    """The tense a language's morphology gives (pipelines without Penn tags)."""
    for word in (*aux, token):
        tense = word.morph.get("Tense")
        finite = "Fin" in word.morph.get("VerbForm")
        if "Fut" in tense:
            return "future"
        if "Past" in tense and finite:
            return "past"
    if "Part" in token.morph.get("VerbForm") and any(a.lemma_ in _PERFECT_AUX for a in aux):
        return "past"
    return "present"


def _scheduled(token: Any) -> bool:
    """ "scheduled", "set", "due", "planned", or the "to" of "is to meet". A word that is a
    schedule only in one sense ("set", "book") needs the plan's "for", "at" or "to" ("a
    deadline set at June 1", "set to resume"): "a record set on Aug. 6" was set then, and
    "set in stone" is no plan."""
    lemma = _lemma(token)
    if lemma in _SCHEDULE and lemma in _SCHEDULE_IF_FOR:
        return any(
            (c.dep_ == "prep" and c.lower_ in ("for", "at")) or c.dep_ in ("xcomp", "acomp")
            for c in token.children
        )
    if lemma in _SCHEDULE:
        return True
    return any(c.dep_ == "acomp" and _lemma(c) in _SCHEDULE for c in token.children)


def frame_of(span: Any, tense: str | None = None) -> str:
    """What the sentence says of the event ``span`` dates: past | present | future | void.

    Void: the event is cancelled, called off or postponed ("cancel Tuesday's vote", "the
    game on Friday was called off"; the new date of "postponed until Friday" is not void),
    a counterfactual ("would have turned 60 on Friday"), or a plan told in a past frame
    ("she was due to marry on May 17", "had been set for Thursday") unless it is reported
    speech ("officials said the talks were scheduled for Friday" is still to come).
    """
    tense = tense or tense_of(span)
    voided = _cancelled(span)
    if voided == "new date":
        return "future"  # "postponed until Friday": Friday is the event's new date
    if voided:
        return "void"
    if tense != "past" and happened_event(span):
        return "past"  # "will vote … because of the slaying on Friday": the killing is done
    if tense != "past" and looked_back_on(span):
        return "past"  # "the fallout from Monday's debate will shape the race": it is over
    if measured_period(span):
        return "present"  # "the release of the November jobs report": the nearest November
    if tense == "past" and owned_month(span):
        return "present"  # "Cross called November's general election …": the nearest
    if (
        tense == "present"
        and month_of_event(span, _CALENDAR_EVENTS)
        and _governor(span).tag_ not in ("VBN", "VBD")
    ):
        return "future"  # "aren't eligible to vote in the November general election",
        # said in March: the coming November, the election still on the calendar; not
        # under a participle ("carried narrowly by Trump in February's primary")
    verb = _governor(span)
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"would", "could", "should", "might", "'d", "’d"} and "have" in aux:
        return "void"
    if _old_date(verb):
        return "void"  # "originally planned for Thursday": the date the plan no longer has
    if _direct(span, verb) and _hypothetical(verb):
        return "hypothetical"  # "might visit on Thursday", "if it rains tomorrow"
    planned = _past_plan(verb)
    if planned is not None:
        return "future" if planned.dep_ == "ccomp" and _reported(planned.head) else "void"
    if _plan_participle(verb) and _direct(span, verb):  # "the talks scheduled for Friday":
        noun = verb.head  # the plan stands as of the clause that speaks of the talks
        said = tense_of(noun.doc[noun.i : noun.i + 1])
        return "void" if said == "past" else "future"
    return tense


def _plan_participle(verb: Any) -> bool:
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and _scheduled(verb)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _looking(tense: str, frame: str) -> str:
    """The direction a relative date resolves in: a plan still to come looks forward (even
    told in the past: "said the talks were scheduled for Friday"); a void one (cancelled,
    a plan in a past frame) takes the nearest day."""
    if frame in ("future", "hypothetical"):
        return "future"
    if frame in ("past", "present"):
        return frame  # "the slaying on Friday" under "will vote": the event, not the verb
    return "present" if frame == "void" else tense


def _old_date(verb: Any) -> bool:
    """ "originally planned for Thursday", "was initially due on Monday": a schedule word
    with an adverb saying the plan was once so."""
    if not _scheduled(verb):
        return False
    nodes = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    return any(c.dep_ == "advmod" and c.lower_ in _OLD_DATE for n in nodes for c in n.children)


def _conditional(token: Any) -> bool:
    """``token`` is the verb of a condition ("if it rains") or heads a clause that has one."""
    if any(c.dep_ == "mark" and c.lower_ in _CONDITION for c in token.children):
        return True
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _CONDITION for g in c.children)
        for c in token.children
    )


def _direct(span: Any, verb: Any) -> bool:
    """``span`` dates ``verb`` itself ("tour on Thursday", "snows tomorrow"), not a noun of
    its clause ("warnings on Thursday that strikes could harm")."""
    head = span.root.head
    if head.dep_ == "prep" or (span.root.dep_ == "compound" and head.dep_.startswith("nsubj")):
        head = head.head  # "on Thursday"; "if tomorrow Airbus will …" (parsed a compound)
    return head.i == verb.i


def _hypothetical(verb: Any) -> bool:
    """The event may or may not happen: a condition ("if the bill passes, the rules would
    take effect Monday"; "if it rains tomorrow") or a modal ("might visit on Thursday").
    Reported "would" ("he said he would visit on Thursday") is the future of the past, a
    plan; "could not attend" is a past inability and "may have left" a past guess."""
    aux = [c for c in verb.children if c.dep_ == "aux"]
    words = {a.lower_ for a in aux}
    if verb.tag_ == "VBD" and _unreal_condition(verb):
        return True  # "how ties would fare if he won the election on Nov. 8": not told
    if verb.tag_ == "VBD" and not words & _MODALS:
        return False  # "told reporters on Tuesday that, if needed, …": it happened
    node = verb
    for _ in range(4):
        if _conditional(node):
            return True
        if node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
            continue
        break
    modal = words & _MODALS
    if not modal or "have" in words:
        return False
    if "could" in modal and _negated(verb):
        return False  # "could not be reached Wednesday", "neither could be located": it failed
    return not (modal <= {"would", "'d", "’d"} and verb.dep_ == "ccomp" and _reported(verb.head))


def _unreal_condition(verb: Any) -> bool:
    """A simple past in an if-clause whose main clause says what would be ("ties would
    suffer if he won the election on Nov. 8"): a condition still open, not a past event
    ("if he had won …, he would have …" is a past one)."""
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in _CONDITION for c in verb.children
    ):
        return False
    main = verb.head
    own = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    said = {c.lower_ for c in main.children if c.dep_ in ("aux", "auxpass")}
    return bool(said & {"would", "could", "might"}) and not (own | said) & {"had", "have"}


def _negated(verb: Any) -> bool:
    """The clause of ``verb`` says no: "not", "never", or a subject with neither/nor/no one."""
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        t.lower_ in ("neither", "nor", "nobody", "none", "no") for s in subjects for t in s.subtree
    )


def _payment_date(span: Any) -> bool:
    """ "payable Dec. 15", "stock of record Nov. 17", "effective June 1": a term's date."""
    node = span.root
    for _ in range(2):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in _NEAREST_HEADS:
            return True
        if node.dep_ != "prep" and node.pos_ != "ADP":
            return False
    return False


def _reduced_past(verb: Any) -> bool:
    """A past participle modifying a noun, with no auxiliary and no word of schedule: "the
    year ended March 31", "a record reached on Aug. 6" (not "talks scheduled for March")."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and not _scheduled(verb)
    )


def _past_plan(verb: Any) -> Any | None:
    """The past-tense scheduling verb above ``verb`` ("was due to marry", "were set to
    meet", "had been scheduled for"), or None."""
    node = verb
    for _ in range(4):
        head = node.head
        if node.dep_ == "xcomp" and head.i != node.i:
            node = head
            if node.dep_ == "acomp" and node.head.i != node.i:
                node = node.head
            continue
        break
    if not (_scheduled(node) or (node.lemma_ == "be" and node.i != verb.i)):
        return None
    aux = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
    if node.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return node
    return None


def _reported(token: Any) -> bool:
    return token.lemma_.lower() in _REPORTING


def _cancelled(span: Any) -> str:
    """ "void" when a void word governs the dated thing in its own clause ("cancel Tuesday's
    vote") or modifies it ("the cancelled match on Friday"); "new date" when the date is
    where a void word moves the event to ("postponed until Friday"); else ""."""
    node = span.root
    prep = None  # the preposition nearest the date ("pushed back from Monday": from)
    for _ in range(8):
        if node.head.i == node.i:
            break
        child, node = node, node.head
        if prep is None and child.dep_ == "prep":
            prep = child.lower_
        moves = _lemma(node) in _MOVE and node.pos_ == "VERB"
        if moves and prep is not None and child.dep_ in ("prep", "prt", "advmod"):
            if prep == "from":
                return "void"  # "moved from Tuesday": the old date
            if prep in _NEW_DATE:
                return "new date"  # "moved to Saturday", "pushed back to Friday"
        if _voids(node):
            moved = child.dep_ == "prep" and child.lower_ in _NEW_DATE
            if not moved and _act_dated(node, child):
                return ""  # "since he suspended his campaign in February": the suspending
            return "new date" if moved else "void"
        if any(c.dep_ == "amod" and _voids(c) for c in node.children):
            return "void"
        if node.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") or _reduced_past(node):
            break  # "suspend the injunction issued Thursday": the issuing happened
    return ""


def _act_dated(verb: Any, child: Any) -> bool:
    """The date hangs on a void verb told in the past that names what it voids apart from
    the date ("since he suspended his own campaign in February", "the league cancelled the
    match on Friday"): it dates the act of voiding, done, not the voided event."""
    if child.dep_ not in ("prep", "npadvmod") or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" and not aux:
        return True
    return verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)


def _voids(token: Any) -> bool:
    lemma = _lemma(token)
    if lemma not in _VOID:
        return False
    particle = _VOID_PARTICLES.get(lemma)
    return particle is None or any(c.lower_ == particle for c in token.children)


governor = _governor
looking = _looking
payment_date = _payment_date
reduced_past = _reduced_past
