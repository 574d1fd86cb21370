"""Crash run: the newsletter sender killed with SIGKILL at 50 random moments and restarted.

A store with ``--readers`` confirmed subscribers and one brief; the sender is the real
command (``newsdesk newsletter send --date 2026-03-10 --json``) in a subprocess, killed
with SIGKILL at a random moment (most once its messages flow, some from its start),
then started again; after the last kill it runs to the end. The sink (aiosmtpd
in its own process) logs every accepted message's recipient and Message-ID. Reported:
readers who got nothing (lost), messages received more than once (duplicates: each sender
holds one SMTP connection, so the target is at most 1 per kill) and whether every
duplicate carried the same Message-ID.

    python bench/mail_crash.py [--kills 50] [--readers 3000] [--no-save]
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench_common import REPO_ROOT, make_parser, print_table, save_results
from mail_setup import add_subscribers, archive, environment, make_brief, make_key, settings_for
from mail_sink import received, start_sink
from newsdesk.store import SqliteStore

COMMAND = ["-m", "newsdesk", "newsletter", "send", "--date", "2026-03-10", "--json"]


def _sender(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *COMMAND], env=env, cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--readers", type=int, default=3000)
    parser.add_argument("--max", type=float, default=1.5, help="longest delay before a kill")
    parser.add_argument("--early", type=float, default=0.2, help="share of kills timed from start")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        key = make_key(root / "dkim.pem")
        sink, port = start_sink(root / "sink")
        try:
            settings = settings_for(root / "mail.db", key, port)
            with SqliteStore(settings.db) as store:
                archive(store, make_brief(), settings.base_url)
                emails = add_subscribers(store, args.readers)
            env = {**os.environ, **environment(settings)}
            kills = finished_early = 0
            progress = []
            start = time.perf_counter()
            while kills < args.kills:
                before = len(received(root / "sink"))
                sender = _sender(env)
                if rng.random() < args.early:  # anywhere from the start (start-up, planning)
                    time.sleep(rng.uniform(0, args.max))
                else:  # once messages flow: a random moment mid-send
                    deadline = time.monotonic() + 120
                    while len(received(root / "sink")) == before and sender.poll() is None:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(0.01)
                    time.sleep(rng.uniform(0, args.max))
                if sender.poll() is not None:
                    finished_early += 1
                    break  # everything was sent: nothing left to interrupt
                sender.send_signal(signal.SIGKILL)
                sender.wait()
                kills += 1
                progress.append(len(received(root / "sink")))
            final = _sender(env)
            final.wait(timeout=1800)
            seconds = time.perf_counter() - start
            time.sleep(0.5)
            got = received(root / "sink")
            conn = sqlite3.connect(settings.db)
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            ledger = dict(conn.execute("SELECT status, count(*) FROM deliveries GROUP BY status"))
            conn.close()
        finally:
            sink.terminate()
            sink.wait(timeout=30)
    ids_by_reader: dict[str, set[str]] = defaultdict(set)
    for rcpt, message_id in got:
        ids_by_reader[rcpt].add(message_id)
    per_id = Counter(message_id for _, message_id in got)
    duplicates = sum(n - 1 for n in per_id.values())
    row = {
        "readers": args.readers,
        "kills": kills,
        "received": len(got),
        "lost": len(set(emails) - set(ids_by_reader)),
        "duplicates": duplicates,
        "dup per kill": round(duplicates / max(kills, 1), 3),
        "readers with >1 Message-ID": sum(len(v) > 1 for v in ids_by_reader.values()),
        "ledger sent": ledger.get("sent", 0),
        "ledger pending": ledger.get("pending", 0),
        "integrity": integrity,
        "final exit": final.returncode,
        "seconds": round(seconds, 1),
    }
    columns = list(row)
    print_table("Sender killed with SIGKILL at random moments", columns, [row])
    print(f"received before each kill: {progress}")
    if not args.no_save:
        save_results(
            "mail_crash",
            title="Newsletter crash run: the sender SIGKILLed at random moments and restarted",
            columns=columns,
            rows=[row],
            notes=[
                "Target: 0 lost; duplicates <= 1 per kill per open connection (one connection"
                " per sender here), each with the same Message-ID.",
                f"{args.early:.0%} of kills at a moment uniform in 0..{args.max} s from the"
                f" sender's start (start-up, planning), the rest uniform in 0..{args.max} s after"
                f" its first message reached the sink (seed {args.seed}); messages received"
                f" before each kill: {progress}.",
                "DKIM RSA-2048, signing in worker processes; the sink is aiosmtpd in its own"
                " process. 'readers with >1 Message-ID' must be 0: a resent message is the same"
                " message.",
            ],
            extra={"received_before_each_kill": progress, "finished_early": finished_early},
        )


if __name__ == "__main__":
    main()
