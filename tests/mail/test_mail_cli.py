"""``newsdesk newsletter send/dns/bounces`` as a user runs them."""

from __future__ import annotations

import mailbox
from collections.abc import Callable
from pathlib import Path

import pytest
from mail_briefs import archive, hand_brief, subscribe

from helpers.smtp import SmtpSink
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore


@pytest.fixture
def mail_env(monkeypatch: pytest.MonkeyPatch, mail_settings: Settings) -> Settings:
    for name, value in {
        "NEWSDESK_DB": str(mail_settings.db), "NEWSDESK_BASE_URL": mail_settings.base_url,
        "NEWSDESK_SMTP_URL": mail_settings.smtp_url, "NEWSDESK_MAIL_FROM": mail_settings.mail_from,
        "NEWSDESK_DKIM_KEY": str(mail_settings.dkim_key), "NEWSDESK_DKIM_SELECTOR": "brief",
        "NEWSDESK_SECRET": mail_settings.secret,
    }.items():  # fmt: skip
        monkeypatch.setenv(name, str(value))
    with SqliteStore(mail_settings.db) as store:
        archive(store, hand_brief())
        subscribe(store, "ann@example.org")
        subscribe(store, "bob@example.org")
    return mail_settings


def test_cli_newsletter_send_json_contract(
    cli: Callable[..., object], mail_env: Settings, smtp_sink: SmtpSink
) -> None:
    result = cli("newsletter", "send", "--date", "2026-03-10", "--json")
    assert result.code == 0, result.stderr  # type: ignore[attr-defined]
    payload = result.json()  # type: ignore[attr-defined]
    assert {"sent": 2, "skipped": 0, "failed": []}.items() <= payload.items()
    again = cli("newsletter", "send", "--date", "2026-03-10", "--json").json()  # type: ignore[attr-defined]
    assert (again["sent"], again["skipped"]) == (0, 2)
    assert len(smtp_sink.received) == 2


def test_cli_newsletter_test_send(
    cli: Callable[..., object], mail_env: Settings, smtp_sink: SmtpSink
) -> None:
    result = cli("newsletter", "send", "--date", "2026-03-10", "--test", "ed@example.org", "--json")
    assert result.code == 0 and result.json()["test"] == "ed@example.org"  # type: ignore[attr-defined]
    [got] = smtp_sink.received
    assert got.message["Subject"].startswith("[TEST] ")
    with SqliteStore(mail_env.db) as store:
        assert store.mail.deliveries() == []


def test_cli_newsletter_missing_key_is_a_usage_error_and_sends_nothing(
    cli: Callable[..., object], mail_env: Settings, smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("NEWSDESK_DKIM_KEY")
    result = cli("newsletter", "send", "--json")
    assert result.code == 2 and "NEWSDESK_DKIM_KEY" in result.stderr  # type: ignore[attr-defined]
    assert result.stdout == "" and smtp_sink.received == []  # type: ignore[attr-defined]


def test_cli_newsletter_server_down_exit_1_one_line(
    cli: Callable[..., object], mail_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.smtp import free_port

    monkeypatch.setenv("NEWSDESK_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    result = cli("newsletter", "send", "--date", "2026-03-10", "--json")
    assert result.code == 1 and result.json()["pending"] == 2  # type: ignore[attr-defined]
    assert "cannot reach the SMTP server" in result.stderr  # type: ignore[attr-defined]


def test_cli_newsletter_dns_and_bounces(
    cli: Callable[..., object], mail_env: Settings, tmp_path: Path
) -> None:
    dns = cli("newsletter", "dns")
    assert dns.code == 0 and dns.stdout.startswith("brief._domainkey.desk.example. IN TXT")  # type: ignore[attr-defined]
    folder = tmp_path / "md"
    mailbox.Maildir(str(folder), create=True).add(
        b"From: a@b.example\r\nSubject: hi\r\n\r\nhello\r\n"
    )
    report = cli("newsletter", "bounces", str(folder), "--json")
    assert report.code == 0 and report.json()["read"] == 1  # type: ignore[attr-defined]
