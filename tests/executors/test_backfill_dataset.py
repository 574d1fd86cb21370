"""backfill on Ray runs one Ray Data dataset: the per-article stages fused over an actor pool,
the stages that read or write the store here; the store is the one an inline run makes."""

from __future__ import annotations

import json
import pickle
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from executors import crashing, fakes
from helpers.stories import EVENTS, record
from newsdesk.backfill import ShardTask, SplitShards, dataset_stages
from newsdesk.executors import InlineExecutor, make_executor
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.shards import ShardRepository


class _InProcessDataset:
    """An executor with ``dataset`` (as the Ray executor has), run in this process: each
    source expanded, each item through every batch function in turn, in order."""

    workers = 1

    def __init__(self, gpus: int) -> None:
        self._gpus = gpus
        self.fns: list[str] = []

    def gpus(self) -> int:
        return self._gpus

    def dataset(self, sources: Any, expand: Any, fns: Any) -> Iterator[Any]:
        fns = [pickle.loads(pickle.dumps(fn)) for fn in fns]  # as the actors get them
        self.fns = [fn.name for fn in fns]
        for fn in fns:
            fn.setup()
        for source in sources:
            for item in expand(source):
                for fn in fns:
                    (item,) = fn([pickle.loads(pickle.dumps(item))])
                yield item

    def map_batches(self, fn: Any, batches: Any) -> Any:
        raise AssertionError("a dataset run makes no executor calls per stage")

    def close(self) -> None:
        pass


def test_backfill_dataset_stages_fuse_what_needs_no_store_and_keep_the_writer_here() -> None:
    actors, here = dataset_stages(Settings())
    assert actors.names == [
        "read", "clean", "quality", "ids", "signatures", "outlets", "embed", "annotate"
    ]  # fmt: skip
    assert {s.kind for s in actors.stages} == {"article"}
    assert here.names == [
        "rules", "known", "copies", "store", "stories", "save_annotations", "readings"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("gpus", "fns"),
    [
        (0, ["read+clean+quality+ids+signatures+outlets+embed+annotate"]),
        (2, ["read+clean+quality+ids+signatures+outlets", "embed+annotate"]),  # GPU: embedding
    ],
)
def test_backfill_dataset_store_equals_inline_fused_or_split_for_gpus(
    listing: Path, inline_state: dict[str, Any], tmp_path: Path, gpus: int, fns: list[str]
) -> None:
    executor = _InProcessDataset(gpus)
    report = fakes.run_backfill(listing, tmp_path / "ds.db", executor)
    assert executor.fns == fns
    with SqliteStore(tmp_path / "ds.db") as store:
        assert fakes.state(store) == inline_state
    assert report.ingested == 29
    assert report.failed == 1  # the article the stand-in annotator refused
    assert [s["status"] for s in report.shards] == ["done", "done"]


def test_backfill_split_shards_ends_each_shard_and_says_when_it_could_not_be_read(
    listing: Path, tmp_path: Path
) -> None:
    split = SplitShards(Settings(db=tmp_path / "x.db"), records=4)
    shard = str(listing.parent / "s1.warc.gz")
    jobs = list(split(ShardTask(shard, skip=6)))
    assert [(j.source.rsplit("#", 1)[-1], j.end) for j in jobs[:-1]] == [
        ("7-10", 10), ("11-14", 14), ("15-15", 15)
    ]  # fmt: skip
    assert jobs[-1].last and jobs[-1].shard == shard and jobs[-1].shard_error is None
    missing = list(split(ShardTask(str(tmp_path / "gone.jsonl"))))
    assert len(missing) == 1 and missing[0].last
    assert missing[0].shard_error and "cannot open" in missing[0].shard_error


def test_backfill_ray_runs_one_ray_data_dataset_per_pass(
    ray_local: Any,
    listing: Path,
    inline_state: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsdesk.executors import ray_data
    from newsdesk.executors.ray import RayExecutor

    built: list[int] = []
    real = ray_data.stream

    def counted(ray: Any, sources: Any, *args: Any, **kwargs: Any) -> Any:
        built.append(len(sources))
        return real(ray, sources, *args, **kwargs)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the backfill went through the per-call actors")

    monkeypatch.setattr(ray_data, "stream", counted)
    monkeypatch.setattr(RayExecutor, "map_batches", refused)
    executor = make_executor("ray", workers=2)
    try:
        report = fakes.run_backfill(listing, tmp_path / "ray.db", executor)
        again = fakes.run_backfill(
            listing, tmp_path / "ray.db", executor
        )  # every shard done: nothing built
    finally:
        executor.close()
    assert built == [2]  # one dataset over both shards
    with SqliteStore(tmp_path / "ray.db") as store:
        assert fakes.state(store) == inline_state
    assert report.ingested == 29 and report.failed == 1
    assert [s["status"] for s in again.shards] == ["skipped", "skipped"]


def _shard_with_a_killer(folder: Path) -> Path:
    rng = random.Random(5)
    rows = [
        record(f"k{k}", list(EVENTS)[k % 3], rng.randrange(200), k % 3, fakes.OUTLETS[k % 6])
        for k in range(12)
    ]
    rows[5]["text"] += f" Then {crashing.KILLER}."
    shard = folder / "killer.jsonl"
    shard.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return shard


def test_backfill_ray_an_article_that_kills_its_actor_costs_only_its_chunks_annotations(
    ray_local: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsdesk.backfill_chunks.CHUNK_RECORDS", 4)
    shard = _shard_with_a_killer(tmp_path)
    executor = make_executor("ray", workers=2)
    try:
        report = fakes.run_backfill(shard, tmp_path / "k.db", executor, models=crashing.MODELS)
    finally:
        executor.close()
    assert [s["status"] for s in report.shards] == ["done"]
    assert report.ingested == 12  # every article stored
    with SqliteStore(tmp_path / "k.db") as store:
        articles = store.articles.articles()
        notes = store.annotations.annotations_of([a.id or "" for a in articles])
    unannotated = {a.source.rsplit(":", 1)[-1] for a in articles if a.id not in notes}
    assert unannotated == {"5", "6", "7", "8"}  # the killer's chunk (records 5-8) alone
    died = [f for f in report.failures if f["stage"] == "annotate"]
    assert len(died) == 4 and all("Ray actor died" in f["error"] for f in died)


@pytest.mark.parametrize("dataset", [False, True])
def test_backfill_a_store_that_refuses_every_shard_stops_with_its_error(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: bool
) -> None:
    def refuse(self: ShardRepository, path: str, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ShardRepository, "begin_shard", refuse)
    executor = _InProcessDataset(0) if dataset else InlineExecutor()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        fakes.run_backfill(
            listing, tmp_path / "refused.db", executor
        )  # said once, not tried forever
