"""Backfill's shard ledger: which input files are done, and how far an interrupted one got.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`. ``backfill`` opens a shard
(:meth:`ShardRepository.begin_shard`), records its progress after each committed chunk of
articles (:meth:`ShardRepository.shard_progress`) and closes it
(:meth:`ShardRepository.finish_shard`).
A rerun skips a shard marked done with the same content (SHA-256) and resumes a running
one after ``records_done`` records (WARC responses, JSONL lines); a file whose content
changed starts again from its first record (ids make that safe: nothing is stored twice).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsdesk.keyed import KeyedFields
from newsdesk.store.database import Repository

__all__ = ["ShardCounts", "ShardRepository", "ShardRow"]


@dataclass(slots=True)
class ShardCounts(KeyedFields):
    """What a shard gave, in ``ingest --json``'s terms: articles stored, duplicates, inputs
    rejected, drops by reason, enrichments failed (and the first of those rejected and
    failed, as listed)."""

    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        """Whether it counts anything at all."""
        return bool(self.ingested or self.duplicates or self.rejected or self.dropped
                    or self.failed or self.failures)  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": list(self.rejected),
            "dropped": dict(self.dropped),
            "failed": self.failed,
            "failures": list(self.failures),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardCounts:
        """Counts back from :meth:`as_json` (the ledger keeps the JSON); missing: none."""
        return cls(
            int(data.get("ingested", 0)),
            int(data.get("duplicates", 0)),
            list(data.get("rejected", [])),
            {str(k): int(n) for k, n in dict(data.get("dropped", {})).items()},
            int(data.get("failed", 0)),
            list(data.get("failures", [])),
        )


@dataclass(slots=True)
class ShardRow:
    path: str
    size: int
    mtime: float
    sha256: str
    status: str  # running | done | failed
    records_done: int = 0
    counts: ShardCounts = field(default_factory=ShardCounts)
    error: str | None = None
    started_at: str = ""
    finished_at: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "status": self.status,
            "records_done": self.records_done,
            "counts": self.counts.as_json(),
            "error": self.error,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(row: sqlite3.Row) -> ShardRow:
    try:
        counts = json.loads(row["counts"] or "{}")
    except ValueError:
        counts = {}
    return ShardRow(
        path=row["path"],
        size=row["size"],
        mtime=row["mtime"],
        sha256=row["sha256"],
        status=row["status"],
        records_done=row["records_done"],
        counts=ShardCounts.from_json(counts) if isinstance(counts, dict) else ShardCounts(),
        error=row["error"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


class ShardRepository(Repository):
    """Shard methods of the store; the store class provides the connections."""

    def shard(self, path: str) -> ShardRow | None:
        with self._reader() as db:
            found = db.execute("SELECT * FROM shards WHERE path = ?", (path,)).fetchone()
        return _row(found) if found else None

    def shards(self) -> list[ShardRow]:
        with self._reader() as db:
            return [_row(r) for r in db.execute("SELECT * FROM shards ORDER BY path")]

    def begin_shard(self, path: str, *, size: int, mtime: float, sha256: str) -> ShardRow:
        """Open ``path`` for work: a running shard with this content keeps its progress;
        anything else (new, failed, done or changed) starts from its first article."""
        with self._transaction() as db:
            found = db.execute("SELECT * FROM shards WHERE path = ?", (path,)).fetchone()
            if found is not None and found["status"] == "running" and found["sha256"] == sha256:
                db.execute(
                    "UPDATE shards SET size = ?, mtime = ? WHERE path = ?", (size, mtime, path)
                )
            else:
                db.execute(
                    "INSERT INTO shards (path, size, mtime, sha256, status, records_done,"
                    " counts, error, started_at, finished_at)"
                    " VALUES (?, ?, ?, ?, 'running', 0, '{}', NULL, ?, NULL)"
                    " ON CONFLICT (path) DO UPDATE SET size = excluded.size,"
                    " mtime = excluded.mtime, sha256 = excluded.sha256, status = 'running',"
                    " records_done = 0, counts = '{}', error = NULL,"
                    " started_at = excluded.started_at, finished_at = NULL",
                    (path, size, mtime, sha256, _now()),
                )
            row = db.execute("SELECT * FROM shards WHERE path = ?", (path,)).fetchone()
        return _row(row)

    def shard_progress(self, path: str, *, records_done: int, counts: ShardCounts) -> None:
        """After a chunk is committed: how many of the shard's records are done, counts so far."""
        with self._transaction() as db:
            db.execute(
                "UPDATE shards SET records_done = ?, counts = ? WHERE path = ?",
                (records_done, json.dumps(counts.as_json(), ensure_ascii=False), path),
            )

    def source_counts(self, source: str) -> tuple[int, int]:
        """(articles stored, duplicates) the store recorded for one source (a backfill chunk)."""
        with self._reader() as db:
            found = db.execute(
                "SELECT articles, duplicates FROM sources_ingested WHERE source = ?", (source,)
            ).fetchone()
        return (int(found[0]), int(found[1])) if found else (0, 0)

    def finish_shard(
        self, path: str, *, counts: ShardCounts, status: str = "done", error: str | None = None
    ) -> None:
        """Mark the shard done (or failed, with why), with what it gave in all."""
        with self._transaction() as db:
            db.execute(
                "UPDATE shards SET status = ?, counts = ?, error = ?, finished_at = ?"
                " WHERE path = ?",
                (status, json.dumps(counts.as_json(), ensure_ascii=False), error, _now(), path),
            )
