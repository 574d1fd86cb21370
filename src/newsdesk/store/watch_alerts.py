"""The alert ledger, the alerts planned from it and the alert sender's lease.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore` beside the watchlists
(:mod:`.watch`) and their matching (:mod:`.watch_matches`, which writes a pending ledger
row per match and channel). An alert is planned (its id written, its ledger rows
claimed) before it is sent and marked after, the newsletter ledger's rules.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from newsdesk.store.database import Repository
from newsdesk.store.watch import Watch

__all__ = ["Alert", "AlertItem", "WatchAlertRepository"]


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    watch_id: int
    channel: str
    delivery_id: str
    target: str
    status: str
    created_at: str
    attempts: int
    next_attempt_at: str
    last_error: str | None
    sent_at: str | None


@dataclass(frozen=True, slots=True)
class AlertItem:
    """One matched article as an alert carries it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: str | None
    story_title: str | None
    new_story: bool


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(
        id=row["id"], watch_id=row["watch_id"], channel=row["channel"],
        delivery_id=row["delivery_id"], target=row["target"], status=row["status"],
        created_at=row["created_at"], attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"], last_error=row["last_error"],
        sent_at=row["sent_at"],
    )  # fmt: skip


class WatchAlertRepository(Repository):
    """The alert ledger, the alerts (planned, sent, deferred, closed) and the sender's lease."""

    # -- the sender's lease ----------------------------------------------------------------

    def take_watch_lease(
        self, holder: str, *, now: str, until: str, replace: str | None = None
    ) -> str | None:
        """Hold (or renew) the alert sender's lease until ``until``; None when this holder
        has it, else the other holder. A lease that expired, or whose holder is
        ``replace`` (known dead), is taken over."""
        with self._transaction() as db:
            row = db.execute("SELECT holder, until FROM watch_sender WHERE id = 1").fetchone()
            if row is not None and row[0] not in (holder, replace) and row[1] > now:
                return str(row[0])
            db.execute(
                "INSERT INTO watch_sender (id, holder, until) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until = excluded.until",
                (holder, until),
            )
        return None

    def release_watch_lease(self, holder: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM watch_sender WHERE id = 1 AND holder = ?", (holder,))

    def watch_lease_holder(self, now: str) -> str | None:
        """Who holds the alert sender's lease at ``now`` (None: nobody)."""
        with self._reader() as db:
            row = db.execute(
                "SELECT holder FROM watch_sender WHERE id = 1 AND until > ?", (now,)
            ).fetchone()
        return None if row is None else str(row[0])

    # -- the alert ledger ----------------------------------------------------------------

    def ledger_waiting(self) -> dict[tuple[int, str], int]:
        """(watchlist id, channel) -> matches no alert holds yet."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT watch_id, channel, count(*) FROM watch_ledger WHERE alert_id IS NULL"
                " AND status = 'pending' GROUP BY watch_id, channel"
            ).fetchall()
        return {(int(r[0]), str(r[1])): int(r[2]) for r in rows}

    def pending_alert_channels(self) -> set[tuple[int, str]]:
        """(watchlist id, channel) that have an alert still pending (being retried)."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT DISTINCT watch_id, channel FROM watch_alerts WHERE status = 'pending'"
            ).fetchall()
        return {(int(r[0]), str(r[1])) for r in rows}

    def open_ledger(self, watch_id: int, channel: str) -> int:
        """How many matches wait for an alert on this channel."""
        with self._reader() as db:
            row = db.execute(
                "SELECT count(*) FROM watch_ledger WHERE watch_id = ? AND channel = ?"
                " AND alert_id IS NULL AND status = 'pending'",
                (watch_id, channel),
            ).fetchone()
        return int(row[0])

    def alerts_since(self, watch_id: int, channel: str, since: str) -> int:
        with self._reader() as db:
            row = db.execute(
                "SELECT count(*) FROM watch_alerts WHERE watch_id = ? AND channel = ?"
                " AND created_at > ? AND status != 'skipped'",
                (watch_id, channel, since),
            ).fetchone()
        return int(row[0])

    def plan_alert(
        self,
        watch: Watch,
        channel: str,
        *,
        delivery_id: str,
        target: str,
        now: str,
        limit: int = 200,
    ) -> Alert | None:
        """Group the matches waiting on ``channel`` into one pending alert (its id written
        before anything is sent); None when none wait."""
        with self._transaction() as db:
            waiting = [
                r[0]
                for r in db.execute(
                    "SELECT l.article_id FROM watch_ledger l JOIN watch_matches m"
                    " ON m.watch_id = l.watch_id AND m.article_id = l.article_id"
                    " WHERE l.watch_id = ? AND l.channel = ? AND l.alert_id IS NULL"
                    " AND l.status = 'pending' ORDER BY m.rowid_at LIMIT ?",
                    (watch.id, channel, limit),
                )
            ]
            if not waiting:
                return None
            cursor = db.execute(
                "INSERT INTO watch_alerts (watch_id, channel, delivery_id, target, status,"
                " created_at, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                (watch.id, channel, delivery_id, target, now, now),
            )
            alert_id = cursor.lastrowid
            db.executemany(
                "UPDATE watch_ledger SET alert_id = ? WHERE watch_id = ? AND article_id = ?"
                " AND channel = ?",
                [(alert_id, watch.id, a, channel) for a in waiting],
            )
            row = db.execute("SELECT * FROM watch_alerts WHERE id = ?", (alert_id,)).fetchone()
            return _alert(row)

    def due_alerts(self, now: str, *, limit: int = 1000) -> list[Alert]:
        with self._reader() as db:
            rows = db.execute(
                "SELECT * FROM watch_alerts WHERE status = 'pending' AND next_attempt_at <= ?"
                " ORDER BY next_attempt_at, id LIMIT ?",
                (now, limit),
            ).fetchall()
        return [_alert(r) for r in rows]

    def alerts(self, *, watch_id: int | None = None, status: str | None = None) -> list[Alert]:
        clauses: list[str] = []
        params: list[Any] = []
        if watch_id is not None:
            clauses.append("watch_id = ?")
            params.append(watch_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._reader() as db:
            rows = db.execute(f"SELECT * FROM watch_alerts{where} ORDER BY id", params)
            return [_alert(r) for r in rows.fetchall()]

    def alert_items(self, alert_id: int) -> list[AlertItem]:
        """The articles an alert carries, in the order they were committed."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.story_id, s.title AS st,"
            " m.new_story FROM watch_ledger l"
            " JOIN watch_matches m ON m.watch_id = l.watch_id AND m.article_id = l.article_id"
            " JOIN articles a ON a.id = l.article_id LEFT JOIN stories s ON s.id = a.story_id"
            " WHERE l.alert_id = ? ORDER BY m.rowid_at"
        )
        with self._reader() as db:
            rows = db.execute(sql, (alert_id,)).fetchall()
        return [
            AlertItem(r["id"], r["title"], r["outlet"], r["published"], r["url"],
                      r["story_id"], r["st"], bool(r["new_story"]))
            for r in rows
        ]  # fmt: skip

    def alert_sent(self, alert_id: int, *, at: str) -> None:
        """The receiver took it (250, 2xx): the alert and its ledger rows are done."""
        with self._transaction() as db:
            row = db.execute(
                "UPDATE watch_alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = NULL WHERE id = ? AND status = 'pending'"
                " RETURNING watch_id, channel",
                (at, alert_id),
            ).fetchone()
            db.execute("UPDATE watch_ledger SET status = 'sent' WHERE alert_id = ?", (alert_id,))
            if row is not None:
                column = "mail" if row["channel"] == "email" else "hook"
                extra = ", hook_retry_at = NULL" if column == "hook" else ""
                db.execute(
                    f"UPDATE watchlists SET {column}_errors = 0, {column}_error = NULL{extra}"
                    " WHERE id = ?",
                    (row["watch_id"],),
                )

    def alert_deferred(self, alert_id: int, *, next_at: str, error: str) -> None:
        """A failed attempt: try again at ``next_at``; the watchlist shows the error."""
        with self._transaction() as db:
            row = db.execute(
                "UPDATE watch_alerts SET attempts = attempts + 1, next_attempt_at = ?,"
                " last_error = ? WHERE id = ? AND status = 'pending' RETURNING watch_id, channel",
                (next_at, error, alert_id),
            ).fetchone()
            if row is not None:
                column = "mail" if row["channel"] == "email" else "hook"
                extra = ", hook_retry_at = ?" if column == "hook" else ""
                params: list[Any] = [error] + ([next_at] if column == "hook" else [])
                db.execute(
                    f"UPDATE watchlists SET {column}_errors = {column}_errors + 1,"
                    f" {column}_error = ?{extra} WHERE id = ?",
                    [*params, row["watch_id"]],
                )

    def alert_closed(self, alert_id: int, status: str, *, reason: str) -> None:
        """End a pending alert without delivery: 'failed' (gave up) or 'skipped'."""
        with self._transaction() as db:
            db.execute(
                "UPDATE watch_alerts SET status = ?, last_error = ? WHERE id = ?"
                " AND status = 'pending'",
                (status, reason, alert_id),
            )
            db.execute(
                "UPDATE watch_ledger SET status = ? WHERE alert_id = ? AND status = 'pending'",
                (status, alert_id),
            )

    def ledger_status(self) -> dict[str, int]:
        """Ledger rows per status ('waiting' for those no alert holds yet)."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT CASE WHEN alert_id IS NULL AND status = 'pending' THEN 'waiting'"
                " ELSE status END, count(*) FROM watch_ledger GROUP BY 1"
            ).fetchall()
        return {str(k): int(n) for k, n in rows}
