"""The store's subscribers, consent records and erasures.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL. Addresses are matched without regard to case; every change of
status is logged with its time, so a subscriber's own export shows the whole record.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.mail.subscribers import STATUSES, Preferences, Subscriber
from newsdesk.store.database import Repository

__all__ = ["CONFIRMATIONS_PER_DAY", "ImportOutcome", "SubscriberRepository"]

CONFIRMATIONS_PER_DAY = 3

# what an imported row led to
ImportOutcome = str  # 'confirmed' | 'pending' | 'exists' | 'unsubscribed' | 'suppressed' | 'erased'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _subscriber(row: sqlite3.Row) -> Subscriber:
    return Subscriber(
        id=row["id"],
        email=row["email"],
        status=row["status"],
        zone=row["zone"],
        days=tuple(d for d in row["days"].split(",") if d),
        at=row["at"],
        topics=tuple(json.loads(row["topics"])),
        requested_at=row["requested_at"],
        confirmed_at=row["confirmed_at"],
        source=row["source"],
        consent_version=row["consent_version"],
    )


def _event(db: sqlite3.Connection, subscriber_id: int, at: str, event: str, detail: str) -> None:
    db.execute(
        "INSERT INTO subscriber_events (subscriber_id, at, event, detail) VALUES (?, ?, ?, ?)",
        (subscriber_id, at, event, detail),
    )


class SubscriberRepository(Repository):
    """Subscribers with their consent, schedule and topics; erased addresses as salted hashes."""

    # -- reading ---------------------------------------------------------------

    def subscriber(self, email: str) -> Subscriber | None:
        with self._reader() as db:
            row = db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
        return None if row is None else _subscriber(row)

    def subscribers(self, *, status: str | None = None) -> list[Subscriber]:
        """Every subscriber (or those with one status), oldest request first."""
        sql, params = "SELECT * FROM subscribers", list[str]()
        if status is not None:
            sql, params = sql + " WHERE status = ?", [status]
        with self._reader() as db:
            rows = db.execute(sql + " ORDER BY id", params).fetchall()
        return [_subscriber(row) for row in rows]

    def confirmed_subscribers(self) -> list[Subscriber]:
        """Those the newsletter goes to: confirmed, not unsubscribed or suppressed."""
        return self.subscribers(status="confirmed")

    def subscriber_record(self, email: str) -> dict[str, Any] | None:
        """Everything stored about one address, for its owner's own export: the subscription,
        its history, and under ``mail`` its rows in the mail tables (ledger, bounces)."""
        with self._reader() as db:
            row = db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
            if row is None:
                return None
            events = db.execute(
                "SELECT at, event, detail FROM subscriber_events WHERE subscriber_id = ?"
                " ORDER BY rowid",  # the order things happened in
                (row["id"],),
            ).fetchall()
            mails = db.execute(
                "SELECT day, sent FROM confirmation_mails WHERE email = ? ORDER BY day",
                (email,),
            ).fetchall()
            elsewhere = {
                table: [
                    dict(r)
                    for r in db.execute(f'SELECT * FROM "{table}" WHERE email = ?', (email,))
                ]
                for table in _tables_with_addresses(db)
                if table != "confirmation_mails"
            }
        found = _subscriber(row)
        return {
            **found.as_row(),
            "unsubscribed_at": row["unsubscribed_at"],
            "updated_at": row["updated_at"],
            "events": [{"at": e["at"], "event": e["event"], "detail": e["detail"]} for e in events],
            "confirmation_mails": [{"day": m["day"], "sent": m["sent"]} for m in mails],
            "mail": {table: rows for table, rows in elsewhere.items() if rows},
        }

    def is_erased(self, email: str) -> bool:
        with self._reader() as db:
            digest = _erasure_hash(db, email)
            row = db.execute("SELECT 1 FROM erased_addresses WHERE hash = ?", (digest,)).fetchone()
        return row is not None

    # -- writing ---------------------------------------------------------------

    def request_subscription(
        self,
        email: str,
        preferences: Preferences,
        *,
        source: str,
        consent_version: str,
        now: str | None = None,
    ) -> tuple[Subscriber, bool]:
        """Record a request to subscribe (pending until confirmed): (subscriber, changed).

        A new, pending or unsubscribed address becomes pending with these preferences and
        a fresh request time; a confirmed or suppressed one is left as it is (``changed``
        False), so nobody can change another person's subscription by asking again.
        """
        at = now or _now()
        with self._transaction() as db:
            row = db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
            if row is not None and row["status"] in ("confirmed", "suppressed"):
                return _subscriber(row), False
            subscriber_id = _upsert(
                db,
                email,
                row,
                {**_preference_columns(preferences), "requested_at": at, "source": source,
                 "consent_version": consent_version, "updated_at": at, "status": "pending",
                 "confirmed_at": None, "unsubscribed_at": None},
            )  # fmt: skip
            _event(db, subscriber_id, at, "requested", f"source={source} consent={consent_version}")
            fresh = db.execute("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,))
            return _subscriber(fresh.fetchone()), True

    def confirm_subscriber(self, email: str, *, now: str | None = None) -> str:
        """Confirm a pending address: 'confirmed', 'already' (a harmless no-op) or 'not_pending'.

        Confirming lifts an earlier erasure: the person has just given consent again.
        """
        at = now or _now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT id, status FROM subscribers WHERE email = ?", (email,)
            ).fetchone()
            if row is None or row["status"] in ("unsubscribed", "suppressed"):
                return "not_pending"
            if row["status"] == "confirmed":
                return "already"
            db.execute(
                "UPDATE subscribers SET status = 'confirmed', confirmed_at = ?, updated_at = ?"
                " WHERE id = ?",
                (at, at, row["id"]),
            )
            _event(db, row["id"], at, "confirmed", "")
            db.execute("DELETE FROM erased_addresses WHERE hash = ?", (_erasure_hash(db, email),))
        return "confirmed"

    def unsubscribe_subscriber(self, email: str, *, how: str, now: str | None = None) -> bool:
        """Unsubscribe at once (``how``: cli, web, one-click): mail queued in the send ledger
        for the address is skipped too. False when nothing changed."""
        at = now or _now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT id, status FROM subscribers WHERE email = ?", (email,)
            ).fetchone()
            if row is None or row["status"] in ("unsubscribed", "suppressed"):
                return False
            db.execute(
                "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = ?,"
                " updated_at = ? WHERE id = ?",
                (at, at, row["id"]),
            )
            _event(db, row["id"], at, "unsubscribed", how)
            if "deliveries" in _tables_with_addresses(db):  # queued mail is not sent either
                db.execute(
                    "UPDATE deliveries SET status = 'skipped', reason = 'unsubscribed'"
                    " WHERE email = ? AND status = 'pending'",
                    (email,),
                )
        return True

    def set_subscriber_status(
        self, email: str, status: str, *, reason: str = "", now: str | None = None
    ) -> bool:
        """Set an address's status (the mail side suppresses after a hard bounce or a
        complaint); False when the address is unknown or already has it."""
        if status not in STATUSES:
            raise UsageError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        at = now or _now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT id, status FROM subscribers WHERE email = ?", (email,)
            ).fetchone()
            if row is None or row["status"] == status:
                return False
            stamps = {"confirmed": ", confirmed_at = ?", "unsubscribed": ", unsubscribed_at = ?"}
            extra = stamps.get(status, "")
            db.execute(
                f"UPDATE subscribers SET status = ?, updated_at = ?{extra} WHERE id = ?",
                (status, at, *((at,) if extra else ()), row["id"]),
            )
            _event(db, row["id"], at, "status", f"{row['status']}->{status} {reason}".strip())
        return True

    def import_subscriber(
        self,
        email: str,
        preferences: Preferences,
        *,
        consent_version: str | None,
        consented_at: str | None = None,
        now: str | None = None,
    ) -> tuple[ImportOutcome, Subscriber | None]:
        """One CSV row. With consent: stored confirmed (source 'import'); without: pending,
        to be confirmed by mail. An erased, unsubscribed or suppressed address is never
        brought back, and a confirmed one is left as it is."""
        at = now or _now()
        with self._transaction() as db:
            digest = _erasure_hash(db, email)
            if db.execute("SELECT 1 FROM erased_addresses WHERE hash = ?", (digest,)).fetchone():
                return "erased", None
            row = db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
            if row is not None and row["status"] != "pending":
                outcome = "exists" if row["status"] == "confirmed" else row["status"]
                return outcome, _subscriber(row)
            status = "confirmed" if consent_version else "pending"
            confirmed = (consented_at or at) if consent_version else None
            subscriber_id = _upsert(
                db,
                email,
                row,
                {"status": status, **_preference_columns(preferences), "requested_at": at,
                 "confirmed_at": confirmed, "consent_version": consent_version or "",
                 "updated_at": at, "source": "import"},
            )  # fmt: skip
            _event(
                db,
                subscriber_id,
                at,
                "requested",
                f"source=import consent={consent_version or 'none: double opt-in'}",
            )
            if consent_version:
                _event(db, subscriber_id, at, "confirmed", f"consent given {confirmed}")
            fresh = db.execute("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,))
            return status, _subscriber(fresh.fetchone())

    def reserve_confirmation(
        self, email: str, *, day: str, limit: int = CONFIRMATIONS_PER_DAY
    ) -> bool:
        """Take one of the day's confirmation mails for this address; False when used up."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT sent FROM confirmation_mails WHERE email = ? AND day = ?", (email, day)
            ).fetchone()
            if row is not None and row["sent"] >= limit:
                return False
            db.execute(
                "INSERT INTO confirmation_mails (email, day, sent) VALUES (?, ?, 1)"
                " ON CONFLICT (email, day) DO UPDATE SET sent = sent + 1",
                (email, day),
            )
        return True

    def release_confirmation(self, email: str, *, day: str) -> None:
        """Give back a reserved confirmation mail that could not be sent."""
        with self._transaction() as db:
            db.execute(
                "UPDATE confirmation_mails SET sent = max(sent - 1, 0) WHERE email = ? AND day = ?",
                (email, day),
            )

    def erase_subscriber(self, email: str, *, now: str | None = None) -> bool:
        """Forget an address: its row and events, and its rows in every other table that
        records an address (confirmation counts, the send ledger, suppressions, bounces) go;
        a keyed hash stays so an import cannot subscribe it again. False when no subscriber
        row existed."""
        at = now or _now()
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM subscribers WHERE email = ?", (email,))
            for table in _tables_with_addresses(db):  # the ledger, suppressions, bounces...
                db.execute(f'DELETE FROM "{table}" WHERE email = ?', (email,))
            db.execute(
                "INSERT OR REPLACE INTO erased_addresses (hash, erased_at) VALUES (?, ?)",
                (_erasure_hash(db, email), at[:10]),
            )
        return cursor.rowcount > 0


def _erasure_hash(db: sqlite3.Connection, email: str) -> str:
    salt = db.execute("SELECT salt FROM erasure_salt WHERE id = 1").fetchone()[0]
    return hashlib.blake2b(email.casefold().encode("utf-8"), key=salt, digest_size=32).hexdigest()


def _tables_with_addresses(db: sqlite3.Connection) -> list[str]:
    """Tables besides ``subscribers`` with an ``email`` column: where an address is kept."""
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'subscribers' ORDER BY name"
        )
    ]
    return [
        name
        for name in names
        if any(col[1] == "email" for col in db.execute(f'PRAGMA table_info("{name}")'))
    ]


def _preference_columns(preferences: Preferences) -> dict[str, str]:
    """A subscriber's preferences as the ``subscribers`` table holds them."""
    return {
        "days": ",".join(preferences.days),
        "zone": preferences.zone,
        "at": preferences.at,
        "topics": json.dumps(list(preferences.topics), ensure_ascii=False),
    }


def _upsert(
    db: sqlite3.Connection, email: str, row: sqlite3.Row | None, columns: Mapping[str, str | None]
) -> int:
    """Write ``columns`` (names of this module's own, never a caller's) to the subscriber
    ``row``, or to a new one for ``email`` when there is none; its id."""
    names, values = list(columns), list(columns.values())
    if row is None:
        cursor = db.execute(
            f"INSERT INTO subscribers ({', '.join(names)}, email)"
            f" VALUES ({', '.join('?' * (len(names) + 1))})",
            [*values, email],
        )
        return int(cursor.lastrowid or 0)
    assignments = ", ".join(f"{name} = ?" for name in names)
    db.execute(f"UPDATE subscribers SET {assignments} WHERE id = ?", [*values, row["id"]])
    return int(row["id"])
