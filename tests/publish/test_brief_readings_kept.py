"""The brief on the bundled demo corpus says the same with its story readings kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.stories import fake_features
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.publish import build_brief, readings, render
from newsdesk.sample import corpus_dir
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore


def test_brief_readings_kept_demo_corpus_json_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "demo.db"
    with SqliteStore(db) as store:
        settings = Settings(db=db, stories=False, annotate=False, read_ahead=False)
        ingest([str(corpus_dir())], store, settings=settings)
        StoryTracker(store, featurize=fake_features).update()
        day = date.fromisoformat(store.articles.latest_day() or "")
        cold = render(build_brief(store, day, top=20), "json")
        kept_count = store.story_readings.readings_count()
    assert kept_count >= 5

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept reading was read again")

    monkeypatch.setattr(readings, "read_story", unread)
    with SqliteStore(db) as store:  # after a restart
        kept = render(build_brief(store, day, top=20), "json")
    assert kept == cold
