"""Stories kept in the store: incremental assignment, resume after a stop, recluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.stories import fake_features, record
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore


def _write(folder: Path, name: str, event: str, n: int, day: int, outlet: str) -> None:
    (folder / f"{name}.jsonl").write_text(
        json.dumps(record(name, event, n, day, outlet)) + "\n", encoding="utf-8"
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    outlets = ["Wire", "Ledger", "Post", "Courier"]
    for i, outlet in enumerate(outlets):
        _write(folder, f"q{i}", "quake", 5 + 2 * i, i % 2, outlet)
        _write(folder, f"s{i}", "strike", 100 + 2 * i, i % 2, outlet)
        _write(folder, f"v{i}", "vote", 80 + 2 * i, 1 + i % 2, outlet)
    return folder


def _ingest(store: SqliteStore, folder: Path) -> None:
    settings = Settings(db=store.path, stories=False)
    ingest([str(folder)], store, settings=settings)


def _grouping(store: SqliteStore) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in store.stories.stories()}


def test_tracker_groups_each_event_into_one_story(store: SqliteStore, corpus: Path) -> None:
    _ingest(store, corpus)
    StoryTracker(store, featurize=fake_features).update()
    stories = store.stories.stories()
    assert len(stories) == 3
    assert all(s.article_count == 4 and s.outlet_count == 4 for s in stories)
    assert all(s.title and s.first_seen and s.last_seen for s in stories)


def test_tracker_resumes_from_snapshot_and_replay(store: SqliteStore, corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    first, rest = corpus.parent / "first", corpus.parent / "rest"
    first.mkdir(), rest.mkdir()
    for i, path in enumerate(files):
        path.rename((first if i < 5 else rest) / path.name)
    _ingest(store, first)
    tracker = StoryTracker(store, featurize=fake_features)
    tracker.update()
    tracker.snapshot()
    _ingest(store, rest)
    StoryTracker(store, featurize=fake_features).update()  # no snapshot: a "killed" run
    _ingest(store, first)  # nothing new
    reopened = StoryTracker(store, featurize=fake_features)  # snapshot + replay
    assert reopened.update() == 0
    assert len(reopened.assigner.article_story) == 12
    assert len(store.stories.stories()) == 3


def test_tracker_recluster_is_deterministic_and_old_ids_resolve(
    store: SqliteStore, corpus: Path
) -> None:
    _ingest(store, corpus)
    StoryTracker(store, featurize=fake_features).update()
    before = {s.id: set(s.articles) for s in store.stories.stories()}
    StoryTracker(store, featurize=fake_features).recluster()
    once = _grouping(store)
    StoryTracker(store, featurize=fake_features).recluster()
    assert _grouping(store) == once
    for old_id, members in before.items():
        resolved = store.stories.story(old_id)
        assert resolved is not None
        assert members & set(resolved.articles)


def test_tracker_copies_follow_their_original_and_count_once(
    store: SqliteStore, corpus: Path
) -> None:
    original = json.loads((corpus / "q0.jsonl").read_text())
    copy = dict(original, id="q0copy", url="https://bay.example/q0", outlet="Bay")
    copy["published"] = "2026-03-09T06:00:00"
    (corpus / "q0copy.jsonl").write_text(json.dumps(copy) + "\n", encoding="utf-8")
    _ingest(store, corpus)
    StoryTracker(store, featurize=fake_features).update()
    quake = next(s for s in store.stories.stories() if len(s.articles) == 5)
    assert quake.article_count == 4  # the copy is not counted twice
    assert quake.outlet_count == 5  # but its outlet carried the story
