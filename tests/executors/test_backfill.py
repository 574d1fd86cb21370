"""backfill: shards split into chunks, read and enriched on an executor, written by one writer;
a rerun skips finished shards and resumes an interrupted one without storing anything twice."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from executors import fakes
from newsdesk.backfill import backfill, split_shard
from newsdesk.executors import InlineExecutor, make_executor
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.shards import ShardRepository


class Killed(BaseException):
    """A stand-in for SIGKILL between two chunks' commits."""


def test_backfill_inline_reads_every_shard_numbered_as_the_whole_file(
    inline_state: dict[str, Any], listing: Path
) -> None:
    assert len(inline_state["ids"]) == 29  # 2 shards of 14 records and one copy
    sources = inline_state["sources"]
    folder = listing.parent
    assert f"{folder / 's0.jsonl.gz'}:14" in sources  # line 14 of the file, not of its chunk
    assert f"{folder / 's1.warc.gz'}#15" in sources  # the 15th response of the WARC
    assert len(inline_state["stories"]) >= 3
    assert any(inline_state["copies"].values())
    assert len(inline_state["annotations"]) == 28  # all but the one the annotator refused


def test_backfill_ray_store_equals_inline(
    ray_local: Any, listing: Path, inline_state: dict[str, Any], tmp_path: Path
) -> None:
    executor = make_executor("ray", workers=2)
    try:
        report = fakes.run_backfill(listing, tmp_path / "ray.db", executor)
    finally:
        executor.close()
    with SqliteStore(tmp_path / "ray.db") as store:
        assert fakes.state(store) == inline_state
    assert report.ingested == 29
    assert report.failed == 1  # the article the annotator refused: kept, marked, counted once
    assert [s["status"] for s in report.shards] == ["done"] * 2


def test_backfill_resumes_an_interrupted_shard_and_skips_finished_ones(
    ray_local: Any,
    listing: Path,
    inline_state: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("newsdesk.backfill_chunks.CHUNK_RECORDS", 4)
    db = tmp_path / "resumed.db"
    calls = {"n": 0}
    real = ShardRepository.shard_progress

    def progress(self: ShardRepository, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 6:  # the WARC shard, after its second chunk
            raise Killed

    executor = make_executor("ray", workers=2)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(ShardRepository, "shard_progress", progress)
            with pytest.raises(Killed):
                fakes.run_backfill(listing, db, executor)
        with SqliteStore(db) as store:
            before = {s.path: (s.status, s.records_done) for s in store.shards.shards()}
        assert sorted(before.values()) == [("done", 14), ("running", 8)]
        # the killed run's counts so far are kept with the progress
        assert sum(s.counts["ingested"] for s in store.shards.shards()) == 22
        report = fakes.run_backfill(listing, db, executor)
        again = fakes.run_backfill(listing, db, executor)
    finally:
        executor.close()
    statuses = [s["status"] for s in report.shards]
    assert statuses == ["skipped", "done"]
    assert report.shards[1]["resumed_at"] == 8
    assert report.duplicates == 0  # nothing read twice
    assert [s["status"] for s in again.shards] == ["skipped"] * 2
    assert again.ingested == 0
    with SqliteStore(db) as store:
        assert fakes.state(store) == inline_state
        assert sum(s.counts["ingested"] for s in store.shards.shards()) == 29


def test_backfill_split_skips_committed_records_and_reports_a_damaged_tail(tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "x.db")
    listing = fakes.corpus(tmp_path / "c")
    warc = listing.parent / "s1.warc.gz"
    chunks = list(split_shard(str(warc), settings, skip=5))
    assert [(c.start, c.end) for c in chunks] == [(5, 15)]
    data = warc.read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"text": "a b c"}\n' * 40)[:-30])
    cut = list(split_shard(str(tmp_path / "cut.jsonl.gz"), settings))
    assert cut[-1].error and "damaged" in cut[-1].error
    assert data  # the WARC itself was left as it was


def test_backfill_cli_json_has_ingest_shape_and_shard_lines(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsdesk.cluster.tracker.features_batch",
                        lambda articles, **kw: fakes.featurize(articles))  # fmt: skip
    monkeypatch.setattr("newsdesk.annotate.annotator.Annotator.annotate_texts",
                        lambda self, texts, *a, **k: fakes.annotate(texts))  # fmt: skip
    listing = fakes.corpus(tmp_path / "c")
    with listing.open("a") as handle:
        handle.write("missing.jsonl\n")
    result = cli("backfill", str(listing), "--executor", "inline", "--json")
    assert result.code == 1  # one shard could not be read; the others are in
    report = result.json()
    assert {"ingested", "duplicates", "rejected", "dropped", "failed", "failures"} <= set(report)
    assert report["ingested"] == 29
    assert [s["status"] for s in report["shards"]] == ["done"] * 2 + ["failed"]
    assert "missing.jsonl" in report["rejected"][0]["source"]
    rerun = cli("backfill", str(listing), "--executor", "inline")
    assert "0 ingested" in rerun.stdout
    assert rerun.stderr.count("skipped ") == 2


def test_backfill_ingest_takes_the_executor_option(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsdesk.cluster.tracker.features_batch",
                        lambda articles, **kw: fakes.featurize(articles))  # fmt: skip
    monkeypatch.setattr("newsdesk.annotate.annotator.Annotator.annotate_texts",
                        lambda self, texts, *a, **k: fakes.annotate(texts))  # fmt: skip
    listing = fakes.corpus(tmp_path / "c")
    result = cli("ingest", str(listing.parent / "s0.jsonl.gz"), "--executor", "inline", "--json")
    assert result.json()["ingested"] == 14
    wrong = cli("ingest", str(listing.parent / "s0.jsonl.gz"), "--executor", "spark")
    assert wrong.code == 2
    assert "use inline, local or ray" in wrong.stderr


class _Recording:
    """The inline executor, noting the name of each batch function it is given."""

    workers = 1

    def __init__(self) -> None:
        self.inner = InlineExecutor()
        self.names: list[str] = []

    def map_batches(self, fn: Any, batches: Any) -> Any:
        self.names.append(fn.name)
        return self.inner.map_batches(fn, batches)

    def close(self) -> None:
        self.inner.close()


def test_backfill_reads_chunks_in_the_same_pass_as_the_other_stages(
    listing: Path, inline_state: dict[str, Any], tmp_path: Path
) -> None:
    executor = _Recording()
    shown: list[tuple[str, str]] = []
    with SqliteStore(tmp_path / "one.db") as store:
        backfill([str(listing)], store, settings=Settings(db=tmp_path / "one.db"),
                 executor=executor, models=fakes.MODELS,
                 on_shard=lambda line: shown.append((Path(line["path"]).name, line["status"])))  # fmt: skip
        assert fakes.state(store) == inline_state
    # reading is the first stage of the workers' first batch function, not a pass before
    assert executor.names == ["read+clean+quality+ids+signatures", "embed+annotate"]
    assert shown == [("s0.jsonl.gz", "done"), ("s1.warc.gz", "done")]


def test_backfill_a_shard_the_store_fails_on_is_failed_and_the_next_goes_on(
    listing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ShardRepository.shard_progress

    def progress(self: ShardRepository, path: str, **kwargs: Any) -> None:
        if path.endswith("s0.jsonl.gz"):
            raise sqlite3.OperationalError("disk I/O error")
        real(self, path, **kwargs)

    monkeypatch.setattr(ShardRepository, "shard_progress", progress)
    report = fakes.run_backfill(listing, tmp_path / "failing.db", InlineExecutor())
    statuses = [(Path(s["path"]).name, s["status"]) for s in report.shards]
    assert statuses == [("s0.jsonl.gz", "failed"), ("s1.warc.gz", "done")]
    assert "disk I/O error" in report.shards[0]["error"]
    monkeypatch.setattr(ShardRepository, "shard_progress", real)
    again = fakes.run_backfill(listing, tmp_path / "failing.db", InlineExecutor())
    assert [s["status"] for s in again.shards] == ["done", "skipped"]  # the failed one again


def test_backfill_report_merges_each_pass_report_counting_an_article_once() -> None:
    """A pass's report merges in as it is (typed, not through its JSON): an enrichment
    retried in a later pass that fails again is one failed article, not two."""
    from newsdesk.backfill import BackfillReport
    from newsdesk.stages import IngestReport

    def one(ingested: int, *ids: str) -> IngestReport:
        run = IngestReport(ingested=ingested, duplicates=1)
        run.rejected.append({"source": "bad.warc", "error": "not a WARC"})
        run.failures.extend(
            {"id": i, "stage": "annotate", "error": "E", "source": "s"} for i in ids
        )
        run.drops.reasons["not news: listing"] += 2
        return run

    merged = BackfillReport()
    merged.add(one(3, "a1", "b2"))
    merged.add(one(4, "b2"))
    shown = merged.as_json()
    assert (shown["ingested"], shown["duplicates"], shown["failed"]) == (7, 2, 2)
    assert shown["dropped"] == {"not news: listing": 4} and len(shown["rejected"]) == 2
