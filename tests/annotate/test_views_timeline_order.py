"""A story's timeline is in calendar order whatever the granularity of its dates: a week
sorts at its first day ("week of 2026-03-09" between March 5 and March 10), not after every
month of its year as its code "2026-W11" would sort as text. Text composed."""

from __future__ import annotations

from newsdesk.annotate.views import story_understanding
from newsdesk.article import Annotations, Article, Event


def test_story_timeline_orders_weeks_months_and_days_by_the_calendar() -> None:
    told = [
        ("2026-04", "The inquiry will report in April."),
        ("2026-W11", "The ferry was inspected last week."),
        ("2026-03-10", "The ferry sank on Tuesday."),
        ("2026-03-05", "The operator hired a new captain on March 5."),
        ("2025-12", "The pumps failed in December."),
    ]
    text = " ".join(sentence for _, sentence in told)
    found = Annotations(
        events=[
            Event("sank", "statement", sentence, date=when, start=text.index(sentence))
            for when, sentence in told
        ]
    )
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    events = story_understanding([article], {"a1": found}).events
    assert [e.date for e in events] == [
        "2025-12",
        "2026-03-05",
        "2026-W11",
        "2026-03-10",
        "2026-04",
    ]


def test_brief_timeline_keeps_the_latest_lines_up_to_its_day() -> None:
    """A brief shows the run-up to its day: of more dated lines than it shows, the latest
    (in date order), never the oldest with the day's own left out."""
    from datetime import date

    from newsdesk.publish.brief import _timeline
    from newsdesk.storyview import StoryEvent, StoryNotes

    days = [f"2026-03-{d:02d}" for d in range(1, 10)]
    events = [
        StoryEvent(day, "", "", "", "a1", None, f"The harbour board met on day {n}.")
        for n, day in enumerate(days, 1)
    ]
    rows = _timeline(StoryNotes(events=events), date(2026, 3, 9))
    assert [row.date for row in rows] == days[-6:]
