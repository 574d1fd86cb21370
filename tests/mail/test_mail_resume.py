"""The sender killed with SIGKILL mid-send: a restart loses nothing and doubles at most one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from mail_briefs import archive, hand_brief, subscribe

from helpers.smtp import SmtpSink
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

READERS = 60


def _sender(settings: Settings) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        NEWSDESK_DB=str(settings.db), NEWSDESK_BASE_URL=settings.base_url,
        NEWSDESK_SMTP_URL=settings.smtp_url or "", NEWSDESK_MAIL_FROM=settings.mail_from or "",
        NEWSDESK_DKIM_KEY=str(settings.dkim_key), NEWSDESK_DKIM_SELECTOR="brief",
        NEWSDESK_SECRET=settings.secret or "",
    )  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "newsletter", "send", "--date", "2026-03-10", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def test_resume_sender_killed_twice_loses_nothing(
    tmp_path: Path, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    emails = [f"reader{n}@example.org" for n in range(READERS)]
    with SqliteStore(mail_settings.db) as store:
        archive(store, hand_brief())
        for email in emails:
            subscribe(store, email)
    smtp_sink.delay = 0.02  # a slow server: the kill lands mid-send
    kills = 0
    for threshold in (10, 30):
        sender = _sender(mail_settings)
        deadline = time.monotonic() + 60
        while len(smtp_sink.received) < threshold and time.monotonic() < deadline:
            assert sender.poll() is None, sender.communicate()[1].decode()
            time.sleep(0.005)
        sender.send_signal(signal.SIGKILL)
        sender.communicate(timeout=30)
        kills += 1
    assert len(smtp_sink.received) < READERS  # killed before the end
    final = _sender(mail_settings)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert json.loads(out)["failed"] == []
    received = Counter(r.message_id for r in smtp_sink.received)
    by_reader = Counter(r.rcpt_tos[0] for r in smtp_sink.received)
    assert set(by_reader) == set(emails)  # nothing lost
    duplicates = sum(n - 1 for n in received.values())
    assert duplicates <= kills  # at most the one message in flight per kill, same Message-ID
    assert len(received) == READERS
    with SqliteStore(mail_settings.db) as store:
        assert store.mail.ledger_counts() == {"sent": READERS}
