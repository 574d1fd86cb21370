"""The one whose words a quotation inside a clause are, when no cue verb frames it.

A quotation of real speech (a few words or more, no title) sits inside a clause whose
verb is no cue word: ``The agency declined to detail the investigation’s “specific
focus, scope or potential targets.”`` / ``Lee pledged to make the firm “build its
computers in this country.”`` / ``The ad hits Ruiz for taking “more money from banks
than from the whole state.”`` / ``Ruiz’s office sent out a release saying Lee owes
“the county an apology.”`` The quoted words belong to the subject the clause's verbs
climb to (through infinitives, participles, prepositions, objects and coordinated
verbs), never to a subject inside the quotation nor to the subject of what a cue verb
reports (… saying Lee owes “…”: not Lee). :func:`framing_subject` finds that
(subject, verb) pair; :mod:`.quotes` makes the clause after the verb the subject's
quote, a person's with a name, a body's or a document's shown with none.
"""

from __future__ import annotations

from typing import Any

from newsdesk.annotate.quote_clauses import with_object
from newsdesk.annotate.quote_speakers import unquoted_subject

__all__ = ["framing_subject", "reporting_participle"]

# the links a clause climbs from a quotation to the verb whose subject frames it
_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "pcomp",
        "prep",
        "pobj",
        "dobj",
        "acl",
        "conj",
        "oprd",
        "attr",
        "acomp",
        "dative",
        "appos",
        "nmod",
        "amod",
        "compound",
    }
)
_SUBJECTS = ("nsubj", "nsubjpass")
_STEPS = 8
# words that open no one's statement: expletives and demonstratives (It’s the pull of “…”)
_NO_SOURCE = frozenset({"it", "this", "that", "there", "which", "what"})
_PERSONAL = frozenset({"he", "she", "they", "we", "i"})
_RELATIVE_TAGS = ("WP", "WDT", "WP$")  # who, which, that (as a relative pronoun), whose


def framing_subject(doc: Any, start: int, end: int, cues: frozenset[str]) -> tuple[Any, Any] | None:
    """(subject, verb) for the quotation whose quoted words run from character ``start``
    to ``end``: the first verb above the quotation's words with a subject before them,
    climbing past a verb that a cue of ``cues`` reports (… saying Lee owes “…”: the one
    saying it); None when the climb ends first or the subject names no one, or when a
    cue reports a quotation the parse cut into sentences (that cue's reported clause,
    which the indirect pass reads, holds it whole). The climb stops at a relative clause,
    whose own subject frames the quotation when it is a person's
    (:func:`_relative_source`)."""
    inner = doc.char_span(start, end, alignment_mode="contract")
    if inner is None or not len(inner):
        return None
    token = _above(inner)
    if token is None:
        return None
    cut = any(t.head.i == t.i for t in inner)  # a sentence of the parse ends inside
    found = None
    conjunct = None  # the coordinated verb the climb came up from, which holds the words
    for _ in range(_STEPS):
        subject = _subject_before(token, inner.start)
        reported = token.dep_ == "ccomp" and token.head.lemma_.lower() in cues
        reports_it = _reports(token, inner.start, cues)
        if reported and cut:  # saying it fanned “hate. And …”: the clause a cue reports
            return None
        # the first verb with a subject, hung by the parse on a cue of the next paragraph,
        # is reported by no one (The petition accuses X of “…” ¶ Y said …: the petition's)
        first_ran_on = found is None and not _same_paragraph(token, token.head.i)
        if subject is not None and (not reported or first_ran_on):  # Lee outlined … and
            found = (subject, token if conjunct is None else conjunct)  # vowed to punish “…”
            if reports_it:  # with the campaign saying Lee was “…”: the campaign's words
                break
        if token.head.i == token.i or not _same_paragraph(token.head, inner.start):
            break  # a parse run on across paragraphs: the words before frame nothing
        if token.dep_ == "relcl":  # one in which she took credit for “…”: her words
            return _relative_source(found, token, cues)
        if token.dep_ not in _CLIMB:
            return None
        conjunct = token if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None if found is None else _source(*found)


def reporting_participle(doc: Any, start: int, verb: Any, cues: frozenset[str]) -> Any | None:
    """The cue with no subject of its own between the quotation whose words start at
    character ``start`` and the framing ``verb`` above it, nearest the quotation, that
    reports the clause holding it: the participle of speech whose clause the framing
    subject's words are (Ruiz pushed back, saying the bill was sound - and arguing that
    she and Lee shared “…”: the parse hung "arguing" inside what "saying" reports; Ruiz's
    words are the clause "arguing" reports, not all after "pushed"); None when there is
    none."""
    inner = doc.char_span(start, start + 1, alignment_mode="expand")
    if inner is None or not len(inner) or verb.i >= inner.start:
        return None
    first = inner.start
    token = doc[first]
    for _ in range(2 * _STEPS):
        if token.i == verb.i or token.head.i == token.i:
            return None
        token = token.head
        subject = any(c.dep_ in _SUBJECTS for c in token.children)
        if token.pos_ == "VERB" and not subject and _reports(token, first, cues):
            return None if token.i == verb.i else token
    return None


def _reports(verb: Any, first: int, cues: frozenset[str]) -> bool:
    """Whether cue ``verb`` reports the clause that holds token index ``first``: a cue with
    a subject of its own frames its quotation, however far up the sentence goes (Ruiz
    turned on Lee, with the campaign saying Lee was “…”: the campaign's words)."""
    if verb.lemma_.lower() not in cues:
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return any(c.left_edge.i <= first <= c.right_edge.i for c in clauses)


def _relative_source(
    found: tuple[Any, Any] | None, clause: Any, cues: frozenset[str]
) -> tuple[Any, Any] | None:
    """The pair found inside a relative clause, which frames its quotation on its own (one
    in which she took credit for “…”; Ruiz, who urged them to back “…”), when its subject
    is a person or a relative pronoun standing for one; a thing's relative clause (an
    agreement that is “…”), one inside what a cue reports, or a clause with no relative
    word (telling reporters on a visit that he thinks …: a "that" clause parsed as one)
    frames nothing."""
    if found is None or any(
        a.dep_ == "ccomp" and a.head.lemma_.lower() in cues for a in clause.ancestors
    ):
        return None
    words = clause.doc[clause.left_edge.i : clause.i]  # which, who, where she urged …
    if not any(t.tag_ in _RELATIVE_TAGS or t.tag_ == "WRB" for t in words):
        return None
    subject = found[0]
    person = clause.head if subject.tag_ in _RELATIVE_TAGS else subject
    if person.lower_ not in _PERSONAL and person.ent_type_ != "PERSON":
        return None
    return _source(*found)


def _above(inner: Any) -> Any | None:
    """The word outside a quotation's words that its root climbs to (the quotation's own
    words frame nothing); where the parse ended a sentence inside a quotation of several
    (blamed the board's “members who blocked it. They …”), that root climbs nowhere, and
    the word before the quotation that its first hanging word hangs on stands instead,
    in the quotation's paragraph."""
    token = inner.root
    while inner.start <= token.i < inner.end:
        if token.head.i == token.i:
            hung = [t.head for t in inner if not t.is_punct and t.head.i < inner.start]
            return hung[0] if hung and _same_paragraph(hung[0], inner.start) else None
        token = token.head
    return token


def _same_paragraph(token: Any, end: int) -> bool:
    """Whether no paragraph break stands between ``token`` and token index ``end`` (a parse
    that ran on across paragraphs hangs a quotation on a word of an earlier one)."""
    return not any("\n" in t.text for t in token.doc[token.i : end])


def _subject_before(token: Any, first: int) -> Any | None:
    """The subject of verb ``token`` standing before token index ``first``, if any."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for child in token.children:
        if child.dep_ in _SUBJECTS and child.i < first:
            return unquoted_subject(child, token)  # “Stubborn,” she said, meaning that …
    return with_object(token)  # …, with the guild warning that the strike “…”


def _source(subject: Any, verb: Any) -> tuple[Any, Any] | None:
    """The pair, unless the subject is an expletive, a demonstrative or a number; a relative
    pronoun stands for its antecedent (Lee, who pledged to make them “…”), as the speaker
    of :mod:`.quotes` reads it."""
    relative = subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl"
    if subject.lower_ in _NO_SOURCE and not relative:
        return None
    if not any(ch.isalpha() for ch in subject.text) or subject.pos_ == "NUM":
        return None
    return subject, verb
