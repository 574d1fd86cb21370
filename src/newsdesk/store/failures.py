"""The store's failure marks: which article a stage failed on, why, when, how often.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`. Ingest writes a mark when a
stage raises for one article (the article is kept without that stage's work), clears
it when a retry succeeds, and leaves out of retries those tried ``attempts`` times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.store.database import Repository

__all__ = ["FailureRepository", "FailureRow"]

# the stages whose work is tried again on later ingests
ENRICHMENT_STAGES = ("stories", "annotate")


@dataclass(slots=True)
class FailureRow:
    article_id: str
    stage: str
    error: str
    source: str | None
    attempts: int
    failed_at: str
    title: str | None = None
    stored: bool = True  # False: the store refused the article itself

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.article_id,
            "stage": self.stage,
            "error": self.error,
            "source": self.source,
            "attempts": self.attempts,
            "failed_at": self.failed_at,
            "title": self.title,
            "stored": self.stored,
        }


class FailureRepository(Repository):
    """Failure methods of the store; the store class provides the connections."""

    def mark_failed(self, items: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Mark (article id, stage, error, source); a mark already there counts one more."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(i, stage, error, source, now) for i, stage, error, source in items]
        if not rows:
            return
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO article_failures (article_id, stage, error, source, failed_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, stage) DO UPDATE SET"
                " error = excluded.error, attempts = attempts + 1,"
                " failed_at = excluded.failed_at, source = coalesce(excluded.source, source)",
                rows,
            )

    def clear_failed(self, stage: str, ids: Iterable[str]) -> None:
        """The stage succeeded for these articles: their marks go."""
        rows = [(i, stage) for i in ids]
        if not rows:
            return
        with self._transaction() as db:
            db.executemany("DELETE FROM article_failures WHERE article_id = ? AND stage = ?", rows)

    def failed_ids(self, stage: str, *, attempts: int = 1) -> set[str]:
        """Ids marked failed at ``stage`` at least ``attempts`` times."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT article_id FROM article_failures WHERE stage = ? AND attempts >= ?",
                (stage, attempts),
            ).fetchall()
        return {r[0] for r in rows}

    def failures(self, *, limit: int | None = None) -> list[FailureRow]:
        """Every mark, the latest first, with the article's title when it is stored."""
        sql = (
            "SELECT f.article_id, f.stage, f.error, f.source, f.attempts, f.failed_at,"
            " a.title, a.id IS NOT NULL FROM article_failures f"
            " LEFT JOIN articles a ON a.id = f.article_id"
            " ORDER BY f.failed_at DESC, f.article_id, f.stage"
        )
        with self._reader() as db:
            rows = db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
            return [FailureRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]

    def enriched_through(self) -> int:
        """The articles.rowid ingest's enrichment has covered (0: none yet)."""
        with self._reader() as db:
            row = db.execute("SELECT through FROM enrichment_progress WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def set_enriched_through(self, rowid: int) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO enrichment_progress (id, through) VALUES (1, ?)"
                " ON CONFLICT (id) DO UPDATE SET through = excluded.through",
                (rowid,),
            )

    def articles_after(self, rowid: int) -> tuple[int, int]:
        """(how many articles have a rowid above ``rowid``, the largest rowid)."""
        with self._reader() as db:
            after = db.execute("SELECT count(*) FROM articles WHERE rowid > ?", (rowid,))
            count = int(after.fetchone()[0])  # a rowid range: no scan of the older rows
            last = db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
        return count, int(last[0])
