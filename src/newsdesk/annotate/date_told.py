"""Date rules that count from the day the text has just told: "that year", "the next day",
"the previous evening", "later in the day".

A narrative dates one event and then the next from it ("The ship docked on Jan. 5. The next
day, it sailed"): the reference is the date named just before (``Context.previous``), not
publication. Where the text has told no day, "the previous day" is the day before
publication and "the next day" of a past narration stays underspecified (``XXXX-XX-XX``):
never a day after publication for an event already told.
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.annotate import date_calendar as cal
from newsdesk.annotate.date_lexicon import lexicon
from newsdesk.annotate.date_types import Context, Timex

__all__ = [
    "rule_in_the_day",
    "rule_next_day",
    "rule_same_period",
    "rule_that_unit",
    "rule_trading_day",
]

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_NEXT_DAY = re.compile(
    r"the (next|following|previous|preceding) (day|morning|afternoon|evening|night)"
)
_IN_THE_DAY = re.compile(r"(?:later|earlier) (?:in|on) the day")


def _told_day(ctx: Context) -> date | None:
    """The day the text named just before, if the expression before was a day."""
    if ctx.previous is None or not _DAY.fullmatch(ctx.previous):
        return None
    try:
        return date.fromisoformat(ctx.previous)
    except ValueError:
        return None


_THAT_UNIT = re.compile(
    r"(?:that|the same) (day|week|month|year)|the (following|previous|preceding) (week|month|year)"
)


def rule_that_unit(t: str, ctx: Context) -> Timex | None:
    """ "that year", "that week", "the same day": the period of the date the text named just
    before ("in June 1998 … later that year": 1998); "the following week", "the previous
    year": the one after or before it ("arrested on March 3. The following week": the week
    after March 3's). Nothing when the text named no such date (the rules after decide)."""
    m = _THAT_UNIT.fullmatch(t)
    if m is None or ctx.previous is None:
        return None
    unit = m[1] or m[3]
    step = 0 if m[1] else (1 if m[2] == "following" else -1)
    if unit == "week":
        day = _told_day(ctx)
        if day is not None:
            return Timex(cal.week_value(cal.add_days(day, 7 * step)))
        if step == 0 and re.fullmatch(r"\d{4}-W\d\d", ctx.previous):
            return Timex(ctx.previous)
        return None
    size = {"year": 4, "month": 7, "day": 10}[unit]
    value = ctx.previous[:size]
    if not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value) or len(value) != size:
        return None
    if step == 0:
        return Timex(value)
    start = date.fromisoformat((value + "-01-01")[:10])
    return Timex(cal.shift(start, "Y" if unit == "year" else "M", step))


def rule_next_day(t: str, ctx: Context) -> Timex | None:
    """ "the next day", "the following morning", "the previous evening": a day from the day
    just told (a day, not a length: "the next day" is no P1D)."""
    m = _NEXT_DAY.fullmatch(t)
    if m is None:
        return None
    step = 1 if m[1] in ("next", "following") else -1
    base = _told_day(ctx)
    if base is None and (step < 0 or ctx.tense == "future"):
        base = ctx.anchor  # "the previous day" told without a day: publication's eve
    if base is None:
        return Timex("XXXX-XX-XX")
    day = cal.shift(base, "D", step)
    if m[2] == "day":
        return Timex(day)
    return Timex(day + "T" + lexicon()["parts_of_day"][m[2]], "TIME")


def rule_in_the_day(t: str, ctx: Context) -> Timex | None:
    """ "later in the day", "earlier in the day": the day just told, else publication's."""
    if _IN_THE_DAY.fullmatch(t) is None:
        return None
    base = _told_day(ctx) or ctx.anchor
    return Timex(base.isoformat()) if base is not None else Timex("XXXX-XX-XX")


def rule_trading_day(t: str, ctx: Context) -> Timex | None:
    """ "ended the day at 8,017", "For the day, the index fell" (read as "the market day"):
    the day just told, else publication's; a market report published on a Saturday or a
    Sunday that tells no day speaks of the Friday session before it (markets do not trade
    at the weekend)."""
    if t != "the market day":
        return None
    base = _told_day(ctx)
    if base is None and ctx.anchor is not None:
        base = ctx.anchor
        if base.isoweekday() > 5:
            base = cal.add_days(base, 5 - base.isoweekday())
    return Timex(base.isoformat()) if base is not None else Timex("XXXX-XX-XX")


_SAME_PERIOD = re.compile(
    r"the (?:same|corresponding|comparable) (?:period|quarter|month),? (?:of |in )?"
    r"(?:last year|a year (?:ago|earlier)|the (?:previous|prior) year)"
)


def rule_same_period(t: str, ctx: Context) -> Timex | None:
    """ "the corresponding period last year": the text's own quarter a year back (the year
    before, where the sentence reports on nine months; the month just told a year back, in a
    text that names no quarter: "rose in February compared to the same month a year ago")."""
    if _SAME_PERIOD.fullmatch(t) is None:
        return None
    if ctx.anchor is None:
        return Timex("PAST_REF")
    if ctx.period is not None:
        return Timex(f"{ctx.anchor.year - 1:04d}")
    if ctx.quarter is not None:
        return Timex(f"{int(ctx.quarter[:4]) - 1:04d}{ctx.quarter[4:]}")
    if ctx.previous and re.fullmatch(r"\d{4}-\d\d", ctx.previous):  # "sales rose in
        # February compared to the same period last year": that month, a year back
        return Timex(f"{int(ctx.previous[:4]) - 1:04d}{ctx.previous[4:]}")
    if " month" in t:
        return None  # "the same month" with no month told: no value
    return Timex(cal.shift(ctx.anchor, "Q", -5))  # the quarter last reported, a year back
