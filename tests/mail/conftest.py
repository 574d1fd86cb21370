"""The mail tests' fixtures: a real SMTP server, a DKIM key, settings and a store for them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers.smtp import SmtpSink, dkim_dns, dkim_key, smtp_sink  # noqa: F401
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

SENDER = "Newsdesk <brief@desk.example>"
SELECTOR = "brief"
DOMAIN = "desk.example"


@pytest.fixture
def mail_settings(tmp_path: Path, smtp_sink: SmtpSink, dkim_key: Path) -> Settings:  # noqa: F811
    return Settings(
        db=tmp_path / "mail.db",
        base_url="https://desk.example",
        smtp_url=smtp_sink.url,
        mail_from=SENDER,
        dkim_key=dkim_key,
        dkim_selector=SELECTOR,
        secret="test-secret-not-for-production",
    )


@pytest.fixture
def mail_store(mail_settings: Settings) -> Iterator[SqliteStore]:
    with SqliteStore(mail_settings.db) as store:
        yield store


@pytest.fixture
def verify_dkim(dkim_key: Path) -> Callable[[bytes], bool]:  # noqa: F811
    """``verify(raw_bytes) -> bool`` against the test key's DNS record (no network)."""
    import dkim

    lookup = dkim_dns(dkim_key.read_bytes(), SELECTOR, DOMAIN)
    return lambda data: bool(dkim.verify(data, dnsfunc=lookup))
