"""Kept story readings: a brief reads back what an earlier one computed, never a stale one."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.article import Annotations, Article, Quote
from newsdesk.publish import build_brief, readings, render
from newsdesk.store import SqliteStore
from newsdesk.store.story_readings import KeptReading

DAY = date(2026, 3, 12)
FERRY = (
    "A passenger ferry ran aground in thick fog at Brannock Harbour early on Thursday, "
    "injuring 31 people, port officials said. All 386 people on board were brought ashore "
    "by lifeboats before noon."
)
OTHER = (
    "The ferry ran aground in thick fog at Brannock Harbour on Thursday morning, injuring 27 "
    "people. All 386 people on board were brought ashore by lifeboats before noon. The ship "
    "reported a radar fault ten minutes before the grounding."
)
FAIR = "The Kessrick spring fair opened on Thursday with forty stalls in the old market square."
LATE = (
    "Divers found a gash in the ferry's hull at Brannock Harbour on Thursday evening, and "
    "the Maritime Safety Board said 29 people had been hurt."
)


def _article(key: str, outlet: str, text: str, hours: int) -> Article:
    return Article(source=key, format="text", raw=text, text=text, id=key, outlet=outlet,
                   title=f"{outlet} report", url=f"https://example.com/{key}",
                   published=datetime(2026, 3, 12, 8, tzinfo=UTC) + timedelta(hours=hours))  # fmt: skip


def _make(store: SqliteStore) -> None:
    articles = [
        _article("a1", "Northgate Wire", FERRY, 0),
        _article("a2", "The Meridian Post", OTHER, 2),
        _article("a3", "Civic Beat", FAIR, 3),
    ]
    store.articles.add_source("test", articles)
    store.stories.save_assignments(features=[], merges=[],
                                   assignments={"a1": "s-ferry", "a2": "s-ferry", "a3": "s-fair"},
                                   titles={"s-ferry": "Ferry aground", "s-fair": "Spring fair"})  # fmt: skip
    said = "We brought every passenger ashore before noon, all of them safe and dry"
    quote = Quote(said, 0, 10, speaker="Ana Brell", kind="direct")
    store.annotations.save_annotations([("a2", Annotations(quotes=[quote]))])


def _json(store: SqliteStore) -> str:
    return render(build_brief(store, DAY), "json")


class _Counted:
    """read_story, counting the stories it reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[str] = []
        real = readings.read_story

        def read_story(story_id: str, *args: object, **kwargs: object) -> readings.BriefReading:
            self.read.append(story_id)
            return real(story_id, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(readings, "read_story", read_story)


def test_story_readings_a_second_brief_reads_them_back_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = _Counted(monkeypatch)
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        cold = _json(store)
        assert sorted(counted.read) == ["s-fair", "s-ferry"]
        assert store.story_readings.readings_count() == 2
    with SqliteStore(tmp_path / "s.db") as store:  # a restart: the store keeps them
        counted.read.clear()
        kept = _json(store)
    assert counted.read == []
    assert kept == cold
    assert json.loads(kept)["stories"][0]["quote"]["speaker"] == "Ana Brell"


def test_story_readings_a_changed_story_is_read_again_never_served_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = _Counted(monkeypatch)
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        before = json.loads(_json(store))
        counted.read.clear()
        store.articles.add_source("late", [_article("a4", "Harbour Times", LATE, 9)])
        store.stories.save_assignments(features=[], assignments={"a4": "s-ferry"}, merges=[],
                                       titles={"s-ferry": "Ferry aground"})  # fmt: skip
        after = json.loads(_json(store))
        assert counted.read == ["s-ferry"]  # the fair is read back
        ferry = next(s for s in after["stories"] if s["id"] == "s-ferry")
        assert "a4" in {s["id"] for s in ferry["sources"]}
        assert ferry != next(s for s in before["stories"] if s["id"] == "s-ferry")
        counted.read.clear()
        store.annotations.save_annotations([("a3", Annotations())])  # re-annotated
        _json(store)
        assert counted.read == ["s-fair"]


def test_story_readings_a_new_reading_version_reads_every_story_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = _Counted(monkeypatch)
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        cold = _json(store)
        counted.read.clear()
        monkeypatch.setattr(readings, "READING_VERSION", readings.READING_VERSION + 1)
        again = _json(store)
    assert sorted(counted.read) == ["s-fair", "s-ferry"]
    assert again == cold


def test_story_readings_deleted_stories_and_articles_drop_theirs(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        _json(store)
        assert store.story_readings.readings_count() == 2
        with store.db.transaction() as db:
            db.execute("DELETE FROM stories WHERE id = 's-fair'")
        assert store.story_readings.readings_count() == 1
        with store.db.transaction() as db:
            db.execute("DELETE FROM articles WHERE id = 'a2'")
        assert store.story_readings.readings_count() == 0


def test_story_readings_a_story_that_raises_is_marked_and_the_brief_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = readings.read_story

    def read_story(story_id: str, *args: object, **kwargs: object) -> readings.BriefReading:
        if story_id == "s-fair":
            raise RecursionError("maximum recursion depth exceeded")
        return real(story_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readings, "read_story", read_story)
    with SqliteStore(tmp_path / "s.db") as store, caplog.at_level(logging.WARNING):
        _make(store)
        made = build_brief(store, DAY)
        assert [s.story_id for s in made.stories] == ["s-ferry"]
        assert "left out story s-fair" in caplog.text
        [failed] = store.story_readings.failed_readings()
        assert failed.story_id == "s-fair" and "RecursionError" in failed.error
        assert store.story_readings.readings_count() == 1  # the ferry's is kept
        monkeypatch.setattr(readings, "read_story", real)
        again = build_brief(store, DAY)  # a failure is never served: read again
        assert [s.story_id for s in again.stories] == ["s-ferry", "s-fair"]
        assert store.story_readings.failed_readings() == []


def test_story_readings_a_section_that_raises_is_left_out_and_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("bad comparison")

    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        whole = _json(store)
        store.story_readings.forget_readings()
        monkeypatch.setattr(readings, "compare_outlets", broken)
        made = json.loads(_json(store))
        ferry = made["stories"][0]
        assert ferry["id"] == "s-ferry" and ferry["summary"] and ferry["conflicts"] == []
        assert {f.story_id for f in store.story_readings.failed_readings()} == {
            "s-ferry", "s-fair"
        }  # fmt: skip
        monkeypatch.undo()
        assert _json(store) == whole


def test_story_readings_a_store_that_refuses_writes_still_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)

        def refuse(found: list[KeptReading]) -> None:
            raise OSError("attempt to write a readonly database")

        monkeypatch.setattr(store.story_readings, "keep_readings", refuse)
        with caplog.at_level(logging.WARNING):
            made = build_brief(store, DAY)
    assert [s.story_id for s in made.stories] == ["s-ferry", "s-fair"]
    assert "could not keep 2 story readings" in caplog.text


def test_story_readings_each_story_keeps_its_newest_few(tmp_path: Path) -> None:
    from newsdesk.store.story_readings import KEEP_PER_STORY

    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        for n in range(KEEP_PER_STORY + 3):
            store.story_readings.keep_readings(
                [KeptReading("s-ferry", f"d{n}", 1, ("a1", "a2"), {"n": n})]
            )
        kept = store.story_readings.kept_readings([f"d{n}" for n in range(KEEP_PER_STORY + 3)])
    assert sorted(kept) == [f"d{n}" for n in range(3, KEEP_PER_STORY + 3)]
    assert kept["d3"] == {"n": 3}
