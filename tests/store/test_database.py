from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from newsdesk.store.database import Database


def _database(tmp_path: Path, readers: int = 2) -> Database:
    db = Database(tmp_path / "d.db", readers=readers)
    with db.transaction() as conn:
        conn.execute("CREATE TABLE notes (n INTEGER)")
    return db


def test_database_pooled_reader_sees_commits_made_after_it_was_opened(tmp_path: Path) -> None:
    db = _database(tmp_path)
    with db.reader() as conn:
        first = conn
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    with db.transaction() as conn:
        conn.execute("INSERT INTO notes VALUES (1)")
    with db.reader() as conn:
        assert conn is first  # the pool hands the same connection back
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    db.close()


def test_database_reader_cannot_write(tmp_path: Path) -> None:
    db = _database(tmp_path)
    with db.reader() as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO notes VALUES (1)")
    db.close()


def test_database_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = _database(tmp_path)
    with pytest.raises(ZeroDivisionError), db.transaction() as conn:
        conn.execute("INSERT INTO notes VALUES (1)")
        raise ZeroDivisionError
    with db.reader() as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    db.close()


def test_database_readers_from_many_threads_while_writing(tmp_path: Path) -> None:
    db = _database(tmp_path, readers=3)
    seen: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                with db.reader() as conn:
                    seen.append(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for n in range(20):
        with db.transaction() as conn:
            conn.execute("INSERT INTO notes VALUES (?)", (n,))
    for t in threads:
        t.join()
    assert errors == [] and len(seen) == 120
    assert len(db._idle) <= 3  # the pool keeps at most its size open
    with db.reader() as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 20
    db.close()
    assert db._idle == []
