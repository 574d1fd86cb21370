"""The store's users: who may sign in to the web desk's admin pages.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place the ``users`` table
is spoken to in SQL. Only password hashes are stored (see :mod:`newsdesk.web.passwords`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.store.database import Repository

__all__ = ["UserRepository"]


class UserRepository(Repository):
    """Users and their password hashes."""

    def set_password_hash(self, name: str, password_hash: str) -> bool:
        """Create ``name`` or change its password; True when the user is new.

        A changed password ends every session of the user (signed in anywhere)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            known = db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone()
            db.execute(
                "INSERT INTO users (name, password_hash, created_at, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " password_hash = excluded.password_hash, updated_at = excluded.updated_at",
                (name, password_hash, now, now),
            )
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sessions'").fetchone():
                db.execute("DELETE FROM sessions WHERE user = ?", (name,))
        return known is None

    def password_hash(self, name: str) -> str | None:
        """The stored hash of ``name``'s password, or None for an unknown user."""
        with self._reader() as db:
            row = db.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def user_names(self) -> list[str]:
        with self._reader() as db:
            return [r[0] for r in db.execute("SELECT name FROM users ORDER BY name")]
