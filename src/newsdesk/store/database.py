"""One SQLite database: the writer, the reader pool and the migrations.

In the spirit of datasette's ``Database``: every write goes through the one
writer connection, under a lock, in a transaction (:meth:`Database.transaction`);
reads take a read-only connection from a small thread-safe pool
(:meth:`Database.reader`), so a read never takes the writer's lock and never
pays a ``connect()`` once the pool is warm. WAL mode, so readers never block
the writer. Migrations under ``schema/`` are applied in order on open
(``PRAGMA user_version`` holds the version).

The repositories (``store/<table family>.py``) each take a :class:`Database`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from importlib import resources
from pathlib import Path

from newsdesk.errors import StoreError

__all__ = ["Database", "Repository", "migrations"]

READERS = 8  # idle read-only connections kept open


def migrations(after: int = 0) -> list[tuple[int, str]]:
    """(version, SQL) for every migration shipped (those newer than ``after``), in order.

    Only the files newer than ``after`` are read: opening an up-to-date store lists the
    folder and reads none."""
    folder = resources.files("newsdesk.store") / "schema"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit() and int(name[:4]) > after:
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """The path, the one writer connection and its lock, the reader pool, the migrations."""

    def __init__(self, path: Path | str, *, readers: int = READERS) -> None:
        self.path = Path(path)
        self.lock = threading.Lock()
        self._readers = max(0, readers)
        self._idle: list[sqlite3.Connection] = []
        self._idle_lock = threading.Lock()
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.writer.row_factory = sqlite3.Row
            self.writer.execute("PRAGMA journal_mode=WAL")
            self.writer.execute("PRAGMA synchronous=NORMAL")
            self.writer.execute("PRAGMA foreign_keys=ON")
            self.writer.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the store at {self.path}: {exc}; check the path and its permissions"
            ) from exc

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        with self._idle_lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        self.writer.close()

    @property
    def schema_version(self) -> int:
        return int(self.writer.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        for version, sql in migrations(after=current):
            with self.transaction() as db:
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={version:d}")

    # -- connections -------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The writer, under the lock, in one ``BEGIN IMMEDIATE`` … ``COMMIT``."""
        with self.lock:
            self.writer.execute("BEGIN IMMEDIATE")
            try:
                yield self.writer
            except BaseException:
                self.writer.execute("ROLLBACK")
                raise
            self.writer.execute("COMMIT")

    def connect_reader(self) -> sqlite3.Connection:
        """A new read-only connection, usable from any thread (the caller closes it)."""
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=5000")
        return conn

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection from the pool (readers never take the writer's lock).

        SQLite autocommits each read, so a pooled connection always sees the
        latest commit; it goes back to the pool when the block ends.
        """
        with self._idle_lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = self.connect_reader()
        try:
            yield conn
        finally:
            conn.row_factory = sqlite3.Row  # a caller may have asked for plain tuples
            if conn.in_transaction:
                conn.rollback()
            with self._idle_lock:
                keep = not self._closed and len(self._idle) < self._readers
                if keep:
                    self._idle.append(conn)
            if not keep:
                conn.close()


class Repository:
    """A family of tables over one :class:`Database` (the writer and the readers)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.db.transaction()

    def _reader(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.db.reader()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
