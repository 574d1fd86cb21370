"""An ingest stopped at any write and run again gives the store a clean run gives:
the same ids, copy links, annotations and story membership."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from helpers.stories import EVENTS, fake_features, record
from newsdesk.article import Annotations, Mention
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.sqlite import REPOSITORIES


class Killed(BaseException):
    """A stand-in for SIGKILL: the write in flight is rolled back, nothing after it runs."""


WRITES = ("add_source", "relink", "save_assignments", "save_annotations", "set_enriched_through",
          "save_cluster_snapshot", "mark_failed")  # fmt: skip


@pytest.fixture(autouse=True)
def models(monkeypatch: pytest.MonkeyPatch) -> None:
    def annotate(self: Any, texts: Sequence[str], *args: Any, **kwargs: Any) -> Iterator[Any]:
        for text in texts:
            word = text.split()[1]
            yield Annotations(entities=[Mention(word, "ORG", 0, len(word), word)])

    monkeypatch.setattr("newsdesk.annotate.annotator.Annotator.annotate_texts", annotate)
    monkeypatch.setattr(
        "newsdesk.cluster.tracker.features_batch", lambda articles, **kw: fake_features(articles)
    )


def _corpus(folder: Path) -> list[str]:
    """Twelve sources of six records: three events, copies published earlier or later."""
    folder.mkdir()
    rng = random.Random(7)
    outlets = ["Wire", "Ledger", "Post", "Courier", "Herald", "Times"]
    paths = []
    for s in range(12):
        lines = []
        for k in range(6):
            event = list(EVENTS)[(s + k) % 3]
            lines.append(record(f"r{s}-{k}", event, rng.randrange(200), rng.randrange(3),
                                outlets[(s + k) % 6]))  # fmt: skip
        if s % 3 == 2:  # a copy of an earlier source's record, published before it
            copy = dict(json.loads(Path(paths[-1]).read_text().splitlines()[0]))
            copy["id"], copy["url"] = f"c{s}", f"https://copies.example/{s}"
            copy["published"] = "2026-03-08T06:00:00"
            lines.append(copy)
        path = folder / f"src{s:02d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
        paths.append(str(path))
    return paths


def _state(store: SqliteStore) -> dict[str, Any]:
    articles = sorted(store.articles.articles(), key=lambda a: a.id or "")
    notes = store.annotations.annotations_of([a.id or "" for a in articles])
    return {
        "ids": [a.id for a in articles],
        "copies": {a.id: a.extras.get("copy_of") for a in articles},
        "annotations": {k: [m.canonical for m in v.entities] for k, v in notes.items()},
        "stories": sorted(sorted(s.articles) for s in store.stories.stories()),
        "story_of": {
            a.id: store.stories.resolve_story(a.story_id) if a.story_id else None for a in articles
        },
    }


def _run(paths: list[str], db: Path) -> None:
    settings = Settings(db=db)
    with SqliteStore(db) as store:
        ingest(paths, store, settings=settings)


def _killed_at(paths: list[str], db: Path, monkeypatch: pytest.MonkeyPatch, at: int) -> bool:
    """Ingest, killed at the ``at``-th write; True when the kill happened."""
    count = {"n": 0}
    with monkeypatch.context() as patch:
        for name in WRITES:
            owner = next(r for r in REPOSITORIES.values() if hasattr(r, name))
            real = getattr(owner, name)

            def wrapped(self: Any, *args: Any, _real: Any = real, **kw: Any) -> Any:
                count["n"] += 1
                if count["n"] == at:
                    with self._transaction():  # the write begins, then the process dies
                        raise Killed
                return _real(self, *args, **kw)

            patch.setattr(owner, name, wrapped)
        try:
            _run(paths, db)
        except Killed:
            return True
    return False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _corpus(tmp_path_factory.mktemp("kill") / "in")


def test_ingestion_resume_after_a_kill_at_any_write_equals_a_clean_run(
    tmp_path: Path, corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(corpus, tmp_path / "clean.db")
    with SqliteStore(tmp_path / "clean.db") as store:
        clean = _state(store)
    assert len(clean["stories"]) >= 3 and any(clean["copies"].values())
    differing = []
    at = 1
    while True:
        db = tmp_path / f"k{at}.db"
        if not _killed_at(corpus, db, monkeypatch, at):
            break
        _run(corpus, db)  # resumed
        with SqliteStore(db) as store:
            if _state(store) != clean:
                differing.append(at)
        at += 1
    assert at > 20  # every write was a kill point
    assert differing == []


def test_ingestion_resume_twice_killed_equals_a_clean_run(
    tmp_path: Path, corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(corpus, tmp_path / "clean.db")
    with SqliteStore(tmp_path / "clean.db") as store:
        clean = _state(store)
    db = tmp_path / "twice.db"
    assert _killed_at(corpus, db, monkeypatch, 9)
    assert _killed_at(corpus, db, monkeypatch, 5)
    _run(corpus, db)
    with SqliteStore(db) as store:
        assert _state(store) == clean
