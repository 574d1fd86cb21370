"""Bounces, complaints and unsubscribe mails read from a maildir."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from mail_briefs import subscribe

from newsdesk.errors import InputError
from newsdesk.mail.bounces import read_bounces
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _dsn(recipient: str, action: str, status: str, n: int) -> bytes:
    return f"""From: MAILER-DAEMON@mx.example.org
To: brief@desk.example
Subject: Delivery Status Notification
Message-ID: <dsn-{n}@mx.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b{n}"

--b{n}
Content-Type: text/plain

Your message could not be delivered.

--b{n}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {status} mailbox problem

--b{n}
Content-Type: text/rfc822-headers

Message-ID: <brief.2026-03-10.abc@desk.example>
To: {recipient}

--b{n}--
""".replace("\n", "\r\n").encode()


def _arf(recipient: str) -> bytes:
    return f"""From: abuse@isp.example
To: brief@desk.example
Subject: complaint
Message-ID: <arf-1@isp.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="f"

--f
Content-Type: text/plain

This is an abuse report.

--f
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: isp/1.0
Version: 1
Original-Rcpt-To: {recipient}

--f
Content-Type: text/rfc822-headers

To: {recipient}
Subject: Brief for 2026-03-10

--f--
""".replace("\n", "\r\n").encode()


def _maildir(tmp_path: Path, *messages: bytes) -> Path:
    box = mailbox.Maildir(str(tmp_path / "bounces"), create=True)
    for data in messages:
        box.add(data)
    return tmp_path / "bounces"


def test_bounces_hard_dsn_suppresses_and_rereading_counts_nothing(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    subscribe(mail_store, "gone@example.org")
    folder = _maildir(
        tmp_path,
        _dsn("gone@example.org", "failed", "5.1.1", 1),
        b"Subject: hi\r\n\r\nnot a bounce\r\n",
    )
    report = read_bounces(mail_store, mail_settings, folder, now=NOW)
    assert (report.read, report.hard, report.ignored) == (2, 1, 1)
    assert report.suppressed == ["gone@example.org"]
    assert mail_store.mail.suppressed() == {"gone@example.org": "hard_bounce"}
    subscriber = mail_store.subscribers.subscriber("gone@example.org")
    assert subscriber is not None and subscriber.status == "suppressed"
    again = read_bounces(mail_store, mail_settings, folder, now=NOW)
    assert again.read == 0
    assert all("S" in m.get_flags() for m in mailbox.Maildir(str(folder), create=False))


def test_bounces_soft_ones_are_scored_and_suppress_at_three(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    subscribe(mail_store, "full@example.org")
    for n in range(1, 4):
        folder = _maildir(tmp_path, _dsn("full@example.org", "delayed", "4.2.2", n))
        report = read_bounces(mail_store, mail_settings, folder, now=NOW + timedelta(minutes=n))
        assert report.soft == 1 and report.hard == 0
        assert mail_store.mail.bounce_score("full@example.org") == pytest.approx(n, abs=0.01)
        assert (report.suppressed == ["full@example.org"]) == (n == 3)
    assert mail_store.mail.suppressed() == {"full@example.org": "soft_bounces"}


def test_bounces_soft_score_decays_over_weeks(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    for n, days in enumerate((0, 14, 28), 1):
        folder = _maildir(tmp_path, _dsn("rare@example.org", "delayed", "4.2.2", n))
        read_bounces(mail_store, mail_settings, folder, now=NOW + timedelta(days=days))
    assert (
        mail_store.mail.bounce_score("rare@example.org") < 2 and mail_store.mail.suppressed() == {}
    )


def test_bounces_complaint_suppresses_at_once(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    subscribe(mail_store, "angry@example.org")
    report = read_bounces(
        mail_store, mail_settings, _maildir(tmp_path, _arf("angry@example.org")), now=NOW
    )
    assert report.complaints == 1 and mail_store.mail.suppressed() == {
        "angry@example.org": "complaint"
    }


def test_bounces_mailto_unsubscribe_needs_a_valid_token(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    from newsdesk.mail.tokens import unsubscribe_token

    subscribe(mail_store, "leaving@example.org")
    token = unsubscribe_token(mail_settings, "leaving@example.org")
    good = f"From: leaving@example.org\r\nTo: brief+unsubscribe@desk.example\r\nSubject: unsubscribe {token}\r\n\r\n".encode()
    forged = b"From: x@example.org\r\nTo: brief+unsubscribe@desk.example\r\nSubject: unsubscribe abc.def\r\n\r\n"
    report = read_bounces(mail_store, mail_settings, _maildir(tmp_path, good, forged), now=NOW)
    assert report.unsubscribed == 1 and report.ignored == 1
    subscriber = mail_store.subscribers.subscriber("leaving@example.org")
    assert subscriber is not None and subscriber.status == "unsubscribed"


def test_bounces_refuse_a_folder_that_is_no_maildir(
    tmp_path: Path, mail_store: SqliteStore, mail_settings: Settings
) -> None:
    with pytest.raises(InputError, match="not a maildir"):
        read_bounces(mail_store, mail_settings, tmp_path)
