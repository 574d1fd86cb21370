"""The confirmation mail, as the SMTP server received it: parts, link, headers, the daily cap."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dkim
import pytest

from helpers.smtp import SmtpSink, dkim_dns
from newsdesk.errors import MailNotConfigured, SecretMissing, SmtpUnavailable, TooManyConfirmations
from newsdesk.mail.confirm import request_subscription
from newsdesk.mail.subscribers import Preferences
from newsdesk.mail.tokens import read_confirm_token
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import confirm_link

HOSTILE = Preferences(topics=("<script>alert(1)</script>", "Tom & Jerry"))


def test_confirm_mail_is_multipart_with_the_link_in_both_parts(
    settings: Settings, sub_store: SqliteStore, smtp_sink: SmtpSink
) -> None:
    result = request_subscription(sub_store, settings, "reader@example.org", HOSTILE, source="cli")
    assert result.mailed
    (received,) = smtp_sink.received
    assert received.rcpt_tos == ["reader@example.org"]
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert message.defects == [] and all(not p.defects for p in message.walk())
    assert message["From"] == "Desk <brief@desk.example>"
    assert message["To"] == "reader@example.org"
    assert message["Message-ID"].endswith("@desk.example>")
    assert "confirm" in message["Subject"].lower()
    link = confirm_link(message)
    assert read_confirm_token(settings, link.rsplit("/", 1)[1]) == "reader@example.org"
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert f'href="{link}"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "Tom &amp; Jerry" in html
    found = sub_store.subscribers.subscriber("reader@example.org")
    assert found is not None and found.status == "pending"


def test_confirm_mail_at_most_three_a_day(
    settings: Settings, sub_store: SqliteStore, smtp_sink: SmtpSink
) -> None:
    for _ in range(3):
        request_subscription(sub_store, settings, "reader@example.org", HOSTILE, source="form")
    with pytest.raises(TooManyConfirmations, match="3 confirmation mails"):
        request_subscription(sub_store, settings, "reader@example.org", HOSTILE, source="form")
    assert len(smtp_sink.to("reader@example.org")) == 3
    tomorrow = datetime(2099, 1, 2, 8, 0, tzinfo=UTC)
    request_subscription(
        sub_store, settings, "reader@example.org", HOSTILE, source="form", now=tomorrow
    )
    assert len(smtp_sink.to("reader@example.org")) == 4


def test_confirm_mail_server_down_gives_the_slot_back(
    settings: Settings, sub_store: SqliteStore, smtp_sink: SmtpSink
) -> None:
    smtp_sink.stop()
    for _ in range(4):  # more than the cap: failed sends do not use it up
        with pytest.raises(SmtpUnavailable, match="cannot reach the SMTP server"):
            request_subscription(sub_store, settings, "reader@example.org", HOSTILE, source="cli")
    record = sub_store.subscribers.subscriber_record("reader@example.org")
    assert record is not None and record["status"] == "pending"
    assert all(m["sent"] == 0 for m in record["confirmation_mails"])


def test_confirm_mail_refused_before_storing_when_not_set_up(
    settings: Settings, sub_store: SqliteStore
) -> None:
    with pytest.raises(SecretMissing):
        request_subscription(
            sub_store, settings.with_(secret=None), "a@example.org", HOSTILE, source="cli"
        )
    with pytest.raises(MailNotConfigured, match="NEWSDESK_SMTP_URL"):
        request_subscription(
            sub_store, settings.with_(smtp_url=None), "a@example.org", HOSTILE, source="cli"
        )
    assert sub_store.subscribers.subscribers() == []


def test_confirm_mail_is_dkim_signed_when_a_key_is_set(
    settings: Settings, sub_store: SqliteStore, smtp_sink: SmtpSink, dkim_key: Path
) -> None:
    signed = settings.with_(dkim_key=dkim_key, dkim_selector="brief")
    request_subscription(sub_store, signed, "reader@example.org", HOSTILE, source="cli")
    (received,) = smtp_sink.received
    assert "DKIM-Signature" in received.message
    lookup = dkim_dns(dkim_key.read_bytes(), "brief", "desk.example")
    assert dkim.verify(received.data, dnsfunc=lookup)
