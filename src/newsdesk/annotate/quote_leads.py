"""Speakers named outside a quotation's own sentence, for :mod:`.quotes`.

Shapes a news report uses to credit a quotation without a cue verb next to it:

- a name and a colon as the lead-in (``Ruiz: “…”``, ``Sen. Tomas Berg (R-Ost.): “…”``,
  a headline's ``… - Ana Ruiz: “…”``): a debate digest or an exchange at a hearing;
  the name must be a person's (NER's PERSON, or the surname of a person named in the
  article), and the lead-in holds no verb but one before the name (``Continued Stone:``),
  in the quotation's paragraph or, alone, in the paragraph before;
- the sentence right before, in the same paragraph, whose main clause has a person
  for its subject (``Ana Ruiz agreed. “The bridge …”``, ``Lee called him a master
  of deals. “He showed …”``): the quotation is that person's, and not more of a
  quotation earlier in the paragraph (whose speaker may be someone else);
- a cue set off before the clause that holds a quotation (``During her terms, Ana Ruiz
  said, most people have come to believe “…”`` / ``As Ruiz put it in July, the levy is
  “…”``): the clause after the cue is what the named subject said;
- a paragraph of its own after a quotation alone in its paragraph, a dash and a name
  (``“…” ¶ — Ana Ruiz.``, ``- Tomas Varga, Kell.``): fact checks, epigraphs and lists of
  quotable lines sign a quotation so;
- a paragraph break between a cue verb and the subject the parser gave it (a live
  blog's time stamp, ``6:50 p.m.`` ¶ ``Ana Ruiz has told …``): no subject at all.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_lexicon import cue_lexicon
from newsdesk.annotate.quote_marks import QuotedSpan
from newsdesk.annotate.quote_parse import _appositions, _paragraph_end

__all__ = [
    "across_paragraphs",
    "later_report",
    "name_colon",
    "paragraph_subject",
    "parenthetical",
    "previous_subject",
    "reporting_lead",
    "signed_line",
]

_SUBJ = ("nsubj",)
_PRONOUNS = ("he", "she")
_BODIES = ("ORG", "NORP", "GPE")
_DASHES = ("-", "–", "—", "--")
# a paragraph that signs the quotation above it: "— Ana Ruiz." / "- Sen. Lee" / "- Ana
# Ruiz, Kell." (a person's name, then what they are or were doing after a comma)
_SIGNED = re.compile(
    r"\s*([-–—―]{1,2})[ \t]*((?:[A-Z][\w.'’-]*[ \t]?){1,5}?)(,[^\n]*)?\.?[ \t]*(?:\n|$)"
)


def across_paragraphs(a: Any, b: Any) -> bool:
    """Whether a paragraph break lies between tokens ``a`` and ``b`` (either order)."""
    lo, hi = sorted((a.i, b.i))
    return any("\n" in token.text for token in a.doc[lo:hi] if token.is_space) or any(
        "\n" in token.whitespace_ for token in a.doc[lo:hi]
    )


def paragraph_subject(subject: Any, verb: Any) -> Any | None:
    """For a subject the parse put in a paragraph before its verb's (``5:45 p.m.`` ¶
    ``Ana Ruiz’s doctor is calling …``: "p.m."), the head of the noun phrase that opens the
    verb's paragraph and hangs on that subject or above the paragraph; else None."""
    doc = verb.doc
    start = verb.i
    while start > 0 and not ("\n" in doc[start - 1].text and doc[start - 1].is_space):
        start -= 1
    for token in doc[start : verb.i]:
        if token.pos_ not in ("NOUN", "PROPN", "PRON") or token.is_space:
            continue
        if token.head.i < start or token.head.i == subject.i:
            return token
    return None


def _cue_form(word: str, verbs: frozenset[str]) -> bool:
    """Whether ``word`` is a past or third-person form of a cue verb (stated, adds)."""
    return any(
        word.endswith(end) and word[: -len(end)] + back in verbs
        for end, back in (("ed", ""), ("ed", "e"), ("d", ""), ("s", ""), ("es", ""), ("ied", "y"))
    )


_SALUTATIONS = frozenset({"dear", "hi", "hello", "to"})


_NAME_BEFORE_ASIDE = 4  # "Sen. Marta Holm, in a post …:": a name of a few words


def name_colon(window: Any, is_person: Any, verbs: frozenset[str] = frozenset()) -> Any | None:
    """The last word of the person's name that a lead-in ending in a colon consists of:
    ``Ruiz:`` / ``Sen. Tomas Berg (R-Ost.):`` / ``TOLLS UP AGAIN - Ana Ruiz:``. The words
    after the last dash, a parenthesis left out, must hold no verb (but a form of a cue
    of ``verbs`` opening them: ``Continued Stone:``), at most eight words, and end in a
    name ``is_person`` accepts."""
    tokens = [t for t in window if not t.is_space]
    if len(tokens) < 2 or tokens[-1].text != ":":
        return None
    words: list[Any] = []
    depth = 0
    for token in tokens[:-1]:
        if token.text.startswith("("):
            depth += 1
        if depth == 0 and token.text in _DASHES and token.whitespace_:
            words = []  # a headline before a spaced dash: only the words after it
        elif depth == 0:
            words.append(token)
        if token.text.endswith(")"):
            depth = max(0, depth - 1)
    if not words or len(words) > 8 or any(t.lower_ == "by" for t in words):
        return None  # “…,” by Times' Ana Ruiz: a byline, not a speaker
    if words[0].lower_ in _SALUTATIONS:
        return None  # DEAR ABBY: a letter's salutation names who reads it, not who speaks
    cued = len(words) > 1 and _cue_form(words[0].lower_, verbs)
    if cued:
        words = words[1:]  # Continued Stone: / Added Ruiz: the cue before the name
    if any(t.pos_ in ("VERB", "AUX") and t.ent_type_ != "PERSON" for t in words):
        return None  # Article 33 affirms: a clause, read by the colon lead
    last = words[-1]
    if last.dep_ == "pobj":  # Marta Holm, in a post on Instagram: the name the aside follows
        comma = next((i for i, t in enumerate(words) if t.text == ","), 0)
        last = words[comma - 1] if 0 < comma <= _NAME_BEFORE_ASIDE else last
        if last.dep_ == "pobj":
            return None  # a place or a medium the words came through speaks for no one
    if not last.text[:1].isupper():
        return None
    # a cue opening the lead-in speaks for a name NER missed (Continued Stone:)
    named = cued and len(words) <= 3 and all(t.pos_ == "PROPN" for t in words)
    return last if named or last.ent_type_ == "PERSON" or is_person(last) else None


def previous_subject(
    doc: Any,
    start: int,
    is_person: Any,
    verbs: frozenset[str] = frozenset(),
    *,
    paragraph_before: bool = False,
) -> tuple[Any, Any] | None:
    """(subject, verb) of the sentence right before character ``start`` in the same
    paragraph, when that subject is a person (or he/she) and the sentence holds no
    quotation: ``Ana Ruiz agreed. “…”``. A cue verb of ``verbs`` in the sentence decides
    (Also, Lee is no conservative, he said. “…”: he); else the main clause nearest the
    quotation (Playbook won’t go that far, but Sherman wants …: Sherman). With
    ``paragraph_before``, for a quotation that opens its paragraph, the last sentence of
    the paragraph before (Trump spoke only in bromides. ¶ “We have to be tougher.”), where
    a body speaks too when that sentence has it put out a statement (At Holm's direction,
    the union issued a statement apologizing to the crews. ¶ “On behalf of …”). A clause
    of "be" speaks only with the manner it gives (Olsen was blunt. “…”), never with where
    or what someone was (Reagan was at the Gate in 1987 when … ¶ “He should …”)."""
    text = doc_text(doc)
    before = text[:start].rstrip(" \t")
    if not before or before[-1] == "\n":
        if not paragraph_before:
            return None  # the quotation opens its paragraph
        before = before.rstrip()
        if not before or before[-1] not in ".!?":
            return None  # a heading or a colon's lead-in, read elsewhere
        start = len(before)
    token = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if token is None or not len(token):
        return None
    sent = token[0].sent
    paragraph = text.rfind("\n", 0, start) + 1
    if text[start : sent.end_char].strip():
        return None  # the parse runs the sentence into the quotation
    if any(mark in text[max(paragraph, sent.start_char) : start] for mark in '“”"«»'):
        return None  # a sentence with a quotation of its own: its attribution decides
    root = sent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    cues = _outer_cues([t for t in sent if t.lemma_.lower() in verbs and t.pos_ == "VERB"])
    clauses = [root, *(c for c in root.children if c.dep_ == "conj")]
    # a cue with no subject of its own (Asked whether …, Olsen was blunt.) leaves it to them
    clauses = clauses + cues if any(_verb_subjects(c, paragraph) for c in cues) else clauses
    for verb in reversed(clauses):
        if verb.pos_ not in ("VERB", "AUX") or verb.idx < paragraph:
            continue
        if verb.lemma_ == "be" and not any(c.dep_ == "acomp" for c in verb.children):
            continue  # where or what someone was (Reagan was at the Gate in 1987) says nothing
        subjects = _verb_subjects(verb, paragraph)
        if not subjects:
            continue
        subject = _nearest_person(subjects, verb, is_person)
        named = (subject, *_appositions(subject))  # His partner, Lena Holm, …: she
        if subject.lower_ in _PRONOUNS or any(is_person(t) for t in named):
            return subject, verb
        nested = [t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
        if nested and is_person(nested[-1]):  # His partner at Lenox, Lena Holm, …: the parse
            return nested[-1], verb  # hung the name on Lenox
        issued = paragraph_before and _issues_statement(verb, subject)
        return (subject, verb) if issued else None
    return None


def _issues_statement(verb: Any, subject: Any) -> bool:
    """Whether a body's sentence puts out the statement that the quotation after it gives
    (the union issued a statement apologizing …): the verb's object is a word of the cue
    lexicon's statements and its subject a name (an organisation, a party), not a thing."""
    statements = cue_lexicon().statements
    issued = any(c.dep_ == "dobj" and c.lemma_.lower() in statements for c in verb.children)
    return issued and (subject.ent_type_ in _BODIES or subject.pos_ == "PROPN")


def reporting_lead(
    doc: Any, start: int, is_person: Any, verbs: frozenset[str]
) -> tuple[Any, Any] | None:
    """(subject, cue) of the sentence right before a quotation that opens a sentence it
    does not end, when that sentence reports a person's words (Varga, the builder's lawyer,
    argues that his client cut no corners. “The city is claiming that the steel” was to
    blame.): the quotation goes on with what that person argues, not with the last
    quotation's speaker, whose words the reported clause between has closed."""
    pair = previous_subject(doc, start, is_person, verbs)
    return pair if pair is not None and pair[1].lemma_.lower() in verbs else None


def later_report(
    doc: Any, start: int, is_person: Any, verbs: frozenset[str], after: int
) -> tuple[Any, Any] | None:
    """(subject, cue) of the last sentence of the paragraph before a quotation that opens
    its paragraph, when that sentence reports a person's words with a cue after character
    ``after`` (the cue of the last statement): “…,” said Keller. Linda Marsh said she has
    heard it before. Rather, she said, the pilots should … ¶ “We cannot …”: she, not
    Keller, whose words the reports between have closed."""
    pair = previous_subject(doc, start, is_person, verbs, paragraph_before=True)
    if pair is None or pair[1].lemma_.lower() not in verbs or pair[1].idx <= after:
        return None
    return pair


def _verb_subjects(verb: Any, paragraph: int) -> list[Any]:
    """The subjects of ``verb`` in its paragraph before it; for a verb coordinated with
    or governed by one that has the subject (Ruiz seemed taken aback and mentioned that
    …: "mentioned" hangs on "taken", which hangs on "seemed"), that one's."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in _SUBJ and paragraph <= c.idx < verb.idx]
        if subjects or verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return subjects
        verb = verb.head


def _nearest_person(subjects: list[Any], verb: Any, is_person: Any) -> Any:
    """The subject that says the words of a verb parsed with two subjects (Or maybe Ruiz,
    analyst Tomas Keller says. “…”: "Ruiz" and "Keller"): the person nearest the verb;
    else the first subject."""
    people = [subject for subject in subjects if is_person(subject)]
    if len(subjects) < 2 or not people:
        return subjects[0]
    return min(people, key=lambda subject: abs(verb.i - subject.i))


def _outer_cues(cues: list[Any]) -> list[Any]:
    """The cue verbs not inside the clause another of them reports: in ``Ortega said
    that the city would add officers`` "add" is what Ortega said, not a cue of its own,
    so the city is no speaker."""
    ids = {t.i for t in cues}
    return [t for t in cues if not any(a.i in ids for a in t.ancestors)]


def parenthetical(
    doc: Any, start: int, end: int, verbs: frozenset[str]
) -> tuple[Any, Any, int] | None:
    """(subject, cue verb, first token of the clause it reports) for a cue set off inside
    the words before a quotation, hanging on a verb after it: ``…, Ana Ruiz said, most
    people believe “…”`` / ``As Ruiz put it in July, the levy is “…”``. The subject is a
    name or he/she; the clause starts after the cue's words and their comma."""
    window = doc.char_span(start, end, alignment_mode="contract")
    if window is None:
        return None
    for verb in window:
        lemma = verb.lemma_.lower()
        aside = lemma == "put" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        if verb.pos_ != "VERB" or not (lemma in verbs or aside):
            continue
        if verb.dep_ not in ("parataxis", "advcl") or verb.head.i <= verb.i:
            continue
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            continue  # a cue with a clause of its own reports that clause
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if not subjects:
            continue
        subject = subjects[0]
        named = subject.ent_type_ in ("PERSON", "ORG") or subject.pos_ == "PROPN"
        if not named and subject.lower_ not in _PRONOUNS:
            continue
        lo = verb.right_edge.i + 1
        while lo < window.end and (window.doc[lo].is_punct or window.doc[lo].is_space):
            lo += 1
        if lo < window.end:
            return subject, verb, lo
    return None


def signed_line(doc: Any, span: QuotedSpan) -> tuple[Any, str] | None:
    """(name head, dash) of the paragraph that signs a quotation alone in its paragraph
    (“…” ¶ — Ana Ruiz.), as fact checks and epigraphs credit it. A name with an apposition
    after a comma (- Ana Ruiz, Kell. / - Sen. Lee, after the vote.) must be a person's or
    a name NER gave no type: "- Paris, France." signs nothing."""
    text = doc_text(doc)
    end = _paragraph_end(text, span.end)
    if text[span.end : end].strip() or text[: span.start].rstrip(" \t")[-1:] not in ("", "\n"):
        return None
    found = _SIGNED.match(text, end)
    if found is None:
        return None
    stop = found.end(2)
    while stop > found.start(2) and text[stop - 1] in ". \t":
        stop -= 1
    name = doc.char_span(found.start(2), stop, alignment_mode="contract")
    if name is None or not len(name):
        return None
    person = any(token.ent_type_ == "PERSON" for token in name)
    kinds = {token.ent_type_ for token in name if token.pos_ == "PROPN"}
    proper = bool(kinds) and (found.group(3) is None or kinds == {""})
    return (name[-1], found.group(1)) if person or proper else None
