"""The store's sign-in sessions: revocable, so a copied cookie dies with its session.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place the ``sessions``
table (migration 0009) is spoken to in SQL. Only a digest of each session id is kept.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

from newsdesk.store.database import Repository

__all__ = ["SessionRepository", "SessionRow"]

SessionRow = tuple[str, str]  # (user, csrf token)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


class SessionRepository(Repository):
    """Sessions of signed-in users, looked up by the digest of their id."""

    def ensure_sessions(self) -> None:
        """Create the sessions table when a store's numbering skipped migration 0009."""
        sql = (resources.files("newsdesk.store") / "schema" / "0009_sessions.sql").read_text()
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sessions'").fetchone():
                return
            lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
            for statement in "\n".join(lines).split(";"):
                if statement.strip():
                    db.execute(statement)

    def start_session(
        self,
        id_hash: str,
        *,
        user: str,
        csrf: str,
        lifetime: timedelta,
        now: datetime | None = None,
    ) -> None:
        """Record a new session of ``user``; expired sessions are swept out at the same time."""
        now = now or datetime.now(UTC)
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE expires_at <= ?", (_stamp(now),))
            db.execute(
                "INSERT INTO sessions (id_hash, user, csrf, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (id_hash, user, csrf, _stamp(now), _stamp(now + lifetime)),
            )

    def session(self, id_hash: str, *, now: datetime | None = None) -> SessionRow | None:
        """(user, csrf) of a live session, or None: unknown, ended, expired or user gone."""
        with self._reader() as db:
            row = db.execute(
                "SELECT s.user, s.csrf FROM sessions s JOIN users u ON u.name = s.user"
                " WHERE s.id_hash = ? AND s.expires_at > ?",
                (id_hash, _stamp(now or datetime.now(UTC))),
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def end_session(self, id_hash: str) -> bool:
        """End one session (signing out); True when it was live."""
        with self._transaction() as db:
            return db.execute("DELETE FROM sessions WHERE id_hash = ?", (id_hash,)).rowcount > 0

    def end_sessions_of(self, user: str) -> int:
        """End every session of ``user``; how many there were."""
        with self._transaction() as db:
            return db.execute("DELETE FROM sessions WHERE user = ?", (user,)).rowcount
