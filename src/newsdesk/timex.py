"""TIMEX3 values as days: where a value such as ``2026-W09`` or ``2025-Q3`` begins.

Values are compared as strings in many places, which is right for calendar days
(``2026-03-10``) and wrong for the other granularities: ``"2026-W09" > "2026-03-10"``
because ``W`` sorts after the digits, so week 9 read as later than March 10 and a brief
left it off its timeline. :func:`first_day` gives the day a value begins, so values of
every granularity compare by time. :func:`point` gives the value that places an expression
in time: a length counted from a told day ("three days later": ``P3D``) by the day it lands
on (its ``anchor``), anything else by its value. :func:`timex_date` writes a value for
people (the web desk, the text, Markdown and HTML briefs, the mail), never as a raw code.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Protocol

__all__ = ["first_day", "order_key", "point", "timex_date"]

_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?(?:T.*)?$"
)
# the month a season begins, northern hemisphere (TimeML's SP/SU/FA/WI)
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


class _Expression(Protocol):
    @property
    def value(self) -> str: ...

    @property
    def anchor(self) -> str | None: ...


def point(expression: _Expression) -> str:
    """The value that places ``expression`` in time: the day a counted length lands on
    ("three days later" told after Monday, Jan. 12: ``P3D`` lands on ``2026-01-15``), else
    its own value (a duration with no anchor stays a duration: no point in time)."""
    return getattr(expression, "anchor", None) or expression.value


def first_day(value: str | None) -> date | None:
    """The first day a TIMEX3 value covers, or ``None`` for what no calendar places
    (``XXXX-…``, durations, ``PRESENT_REF``, decades, impossible days)."""
    found = _VALUE.match((value or "").strip())
    if found is None:
        return None
    g = found.groupdict()
    year = int(g["year"])
    try:
        if g["week"]:
            return date.fromisocalendar(year, int(g["week"]), 1)
        month = (
            int(g["month"])
            if g["month"]
            else 3 * int(g["quarter"]) - 2
            if g["quarter"]
            else 6 * int(g["half"]) - 5
            if g["half"]
            else _SEASON_MONTH[g["season"]]
            if g["season"]
            else 1
        )
        return date(year, month, int(g["day"] or 1))
    except ValueError:
        return None


def order_key(value: str | None) -> tuple[int, str]:
    """Sort key: placed values by their first day (then the value, finer last), the rest after."""
    day = first_day(value)
    return (0, f"{day.isoformat()}{value}") if day else (1, str(value or ""))


_PARTS_OF_DAY = {
    "MO": "morning",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_TIMEX = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?P<time>\d{2}:\d{2})?(?P<part>MO|AF|EV|NI|DT)?)?$"
)


def _week(year: int, week: int) -> str:
    """An ISO week as the day it starts: "week of 2015-11-16", a day a reader can place
    ("week 47 of 2015" is not); a week number no calendar has stays a number."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return f"week {week} of {year}"
    return f"week of {monday.isoformat()}"


def timex_date(value: str | None) -> str:
    """A TIMEX3 value for people: ``2024-05-08TMO`` → ``2024-05-08, morning``, ``2024-W19``
    → ``week of 2024-05-06``.

    Values a reader could not place (``XXXX-…``, durations, references such as
    ``PRESENT_REF``) give "" so a page shows no raw code.
    """
    found = _TIMEX.match((value or "").strip())
    if found is None:
        return ""
    g = found.groupdict()
    if g["day"]:
        text = f"{g['year']}-{g['month']}-{g['day']}"
    elif g["month"]:
        month = int(g["month"])
        if not 1 <= month <= 12:
            return ""
        text = f"{calendar.month_name[month]} {g['year']}"
    elif g["week"]:
        text = _week(int(g["year"]), int(g["week"]))
    elif g["quarter"]:
        text = f"Q{g['quarter']} {g['year']}"
    elif g["half"]:
        text = f"{'first' if g['half'] == '1' else 'second'} half of {g['year']}"
    elif g["season"]:
        text = f"{_SEASONS[g['season']]} {g['year']}"
    else:
        text = g["year"]
    if g["time"]:
        text += f" {g['time']}"
    if g["part"]:
        text += f", {_PARTS_OF_DAY[g['part']]}"
    return text
