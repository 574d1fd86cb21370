"""Stories kept in the store: incremental assignment, resume after a stop, recluster."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from newsdesk.article import Article
from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures, features_for
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

EVENTS = {
    "quake": [
        "An earthquake of magnitude {n} struck the Orlen valley early on Monday.",
        "Bridges near Varna were damaged and villages around Lake Orlen lost power.",
        "Rescue teams reached the worst-hit villages by mid-morning, the governor said.",
        "Seismologists recorded more than forty aftershocks in the Orlen valley overnight.",
        "Schools in Varna stayed closed while engineers inspected the buildings.",
        "The quake was the strongest in the valley since records began, experts said.",
        "Residents of Lake Orlen spent the night in tents outside their homes.",
        "The regional governor asked the army for help clearing roads to Varna.",
    ],
    "strike": [
        "Dock workers at Port Selva walked out over automated cranes on Monday.",
        "Ferries and freight stopped as the dockers union picketed the Selva terminals.",
        "Talks with the port authority broke down after the cranes were switched on.",
        "The union said {n} members joined the stoppage on the first morning.",
        "Exporters warned that perishable cargo was rotting on the Selva quays.",
        "The port authority called the walkout illegal and threatened legal action.",
        "Dockers marched from the terminal gates to the harbour office at noon.",
        "A ballot on an indefinite strike will be held next week, the union said.",
    ],
    "vote": [
        "The Corvanian assembly passed the Affordable Homes Act by {n} votes.",
        "The act caps rents in Kessrick and Marrowby for the next five years.",
        "Housing minister Ilse Varga led the debate, which ran past midnight.",
        "Landlords' groups said the rent cap would choke new construction.",
        "Tenants cheered outside the assembly building as the result was read.",
        "The opposition promised to repeal the act if it wins the next election.",
        "Varga said the act was the biggest housing reform in a generation.",
        "The law takes effect on the first of July, officials said.",
    ],
}


def _hash_vector(text: str) -> np.ndarray:
    """A stand-in for the sentence model: bag of hashed words, unit length."""
    vector = np.zeros(DIM, dtype=np.float32)
    for word in text.lower().split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def fake_features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    return [features_for(a, _hash_vector(a.body)) for a in articles]


def _write(folder: Path, name: str, event: str, n: int, day: int, outlet: str) -> None:
    pool = EVENTS[event]
    start = (n * 3) % len(pool)
    picked = [pool[(start + k) % len(pool)] for k in range(4)]
    text = " ".join(picked).format(n=n) + f" Reported by {outlet}."
    record = {
        "id": name,
        "url": f"https://{outlet.lower()}.example/{name}",
        "title": f"{event.title()} report {name}",
        "text": text,
        "outlet": outlet,
        "published": (datetime(2026, 3, 9) + timedelta(days=day)).isoformat(),
    }
    (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    outlets = ["Wire", "Ledger", "Post", "Courier"]
    for i, outlet in enumerate(outlets):
        _write(folder, f"q{i}", "quake", 5 + i, i % 2, outlet)
        _write(folder, f"s{i}", "strike", 100 + i, i % 2, outlet)
        _write(folder, f"v{i}", "vote", 80 + i, 1 + i % 2, outlet)
    return folder


def _ingest(store: SqliteStore, folder: Path) -> None:
    settings = Settings(db=store.path, stories=False)
    ingest([str(folder)], store, settings=settings)


def _grouping(store: SqliteStore) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in store.stories()}


def test_tracker_groups_each_event_into_one_story(store: SqliteStore, corpus: Path) -> None:
    _ingest(store, corpus)
    StoryTracker(store, featurize=fake_features).update()
    stories = store.stories()
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
    assert len(store.stories()) == 3


def test_tracker_recluster_is_deterministic_and_old_ids_resolve(
    store: SqliteStore, corpus: Path
) -> None:
    _ingest(store, corpus)
    StoryTracker(store, featurize=fake_features).update()
    before = {s.id: set(s.articles) for s in store.stories()}
    StoryTracker(store, featurize=fake_features).recluster()
    once = _grouping(store)
    StoryTracker(store, featurize=fake_features).recluster()
    assert _grouping(store) == once
    for old_id, members in before.items():
        resolved = store.story(old_id)
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
    quake = next(s for s in store.stories() if len(s.articles) == 5)
    assert quake.article_count == 4  # the copy is not counted twice
    assert quake.outlet_count == 5  # but its outlet carried the story
