"""``newsdesk run`` as a process: SIGTERM stops it cleanly; after ``kill -9`` a restart resumes
with nothing lost and nothing stored twice."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .conftest import FeedServer, serve_feed

FLAGS = ["--allow-private", "--host-delay", "0", "--no-stories"]


def _query(db: Path, sql: str) -> list[Any]:
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _newsdesk(db: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(db: Path, sql: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not _query(db, sql) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def _add(db: Path, url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "sources", "add", url],
        check=True,
        capture_output=True,
    )


def test_run_stops_cleanly_on_sigterm(tmp_path: Path, server: FeedServer) -> None:
    db = tmp_path / "desk.db"
    _add(db, server.url("/nothing-here.xml"))
    proc = _newsdesk(db, "run", "--interval", "0.1", *FLAGS)
    _wait_for(db, "SELECT 1 FROM followed_sources WHERE last_error IS NOT NULL", proc)
    assert proc.poll() is None, proc.communicate()[1].decode()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    log = err.decode()
    assert proc.returncode == 0, log
    assert "stopping on SIGTERM" in log
    assert log.rstrip().splitlines()[-1].endswith(" passes")
    assert "Traceback" not in log


def test_run_resumes_after_kill_9_without_loss_or_duplicates(
    tmp_path: Path, server: FeedServer
) -> None:
    db = tmp_path / "desk.db"
    names = [f"outlet{n}" for n in range(4)]
    for name in names:
        _add(db, serve_feed(server, name, 4, etag=f'"{name}"'))
    proc = _newsdesk(db, "run", "--interval", "0.1", "--workers", "2", *FLAGS)
    _wait_for(db, "SELECT 1 FROM articles", proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]

    rerun = _newsdesk(db, "run", "--once", *FLAGS)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    [(total, distinct)] = _query(db, "SELECT count(*), count(DISTINCT url) FROM articles")
    assert total == distinct == 4 * len(names)
    polled = _query(db, "SELECT url FROM followed_sources WHERE last_polled IS NOT NULL")
    assert len(polled) == len(names)
    given = _query(db, "SELECT count(*) FROM followed_articles")
    assert given == [(4 * len(names),)]
