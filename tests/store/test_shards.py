"""The backfill shard ledger keeps each shard's counts typed, and reads back what it kept."""

from __future__ import annotations

from pathlib import Path

from newsdesk.store import SqliteStore
from newsdesk.store.shards import ShardCounts


def test_shards_counts_read_back_as_written(tmp_path: Path) -> None:
    counts = ShardCounts(
        ingested=3, duplicates=1, rejected=[{"source": "a.warc", "error": "not WARC"}],
        dropped={"too short": 2}, failed=1, failures=[{"id": "x1", "error": "annotate"}],
    )  # fmt: skip
    with SqliteStore(tmp_path / "s.db") as store:
        begun = store.shards.begin_shard("a.warc", size=10, mtime=1.0, sha256="ab")
        assert begun.counts == ShardCounts() and not begun.counts
        store.shards.shard_progress("a.warc", records_done=4, counts=counts)
        assert store.shards.shard("a.warc").counts == counts  # type: ignore[union-attr]
        store.shards.finish_shard("a.warc", counts=counts)
        done = store.shards.shard("a.warc")
    assert done is not None and done.status == "done" and done.counts == counts
    assert done.as_json()["counts"] == {
        "ingested": 3, "duplicates": 1, "rejected": [{"source": "a.warc", "error": "not WARC"}],
        "dropped": {"too short": 2}, "failed": 1, "failures": [{"id": "x1", "error": "annotate"}],
    }  # fmt: skip
    assert done.counts["ingested"] == 3  # read by name, as the ledger's JSON was


def test_shards_counts_of_an_older_ledger_row_read_with_what_is_missing_as_none() -> None:
    assert ShardCounts.from_json({}) == ShardCounts()
    assert ShardCounts.from_json({"ingested": 2, "dropped": {"boilerplate": 1}}) == ShardCounts(
        ingested=2, dropped={"boilerplate": 1}
    )
    assert ShardCounts(failed=1)
