"""TIMEX3 values of every granularity compare by time, not as strings: week 9 of 2026
begins before March 10, 2026 (the brief once left such weeks off its timeline, and the
story page listed them after later days)."""

from __future__ import annotations

from datetime import date

from newsdesk.annotate.views import StoryEvent, StoryNotes
from newsdesk.publish.brief import _timeline
from newsdesk.timex import first_day, order_key, point
from newsdesk.web.text import timeline


def test_timex_first_day_of_each_granularity() -> None:
    assert first_day("2026-03-10") == date(2026, 3, 10)
    assert first_day("2026-03-10TMO") == date(2026, 3, 10)
    assert first_day("2026-W09") == date(2026, 2, 23)
    assert first_day("2025-Q3") == date(2025, 7, 1)
    assert first_day("2025-H2") == date(2025, 7, 1)
    assert first_day("2025-SP") == date(2025, 3, 1)
    assert first_day("2025-11") == date(2025, 11, 1)
    assert first_day("2025") == date(2025, 1, 1)


def test_timex_values_no_calendar_places_have_no_day() -> None:
    for value in ("XXXX-WXX-1", "P3D", "PRESENT_REF", "199", "2025-13", "2025-02-30", "", None):
        assert first_day(value) is None
    assert order_key("PAST_REF") > order_key("2026-W09")


def _event(when: str, sentence: str) -> StoryEvent:
    return StoryEvent(when, "", "", "", "a1", None, sentence)


def test_timex_brief_timeline_keeps_a_week_begun_before_its_day() -> None:
    notes = StoryNotes(events=[
        _event("2026-W09", "The ministry opened the inquiry that week."),
        _event("2026-W12", "The hearings will begin in the week after."),
        _event("2026-03-09", "The minister resigned on Monday."),
    ])  # fmt: skip
    rows = _timeline(notes, date(2026, 3, 10))
    assert [row.date for row in rows] == ["2026-W09", "2026-03-09"]


def test_timex_story_timeline_orders_weeks_among_days() -> None:
    rows = timeline([
        _event("2026-03-09", "The minister resigned on Monday."),
        _event("2026-W09", "The ministry opened the inquiry that week."),
        _event("2026-02-20", "The first report appeared."),
    ])  # fmt: skip
    assert [row.date for row in rows] == ["2026-02-20", "2026-W09", "2026-03-09"]


def test_timex_point_is_the_day_a_counted_length_lands_on() -> None:
    from newsdesk.article import TimeExpression

    later = TimeExpression("Three days", "P3D", 0, 10, "DURATION", "past", "2026-01-15")
    assert point(later) == "2026-01-15"
    assert point(TimeExpression("two weeks", "P2W", 0, 9, "DURATION")) == "P2W"  # no day
    assert point(TimeExpression("Monday", "2026-01-12", 0, 6)) == "2026-01-12"
