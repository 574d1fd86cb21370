"""Rules that count from the day the text has just told (no parser needed)."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.annotate.date_rules import normalise
from newsdesk.annotate.date_types import Context

PUBLISHED = date(2026, 1, 13)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "previous", "tense", "value", "kind"),
    [
        ("the next day", "2026-01-05", "past", "2026-01-06", "DATE"),
        ("the following morning", "2026-01-05", "past", "2026-01-06TMO", "TIME"),
        ("the previous evening", "2026-01-05", "past", "2026-01-04TEV", "TIME"),
        ("the previous day", None, "past", "2026-01-12", "DATE"),
        ("the next day", None, "future", "2026-01-14", "DATE"),
        ("the next day", None, "past", "XXXX-XX-XX", "DATE"),
        ("the next day", "2025", "past", "XXXX-XX-XX", "DATE"),
        ("later in the day", "2026-01-05", "past", "2026-01-05", "DATE"),
        ("later in the day", None, "past", "2026-01-13", "DATE"),
    ],
)
def test_date_told_days_count_from_the_day_just_told(
    text: str, previous: str | None, tense: str, value: str, kind: str
) -> None:
    found = normalise(text, Context(anchor=PUBLISHED, tense=tense, previous=previous))
    assert found is not None and (found.value, found.type) == (value, kind)


def test_date_told_same_period_is_the_texts_quarter_a_year_back() -> None:
    said = "the corresponding period last year"
    own = normalise(said, Context(anchor=PUBLISHED, quarter="2025-Q3"))
    nine_months = normalise(said, Context(anchor=PUBLISHED, quarter="2025-Q3", period="P9M"))
    untold = normalise(said, Context(anchor=PUBLISHED))
    assert own is not None and own.value == "2024-Q3"
    assert nine_months is not None and nine_months.value == "2025"
    assert untold is not None and untold.value == "2024-Q4"  # the quarter last reported


def test_date_told_nine_months_compare_years_not_quarters() -> None:
    ctx = Context(anchor=PUBLISHED, previous="2025-Q3", quarter="2025-Q3", period="P9M")
    year = normalise("a year earlier", ctx)
    quarter = normalise("a year earlier", Context(anchor=PUBLISHED, previous="2025-Q3"))
    assert year is not None and year.value == "2025"
    assert quarter is not None and quarter.value == "2024-Q3"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 1/2 hours", "PT5H30M"),
        ("2 1/2 years", "P2Y6M"),
        ("1 1/2 days", "P1DT12H"),
        ("several quarters", "PXQ"),
        ("two quarters", "P2Q"),
        ("two weeks", "P2W"),
    ],
)
def test_date_told_lengths_in_timex3_units(text: str, value: str) -> None:
    found = normalise(text, Context(anchor=PUBLISHED))
    assert found is not None and (found.value, found.type) == (value, "DURATION")
