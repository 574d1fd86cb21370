"""The speaker head of a cue verb: its subject, the name an inverted cue puts after it
("said Lee"), the asker of a passive "asked", the one saying it in "footage of X saying";
never a time, a date or a number. :mod:`newsdesk.annotate.quotes` asks it for every cue
verb it reads."""

from __future__ import annotations

from typing import Any

from newsdesk.annotate.quote_clauses import ADDRESSED, addressed, asker, with_object
from newsdesk.annotate.quote_leads import across_paragraphs, paragraph_subject
from newsdesk.annotate.quote_lexicon import cue_lexicon
from newsdesk.annotate.quote_parse import _name_after, _name_before

_SUBJ = ("nsubj", "nsubjpass")
_RELATIVE_TAGS = ("WP", "WDT")  # who, whom, which, that (as a relative pronoun)
_INVERTED = ("dobj", "npadvmod", "attr", "nsubj", "appos", "dep", "oprd")
# cue verbs that tell of a finding or a deed, not of words, after "for" (praised Lee for
# showing “…”, thanked her for continuing “…”): the one praised said nothing by them
_DEEDS = frozenset({"show", "find", "learn", "continue", "indicate", "signal"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})
# the words that open a clause of time a participle may tell of (…, when Olsen spoke, adding)
_TIME_MARKS = frozenset({"when", "as", "while", "after", "before"})
_MARKS = ("mark", "advmod")
_NOT_SPEAKERS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART"}
)


def _subject(verb: Any, lo: int, hi: int) -> Any | None:
    """The speaker head of a cue verb: its subject, else a name next to it (said Lee); for
    a passive "asked" the asker ("by X"), never the one asked (Lee was asked, “…?”), and
    so for a passive verb that names or frames (Lee was called “…” by Ruiz: Ruiz)."""
    told = _according_to(verb, lo, hi)
    if told is not None:
        return told
    if addressed(verb) or _named_in_passive(verb):
        found = asker(verb)
        return found if found is not None and lo <= found.i < hi else None
    subjects = [  # a dash parsed as a subject (public ― Trump boasted) is none
        c
        for c in verb.children
        if c.dep_ in _SUBJ and lo <= c.i < hi and any(ch.isalnum() for ch in c.text)
    ]
    subjects = [_named(child, verb) for child in _person_first(_relative_last(subjects), verb)]
    for child in subjects:  # 6:50 p.m. ¶ Ana Ruiz has told …: no subject of this paragraph
        if not across_paragraphs(child, verb):
            return child
    if subjects:
        return paragraph_subject(subjects[0], verb)
    before = verb.doc[verb.i - 1] if verb.i > lo else None
    if (
        verb.tag_ == "VBG"
        and before is not None
        and before.ent_type_ == "PERSON"
        and before.dep_ == "pobj"
    ):
        return before  # footage of Ana Ruiz saying “…”: she says it
    named = with_object(verb)
    if named is not None and lo <= named.i < hi:  # …, with Ruiz saying, “…”: Ruiz says it
        return named
    speech = verb.lemma_.lower() in cue_lexicon().speech
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        # Ruiz said the plan … and said, “…” / Ruiz said the plan … and called him “…”
        outer = _reporting(verb) if speech or _named_by_thing(verb) else None
        head = _outside_relative(verb, verb.head if outer is None else outer)
        nearer = _clause_before(verb, head, lo, hi)
        if nearer is not None:
            return nearer
        for _ in range(4):  # X supports …, opposes … and recalled …: “…”: the first's subject
            head, subjects = _coordinated_subjects(head, verb, lo, hi)
            if subjects:
                return _named(_person_first(subjects, head)[0], head)
            if head.dep_ != "conj" or verb.dep_ != "conj" or head.head.i == head.i:
                break
            head = head.head
    if speech and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
        found = _for_saying(verb, lo, hi)
        if found is not None:
            return found
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.i < verb.i:
        head = verb.head  # footage of Trump saying “…”: the one saying it
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
            return head
        holder = _holder(head, lo, hi, set_off=verb.doc[verb.i - 1].text == ",")
        if holder is not None:
            return holder
    opens = all(token.is_punct or token.is_space for token in verb.doc[lo : verb.i])
    aside = _subject_before_aside(verb, lo)
    if aside is not None:  # Ruiz, citing “…,” said the union …: Ruiz, not the union
        return aside
    if verb.lemma_.lower() not in ADDRESSED or opens:  # “…?” asked the boy: the boy asks
        found = _inverted(verb, lo, hi)
        if found is not None:
            return found
    return _name_before(verb, lo) or (_name_after(verb, hi) if opens else None)


def _subject_before_aside(verb: Any, lo: int) -> Any | None:
    """The subject of ``verb`` standing before token index ``lo``, where the words between
    are an aside set off by commas that ends right before the verb (Ruiz, citing “the
    worst season in a decade,” said the union …): the quotation is the aside's, and the
    one who speaks by the verb is that subject, not a name after the verb."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ not in _SUBJ or child.i >= lo or child.right_edge.i + 1 >= verb.i:
            continue
        opening = doc[child.right_edge.i + 1]
        closing = [t for t in doc[opening.i + 1 : verb.i] if not t.is_quote][-1:]
        if opening.text == "," and closing and closing[0].text == ",":
            return child
    return None


def colon_speaker(pair: tuple[Any, Any] | None) -> tuple[Any, Any] | None:
    """(speaker head, cue) of a lead-in that ends in a colon, as found from its verb, when
    that verb is no cue of speech and so tells nothing of who speaks: in a clause a speech
    cue reports (Another said he hoped with all his heart that Olsen wins: “…”), that
    cue's subject and verb; a thing as the subject and a person as the object right before
    the colon (The swing doesn't surprise pollster Tomas Keller: “…”), the person. Else
    ``pair`` as found."""
    if pair is None or pair[1].lemma_.lower() in cue_lexicon().speech:
        return pair
    subject, verb = pair
    reporting = _reporting_cue(verb)
    if reporting is not None:
        return reporting
    person = None if _someone(subject) else _person_before_colon(verb)
    return pair if person is None else (person, verb)


def _reporting_cue(verb: Any) -> tuple[Any, Any] | None:
    """(subject, verb) of the speech cue before ``verb`` in its paragraph and sentence
    whose reported clause holds it; else None."""
    speech = cue_lexicon().speech
    for ancestor in verb.ancestors:
        if ancestor.i > verb.i or ancestor.i < verb.sent.start:
            return None
        if across_paragraphs(ancestor, verb):
            return None  # … he's saying it.” ¶ Potts echoed: “…”: the parse ran on
        if ancestor.lemma_.lower() in speech and ancestor.pos_ == "VERB":
            found = [c for c in ancestor.children if c.dep_ in _SUBJ]
            return (found[0], ancestor) if found else None
    return None


def _person_before_colon(verb: Any) -> Any | None:
    """The object of ``verb`` that NER tags PERSON with the colon right after it."""
    doc = verb.doc
    for child in verb.children:
        after = doc[child.i + 1].text if child.i + 1 < len(doc) else ""
        if child.dep_ == "dobj" and child.ent_type_ == "PERSON" and after == ":":
            return child
    return None


def _according_to(verb: Any, lo: int, hi: int) -> Any | None:
    """The named person that "according to" on a cue verb credits (“…,” Olsen said,
    according to Ruiz: Ruiz tells it; according to Ruiz's account: that account); a
    newspaper, a recording or a document there is no speaker (“…,” Olsen said, according
    to the Kell Gazette: Olsen). Only on a verb of speech: a deed or a claim framed so (the
    campaign pays canvassers, according to Ruiz) is no quote of Ruiz's."""
    if verb.lemma_.lower() not in cue_lexicon().speech:
        return None
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ != "according":
            continue
        for word in child.children:
            for thing in word.children if word.lower_ == "to" else ():
                if thing.dep_ != "pobj" or not lo <= thing.i < hi:
                    continue
                owners = [c for c in thing.children if c.dep_ == "poss"]
                if _named_person(thing) or (owners and _named_person(owners[0])):
                    return thing
    return None


def _named_person(token: Any) -> bool:
    """Whether a word names a person: a proper noun with no article (the Kell Gazette is
    a paper whatever NER says) that NER tags PERSON or that is the surname of a person
    named in full in the document (NER may tag a surname alone as a place)."""
    if token.pos_ != "PROPN" or any(c.dep_ == "det" for c in token.children):
        return False
    return token.ent_type_ == "PERSON" or any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ == token.lower_
        for ent in token.doc.ents
    )


def _personal(token: Any) -> bool:
    """Whether a subject names a person: NER's PERSON in its head or the names before it
    (Sanders protesters), or he, she, they, we, I."""
    if token.lower_ in _PERSONAL:
        return True
    named = [token, *(c for c in token.lefts if c.dep_ in ("compound", "flat"))]
    return any(t.ent_type_ == "PERSON" for t in named)


def _someone(subject: Any) -> bool:
    """Whether a subject may be someone who speaks: a person, a name, or a title or role
    (the president, the prince); "it", "the first clash" are things."""
    lexicon = cue_lexicon()
    return (
        _personal(subject)
        or subject.pos_ == "PROPN"
        or subject.lemma_.lower() in lexicon.titles
        or subject.lemma_.lower() in lexicon.spokespeople
    )


def _clause_before(verb: Any, head: Any, lo: int, hi: int) -> Any | None:
    """A participle set off by a comma that the parse hung on a verb whose subject is a
    thing (The first clash came …, when Olsen interrupted her, shouting “…”; It was a sharp
    reply, as Ruiz echoed the criticism, saying …): the someone who is the subject of the
    clause of time right before the comma says it. Someone as the subject of ``head`` keeps
    it (Holm said … after the senator won, remarking …: Holm; the prince called for Olsen
    to quit, calling him …: the prince)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i < 2 or verb.i <= head.i:
        return None
    if verb.doc[verb.i - 1].text != ",":
        return None
    subjects = [c for c in head.children if c.dep_ in _SUBJ]
    if not subjects or any(_someone(subject) for subject in subjects):
        return None
    for token in verb.doc[head.i + 1 : verb.i - 1]:
        if token.pos_ not in ("VERB", "AUX") or token.right_edge.i != verb.i - 2:
            continue
        if not any(c.lower_ in _TIME_MARKS for c in token.children if c.dep_ in _MARKS):
            continue  # … called for Trump to drop out, calling him …: not a clause of time
        found = [c for c in token.children if c.dep_ in _SUBJ and lo <= c.i < hi]
        if found and _someone(found[0]):
            return found[0]
    return None


def _coordinated_subjects(head: Any, verb: Any, lo: int, hi: int) -> tuple[Any, list[Any]]:
    """(verb, its subjects) for a cue ``verb`` the parse coordinated with ``head``:
    ``head``'s own, unless the parse made quoted words a clause (Ruiz supports “…,” opposes
    “across-the-board pay freezes” and recalled …: "freezes", with "pay" for its subject),
    which say nothing of who speaks: then the verb they hang on and its subjects, or those
    of the first of a run of verbs the parse cut from it (:func:`_first_of_run`)."""
    coordinated = verb.dep_ == "conj" and verb.head.i == head.i and head.head.i != head.i
    quoted = coordinated and head.pos_ in ("VERB", "AUX") and _quoted(head, verb.i)
    if quoted:
        head = head.head
    subjects = [c for c in head.children if c.dep_ in _SUBJ and lo <= c.i < hi]
    return head, subjects or (_first_of_run(head, lo, hi) if quoted else [])


def _quoted(token: Any, end: int) -> bool:
    """Whether ``token`` stands inside quotation marks that open in its sentence and close
    before token index ``end``."""
    marks = [t for t in token.doc[token.sent.start : end] if t.is_quote]
    before = [t for t in marks if t.i < token.i]
    after = [t for t in marks if t.i > token.i]
    return bool(before and after) and before[-1].tag_ == "``" and after[0].tag_ == "''"


def _first_of_run(head: Any, lo: int, hi: int) -> list[Any]:
    """The subject of a run of verbs the parse cut after the first (Ruiz supports “…,”
    opposes “…”: "supports", with Ruiz, as a clause of "opposes", which has no subject):
    the subject of the clause that stands before ``head`` and ends in the comma before
    it, when ``head`` has none of its own."""
    for child in head.children:
        if child.dep_ != "ccomp" or child.i > head.i:
            continue
        between = head.doc[child.right_edge.i + 1 : head.i]
        if not any(token.text == "," for token in between):
            continue
        found = [c for c in child.children if c.dep_ in _SUBJ and lo <= c.i < hi]
        if found and not _quoted(found[0], head.i):  # “The plan is dead,” said Lee: no run
            return found
    return []


def _holder(thing: Any, lo: int, hi: int, *, set_off: bool = False) -> Any | None:
    """The person who put out the thing a participle tells of (Olsen released an ad
    calling it “a disgrace”: Olsen, not "it", the one the ad names): the subject of the
    verb whose object the thing is, when it is someone. A participle ``set_off`` by a
    comma after a preposition's object tells of that verb's subject too (Olsen ended the
    debate with a nod to the film, remarking, “…”: Olsen; the parse hung "remarking" on
    the nod, and the reporter who tweeted about it, earlier in the sentence, is no one
    who says it)."""
    verb = thing.head
    if set_off and thing.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif thing.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB":
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJ and lo <= c.i < hi]
    return subjects[0] if subjects and _someone(subjects[0]) else None


def _named_by_thing(verb: Any) -> bool:
    """Whether a verb that names or frames hangs, coordinated, on a verb whose subject is
    no person (Holm said Olsen's tax plan would give money …, and called him “…”: the
    plan names no one; the parse joined "called" to what Holm said, so Holm calls him).
    A person there may name someone in their own right (Ruiz said Olsen lied and called
    her “…”: Olsen), so only a thing's verb passes it on."""
    if verb.lemma_.lower() not in cue_lexicon().naming or verb.dep_ != "conj":
        return False
    subjects = [c for c in verb.head.children if c.dep_ in _SUBJ]
    return bool(subjects) and not any(
        s.ent_type_ == "PERSON" or s.pos_ in ("PROPN", "PRON") for s in subjects
    )


def _named(subject: Any, verb: Any) -> Any:
    """The word that names who speaks in a subject the parse got wrong, else ``subject``:
    a preposition taken for the subject (Of Olsen, Ruiz, who chairs the fund, said “…”:
    Ruiz, the phrase's last name set off by a comma outside its relative clauses), or a
    title or a place whose phrase the parse ran on into the name right before the verb,
    coordinated with it or in apposition (Radio Vice President for news and talk Karl
    Olsen called …; in Salem, Oregon, Olsen went …, calling …: Olsen); never an object
    there ("the lawyer for Ruiz", "voters backing Ruiz announced …")."""
    if subject.pos_ == "ADP":
        names = [t for t in _outside_relatives(subject) if _set_off_name(t)]
        return names[-1] if names else subject
    before = verb.doc[verb.i - 1] if verb.i > 0 else subject
    misread = subject.lower_ in cue_lexicon().titles or subject.ent_type_ in _PLACES
    if (
        misread
        and subject.ent_type_ != "PERSON"
        and before.ent_type_ == "PERSON"
        and before.dep_ in ("conj", "appos")
        and subject.i < before.i <= subject.right_edge.i
    ):
        return before
    return subject


def _set_off_name(token: Any) -> bool:
    """Whether ``token`` ends a proper name that a comma opens (Of Olsen, Ruiz, …: Ruiz;
    not Olsen, the preposition's own object, nor "Of Olsen, the mayor said")."""
    if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat"):
        return False
    first = min([c.i for c in token.children if c.dep_ in ("compound", "flat")] + [token.i])
    return first > 0 and token.doc[first - 1].text == ","


def _outside_relatives(head: Any) -> list[Any]:
    """The words of ``head``'s phrase, without the relative clauses inside it."""
    relatives = [token for token in head.subtree if token.dep_ == "relcl"]
    inside = {token.i for clause in relatives for token in clause.subtree}
    return [token for token in head.subtree if token.i not in inside]


def _person_first(subjects: list[Any], verb: Any) -> list[Any]:
    """A verb parsed with two subjects, a person among them (Radio Vice President for news
    and talk Peter Olsen called …: "President" and "Olsen"; Or maybe Ruiz, analyst Tomas
    Keller says: "Ruiz" and "Keller"): the person nearest the verb says the words, so the
    persons come first, nearest first."""
    if len(subjects) < 2 or not any(token.ent_type_ == "PERSON" for token in subjects):
        return subjects
    return sorted(subjects, key=lambda token: (token.ent_type_ != "PERSON", abs(verb.i - token.i)))


def _named_in_passive(verb: Any) -> bool:
    """Whether a verb that names or frames (called, dubbed, seen as, likened) stands in the
    passive: its subject is the one named, never the one who names it (Olsen is seen as
    “…”, Olsen was called “…” by Brandt: Brandt or no one). A passive speech verb keeps
    its subject (Olsen was quoted as saying …)."""
    lemma = verb.lemma_.lower()
    lexicon = cue_lexicon()
    if lemma not in lexicon.naming and lemma in lexicon.speech:
        return False
    return any(child.dep_ == "nsubjpass" for child in verb.children)


def _outside_relative(verb: Any, head: Any) -> Any:
    """The verb a participle set off by a comma tells of, when the parse hung it on a
    relative clause (Brandt was defensive about not paying a builder who said he was
    cheated, saying “…”: Brandt says it, not the builder): the first verb with a subject
    above the noun that clause describes; else ``head``."""
    if head.dep_ != "relcl" or verb.tag_ != "VBG" or verb.i == 0:
        return head
    if verb.doc[verb.i - 1].text != ",":
        return head
    for ancestor in head.head.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ for c in ancestor.children):
            return ancestor
    return head


def _relative_last(subjects: list[Any]) -> list[Any]:
    """A clause parsed with two subjects, one a relative pronoun (Olsen, who Brandt called
    “…”): the pronoun stands for the clause's object, the other subject says the words, so
    it comes first. A relative pronoun that is the only subject (Olsen, who said “…”) stays."""
    relative = [c for c in subjects if c.tag_ in _RELATIVE_TAGS]
    if not relative or len(relative) == len(subjects):
        return subjects
    return [c for c in subjects if c.tag_ not in _RELATIVE_TAGS] + relative


def _for_saying(verb: Any, lo: int, hi: int) -> Any | None:
    """The one saying it in "… for saying that …": the object of the verb the preposition
    hangs from (critics attacked Oz for saying …: Oz), else its subject (he appeared … for
    saying …; deflected questions before saying …: the subject); none for a verb of a
    deed (praised Oz for showing “…”: the praise is the quote, read as a framed clause)."""
    main = verb.head.head
    if verb.lemma_.lower() in _DEEDS:
        return None
    objects = [c for c in main.children if c.dep_ == "dobj" and lo <= c.i < hi]
    subjects = [c for c in main.children if c.dep_ in _SUBJ and lo <= c.i < hi]
    if verb.head.lower_ != "for":
        objects = []
    if main.pos_ in ("VERB", "AUX") and (objects or subjects):
        return (objects or subjects)[0]
    return None


def _inverted(verb: Any, lo: int, hi: int) -> Any | None:
    """The speaker an inverted cue puts after it ("said Lee", "said the mayor", parsed as
    an object); never a time, nor the plain noun a participle takes as its object
    (… in her letter explaining the merger, “…”: the merger says nothing)."""
    for child in verb.rights:
        if not lo <= child.i < hi or child.dep_ not in _INVERTED:
            continue
        if child.ent_type_ in _NOT_SPEAKERS:
            continue  # said Thursday morning, at 5:45 p.m.: a time, not a speaker
        if child.ent_type_ or child.pos_ in ("PROPN", "PRON"):
            return child
        if child.pos_ == "NOUN" and verb.tag_ != "VBG":
            return child
    return None


def _reporting(verb: Any) -> Any | None:
    """The speech verb whose reported clause holds the verb a cue hangs from: Ruiz said
    the plan was dead and said, “…” / Byrne wrote the agents knew …, saying “…”: said,
    wrote (the parse hung the second cue on the reported clause)."""
    head = verb.head
    outer = head.head
    if head.dep_ != "ccomp" or outer.i == head.i:
        return None
    return outer if outer.lemma_.lower() in cue_lexicon().speech else None


def reporter(head: Any, cue_index: int, verbs: frozenset[str], is_person: Any) -> Any:
    """For "he"/"she" speaking in what a person is reported to say, that person: Lynch
    said she recalled thinking, “…”: Lynch; The senator said she rarely asks …, “…”: the
    senator (an office written with "the" is a person too, though unnamed); never across a
    paragraph or a quotation (Ruiz said the plan was “dead.” ¶ “…,” she said: she,
    whatever the parse joined)."""
    if head.lower_ not in ("he", "she") or not 0 <= cue_index < len(head.doc):
        return head
    verb = head.doc[cue_index]
    while verb.dep_ == "ccomp" and verb.head.i != verb.i:
        verb = verb.head
        if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            return head
        between = head.doc[min(verb.i, head.i) : max(verb.i, head.i)]
        if across_paragraphs(verb, head) or any(token.is_quote for token in between):
            return head
        outer = _subject(verb, verb.sent.start, verb.sent.end)
        if outer is not None and (is_person(outer) or _office(outer)):
            return outer
    return head


def _office(token: Any) -> bool:
    """Whether a head token is an office written with "the" (the senator, the longtime
    senator): a person, whose name a pronoun beside it may give."""
    titled = token.lemma_.lower() in cue_lexicon().titles
    return token.pos_ == "NOUN" and titled and any(c.lower_ == "the" for c in token.children)


def tells_of_thing(verb: Any) -> bool:
    """Whether a cue verb with a subject before it takes a noun for its object (She noted a
    planned rally … / He demands legal safeguards …): after a closed quotation such a
    sentence tells of that thing, and does not credit the quotation. A verb whose object
    is the one spoken to (told reporters) still may."""
    if verb.lemma_.lower() in ADDRESSED:
        return False
    subject = any(c.dep_ in _SUBJ and c.i < verb.i for c in verb.children)
    thing = any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
    return subject and thing
