"""The store's followed sources and their poll state (``newsdesk sources``, ``newsdesk run``).

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL. A poll's outcome is recorded after its articles are
committed, so a process killed in between polls the source again and finds the
articles already stored: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.store.database import Repository

__all__ = ["FollowedSource", "SourceRepository"]


@dataclass(slots=True)
class FollowedSource:
    """A source followed on schedule, with what its last poll left behind."""

    url: str
    outlet: str | None
    every: int  # minutes between polls
    added_at: str
    next_poll: str
    last_polled: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    errors: int = 0  # consecutive failed polls
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None  # "feed" | "page", once polled
    articles: int = 0  # articles this source has given


def _stamp(when: datetime | None) -> str:
    return (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


_SELECT = (
    "SELECT s.*, (SELECT count(*) FROM followed_articles f WHERE f.source_url = s.url)"
    " AS articles FROM followed_sources s"
)


def _source(row: sqlite3.Row) -> FollowedSource:
    return FollowedSource(
        url=row["url"],
        outlet=row["outlet"],
        every=row["every"],
        added_at=row["added_at"],
        next_poll=row["next_poll"],
        last_polled=row["last_polled"],
        last_status=row["last_status"],
        last_error=row["last_error"],
        errors=row["errors"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        kind=row["kind"],
        articles=row["articles"],
    )


class SourceRepository(Repository):
    """Followed sources: URL, schedule, conditional-GET validators, backoff, last error."""

    # -- following ------------------------------------------------------------

    def follow(
        self, url: str, *, every: int = 30, outlet: str | None = None, now: datetime | None = None
    ) -> FollowedSource:
        """Follow ``url`` every ``every`` minutes; following it again changes only the schedule
        and outlet (validators, backoff and counts are kept). A new source is due at once."""
        if every < 1:
            raise ValueError(f"every must be at least 1 minute, not {every}")
        stamp = _stamp(now)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO followed_sources (url, outlet, every, added_at, next_poll)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                " outlet = excluded.outlet, every = excluded.every",
                (url, outlet, every, stamp, stamp),
            )
        found = self.followed_source(url)
        assert found is not None
        return found

    def unfollow(self, url: str) -> bool:
        """Stop following ``url`` (its articles stay in the store); False if it was not followed."""
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM followed_sources WHERE url = ?", (url,))
        return cursor.rowcount > 0

    def followed(self) -> list[FollowedSource]:
        """Every followed source, in the order they were added."""
        with self._reader() as db:
            rows = db.execute(f"{_SELECT} ORDER BY s.added_at, s.url").fetchall()
        return [_source(row) for row in rows]

    def followed_source(self, url: str) -> FollowedSource | None:
        with self._reader() as db:
            row = db.execute(f"{_SELECT} WHERE s.url = ?", (url,)).fetchone()
        return None if row is None else _source(row)

    # -- polling --------------------------------------------------------------

    def due_sources(self, now: datetime | None = None) -> list[FollowedSource]:
        """Sources whose next poll is not after ``now``, the longest overdue first."""
        with self._reader() as db:
            rows = db.execute(
                f"{_SELECT} WHERE s.next_poll <= ? ORDER BY s.next_poll, s.url", (_stamp(now),)
            ).fetchall()
        return [_source(row) for row in rows]

    def next_poll_due(self) -> str | None:
        """When the earliest followed source is next due (ISO 8601, UTC), or None."""
        with self._reader() as db:
            row = db.execute("SELECT min(next_poll) FROM followed_sources").fetchone()
        return row[0] if row else None

    def record_poll(
        self,
        url: str,
        *,
        status: int,
        next_poll: datetime,
        etag: str | None,
        last_modified: str | None,
        kind: str | None = None,
        article_ids: Iterable[str] = (),
        now: datetime | None = None,
    ) -> None:
        """A successful poll (200 or 304): new validators, errors cleared, articles linked."""
        with self._transaction() as db:
            db.execute(
                "UPDATE followed_sources SET last_polled = ?, last_status = ?, last_error = NULL,"
                " errors = 0, next_poll = ?, etag = ?, last_modified = ?,"
                " kind = coalesce(?, kind) WHERE url = ?",
                (_stamp(now), status, _stamp(next_poll), etag, last_modified, kind, url),
            )
            exists = db.execute("SELECT 1 FROM followed_sources WHERE url = ?", (url,)).fetchone()
            if exists is not None:  # unfollowed while it was being polled: nothing to link
                db.executemany(
                    "INSERT OR IGNORE INTO followed_articles (source_url, article_id)"
                    " VALUES (?, ?)",
                    [(url, article_id) for article_id in article_ids],
                )

    def record_poll_error(
        self,
        url: str,
        *,
        error: str,
        next_poll: datetime,
        status: int | None = None,
        now: datetime | None = None,
    ) -> None:
        """A failed poll: the error kept for ``sources list``, one more consecutive failure,
        and the next poll put off to ``next_poll`` (the caller's backoff)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE followed_sources SET last_polled = ?, last_status = ?, last_error = ?,"
                " errors = errors + 1, next_poll = ? WHERE url = ?",
                (_stamp(now), status, error, _stamp(next_poll), url),
            )

    def ids_by_url(self, urls: Sequence[str]) -> dict[str, str]:
        """Those of ``urls`` some stored article already has, with its id (items a poll skips)."""
        found: dict[str, str] = {}
        with self._reader() as db:
            for start in range(0, len(urls), 500):
                chunk = list(urls[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT url, id FROM articles WHERE url IN ({marks})", chunk)
                found.update((row[0], row[1]) for row in rows)
        return found
