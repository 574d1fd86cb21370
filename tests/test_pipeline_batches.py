"""The batches an ingest is cut into do not depend on the number of workers: a model whose
floats move with the articles that share its batch (the multilingual embedding's do, by
about 1e-7) gives the same stored vectors with one worker and with two."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from helpers import pipeline_models
from helpers.stories import hash_vector, record
from newsdesk.article import Article
from newsdesk.cluster.features import features_for
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import BATCH_ARTICLES, ingest
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore


def featurize_by_batch(articles: Sequence[Article]) -> list[Any]:
    """A stand-in whose vectors, like a padded batch's, move with the batch's size."""
    out = []
    for article in articles:
        vector = hash_vector(article.body)
        vector[0] += 1e-6 * len(articles)
        out.append(features_for(article, vector))
    return out


MODELS = Models(featurize=featurize_by_batch, annotate=pipeline_models.annotate)


def _vectors(folder: Path, db: Path, workers: int) -> dict[str, bytes]:
    settings = Settings(db=db, workers=workers)
    executor = LocalExecutor(workers=workers)
    try:
        with SqliteStore(db) as store:
            ingest([str(folder)], store, settings=settings, executor=executor, models=MODELS)
            ids = [a.id or "" for a in store.articles.articles()]
            return {key: row.vector for key, row in store.stories.features(ids).items()}
    finally:
        executor.close()


def test_pipeline_batches_same_vectors_with_one_worker_and_two(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    events = ("quake", "strike", "vote")
    for n in range(3 * BATCH_ARTICLES):  # one record a file: the last batches shrink
        line = record(f"r{n}", events[n % 3], n, n % 4, ("Wire", "Post", "Herald")[n % 3])
        (folder / f"{n:03d}.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    one = _vectors(folder, tmp_path / "one.db", 1)
    two = _vectors(folder, tmp_path / "two.db", 2)
    assert len(one) > BATCH_ARTICLES // 2  # copies have no features of their own
    assert one == two
