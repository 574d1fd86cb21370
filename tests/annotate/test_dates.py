"""Date normalisation: golden phrases with and without a publication date, and the rules."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.annotate.date_rules import Context, normalise
from newsdesk.annotate.dates import DateNormalizer

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "dates"
CASES = sorted(GOLDEN.glob("*.json"))
PUBLISHED = date(2026, 1, 13)  # a Tuesday


@pytest.fixture(scope="module")
def normalizer() -> DateNormalizer:
    from newsdesk.annotate.nlp import load

    return DateNormalizer(nlp=load())


def _run(normalizer: DateNormalizer, text: str, published: str | None) -> list[Any]:
    when = datetime.fromisoformat(published) if published else None
    return normalizer.find(text, published=when)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_dates_golden(normalizer: DateNormalizer, path: Path) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    for case in golden["cases"]:
        found = _run(normalizer, golden["text"], case["published"])
        for expr in found:
            assert golden["text"][expr.start : expr.end] == expr.text
        got = [(e.text, e.value, e.type) for e in found]
        want = [(e["text"], e["value"], e["type"]) for e in case["expect"]]
        assert got == want, f"published={case['published']}"
        anchors = [e.anchor for e in found]  # where a counted length lands, where given
        want_anchors = [e.get("anchor", anchors[i]) for i, e in enumerate(case["expect"])]
        assert anchors == want_anchors, f"published={case['published']}"


def test_dates_golden_covers_each_phrase() -> None:
    assert len(CASES) >= 18


def test_dates_without_publication_nothing_is_guessed(normalizer: DateNormalizer) -> None:
    text = "On Tuesday the envoy said talks would resume next month, as agreed last week."
    values = [e.value for e in _run(normalizer, text, None)]
    assert values
    assert not any(v[:1].isdigit() for v in values), values


def test_dates_durations_are_not_calendar_dates(normalizer: DateNormalizer) -> None:
    found = _run(normalizer, "The ban will last two weeks, after decades of rivalry.", "2026-01-13")
    assert {e.type for e in found} == {"DURATION"}


def test_dates_tense_decides_weekday_direction() -> None:
    past = normalise("Friday", Context(anchor=PUBLISHED, tense="past"))
    future = normalise("Friday", Context(anchor=PUBLISHED, tense="future"))
    assert past is not None and future is not None
    assert (past.value, future.value) == ("2026-01-09", "2026-01-16")


def test_dates_publication_day_itself_counts_as_on_or_before() -> None:
    found = normalise("Tuesday", Context(anchor=PUBLISHED, tense="past"))
    assert found is not None and found.value == "2026-01-13"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("the third quarter", "2025-Q3", "DATE"),
        ("the past two years", "P2Y", "DURATION"),
        ("now", "PRESENT_REF", "DATE"),
        ("recently", "PAST_REF", "DATE"),
        ("annually", "P1Y", "SET"),
        ("10:35 a.m.", "2026-01-13T10:35", "TIME"),
        ("last fall", "2025-FA", "DATE"),
        ("the 1990s", "199", "DATE"),
        ("two years ago", "2024", "DATE"),
        ("January 6, 2025", "2025-01-06", "DATE"),
    ],
)
def test_dates_rules(text: str, value: str, kind: str) -> None:
    found = normalise(text, Context(anchor=PUBLISHED, tense="past"))
    assert found is not None
    assert (found.value, found.type) == (value, kind)


def test_dates_share_counters_are_not_dates(normalizer: DateNormalizer) -> None:
    found = _run(normalizer, "Japan Courts South Korea\n\n6 11\nyesterday\n", "2026-01-13")
    assert [e.value for e in found] == ["2026-01-12"]


def test_dates_ages_are_not_temporal_expressions(normalizer: DateNormalizer) -> None:
    text = "The 6-year-old girl and her 37 years old father left Brannock two years ago."
    assert [(e.text, e.value) for e in _run(normalizer, text, "2026-01-13")] == [
        ("two years ago", "2024")
    ]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("recent weeks", "PXW", "DURATION"),
        ("the coming months", "FUTURE_REF", "DATE"),
        ("the 1988 second quarter", "1988-Q2", "DATE"),
        ("the last half of 1989", "1989-H2", "DATE"),
    ],
)
def test_dates_rules_periods_and_plural_units(text: str, value: str, kind: str) -> None:
    found = normalise(text, Context(anchor=PUBLISHED, tense="past"))
    assert found is not None
    assert (found.value, found.type) == (value, kind)


def test_dates_last_years_quarter_is_that_quarter_a_year_back(normalizer: DateNormalizer) -> None:
    text = "Profit in the third quarter rose 5%, compared with last year's quarter."
    found = [(e.text, e.value) for e in _run(normalizer, text, "2025-11-01")]
    assert found == [("the third quarter", "2025-Q3"), ("last year's quarter", "2024-Q3")]


def test_dates_the_year_alone_is_a_years_length(normalizer: DateNormalizer) -> None:
    found = _run(normalizer, "For the year, the brewer's net income rose 12%.", "2025-11-03")
    assert [(e.text, e.value, e.type) for e in found] == [("the year", "P1Y", "DURATION")]
    found = _run(normalizer, "By the end of the year, the mill had closed.", "2025-11-03")
    assert [(e.text, e.value) for e in found] == [("the end of the year", "2025")]


def test_dates_the_quarter_is_the_one_last_reported(normalizer: DateNormalizer) -> None:
    # an earnings report in November speaks of the quarter that ended in September
    text = "The mill said revenue in the quarter dropped. Margins in the quarter are thin, it says."
    found = [e.value for e in _run(normalizer, text, "2025-11-03")]
    assert found == ["2025-Q3", "2025-Q3"]
    text = "Profit in the second quarter rose 5%. In the quarter, sales fell."
    found = [e.value for e in _run(normalizer, text, "2025-11-03")]
    assert found == ["2025-Q2", "2025-Q2"]


def test_dates_payment_and_record_dates_are_the_nearest(normalizer: DateNormalizer) -> None:
    # told in a past frame ("declared"), the payment is still the coming one
    text = "Varnell Corp. declared a dividend, payable Dec. 15 to shareholders of record Nov. 20."
    found = [(e.text, e.value) for e in _run(normalizer, text, "2025-10-27")]
    assert found == [("Dec. 15", "2025-12-15"), ("Nov. 20", "2025-11-20")]


def test_dates_later_than_planned_is_a_difference_not_a_day(normalizer: DateNormalizer) -> None:
    text = "The liner will reach Perth on November 14, three days later than originally planned."
    found = [(e.text, e.value, e.type, e.anchor) for e in _run(normalizer, text, "2025-11-05")]
    # a difference: no day it lands on, so "Coming up" does not list November 17
    assert found == [
        ("November 14", "2025-11-14", "DATE", None),
        ("three days", "P3D", "DURATION", None),
    ]


def test_dates_days_later_counts_from_the_day_just_told(normalizer: DateNormalizer) -> None:
    text = "The ferry docked on Monday. Three days later, it sailed for Oslo."
    found = [(e.text, e.value, e.anchor) for e in _run(normalizer, text, "2025-11-05")]
    # TIMEX3's value is the length; the desk dates the sailing by the day it lands on
    assert found == [("Monday", "2025-11-03", None), ("Three days", "P3D", "2025-11-06")]


def test_dates_a_done_events_participle_looks_back(normalizer: DateNormalizer) -> None:
    text = "The mill earned $50 million in the fiscal period ended March 31."
    found = [(e.text, e.value) for e in _run(normalizer, text, "2025-10-31")]
    assert ("March 31", "2025-03-31") in found


def test_dates_a_day_no_calendar_holds_is_skipped_not_a_crash(normalizer: DateNormalizer) -> None:
    text = (
        "The board said on Feb. 29, 2023 that nothing had changed. "
        "On Feb. 29 the council met again and voted on the budget."
    )
    found = _run(normalizer, text, "2024-03-05")
    # the bare "Feb. 29" keeps the year it can be in, not the impossible one named before
    assert [t.value for t in found if t.text == "Feb. 29"] == ["2024-02-29"]


def test_dates_entity_across_paragraph_break_is_split(normalizer: DateNormalizer) -> None:
    """spaCy sometimes tags a headline's year and the lead's first word as one DATE
    ("… Conference 2026\n\nYesterday"): a line break ends an expression, so the lead's
    "Yesterday" is still the day before publication."""
    from spacy.tokens import Span

    text = "Harbour Rail unveils Tram 7 at Transit Conference 2026\n\nYesterday, the mayor rode it."
    doc = normalizer.nlp(text)
    start = text.index("2026")
    first = doc.char_span(start, start + 4)
    last = doc.char_span(text.index("Yesterday"), text.index("Yesterday") + 9)
    assert first is not None and last is not None
    doc.set_ents([Span(doc, first.start, last.end, label="DATE")], default="outside")
    found = normalizer.find(doc, published=datetime(2026, 1, 13))
    assert [(e.text, e.value) for e in found] == [("2026", "2026"), ("Yesterday", "2026-01-12")]
