"""What a sentence says of a time expression beyond its words: a difference rather than a
day ("three days later than planned"), a generic or habitual time ("the cars of tomorrow",
"usually peak in the fourth quarter"), a rate ("$1 billion a year"), the then-present ("the
then-current price"), the year the article names a bare day with. :class:`newsdesk.annotate.
dates.DateNormalizer` applies these after a span is normalised.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from newsdesk.annotate.date_frames import governor as _governor
from newsdesk.annotate.date_predicates import calendar_day as _calendar_day
from newsdesk.annotate.date_predicates import conditional as _conditional
from newsdesk.annotate.date_predicates import day_when as _day_when
from newsdesk.annotate.date_predicates import generic_day as _generic_day
from newsdesk.annotate.date_predicates import rate as _rate
from newsdesk.annotate.date_predicates import someday as _someday
from newsdesk.annotate.date_rules import Context, Timex, clean, lexicon, normalise
from newsdesk.annotate.date_spans import Candidate as _Candidate

__all__ = ["ANCHORABLE", "HAS_YEAR", "THAN", "difference", "one_month_ahead", "recast"]

ANCHORABLE = re.compile(r"^\d{4}-\d\d-\d\d$")
THAN = re.compile(r"\s*than\b", re.I)
HAS_YEAR = re.compile(r"\b\d{4}\b|['’]\d\d\b")
_COMPARATIVE = re.compile(r"\s+(?:later|earlier|sooner)$", re.I)


def difference(
    text: str, timex: Timex, start: int, end: int, ctx: Context
) -> tuple[Timex, int] | None:
    """ "three days later than planned": a difference, a length and not a day (None when
    the length does not parse); any other expression as it is, with its end."""
    if (
        timex.type == "DURATION"
        or not _COMPARATIVE.search(text[start:end])
        or not THAN.match(text, end)
    ):
        return timex, end
    bare = _COMPARATIVE.sub("", text[start:end])
    length = normalise(bare, ctx)
    if length is None or length.type != "DURATION":
        return None
    return length, start + len(bare)


_HABITUAL = {
    "usually",
    "typically",
    "normally",
    "generally",
    "traditionally",
    "customarily",
    "regularly",
    "routinely",
    "always",
    "often",
}
_YEARLESS = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|Q\d|H\d|SP|SU|FA|WI)")  # a month, quarter or season
_TOLD_WHICH = re.compile(
    r"\b(?:this|last|next|past|coming|previous|current|latest|year|ago|earlier|later)\b", re.I
)


def _habitual(span: Any, timex: Timex, said: str) -> bool:
    """ "usually peak in the fourth quarter", "typically floods in April": a month, quarter
    or season a habit recurs in, every year's (TIMEX3: a SET, XXXX-Q4), not this year's."""
    if timex.type != "DATE" or not _YEARLESS.fullmatch(timex.value):
        return False
    if HAS_YEAR.search(said) or _TOLD_WHICH.search(said):
        return False
    verb = _governor(span)
    heads = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]  # "tend to peak in"
    return any(_habit_word(c) for h in heads for c in h.children)


def _habit_word(token: Any) -> bool:
    """ "usually", "typically"; "annually", "every year", "each year": a habit's adverb."""
    if token.dep_ == "advmod" and token.lower_ in _HABITUAL | {"annually", "yearly"}:
        return True
    return token.lower_ == "year" and any(d.lower_ in ("every", "each") for d in token.children)


def _then_before(span: Any) -> bool:
    """ "the then current price", "the then-present owners": "then" just before the word."""
    before = [t for t in span.doc[max(0, span.start - 2) : span.start] if t.text != "-"]
    return bool(before) and before[-1].lower_ == "then"


def recast(
    cand: _Candidate, said: str, looking: str, timex: Timex, text: str, named: dict[str, str]
) -> Timex:
    """What the sentence or the article says beyond the words: "the cars of tomorrow" and
    "will one day be" are the future, "$1 billion a year" a rate, a bare "Sept. 11" the year
    the article names in full."""
    if _generic_day(cand.span) or (looking == "future" and _someday(cand.span)):
        return Timex("FUTURE_REF")
    if _day_when(cand.span):  # "there was a day when …", "if there ever came a day when …"
        past = looking == "past" and not _conditional(cand.span)
        return Timex("PAST_REF" if past else "FUTURE_REF")
    if timex.value == "PRESENT_REF" and _then_before(cand.span):
        return Timex("PAST_REF")  # "the then-current price": the present of a past time
    if _rate(cand.span) and (rate := lexicon()["sets"].get(clean(said))):
        return Timex(rate, "SET")
    if _habitual(cand.span, timex, text):
        return Timex("XXXX" + timex.value[4:], "SET", timex.mod)
    if ANCHORABLE.match(timex.value) and timex.value[5:] in named and not HAS_YEAR.search(text):
        dated = named[timex.value[5:]] + timex.value[4:]
        if _calendar_day(dated) is not None:  # 29 February of the year named, or none
            return Timex(dated, timex.type, timex.mod)
    return timex


_BARE_MONTH = re.compile(
    "(?:" + "|".join(m for m in lexicon()["months"] if len(m) > 3) + r")", re.I
)


def one_month_ahead(found: list[Any]) -> list[Any]:
    """A bare month told with no direction of its own (frame "present": "an advantage in
    November", "Then there's November.") in a text that reads the same month word ahead
    elsewhere ("can win in November", "the November general election", frame "future") is
    that month: one text, one November (said in March, not the November just gone)."""
    ahead = {
        e.text.lower(): e.value
        for e in found
        if e.frame == "future" and _BARE_MONTH.fullmatch(e.text) and e.type == "DATE"
    }
    return [
        replace(e, value=ahead[e.text.lower()])
        if e.frame == "present" and e.text.lower() in ahead and e.value < ahead[e.text.lower()]
        else e
        for e in found
    ]
