"""Calendar arithmetic stays total at the ends of the calendar (years 1 and 9999)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from newsdesk.annotate import date_calendar as cal
from newsdesk.annotate.date_rules import Context, normalise

UNITS = ("D", "H", "W", "WE", "M", "Q", "HALF", "Y", "DE", "CE")
ENDS = (date.max, date.min, date(9999, 12, 27), date(1, 1, 3))


@pytest.mark.parametrize("anchor", ENDS)
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("n", (-(10**6), -1, 1, 10**6))
def test_date_calendar_shift_clamps_at_the_ends(anchor: date, unit: str, n: int) -> None:
    value = cal.shift(anchor, unit, n)
    assert value and not value.startswith("-")
    assert int(value[:4] if len(value) >= 4 and value[:4].isdigit() else value[:2]) <= 9999


@pytest.mark.parametrize("anchor", ENDS)
def test_date_calendar_weekdays_and_months_near_the_ends(anchor: date) -> None:
    for weekday in range(1, 8):
        for direction in ("past", "future", "nearest"):
            assert date.min <= cal.nearest_weekday(anchor, weekday, direction) <= date.max
    for month in range(1, 13):
        for direction in ("past", "future", "nearest"):
            assert 1 <= cal.month_anchor(anchor, month, direction, strict=True) <= 9999
            cal.nearest_month_day(anchor, month, 28, direction)


def test_date_calendar_add_days_clamps() -> None:
    assert cal.add_days(date.max, 1) == date.max
    assert cal.add_days(date.min, -1) == date.min
    assert cal.add_days(date(2026, 1, 13), 7) == date(2026, 1, 20)


@pytest.mark.parametrize("anchor", ENDS)
@pytest.mark.parametrize(
    "phrase",
    ["next Monday", "last Monday", "next year", "last year", "next month", "next week",
     "next decade", "next quarter", "a day after Dec. 31", "two weeks before Jan. 1"],
)  # fmt: skip
def test_date_calendar_rules_never_raise_at_the_ends(anchor: date, phrase: str) -> None:
    normalise(phrase, Context(anchor=anchor, tense="future"))


@pytest.fixture(scope="module")
def normalizer() -> Any:
    from newsdesk.annotate.dates import DateNormalizer
    from newsdesk.annotate.nlp import load

    return DateNormalizer(nlp=load())


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_date_calendar_article_published_at_the_ends_is_read(
    normalizer: Any, published: str
) -> None:
    text = (
        "The council will meet on Monday to discuss the plan, and again next year. "
        "A day after Dec. 31 the vote falls; last week and next month were quiet."
    )
    found = normalizer.find(text, published=datetime.fromisoformat(published))
    assert all(t.value for t in found)


def test_date_calendar_bare_month_is_the_nearest() -> None:
    from newsdesk.annotate.date_calendar import month_anchor

    assert month_anchor(date(2025, 11, 20), 1, "nearest") == 2026  # January: the coming one
    assert month_anchor(date(2026, 2, 6), 12, "nearest") == 2025  # December: the one gone
    assert month_anchor(date(2026, 5, 1), 6, "nearest") == 2026
    assert month_anchor(date(2026, 2, 1), 8, "nearest") == 2025  # a tie: the earlier


def test_date_calendar_moving_holidays() -> None:
    from newsdesk.annotate.date_calendar import easter, holiday_near, nth_weekday

    assert easter(2026) == date(2026, 4, 5)
    assert easter(2000) == date(2000, 4, 23)
    assert nth_weekday(2025, 11, 4, 4) == date(2025, 11, 27)  # Thanksgiving
    assert nth_weekday(2026, 11, 2, 1, 2) == date(2026, 11, 3)  # US Election Day
    assert nth_weekday(2026, 5, 1, -1) == date(2026, 5, 25)  # Memorial Day
    thanksgiving = [11, 4, 4, 1]
    assert holiday_near(date(2026, 1, 13), thanksgiving, "past") == date(2025, 11, 27)
    assert holiday_near(date(2026, 1, 13), thanksgiving, "future") == date(2026, 11, 26)
    assert holiday_near(date(9999, 12, 1), "easter", "nearest").year == 9999
    for end in ENDS:  # total at the calendar's ends, like every other function here
        for way in ("past", "future", "nearest"):
            assert holiday_near(end, thanksgiving, way, strict=True).year in (1, 2, 9998, 9999)
