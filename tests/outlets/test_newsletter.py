"""The newsletter's blindspots section, read from mails a real SMTP server received: in
the HTML part and the plain-text part alike, and only for readers who asked for it."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

from helpers.smtp import SmtpSink, dkim_key, smtp_sink  # noqa: F401
from newsdesk.mail.compose import make_edition
from newsdesk.mail.deliver import send_now
from newsdesk.mail.subscribers import CONSENT_VERSION, DAYS, Preferences
from newsdesk.publish.brief import build_brief
from newsdesk.publish.render.json import brief_json
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

DAY = date(2026, 3, 9)
NOW = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
SINCE = "2026-01-01T00:00:00+00:00"


def archive_brief(store: SqliteStore) -> None:
    brief = build_brief(store, DAY)
    assert brief.blindspots  # the fixture's Japanese and Chinese outlets miss each other's
    data = brief_json(brief)
    edition = make_edition(brief)
    assert edition is not None
    store.mail.save_brief(
        DAY.isoformat(),
        digest=hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
        built_at="2099-01-01T00:00:00+00:00", stories=len(brief.stories),
        subject=edition.subject, brief_json=data,
        html=edition.public_html("https://desk.example"), text=edition.text,
    )  # fmt: skip


def subscribe(store: SqliteStore, email: str, topics: tuple[str, ...]) -> None:
    outcome, _ = store.subscribers.import_subscriber(
        email, Preferences(zone="UTC", days=DAYS, at="07:00", topics=topics),
        consent_version=CONSENT_VERSION, consented_at=SINCE, now=SINCE,
    )  # fmt: skip
    assert outcome == "confirmed", outcome


def _parts(message: EmailMessage) -> tuple[str, str]:
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content().replace("\r\n", "\n"), html.get_content()


def test_newsletter_text_part_has_the_blindspots_section_for_readers_who_ask(
    desk_store: SqliteStore,
    smtp_sink: SmtpSink,  # noqa: F811
    dkim_key: Path,  # noqa: F811
) -> None:
    settings = Settings(
        db=desk_store.path, base_url="https://desk.example", smtp_url=smtp_sink.url,
        mail_from="Newsdesk <brief@desk.example>", dkim_key=dkim_key, dkim_selector="brief",
        secret="test-secret-not-for-production",
    )  # fmt: skip
    archive_brief(desk_store)
    subscribe(desk_store, "asks@example.org", ("blindspots",))
    subscribe(desk_store, "plain@example.org", ())
    report = send_now(desk_store, settings, NOW)
    assert report.error is None and report.sent == 2, report
    got = {r.rcpt_tos[0]: _parts(r.message) for r in smtp_sink.received}

    text, html = got["asks@example.org"]
    assert "Blindspots" in html
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 78
    start = lines.index("Blindspots:")
    section = " ".join(line.strip() for line in lines[start + 1 : lines.index("", start)])
    assert section.startswith("- ")
    # each blindspot: the story, the group covering it with its articles, who misses it
    assert "Japanese outlets (" in section and "not Chinese outlets" in section
    assert "Chinese outlets (" in section and "not Japanese outlets" in section
    assert text.index("Blindspots:") < text.index("\n-- \n")  # before the footer

    text, html = got["plain@example.org"]
    assert "Blindspots" not in text and "Blindspots" not in html
