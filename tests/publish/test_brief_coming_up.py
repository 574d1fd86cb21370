"""The brief's "Coming up": only events still to come — future or scheduled, never past,
cancelled, or a plan told in a past frame."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from newsdesk.article import Annotations, Article, TimeExpression
from newsdesk.publish import build_brief
from newsdesk.store import SqliteStore

DAY = date(2026, 3, 11)
TEXT = (
    "The Kessrick council will vote on the harbour plan on March 20. The mayor's wedding, "
    "which was due on March 21, will not take place after her death. Organisers cancelled "
    "the March 22 regatta. The old pier reopened on March 23 last year, officials said."
)


def _coming_up(
    tmp_path: Path, text: str, dates: list[TimeExpression]
) -> tuple[list[str], list[TimeExpression]]:
    """The days the brief of DAY lists as coming up for one article of ``text`` with
    ``dates``, and the dates as the store gives them back."""
    article = Article(source="a1", format="text", raw=text, text=text, id="a1",
                      outlet="Civic Beat", title="Harbour vote", url="https://example.com/a1",
                      published=datetime(2026, 3, 11, 9, 0, tzinfo=UTC))  # fmt: skip
    with SqliteStore(tmp_path / "s.db") as store:
        store.articles.add_source("test", [article])
        store.stories.save_assignments(features=[], assignments={"a1": "s1"}, merges=[],
                               titles={"s1": "Harbour vote"})  # fmt: skip
        store.annotations.save_annotations([("a1", Annotations(dates=dates))])
        stored = store.annotations.annotations_of(["a1"])["a1"].dates
        brief = build_brief(store, DAY)
    return [c.date for c in brief.coming_up], stored


def _brief(tmp_path: Path, frames: dict[str, str | None]) -> list[str]:
    dates = []
    for day, frame in frames.items():
        at = TEXT.index(day)
        value = f"2026-03-{day[-2:]}"
        dates.append(TimeExpression(day, value, at, at + len(day), "DATE", frame))
    return _coming_up(tmp_path, TEXT, dates)[0]


def test_brief_coming_up_holds_only_events_still_to_come(tmp_path: Path) -> None:
    frames = {"March 20": "future", "March 21": "void", "March 22": "void", "March 23": "past"}
    assert _brief(tmp_path, frames) == ["2026-03-20"]


def test_brief_coming_up_leaves_out_present_tense_dates(tmp_path: Path) -> None:
    assert _brief(tmp_path, {"March 20": "present"}) == []


def test_brief_coming_up_keeps_dates_read_without_a_frame(tmp_path: Path) -> None:
    assert _brief(tmp_path, {"March 20": None}) == ["2026-03-20"]


def test_brief_coming_up_leaves_out_hypothetical_events(tmp_path: Path) -> None:
    # "if the levy passes, the vote would be on March 20": possible, not scheduled
    assert _brief(tmp_path, {"March 20": "hypothetical"}) == []


def test_brief_coming_up_dates_a_counted_length_by_the_day_it_lands_on(tmp_path: Path) -> None:
    # "The council will vote on March 20 and the port board two days later": TIMEX3's value
    # of "two days" is P2D; the desk lists it by its anchor, March 22
    text = "The council will vote on March 20 and the port board two days later."
    at = text.index("two days")
    dates = [TimeExpression("two days", "P2D", at, at + 8, "DURATION", "future", "2026-03-22")]
    listed, stored = _coming_up(tmp_path, text, dates)
    assert stored[0].anchor == "2026-03-22"
    assert listed == ["2026-03-22"]


def test_brief_coming_up_shows_a_sentence_once_for_a_range_of_days(tmp_path: Path) -> None:
    # "on March 17-18" is two expressions in one sentence: one item (its first day), and
    # the story's other event keeps its place
    text = (
        "Ministers will meet for further talks on March 17-18 in Brussels. "
        "The harbour vote is set for March 25."
    )
    spans = [("March 17", "2026-03-17"), ("18", "2026-03-18"), ("March 25", "2026-03-25")]
    dates = []
    for said, value in spans:
        at = text.index(said, text.index("March 17") if said == "18" else 0)
        dates.append(TimeExpression(said, value, at, at + len(said), "DATE", "future"))
    assert _coming_up(tmp_path, text, dates)[0] == ["2026-03-17", "2026-03-25"]


def test_brief_coming_up_leaves_out_the_tail_of_a_quotation(tmp_path: Path) -> None:
    # a quotation split over sentences: its tail's "tomorrow" is the speaker's day, told
    # when the speech was given, not the outlet's; the outlet's own future stays
    # (a calendar date in it names its day whoever says it)
    text = (
        "In the video the preacher says: “Today the harbour is free. And tomorrow, it will be "
        "a land of walls and checkpoints.” The council will debate the video on March 20. "
        "Its chair said: “We will see. On March 24 the port votes, and we will know.”"
    )
    dates = []
    for said, value in [("tomorrow", "2026-03-12"), ("March 20", "2026-03-20"),
                        ("March 24", "2026-03-24")]:  # fmt: skip
        at = text.index(said)
        dates.append(TimeExpression(said, value, at, at + len(said), "DATE", "future"))
    assert _coming_up(tmp_path, text, dates)[0] == ["2026-03-20", "2026-03-24"]


def test_brief_coming_up_reads_chinese_tense(tmp_path: Path) -> None:
    """A Chinese report leaves what happened bare (周四，市长宣布…: last Thursday), marks
    what is to come (将于20日) and a plan that changed (原定于周五): only the 20th is
    coming up, read as the pack reads it."""
    from newsdesk.lang import pack_for
    from newsdesk.lang.dates import find_dates

    text = "周四，市长宣布港口计划。议会将于20日表决。市长原定于周五出访邻市。"
    pack = pack_for("zh")
    assert pack is not None
    dates = find_dates(text, pack, published=datetime(2026, 3, 11, 9, 0, tzinfo=UTC))
    assert [d.text for d in dates] == ["周四", "20日", "周五"]
    assert _coming_up(tmp_path, text, dates)[0] == ["2026-03-20"]
