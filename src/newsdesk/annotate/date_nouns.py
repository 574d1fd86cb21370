"""What a dated noun says of its event, whatever the verb's tense: a period measured and
reported ("the November jobs report"), a month an event of the calendar falls in, a month
someone owns ("November's election"), an event that has happened ("the slaying on Friday"),
or one looked back on ("the fallout from Monday's debate"). Split from
:mod:`newsdesk.annotate.date_frames`, whose :func:`~newsdesk.annotate.date_frames.frame_of`
asks them.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.annotate.date_rules import lexicon

__all__ = [
    "MONTH_WORD",
    "happened_event",
    "looked_back_on",
    "measured_period",
    "month_of_event",
    "owned_month",
]

_HAPPENED = set(lexicon()["happened_event_nouns"])
_PROSPECT = set(lexicon()["prospect_words"])
_RETROSPECT = set(lexicon()["retrospect_nouns"])
_MEASURES = set(lexicon()["measure_nouns"])
MONTH_WORD = re.compile(
    "(?:" + "|".join(m.capitalize() for m in lexicon()["months"]) + r")\.?(?:'s)?"
)


def measured_period(span: Any) -> bool:
    """A month naming the period a report or its figures measure ("the release of the
    November jobs report", "its August inflation figures"): a period, not the release, so
    the nearest such month whatever the release's verb says (said on Dec. 1, the November
    just gone; said in October, the one to come); "the November election" names the event
    itself and takes the verb's direction."""
    return month_of_event(span, _MEASURES)


def month_of_event(span: Any, nouns: set[str]) -> bool:
    """A bare month before a noun of ``nouns`` in its noun phrase ("the November jobs
    report", "the November general election", "June's primary")."""
    node = span.root
    if not MONTH_WORD.fullmatch(span.text) or node.dep_ not in ("compound", "poss", "nmod"):
        return False
    for _ in range(3):  # "November jobs report": November -> jobs -> report
        node = node.head
        if node.lemma_.lower() in nouns or node.lower_ in nouns:
            return True
        if node.dep_ not in ("compound", "nmod", "amod") or node.head.i == node.i:
            return False
    return False


def owned_month(span: Any) -> bool:
    """A bare month's possessive on a noun ("November's general election", "February's
    primary"): it dates the noun's event, which a past verb of the telling ("called", "said")
    does not place, so the nearest such month (said in August, the November to come; said
    in April, the February just gone)."""
    root = span.root
    return (
        MONTH_WORD.fullmatch(span.text) is not None
        and root.dep_ == "poss"
        and root.head.pos_ in ("NOUN", "PROPN")
        and not span.start <= root.head.i < span.end
    )


def _dated_noun(span: Any) -> Any | None:
    """The noun ``span`` dates within its noun phrase ("the slaying in Chicago on Friday",
    "Friday's crash"), or None where the date hangs on a verb ("will attend … on Friday")."""
    node = span.root
    if node.dep_ in ("poss", "compound", "npadvmod", "nmod") and node.head.pos_ == "NOUN":
        return node.head
    split = _split_complement(span)
    if split is not None:
        return split
    for _ in range(3):  # "on Friday" -> "slaying"; "in Chicago on Friday" climbs past Chicago
        if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.head.i == node.head.i:
            return None
        node = node.head.head
        if node.pos_ == "NOUN":
            return node
        if node.pos_ != "PROPN":
            return None
    return None


def _split_complement(span: Any) -> Any | None:
    """The noun just before "on Friday" when an "of" follows the date ("the crash on Tuesday
    of the ferry"): the "of" can only be that noun's complement, so the date sits inside its
    phrase wherever the parser hung it."""
    doc, prep = span.doc, span.root.head
    if span.root.dep_ != "pobj" or prep.i != span.start - 1 or prep.i == 0:
        return None
    if span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    before = doc[prep.i - 1]
    return before if before.pos_ == "NOUN" else None


def happened_event(span: Any) -> bool:
    """``span`` dates the noun of an event nobody schedules, told as having happened: with
    its own participants ("the slaying … on Friday of the cousin", "the crash on Tuesday of
    the ferry") or as having done something ("the attack on Thursday that injured four"),
    and no word of prospect ("a planned attack"). Whatever the verb above says of what is to
    come, the event is past; "will attend the meeting on Friday" stays ahead."""
    noun = _dated_noun(span)
    if noun is None or noun.lemma_.lower() not in _HAPPENED:
        return False
    if any(c.lower_ in _PROSPECT for c in noun.children if c.dep_ in ("amod", "det", "compound")):
        return False
    return _complement_told(span, noun) or any(_did(c) for c in noun.children)


def looked_back_on(span: Any) -> bool:
    """``span`` dates an event that a noun looking back on it takes with "of" or "from" ("in
    the aftermath of Monday's vote", "scenes from the rally … on Tuesday", "the meaning of
    Thursday night's debate"): the event is over."""
    noun = _dated_noun(span)
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "from"):
        return False
    head = noun.head.head
    return head.pos_ == "NOUN" and head.lemma_.lower() in _RETROSPECT


def _did(clause: Any) -> bool:
    """A relative clause in which the event itself acted in the past ("that injured four")."""
    return (
        clause.dep_ == "relcl"
        and clause.tag_ == "VBD"
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in clause.children)
    )


def _complement_told(span: Any, noun: Any) -> bool:
    """The event noun comes with its own participants or place: an "of" complement ("the
    slaying … of the cousin", "the crash on Tuesday of the ferry"), a possessive ("the
    gunman's attack", "Friday's crash") or a name before it ("the Charleston church
    massacre in June", "the Orlando nightclub shooting"). A bare definite noun is not
    enough: "its first service since the fire on Good Friday" may date the service."""
    if span.end < len(span.doc) and span.doc[span.end].lower_ == "of":
        return True
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "prep" and c.lower_ == "of")
        or (c.dep_ == "compound" and any(t.pos_ == "PROPN" for t in c.subtree))
        for c in noun.children
    )
