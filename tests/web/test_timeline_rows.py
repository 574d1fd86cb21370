"""A story page's timeline shows dates for people, never raw TIMEX codes, and each line once."""

from newsdesk.annotate.views import StoryEvent
from newsdesk.web.text import timeline, timex_date


def test_timex_date_reads_parts_of_day_weeks_and_months():
    assert timex_date("2024-05-08TMO") == "2024-05-08, morning"
    assert timex_date("2024-05-08T14:30") == "2024-05-08 14:30"
    assert timex_date("2024-W19") == "week of 2024-05-06"
    assert timex_date("2024-05") == "May 2024"
    assert timex_date("2024-SU") == "summer 2024"
    assert timex_date("2024-Q3") == "Q3 2024"


def test_timex_date_hides_values_no_reader_could_place():
    for raw in ("XXXX-WXX-1", "PRESENT_REF", "P3D", "2024-13", "", None):
        assert timex_date(raw) == ""


def _event(date: str | None, sentence: str, article_id: str) -> StoryEvent:
    return StoryEvent(date, None, None, None, article_id, None, sentence)


def test_timeline_shows_a_sentence_once_and_dated_lines_first():
    sentence = "The council voted on  Tuesday to close the bridge."
    events = [
        _event(None, "Residents said they would appeal.", "c"),
        _event("2024-05-07", sentence, "a"),
        _event("2024-05-07", sentence.replace("  ", " "), "b"),
        _event("2024-05-06TEV", "Protesters gathered.", "a"),
    ]
    rows = timeline(events)
    assert [row["when"] for row in rows] == ["2024-05-06, evening", "2024-05-07", "undated"]
    assert all("T" not in row["when"] for row in rows)


def test_timeline_shows_a_sentence_once_under_its_most_precise_date():
    sentence = "Marta Olsen will chair the inquiry next year, the council announced Friday."
    events = [
        _event("2027", sentence, "a"),
        _event("2026-03-13", sentence, "a"),
        _event(None, sentence, "b"),
        _event("2026-03", "The bridge shut in March.", "b"),
    ]
    rows = timeline(events)
    assert [(row["when"], row["sentence"][:11]) for row in rows] == [
        ("March 2026", "The bridge "),
        ("2026-03-13", "Marta Olsen"),
    ]


def test_timeline_lines_drop_the_dateline_as_the_brief_does():
    """A wire lead's dateline is the page's furniture, not the event: the story page and
    `newsdesk story` show the sentence without it, as the brief's timeline does."""
    lead = "PORT SELVA, March 9 (Northgate Wire) — The council voted to close the bridge."
    rows = timeline([_event("2026-03-09", lead, "a")])
    assert [row["sentence"] for row in rows] == ["The council voted to close the bridge."]


def test_timex_date_shows_a_week_as_the_day_it_starts() -> None:
    """ "week 47 of 2015" is a number a reader cannot place; the week's Monday is a day."""
    assert timex_date("2015-W47") == "week of 2015-11-16"
    assert timex_date("2020-W53") == "week of 2020-12-28"  # a year with 53 weeks
    assert timex_date("2021-W53") == "week 53 of 2021"  # no such week: left as written
