"""Subscriber fixtures: a real SMTP server (aiosmtpd), settings that send to it, the web desk."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpers.smtp import SmtpSink, dkim_key, smtp_sink  # noqa: F401
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

SECRET = "test-secret-0123456789abcdef0123456789"
BASE_URL = "http://desk.test"
MAIL_FROM = "Desk <brief@desk.example>"


@pytest.fixture
def settings(tmp_path: Path, smtp_sink: SmtpSink) -> Settings:  # noqa: F811
    """Settings whose mail goes to the test's SMTP server."""
    return Settings(
        db=tmp_path / "subscribers.db",
        base_url=BASE_URL,
        smtp_url=smtp_sink.url,
        mail_from=MAIL_FROM,
        secret=SECRET,
    )


@pytest.fixture
def sub_store(settings: Settings) -> Iterator[SqliteStore]:
    with SqliteStore(settings.db) as opened:
        yield opened


@pytest.fixture
def web(settings: Settings) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    with TestClient(create_app(settings), base_url=BASE_URL) as client:
        yield client


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, smtp_sink: SmtpSink) -> None:  # noqa: F811
    """The environment the ``cli`` fixture's commands read: mail to the test server."""
    monkeypatch.setenv("NEWSDESK_SMTP_URL", smtp_sink.url)
    monkeypatch.setenv("NEWSDESK_MAIL_FROM", MAIL_FROM)
    monkeypatch.setenv("NEWSDESK_SECRET", SECRET)
    monkeypatch.setenv("NEWSDESK_BASE_URL", BASE_URL)


def confirm_link(message: EmailMessage, base: str = BASE_URL) -> str:
    """The confirmation link in a received mail's plain-text part."""
    body = message.get_body(("plain",))
    assert body is not None
    for line in body.get_content().splitlines():
        if line.startswith(f"{base}/confirm/"):
            return line.strip()
    raise AssertionError("no confirmation link in the mail")


def path_of(link: str) -> str:
    return link.removeprefix(BASE_URL)
