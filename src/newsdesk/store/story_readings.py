"""Kept story readings: what the brief read in a story, by the members it was read from.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`. The brief
(:mod:`newsdesk.publish.readings`) asks for a reading by its digest -- the reading code's
version, the story and its members as read -- and keeps what it computed; an entry whose
members changed has another digest, so it is never found, and the triggers of migration
0021 drop it when one of its articles is changed or deleted, re-annotated or moved to
another story, or its story deleted (a merge, ``recluster``). A reading that raised is
kept as ``failed`` (never served: the brief reads that story again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsdesk.store.database import Repository

__all__ = ["KEEP_PER_STORY", "FailedReading", "KeptReading", "StoryReadingRepository"]

KEEP_PER_STORY = 4  # readings kept per story (one per member set: a day's brief, the next)
_CHUNK = 500  # ids per query


@dataclass(slots=True, frozen=True)
class KeptReading:
    """One story's reading to keep: ``data`` as read, or ``error`` when reading it raised."""

    story_id: str
    digest: str
    version: int
    members: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(slots=True, frozen=True)
class FailedReading:
    story_id: str
    error: str
    failed_at: str


def _hash(text: str | None) -> str:
    return "" if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class StoryReadingRepository(Repository):
    """The kept readings; the store class provides the connections."""

    def member_stamps(self, ids: Sequence[str]) -> dict[str, str]:
        """Article id -> its content hash and a hash of its annotations (``text|notes``;
        notes empty when it has none), for the articles that exist. No times: the same
        store built twice keys its readings the same."""
        rows = self._rows_in(
            "SELECT a.id, a.content_hash, n.data"
            " FROM articles a LEFT JOIN annotations n ON n.article_id = a.id"
            " WHERE a.id IN ({marks})",
            ids,
        )
        return {r[0]: f"{r[1]}|{_hash(r[2])}" for r in rows}

    def publication_days(self, ids: Sequence[str]) -> list[str]:
        """The days (YYYY-MM-DD) these articles were published on, newest first (the days
        whose briefs show them)."""
        rows = self._rows_in(
            "SELECT DISTINCT substr(published, 1, 10) FROM articles"
            " WHERE published IS NOT NULL AND id IN ({marks})",
            ids,
        )
        return sorted({r[0] for r in rows if r[0]}, reverse=True)

    def kept_readings(self, digests: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Digest -> the reading kept under it, for those kept (a failed one is not)."""
        rows = self._rows_in(
            "SELECT digest, data FROM story_readings WHERE status = 'ok' AND digest IN ({marks})",
            digests,
        )
        return {r[0]: json.loads(r[1]) for r in rows}

    def _rows_in(self, sql: str, values: Sequence[str]) -> list[Any]:
        """The rows of ``sql`` whose ``IN ({marks})`` takes ``values`` (distinct), asked
        :data:`_CHUNK` at a time (SQLite's limit on bound parameters)."""
        rows: list[Any] = []
        unique = list(dict.fromkeys(values))
        with self._reader() as db:
            for start in range(0, len(unique), _CHUNK):
                part = unique[start : start + _CHUNK]
                marks = ", ".join("?" * len(part))
                rows += db.execute(sql.format(marks=marks), part).fetchall()
        return rows

    def keep_readings(self, readings: Sequence[KeptReading]) -> None:
        """Keep these readings (a failed one as a mark), all in one transaction, each
        replacing what its digest held; each story's oldest beyond
        :data:`KEEP_PER_STORY` go."""
        if not readings:
            return
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._transaction() as db:
            for kept in readings:
                status = "ok" if kept.error is None else "failed"
                data = json.dumps(kept.data if kept.error is None else {}, ensure_ascii=False)
                db.execute("DELETE FROM story_readings WHERE digest = ?", (kept.digest,))
                db.execute(
                    "INSERT INTO story_readings (digest, story_id, version, status, data,"
                    " error, built_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (kept.digest, kept.story_id, kept.version, status, data, kept.error, now),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO story_reading_members (article_id, digest)"
                    " VALUES (?, ?)",
                    [(m, kept.digest) for m in kept.members],
                )
            for story_id in dict.fromkeys(k.story_id for k in readings):
                db.execute(
                    "DELETE FROM story_readings WHERE story_id = ? AND digest NOT IN"
                    " (SELECT digest FROM story_readings WHERE story_id = ?"
                    "  ORDER BY built_at DESC, digest LIMIT ?)",
                    (story_id, story_id, KEEP_PER_STORY),
                )

    def failed_readings(self) -> list[FailedReading]:
        """The stories whose latest reading raised, newest first."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT story_id, error, built_at FROM story_readings r WHERE status = 'failed'"
                " AND built_at = (SELECT max(built_at) FROM story_readings WHERE story_id ="
                " r.story_id) ORDER BY built_at DESC"
            ).fetchall()
        return [FailedReading(r[0], r[1] or "", r[2]) for r in rows]

    def readings_count(self) -> int:
        """Readings kept (not counting failures)."""
        with self._reader() as db:
            row = db.execute("SELECT count(*) FROM story_readings WHERE status = 'ok'").fetchone()
        return int(row[0])

    def forget_readings(self, *, version: int | None = None) -> int:
        """Drop every kept reading (or those of another code version than ``version``);
        how many went."""
        with self._transaction() as db:
            if version is None:
                cursor = db.execute("DELETE FROM story_readings")
            else:
                cursor = db.execute("DELETE FROM story_readings WHERE version <> ?", (version,))
        return int(cursor.rowcount)
