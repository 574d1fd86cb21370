"""A clock time's day: "at 9 p.m. on Friday", "Friday at 9 p.m.", "at 16:15 UTC, June 1" and
"made its first flight Tuesday in Everett at 18:00 UTC" take the day they are told with, not
the day of publication (TIMEX3: 2026-01-16T21:00)."""

from __future__ import annotations

import re
from dataclasses import replace

from newsdesk.annotate.date_rules import lexicon
from newsdesk.article import TimeExpression

__all__ = ["clock_days"]

_CLOCK = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\dZ?)")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_DAY_GAP = re.compile(r"\s+(?:on|at)\s+|,\s+")  # "at 9 p.m. on Friday", "Friday at 9
# p.m.", "at 16:15 UTC, June 1"
_NAMES_DAY = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|\d{1,2}(?:st|nd|rd|th)?\b.*\b\d{4}|"
    + "|".join(w for w in (*lexicon()["weekdays"], *lexicon()["months"]) if len(w) > 2)
    + r")\b",
    re.I,
)


def clock_days(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """ "at 9 p.m. on Friday", "on Tuesday at 10:30 a.m.": a clock time that names no day
    takes the day it is told with (TIMEX3: 2026-01-16T21:00), not the day of publication."""
    out = list(found)
    for i, clock in enumerate(found):
        m = _CLOCK.fullmatch(clock.value)
        if m is None or clock.type != "TIME" or _NAMES_DAY.search(clock.text):
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(found):
                continue
            day = found[j]
            gap = text[clock.end : day.start] if j > i else text[day.end : clock.start]
            if _DAY.fullmatch(day.value) and _CLOCK_DAY_GAP.fullmatch(gap):
                out[i] = replace(clock, value=day.value + m[1])
                break
        else:
            told = _sentence_days(text, found, clock)
            if len(told) == 1:  # "made its first flight Tuesday in Everett at 18:00 UTC"
                out[i] = replace(clock, value=told.pop() + m[1])
    return out


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s|\n")


def _sentence_days(text: str, found: list[TimeExpression], clock: TimeExpression) -> set[str]:
    """The calendar days told in the clock time's sentence (no sentence end between)."""
    days = set()
    for e in found:
        if e is clock or not _DAY.fullmatch(e.value):
            continue
        between = text[e.end : clock.start] if e.end <= clock.start else text[clock.end : e.start]
        if not _SENTENCE_END.search(between):
            days.add(e.value)
    return days
