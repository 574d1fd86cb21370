"""The ``readings`` stage: the brief's story readings computed at the end of a run."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import pytest

from newsdesk.publish import build_brief, readings
from newsdesk.settings import Settings
from newsdesk.stages import stage_list
from newsdesk.stages.parent import IngestRun
from newsdesk.stages.readings import ReadAhead
from newsdesk.store import SqliteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_story_readings import _make

DAY = date(2026, 3, 12)


def _run(store: SqliteStore, **settings: object) -> IngestRun:
    run = IngestRun(Settings(db=store.path).with_(**settings), store=store)
    run.report.ids.extend(["a1", "a2", "a3"])
    return run


def test_stages_readings_closes_last_in_ingest_and_run() -> None:
    assert stage_list("ingest").names[-1] == "readings"
    assert stage_list("run", stories=False, annotate=False).names[-1] == "readings"


def test_stages_readings_the_first_brief_after_a_run_reads_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        stage = ReadAhead(_run(store))
        stage.close()
        assert stage.days == ["2026-03-12"]
        assert store.story_readings.readings_count() == 2

        def unread(*args: object, **kwargs: object) -> None:
            raise AssertionError("read again")

        monkeypatch.setattr(readings, "read_story", unread)
        made = build_brief(store, DAY)
    assert [s.story_id for s in made.stories] == ["s-ferry", "s-fair"]


def test_stages_readings_off_or_without_stories_reads_nothing(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        for settings in ({"read_ahead": False}, {"stories": False}, {"annotate": False}):
            stage = ReadAhead(_run(store, **settings))
            stage.close()
            assert stage.days == []
        assert store.story_readings.readings_count() == 0
    assert Settings.from_env({"NEWSDESK_READ_AHEAD": "0"}).read_ahead is False
    assert Settings.from_env({}).read_ahead is True


def test_stages_readings_a_failing_story_is_marked_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = readings.read_story

    def read_story(story_id: str, *args: object, **kwargs: object) -> readings.BriefReading:
        if story_id == "s-ferry":
            raise MemoryError("out of memory")
        return real(story_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readings, "read_story", read_story)
    with SqliteStore(tmp_path / "s.db") as store, caplog.at_level(logging.WARNING):
        _make(store)
        ReadAhead(_run(store)).close()
        assert [f.story_id for f in store.story_readings.failed_readings()] == ["s-ferry"]
        assert store.story_readings.readings_count() == 1

        def broken(*args: object, **kwargs: object) -> object:
            raise RuntimeError("no brief today")

        monkeypatch.setattr("newsdesk.publish.build_brief", broken)
        stage = ReadAhead(_run(store))
        stage.close()  # logged, never raised
    assert stage.days == []
    assert "reading ahead the brief of 2026-03-12" in caplog.text


def test_stages_readings_warmed_ahead_keeps_the_same_readings(tmp_path: Path) -> None:
    kept = []
    for warmed in (False, True):
        with SqliteStore(tmp_path / f"s{warmed}.db") as store:
            _make(store)
            stage = ReadAhead(_run(store))
            if warmed:  # as the runner's thread does while a pool starts
                stage.warm.run()
                assert stage.warm.state == "loaded"
            stage.close()
            assert stage.days == ["2026-03-12"]
            with store.db.reader() as db:
                rows = db.execute(
                    "SELECT story_id, digest, status, data, error FROM story_readings "
                    "ORDER BY story_id"
                ).fetchall()
            kept.append([tuple(row) for row in rows])
    assert kept[0] == kept[1] and len(kept[0]) == 2
