"""Delivery against a real SMTP server with injected faults: nothing lost, nothing doubled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from mail_briefs import archive, hand_brief, subscribe

from helpers.smtp import SmtpSink, free_port
from newsdesk.mail.deliver import DeliveryConfig, send_now
from newsdesk.mail.ratelimit import RateLimiter
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _setup(store: SqliteStore, *emails: str) -> None:
    archive(store, hand_brief())
    for email in emails:
        subscribe(store, email)


@pytest.mark.parametrize("reply", ["421 4.7.0 try again", "450 4.2.1 busy", "451 4.3.0 later",
                                   "452 4.2.2 full", "454 4.7.1 slow down"])  # fmt: skip
def test_deliver_4xx_defers_with_backoff_then_sends_once(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink, reply: str
) -> None:
    _setup(mail_store, "ann@example.org", "bob@example.org")
    smtp_sink.fail("rcpt", reply, recipient="ann@example.org")
    first = send_now(mail_store, mail_settings, NOW)
    assert (first.sent, first.deferred, first.failed) == (1, 1, [])
    row = mail_store.mail.delivery("2026-03-10", "ann@example.org")
    assert row is not None and row.status == "pending" and row.last_reply == int(reply[:3])
    assert row.next_attempt_at == (NOW + timedelta(minutes=5)).isoformat()
    early = send_now(mail_store, mail_settings, NOW + timedelta(minutes=1))
    assert early.sent == 0 and len(smtp_sink.received) == 1  # not before its backoff
    later = send_now(mail_store, mail_settings, NOW + timedelta(minutes=6))
    assert later.sent == 1
    ids = smtp_sink.message_ids()
    assert len(ids) == len(set(ids)) == 2
    assert {r.rcpt_tos[0] for r in smtp_sink.received} == {"ann@example.org", "bob@example.org"}


def test_deliver_4xx_for_48_hours_gives_up(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _setup(mail_store, "ann@example.org")
    smtp_sink.fail("data", "451 4.3.0 later", times=None)
    moment, attempts = NOW, 0
    while True:
        report = send_now(mail_store, mail_settings, moment)
        attempts += 1
        row = mail_store.mail.delivery("2026-03-10", "ann@example.org")
        assert row is not None
        if row.status != "pending":
            break
        moment = datetime.fromisoformat(row.next_attempt_at)
    assert row.status == "failed" and "gave up" in row.reason
    assert report.failed and report.failed[0]["email"] == "ann@example.org"
    assert moment - NOW >= timedelta(hours=48) and 10 < attempts < 30
    assert smtp_sink.received == []


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_deliver_5xx_is_a_hard_bounce_suppressed_at_once(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink, stage: str
) -> None:
    _setup(mail_store, "gone@example.org", "ann@example.org")
    smtp_sink.fail(stage, "550 5.1.1 no such user", recipient="gone@example.org")
    report = send_now(mail_store, mail_settings, NOW)
    assert report.sent == 1 and report.bounced == 1
    assert report.failed == [{"email": "gone@example.org", "error": report.failed[0]["error"]}]
    assert "550" in report.failed[0]["error"]
    row = mail_store.mail.delivery("2026-03-10", "gone@example.org")
    assert row is not None and row.status == "bounced"
    assert mail_store.mail.suppressed() == {"gone@example.org": "hard_bounce"}
    subscriber = mail_store.subscribers.subscriber("gone@example.org")
    assert subscriber is not None and subscriber.status == "suppressed"
    archive(mail_store, hand_brief(NOW.date() + timedelta(days=1)))
    send_now(mail_store, mail_settings, NOW + timedelta(days=1))
    assert smtp_sink.to("gone@example.org") == []  # never mailed again


@pytest.mark.parametrize("kept", [False, True])
def test_deliver_drop_mid_data_resends_with_the_same_message_id(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink, kept: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    _setup(mail_store, "ann@example.org", "bob@example.org")
    smtp_sink.drop_in_data(recipient="ann@example.org", keep=kept)
    with caplog.at_level(logging.WARNING, logger="newsdesk.mail"):
        report = send_now(mail_store, mail_settings, NOW)
    assert report.sent == 2 and report.failed == []
    to_ann = [r.message_id for r in smtp_sink.to("ann@example.org")]
    assert len(to_ann) == (2 if kept else 1) and len(set(to_ann)) == 1
    assert any("same Message-ID" in r.getMessage() for r in caplog.records)


def test_deliver_server_down_keeps_everything_pending_with_one_log_line(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    _setup(mail_store, "ann@example.org", "bob@example.org")
    down = mail_settings.with_(smtp_url=f"smtp://127.0.0.1:{free_port()}")
    with caplog.at_level(logging.INFO, logger="newsdesk.mail"):
        report = send_now(mail_store, down, NOW)
    assert report.sent == 0 and report.pending == 2 and "cannot reach" in (report.error or "")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "kept pending" in errors[0].getMessage()
    assert {r.status for r in mail_store.mail.deliveries()} == {"pending"}
    back = send_now(mail_store, mail_settings, NOW + timedelta(minutes=1))
    assert back.sent == 2 and len(smtp_sink.received) == 2


def test_deliver_refused_login_keeps_everything_pending(
    mail_store: SqliteStore, mail_settings: Settings
) -> None:
    _setup(mail_store, "ann@example.org")
    with SmtpSink(user="desk", password="right") as guarded:
        wrong = mail_settings.with_(smtp_url=guarded.url.replace(":right@", ":wrong@"))
        report = send_now(mail_store, wrong, NOW)
        assert "refused the login" in (report.error or "") and report.pending == 1
        assert guarded.received == []
        report = send_now(mail_store, mail_settings.with_(smtp_url=guarded.url), NOW)
        assert report.sent == 1 and len(guarded.received) == 1


def test_deliver_signing_pool_makes_verifiable_messages_in_order(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    verify_dkim: Callable[[bytes], bool],
) -> None:  # fmt: skip
    emails = [f"r{n}@d{n % 3}.example" for n in range(40)]
    _setup(mail_store, *emails)
    config = DeliveryConfig(workers=2, inline_below=0, global_rate=10_000, domain_rate=10_000)
    report = send_now(mail_store, mail_settings, NOW, config=config)
    assert report.sent == 40 and report.pending == 0
    assert sorted(r.rcpt_tos[0] for r in smtp_sink.received) == sorted(emails)
    assert all(verify_dkim(r.data) and not r.message.defects for r in smtp_sink.received)
    for received in smtp_sink.received:
        assert received.message["To"] == received.rcpt_tos[0]  # each bytes to its own reader
    assert send_now(mail_store, mail_settings, NOW, config=config).sent == 0


def test_deliver_one_sender_at_a_time(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _setup(mail_store, "ann@example.org")
    until = (NOW + timedelta(minutes=10)).isoformat()
    other = "another-host:1"
    assert mail_store.mail.take_sender_lease(other, now=NOW.isoformat(), until=until) is None
    report = send_now(mail_store, mail_settings, NOW)
    assert report.sent == 0 and "another sender" in (report.error or "") and report.pending == 1
    mail_store.mail.release_sender_lease(other)
    assert send_now(mail_store, mail_settings, NOW).sent == 1


def test_ratelimit_spaces_messages_and_halves_on_slow_down() -> None:
    clock = [0.0]
    limiter = RateLimiter(global_rate=10.0, domain_rate=2.0, clock=lambda: clock[0],
                          sleep=lambda s: clock.__setitem__(0, clock[0] + s))  # fmt: skip
    for _ in range(3):
        limiter.wait("a.example")
    assert clock[0] == pytest.approx(1.0)  # 2 a second to one domain
    limiter.wait("b.example")
    assert clock[0] == pytest.approx(1.1)  # another domain: only the global 10/s
    limiter.slow_down("a.example")
    assert limiter.rate() == 5.0 and limiter.rate("a.example") == 1.0
    for _ in range(200):
        limiter.accepted("a.example")
    assert limiter.rate() == 10.0 and limiter.rate("a.example") == 2.0


def test_deliver_slows_down_on_454(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seen: list[str] = []
    original = RateLimiter.slow_down

    def spy(self: RateLimiter, domain: str) -> None:
        seen.append(domain)
        original(self, domain)

    monkeypatch.setattr(RateLimiter, "slow_down", spy)
    _setup(mail_store, "ann@example.org")
    smtp_sink.fail("rcpt", "454 4.7.1 slow down")
    send_now(mail_store, mail_settings, NOW)
    assert seen == ["example.org"]
