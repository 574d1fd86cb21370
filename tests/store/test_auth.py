"""Sign-in sessions in the store: looked up by digest, ended one by one or all at once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from newsdesk.store import SqliteStore

HOUR = timedelta(hours=1)


def test_auth_session_lives_until_ended_or_expired(store: SqliteStore) -> None:
    store.users.set_password_hash("editor", "scrypt$x")
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    store.sessions.start_session("d1", user="editor", csrf="c1", lifetime=HOUR, now=now)
    store.sessions.start_session("d2", user="editor", csrf="c2", lifetime=HOUR, now=now)
    assert store.sessions.session("d1", now=now) == ("editor", "c1")
    assert store.sessions.session("d1", now=now + 2 * HOUR) is None  # expired
    assert store.sessions.end_session("d1") and not store.sessions.end_session("d1")
    assert store.sessions.session("d1", now=now) is None
    assert store.sessions.session("d2", now=now) == ("editor", "c2")


def test_auth_password_change_ends_every_session_of_that_user(store: SqliteStore) -> None:
    store.users.set_password_hash("editor", "scrypt$x")
    store.users.set_password_hash("other", "scrypt$y")
    store.sessions.start_session("d1", user="editor", csrf="c", lifetime=HOUR)
    store.sessions.start_session("d2", user="other", csrf="c", lifetime=HOUR)
    store.users.set_password_hash("editor", "scrypt$new")
    assert store.sessions.session("d1") is None and store.sessions.session("d2") == ("other", "c")
    assert store.sessions.end_sessions_of("other") == 1 and store.sessions.session("d2") is None


def test_auth_ensure_sessions_recreates_a_missing_table(store: SqliteStore) -> None:
    with sqlite3.connect(store.path) as db:
        db.execute("DROP TABLE sessions")
    store.sessions.ensure_sessions()
    store.sessions.ensure_sessions()  # again: nothing to do
    store.users.set_password_hash("editor", "scrypt$x")
    store.sessions.start_session("d1", user="editor", csrf="c", lifetime=HOUR)
    assert store.sessions.session("d1") == ("editor", "c")
