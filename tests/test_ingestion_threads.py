"""The embedding models run on one thread per worker, in a pool and in the command's own
process alike: ``--workers 1`` uses one core, and its vectors are the pool's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsdesk.cluster.tracker as tracker
from helpers import pipeline_models
from helpers.stories import record
from newsdesk.executors import InlineExecutor
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore


def test_ingestion_in_process_embeds_on_one_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Any] = []

    def features_batch(articles: Any, **kwargs: Any) -> list[Any]:
        asked.append(kwargs.get("threads"))
        return list(pipeline_models.featurize(articles))

    monkeypatch.setattr(tracker, "features_batch", features_batch)
    source = tmp_path / "wire.jsonl"
    lines = [record(f"w{k}", ("quake", "vote")[k % 2], k, 0, "Wire") for k in range(4)]
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    settings = Settings(db=tmp_path / "store.db", workers=1)
    models = Models(annotate=pipeline_models.annotate)  # the default featurizer, replaced above
    with SqliteStore(settings.db) as store:
        report = ingest([str(source)], store, settings=settings, executor=InlineExecutor(),
                        models=models)  # fmt: skip
        assert report.ingested == 4
        assert store.stories.stories(), "the articles were grouped into stories"
    assert asked and set(asked) == {1}
