"""Calendar arithmetic for TIMEX3 values: shifting an anchor by units, at a unit's granularity.

Each function takes the anchor (the article's publication date) and returns a TIMEX3 value
string: ``2026-01-13`` (day), ``2026-W02`` (week), ``2025-10`` (month), ``2025-Q4`` (quarter),
``2025-H2`` (half), ``2026`` (year), ``202`` (decade), ``20`` (century).

Every function is total: an anchor near the ends of the calendar (9999-12-31, 0001-01-01)
with "next Monday" or "next year" clamps to the first or last representable day or year
instead of raising ``OverflowError`` (Python dates run from year 1 to 9999).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "add_days",
    "day_value",
    "easter",
    "holiday_near",
    "month_anchor",
    "nearest_month_day",
    "nearest_weekday",
    "nth_weekday",
    "shift",
    "week_value",
]


FIRST_YEAR, LAST_YEAR = date.min.year, date.max.year


def add_days(anchor: date, days: int) -> date:
    """``anchor`` + ``days``, clamped to the calendar's first and last day."""
    if days >= (date.max - anchor).days:
        return date.max
    if -days >= (anchor - date.min).days:
        return date.min
    return anchor + timedelta(days=days)


def _year(year: int) -> int:
    return min(max(year, FIRST_YEAR), LAST_YEAR)


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _from_month_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def shift(anchor: date, unit: str, n: int) -> str:
    """The period ``n`` units from the anchor's, written at that unit's granularity."""
    if unit in ("D", "H", "M_T", "S"):
        return day_value(add_days(anchor, n if unit == "D" else 0))
    if unit == "W":
        return week_value(add_days(anchor, 7 * n))
    if unit == "WE":
        return week_value(add_days(anchor, 7 * n)) + "-WE"
    if unit == "M":
        index = _month_index(anchor) + n
        index = min(max(index, FIRST_YEAR * 12), LAST_YEAR * 12 + 11)
        year, month = _from_month_index(index)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        index = min(max(index, FIRST_YEAR * 4), LAST_YEAR * 4 + 3)
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "HALF":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + n
        index = min(max(index, FIRST_YEAR * 2), LAST_YEAR * 2 + 1)
        return f"{index // 2:04d}-H{index % 2 + 1}"
    if unit == "DE":
        return f"{_year(anchor.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{_year(anchor.year + 100 * n) // 100:02d}"
    return f"{_year(anchor.year + n):04d}"  # Y


def nearest_weekday(anchor: date, weekday: int, direction: str) -> date:
    """The ISO ``weekday`` (1=Monday) on or before (``past``), on or after (``future``), or
    the nearer of the two (``nearest``)."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "future" or (direction == "nearest" and ahead < back):
        return add_days(anchor, ahead)
    return add_days(anchor, -back)


def month_anchor(anchor: date, month: int, direction: str, *, strict: bool = False) -> int:
    """The year of the ``month`` nearest the anchor in ``direction`` (past, future, nearest).

    ``strict`` excludes the anchor's own month ("last October" in October is a year back).
    ``nearest`` is the year whose ``month`` lies fewest months from the anchor's, the earlier
    on a tie ("January" said in November is the coming one, "December" said in February
    the one just gone).
    """
    if direction == "past":
        if month < anchor.month or (month == anchor.month and not strict):
            return anchor.year
        return _year(anchor.year - 1)
    if direction == "future":
        if month > anchor.month or (month == anchor.month and not strict):
            return anchor.year
        return _year(anchor.year + 1)
    gap = month - anchor.month
    if gap >= 6:
        return _year(anchor.year - 1)
    if gap < -6:
        return _year(anchor.year + 1)
    return anchor.year


def nearest_month_day(anchor: date, month: int, day: int, direction: str) -> date | None:
    """``month``/``day`` in the year that fits the tense: not after the anchor in past
    narration, not before it in future narration, else the nearest to the anchor."""
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        return None
    if direction == "nearest":
        options = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))
    try:
        if direction == "past" and candidate > anchor:
            return date(anchor.year - 1, month, day)
        if direction == "future" and candidate < anchor:
            return date(anchor.year + 1, month, day)
    except ValueError:
        return None
    return candidate


def easter(year: int) -> date:
    """Western Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 2 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int, from_day: int = 1) -> date:
    """The ``n``-th ISO ``weekday`` of ``month`` on or after ``from_day`` (``n`` = -1: the
    last of the month): Thanksgiving is (11, 4, 4), US Election Day (11, 2, 1, 2)."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, from_day)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def _holiday_in(year: int, rule: list[int] | str) -> date:
    """The holiday's day in ``year``: the n-th weekday of a month, or a day counted from
    Easter Sunday (Good Friday is ``"easter-2"``)."""
    if isinstance(rule, str):
        offset = rule.removeprefix("easter")
        return easter(year) + timedelta(days=int(offset) if offset else 0)
    return nth_weekday(year, *rule)


def holiday_near(anchor: date, rule: list[int] | str, direction: str, strict: bool = False) -> date:
    """The day of a holiday whose date moves (``rule``: ``[month, weekday, n, from_day]`` for
    :func:`nth_weekday`, or ``"easter"``, ``"easter-2"``: days from Easter Sunday) nearest
    the anchor in ``direction`` (past, future, nearest); ``strict`` leaves out the anchor's
    own day ("last Thanksgiving")."""
    year = min(max(anchor.year, FIRST_YEAR + 1), LAST_YEAR - 1)
    days = [_holiday_in(y, rule) for y in (year - 1, year, year + 1)]
    if direction == "past":  # at the calendar's ends: the nearest there is
        return max((d for d in days if d < anchor or (d == anchor and not strict)), default=days[0])
    if direction == "future":
        return min(
            (d for d in days if d > anchor or (d == anchor and not strict)), default=days[-1]
        )
    return min(days, key=lambda d: (abs((d - anchor).days), d > anchor))
