"""``newsdesk run`` killed with SIGKILL while it alerts: a restart loses no match, and a
match alerted twice comes with the same delivery id."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.watch.lists import add_watchlist

from .conftest import Receiver, make_article

TOPICS = ["harbour", "quake", "strike", "vote"]


def _run(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSDESK_SECRET": "process-test-secret"}
    env.pop("NEWSDESK_SMTP_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "run", "--no-stories", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip


def test_watch_run_killed_while_alerting_resends_with_the_same_id(
    tmp_path: Path, receiver: Receiver
) -> None:
    db = tmp_path / "desk.db"
    settings = Settings(db=db, secret="process-test-secret")
    with SqliteStore(db) as store:
        for topic in TOPICS:
            add_watchlist(store, settings, topic.title(), topic, webhook=receiver.url,
                          allow_private=True)  # fmt: skip
        for n in range(40):
            topic = TOPICS[n % len(TOPICS)]
            store.articles.add_source(f"s{n}", [make_article(n, f"{topic.title()} report {n}")])
    receiver.delay = 0.5  # alerts are in flight for a while: the kill lands among them
    proc = _run(db, "--interval", "0.2")
    deadline = time.monotonic() + 60
    while not receiver.posts and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    receiver.delay = 0.0
    again = _run(db, "--once")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    got: dict[tuple[str, str], set[str]] = defaultdict(set)
    for body in receiver.bodies():
        for match in body["matches"]:
            got[(body["watchlist"]["name"], match["article_id"])].add(body["delivery_id"])
    with SqliteStore(db) as store:
        expected = {
            (w.name, a) for w in store.watch.watches() for a in store.watch.latest_matching(w.query)
        }
        assert {a.status for a in store.watch_alerts.alerts()} == {"sent"}
    assert set(got) == expected  # nothing lost, nothing extra
    assert all(len(ids) == 1 for ids in got.values())  # a resend is the same delivery


def test_watch_run_second_process_sends_nothing_while_another_holds_the_lease(
    tmp_path: Path, receiver: Receiver
) -> None:
    import socket
    from datetime import UTC, datetime, timedelta

    db = tmp_path / "desk.db"
    settings = Settings(db=db, secret="process-test-secret")
    me = f"{socket.gethostname()}:{os.getpid()}"  # this test process: alive, another run
    now = datetime.now(UTC)
    with SqliteStore(db) as store:
        add_watchlist(store, settings, "Harbour", "harbour", webhook=receiver.url,
                      allow_private=True)  # fmt: skip
        for n in range(3):
            store.articles.add_source(f"s{n}", [make_article(n, f"Harbour report {n}")])
        until = (now + timedelta(minutes=10)).isoformat(timespec="seconds")
        assert store.watch_alerts.take_watch_lease(me, now=now.isoformat(), until=until) is None
    second = _run(db, "--once")
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err.decode()
    assert receiver.posts == []
    assert f"another run ({me}) is sending alerts" in err.decode()
    with SqliteStore(db) as store:
        assert store.watch_alerts.alerts() == []  # nothing planned either: the holder does that
        store.watch_alerts.release_watch_lease(me)
    third = _run(db, "--once")
    _, err = third.communicate(timeout=120)
    assert third.returncode == 0, err.decode()
    assert len(receiver.posts) == 1
    assert [m["title"] for m in receiver.bodies()[0]["matches"]] == [
        f"Harbour report {n}" for n in range(3)
    ]
