"""A store with stories from outlets of several countries and kinds, built without models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.stories import fake_features, record
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

# (record name, event, n, day, outlet, host): real outlets of the bundled registry
RECORDS = [
    ("jp1", "quake", 5, 0, "NHK", "www3.nhk.or.jp"),
    ("jp2", "quake", 7, 0, "The Asahi Shimbun", "www.asahi.com"),
    ("jp3", "quake", 9, 1, "Kyodo News", "english.kyodonews.net"),
    ("cn1", "strike", 100, 0, "Xinhua", "english.news.cn"),
    ("cn2", "strike", 102, 0, "Global Times", "www.globaltimes.cn"),
    ("cn3", "strike", 104, 1, "CGTN", "news.cgtn.com"),
    ("jp4", "vote", 80, 0, "NHK", "www3.nhk.or.jp"),
    ("cn4", "vote", 82, 1, "China Daily", "www.chinadaily.com.cn"),
]


def write_records(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, event, n, day, outlet, host in RECORDS:
        item = record(name, event, n, day, outlet)
        item["url"] = f"https://{host}/news/{name}"
        item.pop("outlet")  # the host alone must name the outlet
        (folder / f"{name}.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    return folder


def build(path: Path, corpus: Path) -> SqliteStore:
    store = SqliteStore(path)
    report = ingest([str(corpus)], store, settings=Settings(db=path, stories=False, annotate=False))
    assert not report.rejected, report.rejected
    StoryTracker(store, featurize=fake_features).update()
    return store


@pytest.fixture
def desk_store(tmp_path: Path) -> SqliteStore:
    with build(tmp_path / "outlets.db", write_records(tmp_path / "corpus")) as store:
        yield store
