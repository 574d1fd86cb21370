"""An interrupted ingest leaves the store consistent; a re-run completes it without duplicates."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLES = 150


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        body = "\n\n".join(
            f"Paragraph {p} of report {i}: the council of district {i} voted on budget line {p}."
            for p in range(6)
        )
        (folder / f"report_{i:03d}.txt").write_text(f"Council Report {i}\n\n{body}\n", "utf-8")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "ingest", str(corpus), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_resume_interrupted_ingest_completes_without_duplicates(
    tmp_path: Path, sig: signal.Signals
) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "store.db"
    _write_corpus(corpus)
    proc = _ingest(db, corpus)
    deadline = time.monotonic() + 60
    while _count(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    interrupted_at = _count(db)
    assert interrupted_at <= ARTICLES

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    rerun = _ingest(db, corpus)
    _, err = rerun.communicate(timeout=600)  # a guard against a hang, not a speed test
    assert rerun.returncode == 0, err.decode()
    conn = sqlite3.connect(db)
    total, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT content_hash) FROM articles"
    ).fetchone()
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    conn.close()
    assert total == distinct == ARTICLES
