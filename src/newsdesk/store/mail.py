"""The store's newsletter archive, send ledger, suppressions and bounce scores.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL. Every ledger change is its own short transaction, so a row marked
'sent' is on disk before the next message goes out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.store.database import Repository

__all__ = [
    "SOFT_BOUNCE_LIMIT",
    "ArchivedBrief",
    "Delivery",
    "MailRepository",
    "PlannedDelivery",
]

SOFT_BOUNCE_LIMIT = 3.0  # a score this high (soft bounces, halving every 7 days) suppresses
SOFT_BOUNCE_HALF_LIFE_DAYS = 7.0


@dataclass(frozen=True, slots=True)
class ArchivedBrief:
    """One version of a day's brief as mailed (no personal token in it)."""

    id: str
    day: str
    version: int
    digest: str
    built_at: str
    stories: int
    subject: str
    brief_json: dict[str, Any]
    html: str
    text: str
    first_sent_at: str | None


@dataclass(frozen=True, slots=True)
class PlannedDelivery:
    """A ledger row to write before sending (status 'pending' or 'skipped')."""

    day: str
    email: str
    message_id: str
    due_at: str
    brief_id: str | None = None
    topics: tuple[str, ...] = ()
    status: str = "pending"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    day: str
    email: str
    brief_id: str | None
    message_id: str
    topics: tuple[str, ...]
    status: str
    reason: str
    due_at: str
    created_at: str
    attempts: int
    next_attempt_at: str
    last_reply: int | None
    last_error: str | None
    sent_at: str | None


def _brief(row: sqlite3.Row) -> ArchivedBrief:
    return ArchivedBrief(
        id=row["id"], day=row["day"], version=row["version"], digest=row["digest"],
        built_at=row["built_at"], stories=row["stories"], subject=row["subject"],
        brief_json=json.loads(row["brief_json"]), html=row["html"], text=row["text"],
        first_sent_at=row["first_sent_at"],
    )  # fmt: skip


def _delivery(row: sqlite3.Row) -> Delivery:
    return Delivery(
        id=row["id"], day=row["day"], email=row["email"], brief_id=row["brief_id"],
        message_id=row["message_id"], topics=tuple(json.loads(row["topics"])),
        status=row["status"], reason=row["reason"], due_at=row["due_at"],
        created_at=row["created_at"], attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"], last_reply=row["last_reply"],
        last_error=row["last_error"], sent_at=row["sent_at"],
    )  # fmt: skip


class MailRepository(Repository):
    """One ledger row per (brief, subscriber), written before sending, marked after the 250."""

    # -- the archive -------------------------------------------------------------------

    def save_brief(
        self,
        day: str,
        *,
        digest: str,
        built_at: str,
        stories: int,
        subject: str,
        brief_json: dict[str, Any],
        html: str,
        text: str,
    ) -> tuple[str, bool]:
        """Archive a version of ``day``'s brief; (its id, whether it is new).

        A brief whose digest equals the day's latest version is not stored again.
        """
        with self._transaction() as db:
            latest = db.execute(
                "SELECT id, version, digest FROM briefs WHERE day = ? ORDER BY version DESC"
                " LIMIT 1",
                (day,),
            ).fetchone()
            if latest is not None and latest["digest"] == digest:
                return str(latest["id"]), False
            version = 1 if latest is None else int(latest["version"]) + 1
            brief_id = f"{day}.{version}"
            db.execute(
                "INSERT INTO briefs (id, day, version, digest, built_at, stories, subject,"
                " brief_json, html, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (brief_id, day, version, digest, built_at, stories, subject,
                 json.dumps(brief_json, ensure_ascii=False), html, text),
            )  # fmt: skip
        return brief_id, True

    def latest_brief(self, day: str) -> ArchivedBrief | None:
        with self._reader() as db:
            row = db.execute(
                "SELECT * FROM briefs WHERE day = ? ORDER BY version DESC LIMIT 1", (day,)
            ).fetchone()
        return None if row is None else _brief(row)

    def archived_brief(self, brief_id: str) -> ArchivedBrief | None:
        """One archived brief by id ('YYYY-MM-DD.N'), or the latest of a day ('YYYY-MM-DD')."""
        if "." not in brief_id:
            return self.latest_brief(brief_id)
        with self._reader() as db:
            row = db.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        return None if row is None else _brief(row)

    def archived_briefs(self, *, sent_only: bool = True, limit: int = 365) -> list[ArchivedBrief]:
        """The newest version of each day's brief, newest day first (only mailed ones)."""
        sent = " AND first_sent_at IS NOT NULL" if sent_only else ""
        with self._reader() as db:
            rows = db.execute(
                f"SELECT * FROM briefs b WHERE 1 = 1{sent} AND version ="
                f" (SELECT max(version) FROM briefs WHERE day = b.day{sent})"
                " ORDER BY day DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_brief(row) for row in rows]

    def mark_brief_sent(self, brief_id: str, at: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE briefs SET first_sent_at = ? WHERE id = ? AND first_sent_at IS NULL",
                (at, brief_id),
            )

    # -- the ledger --------------------------------------------------------------------

    def plan_deliveries(self, planned: Sequence[PlannedDelivery], *, now: str) -> int:
        """Write ledger rows; a (day, address) already in the ledger is left alone.

        Returns how many rows were new.
        """
        with self._transaction() as db:
            before = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO deliveries (day, email, brief_id, message_id, topics,"
                " status, reason, due_at, created_at, next_attempt_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (p.day, p.email, p.brief_id, p.message_id, json.dumps(list(p.topics)),
                     p.status, p.reason, p.due_at, now, now)
                    for p in planned
                ],
            )  # fmt: skip
            return db.total_changes - before

    def delivery(self, day: str, email: str) -> Delivery | None:
        with self._reader() as db:
            row = db.execute(
                "SELECT * FROM deliveries WHERE day = ? AND email = ?", (day, email)
            ).fetchone()
        return None if row is None else _delivery(row)

    def deliveries(self, *, status: str | None = None, day: str | None = None) -> list[Delivery]:
        clauses, params = [], []
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if day is not None:
            clauses.append("day = ?")
            params.append(day)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._reader() as db:
            rows = db.execute(f"SELECT * FROM deliveries{where} ORDER BY id", params).fetchall()
        return [_delivery(row) for row in rows]

    def ledger_keys(self, days: Sequence[str]) -> set[tuple[str, str]]:
        """(day, lower-cased address) of every ledger row for ``days``."""
        if not days:
            return set()
        marks = ", ".join("?" for _ in days)
        with self._reader() as db:
            rows = db.execute(
                f"SELECT day, email FROM deliveries WHERE day IN ({marks})", list(days)
            ).fetchall()
        return {(str(r["day"]), str(r["email"]).lower()) for r in rows}

    def due_deliveries(self, now: str, *, limit: int = 100_000) -> list[Delivery]:
        """Pending rows whose next attempt is due, oldest first."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
                " ORDER BY next_attempt_at, id LIMIT ?",
                (now, limit),
            ).fetchall()
        return [_delivery(row) for row in rows]

    def set_delivery_brief(self, delivery_id: int, brief_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE deliveries SET brief_id = ? WHERE id = ? AND brief_id IS NULL",
                (brief_id, delivery_id),
            )

    def delivery_sent(self, delivery_id: int, at: str) -> None:
        """The server answered 250: the row is done (committed before the next message)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE deliveries SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_reply = 250, last_error = NULL WHERE id = ?",
                (at, delivery_id),
            )

    def delivery_deferred(
        self, delivery_id: int, *, next_at: str, reply: int | None, error: str
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?,"
                " last_reply = ?, last_error = ? WHERE id = ? AND status = 'pending'",
                (next_at, reply, error, delivery_id),
            )

    def delivery_closed(
        self, delivery_id: int, status: str, *, reason: str, reply: int | None = None
    ) -> None:
        """End a pending row without a 250: 'bounced', 'failed' or 'skipped', with why."""
        with self._transaction() as db:
            db.execute(
                "UPDATE deliveries SET status = ?, reason = ?, last_reply = coalesce(?,"
                " last_reply), last_error = coalesce(nullif(?, ''), last_error)"
                " WHERE id = ? AND status = 'pending'",
                (status, reason, reply, reason, delivery_id),
            )

    def ledger_counts(self) -> dict[str, int]:
        with self._reader() as db:
            rows = db.execute("SELECT status, count(*) FROM deliveries GROUP BY status").fetchall()
        return {str(status): int(n) for status, n in rows}

    # -- the sender's lease -------------------------------------------------------------

    def take_sender_lease(
        self, holder: str, *, now: str, until: str, replace: str | None = None
    ) -> str | None:
        """Hold the sending lease until ``until``; None when held, else the other holder.

        A lease that expired, or whose holder is ``replace`` (known dead), is taken over.
        """
        with self._transaction() as db:
            row = db.execute("SELECT holder, until FROM mail_sender WHERE id = 1").fetchone()
            if row is not None and row["holder"] not in (holder, replace) and row["until"] > now:
                return str(row["holder"])
            db.execute(
                "INSERT INTO mail_sender (id, holder, until) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until = excluded.until",
                (holder, until),
            )
        return None

    def release_sender_lease(self, holder: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM mail_sender WHERE id = 1 AND holder = ?", (holder,))

    # -- suppressions and bounces --------------------------------------------------------

    def suppress(self, email: str, *, reason: str, detail: str, at: str) -> bool:
        """Never mail ``email`` again; False when it was suppressed already."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO suppressions (email, reason, detail, created_at)"
                " VALUES (?, ?, ?, ?)",
                (email, reason, detail, at),
            )
            db.execute(
                "UPDATE deliveries SET status = 'skipped', reason = 'suppressed: ' || ?"
                " WHERE email = ? AND status = 'pending'",
                (reason, email),
            )
            return cursor.rowcount > 0

    def suppressed(self) -> dict[str, str]:
        """Suppressed address -> reason."""
        with self._reader() as db:
            rows = db.execute("SELECT email, reason FROM suppressions").fetchall()
        return {str(r["email"]).lower(): str(r["reason"]) for r in rows}

    def record_bounce(
        self,
        email: str,
        *,
        kind: str,
        source: str,
        detail: str,
        at: str,
        report_id: str | None = None,
    ) -> float | None:
        """Log a bounce; for a soft one return the address's new score (None otherwise
        or when this report was read before)."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO bounce_events (email, kind, source, detail, report_id, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (email, kind, source, detail, report_id, at),
            )
            if cursor.rowcount == 0 or kind != "soft":
                return None
            row = db.execute(
                "SELECT score, updated_at FROM bounce_scores WHERE email = ?", (email,)
            ).fetchone()
            score = 1.0 if row is None else _decayed(row["score"], row["updated_at"], at) + 1.0
            db.execute(
                "INSERT INTO bounce_scores (email, score, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (email) DO UPDATE SET score = excluded.score,"
                " updated_at = excluded.updated_at",
                (email, score, at),
            )
            return score

    def bounce_score(self, email: str) -> float:
        with self._reader() as db:
            row = db.execute("SELECT score FROM bounce_scores WHERE email = ?", (email,)).fetchone()
        return 0.0 if row is None else float(row["score"])


def _decayed(score: float, since: str, now: str) -> float:
    from datetime import datetime

    try:
        days = (datetime.fromisoformat(now) - datetime.fromisoformat(since)).total_seconds() / 86400
    except ValueError:
        return score
    return float(score) * 0.5 ** (max(days, 0.0) / SOFT_BOUNCE_HALF_LIFE_DAYS)
