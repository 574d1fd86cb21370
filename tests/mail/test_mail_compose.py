"""The newsletter as the SMTP server received it: headers, both parts, DKIM, no tracking."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from mail_briefs import LONG_URL, archive, hand_brief, subscribe

from helpers.smtp import SmtpSink
from newsdesk.mail.deliver import send_now
from newsdesk.mail.newsletter import dns_record, send_test
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
COVERED = ["from", "to", "subject", "date", "message-id", "list-id", "list-unsubscribe",
           "list-unsubscribe-post"]  # fmt: skip


def _send(
    store: SqliteStore, settings: Settings, *emails: str, topics: tuple[str, ...] = ()
) -> None:
    archive(store, hand_brief())
    for email in emails:
        subscribe(store, email, topics=topics)
    report = send_now(store, settings, NOW)
    assert report.error is None and report.sent == len(emails), report


def _parts(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content().replace("\r\n", "\n"), html.get_content()


def test_compose_message_headers_parts_and_signature(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    verify_dkim: Callable[[bytes], bool],
) -> None:  # fmt: skip
    _send(mail_store, mail_settings, "ann@example.org")
    [got] = smtp_sink.received
    message = got.message
    assert message.defects == [] and all(not p.defects for p in message.walk())
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["To"] == "ann@example.org"
    assert message["From"] == "Newsdesk <brief@desk.example>"
    assert message["Subject"] == "Brief for 2026-03-10: Earthquake shakes the Orlen valley"
    assert message["List-Id"] == "newsdesk brief <brief.desk.example>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = [u.strip(" <>") for u in str(message["List-Unsubscribe"]).split(",")]
    assert https.startswith("https://desk.example/unsubscribe/")
    assert mailto.startswith("mailto:brief+unsubscribe@desk.example?subject=unsubscribe%20")
    assert re.fullmatch(r"<brief\.2026-03-10\.[0-9a-f]{24}@desk\.example>", message["Message-ID"])
    assert message["Date"].datetime == NOW
    assert verify_dkim(got.data)
    signature = re.sub(r"\s+", "", str(message["DKIM-Signature"]))
    covered = re.search(r"h=([^;]+)", signature)
    assert covered is not None and set(COVERED) <= set(covered.group(1).split(":"))
    assert "d=desk.example" in signature and "s=brief" in signature and "a=rsa-sha256" in signature


def test_compose_text_part_lines_fit_and_carry_the_brief(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _send(mail_store, mail_settings, "ann@example.org")
    text, _ = _parts(smtp_sink.received[0].message)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 78
    for needle in ("Earthquake shakes the Orlen valley", "Dockers strike at Port Selva",
                   "Governor Anna Ruiz", "Timeline:", "Sources:", "“a", "[1]"):  # fmt: skip
        assert needle in text
    # a link longer than a line is split inside its brackets and joins back whole
    joined = "".join(line.strip() for line in lines)
    assert f"<{LONG_URL}>" in joined
    assert "\n-- \n" in text and "Unsubscribe with one click:" in text
    unsubscribe = str(smtp_sink.received[0].message["List-Unsubscribe"]).split(",")[0].strip(" <>")
    assert f"<{unsubscribe}>" in joined


def test_compose_html_inlined_no_scripts_no_remote_images_links_untouched(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _send(mail_store, mail_settings, "ann@example.org")
    _, html = _parts(smtp_sink.received[0].message)
    lowered = html.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert "<img" not in lowered and "<link" not in lowered and "<style" not in lowered
    assert "url(" not in lowered  # no background images either
    assert 'style="' in html  # CSS lives on the elements
    hrefs = re.findall(r'href="([^"]+)"', html)
    outlet_links = [h for h in hrefs if h.startswith("https://") and "desk.example" not in h]
    assert LONG_URL in outlet_links and "https://wire.example/q0" in outlet_links
    ours = {h.split("/")[3] for h in hrefs if h.startswith("https://desk.example/")}
    assert ours == {"brief", "unsubscribe"}  # no redirector, no tracking path


def test_compose_topics_pick_the_stories(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    archive(mail_store, hand_brief())
    subscribe(mail_store, "dock@example.org", topics=("Port Selva",))
    subscribe(mail_store, "none@example.org", topics=("volcano",))
    report = send_now(mail_store, mail_settings, NOW)
    assert (report.sent, report.skipped) == (1, 1)
    [got] = smtp_sink.received
    text, html = _parts(got.message)
    assert "Dockers strike" in text and "Earthquake" not in text and "Earthquake" not in html
    assert got.message["Subject"] == "Brief for 2026-03-10: Dockers strike at Port Selva"
    row = mail_store.mail.delivery("2026-03-10", "none@example.org")
    assert row is not None and row.status == "skipped" and "topics" in row.reason


def test_compose_message_ids_are_deterministic_and_personal(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _send(mail_store, mail_settings, "ann@example.org", "bob@example.org")
    ids = smtp_sink.message_ids()
    assert len(set(ids)) == 2
    from newsdesk.mail.message import Letterhead, message_id

    letterhead = Letterhead.from_settings(mail_settings)
    assert ids[0] in {
        message_id(letterhead, "2026-03-10", e) for e in ("ann@example.org", "bob@example.org")
    }
    assert "ann" not in ids[0] and "example.org" not in ids[0]


def test_compose_archive_keeps_no_personal_token(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    _send(mail_store, mail_settings, "ann@example.org")
    [archived] = mail_store.mail.archived_briefs()
    assert archived.day == "2026-03-10" and archived.first_sent_at is not None
    token = str(smtp_sink.received[0].message["List-Unsubscribe"]).split("/unsubscribe/")[1][:20]
    for body in (archived.html, archived.text):
        assert "ann@example.org" not in body and token not in body and "/unsubscribe/" not in body
    assert "Earthquake shakes the Orlen valley" in archived.html


def test_compose_test_send_marks_subject_and_touches_no_ledger(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    verify_dkim: Callable[[bytes], bool],
) -> None:  # fmt: skip
    archive(mail_store, hand_brief())
    subscribe(mail_store, "ann@example.org")
    result = send_test(mail_store, mail_settings, "editor@example.org", day=NOW.date(), now=NOW)
    assert result["sent"] == 1
    [got] = smtp_sink.received
    assert got.rcpt_tos == ["editor@example.org"]
    assert got.message["Subject"].startswith("[TEST] Brief for 2026-03-10")
    assert verify_dkim(got.data) and not got.message.defects
    assert mail_store.mail.deliveries() == [] and mail_store.mail.archived_briefs() == []
    report = send_now(mail_store, mail_settings, NOW)  # the real send is unaffected
    assert report.sent == 1


def test_compose_dns_record_matches_the_key(mail_settings: Settings) -> None:
    record = dns_record(mail_settings)
    assert record.name == "brief._domainkey.desk.example"
    assert record.value.startswith("v=DKIM1; k=rsa; p=MI")
    line = record.zone_line()
    assert line.startswith("brief._domainkey.desk.example. IN TXT (")
    assert all(len(chunk) <= 255 for chunk in re.findall(r'"([^"]*)"', line))


@pytest.mark.parametrize(
    "missing", ["dkim_key", "dkim_selector", "mail_from", "secret", "base_url"]
)
def test_compose_missing_setting_is_reported_before_anything_is_sent(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink, missing: str
) -> None:
    from newsdesk.errors import MailNotConfigured

    archive(mail_store, hand_brief())
    subscribe(mail_store, "ann@example.org")
    broken = mail_settings.with_(**{missing: "" if missing == "base_url" else None})
    with pytest.raises(MailNotConfigured, match="NEWSDESK_"):
        send_now(mail_store, broken, NOW)
    assert smtp_sink.received == [] and mail_store.mail.deliveries() == []
