"""10,000 personalised, DKIM-signed (RSA-2048) briefs into a local aiosmtpd sink.

The sink runs in its own process (bench/mail_sink.py); the sender is ``send_now`` with its
default settings (rates 500/s in all and 100/s per domain, signing on every core in worker
processes), as ``newsdesk newsletter send`` runs it. Timed: planning the ledger rows and
delivering every message (composing, signing, SMTP, marking each row after its 250).
Checked afterwards: every subscriber received exactly one message, and sampled messages
parse with ``policy.default`` with no defects and their DKIM signatures verify.

    python bench/mail_throughput.py [--messages 10000] [--no-save]
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import dkim

from bench_common import make_parser, print_table, save_results
from mail_setup import DAY, add_subscribers, archive, make_brief, make_key, settings_for
from mail_sink import received, start_sink
from newsdesk.mail.deliver import DeliveryConfig, send_now
from newsdesk.mail.dkim import dns_record
from newsdesk.store import SqliteStore


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        key = make_key(root / "dkim.pem")
        sink, port = start_sink(root / "sink")
        try:
            settings = settings_for(root / "mail.db", key, port)
            with SqliteStore(settings.db) as store:
                archive(store, make_brief(), settings.base_url)
                emails = add_subscribers(store, args.messages)
                config = DeliveryConfig()
                load_before = os.getloadavg()[0]
                start = time.perf_counter()
                report = send_now(store, settings, datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
                                  day=DAY, config=config)  # fmt: skip
                seconds = time.perf_counter() - start
                load_after = os.getloadavg()[0]
            time.sleep(0.5)
            got = received(root / "sink")
            samples = sorted((root / "sink").glob("sample-*.eml"))
            record = dns_record(key.read_bytes()).encode()
            verified = sum(
                bool(dkim.verify(p.read_bytes(), dnsfunc=lambda name, timeout=5: record))
                for p in samples
            )
            defects = sum(len(message_from_bytes(p.read_bytes(), policy=default).defects)
                          for p in samples)  # fmt: skip
            size = sum(p.stat().st_size for p in samples) / max(len(samples), 1)
        finally:
            sink.terminate()
            sink.wait(timeout=30)
    per_reader = Counter(rcpt for rcpt, _ in got)
    row = {
        "messages": args.messages,
        "sent": report.sent,
        "received": len(got),
        "distinct readers": len(per_reader),
        "lost": len(set(emails) - set(per_reader)),
        "seconds": round(seconds, 1),
        "msgs/s": round(report.sent / seconds, 1),
        "cores": os.cpu_count(),
        "signing workers": config.workers or os.cpu_count(),
        "avg bytes": int(size),
        "DKIM verified": f"{verified}/{len(samples)}",
        "defects": defects,
        "load avg before/after": f"{load_before:.1f}/{load_after:.1f}",
    }
    columns = list(row)
    print_table("10,000 DKIM-signed briefs into a local SMTP sink", columns, [row])
    if not args.no_save:
        save_results(
            "mail_throughput",
            title="Newsletter throughput: personalised, DKIM-signed briefs into a local SMTP sink",
            columns=columns,
            rows=[row],
            notes=[
                "Target: 10,000 DKIM-signed (RSA-2048) briefs in <= 60 s on 2 cores.",
                "Sender: send_now with default rates (500/s, 100/s per domain; 50 domains here),"
                " compose + sign in worker processes (one per core), one SMTP connection, each"
                " ledger row committed after its 250. Sink: aiosmtpd in its own process on the"
                " same 2 cores.",
                "One in five subscribers chose a topic (two editions of the brief in flight).",
            ],
        )


if __name__ == "__main__":
    main()
