"""The newsletter commands' functions: a test send, the DKIM DNS record.

A test send goes to one address, with "[TEST]" in the subject, and touches no ledger:
nothing about it is recorded, so the real send later is unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import make_msgid, parseaddr
from typing import TYPE_CHECKING, Any

from newsdesk.errors import MailNotConfigured, UsageError
from newsdesk.mail.archive import brief_for, brief_from_json
from newsdesk.mail.compose import make_edition
from newsdesk.mail.dkim import DkimSigner, sender_domain
from newsdesk.mail.message import Letterhead, Personal
from newsdesk.mail.signing import build_message
from newsdesk.mail.smtp import SmtpConnection, SmtpTarget
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.store.protocols import MailStore

__all__ = ["DnsRecord", "dns_record", "send_test"]


@dataclass(frozen=True, slots=True)
class DnsRecord:
    name: str
    value: str

    def zone_line(self) -> str:
        """The record as a zone-file line; the value split in strings of at most 255."""
        chunks = [self.value[i : i + 255] for i in range(0, len(self.value), 255)]
        quoted = " ".join(f'"{chunk}"' for chunk in chunks)
        return f"{self.name}. IN TXT ( {quoted} )"

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "type": "TXT", "value": self.value}


def dns_record(settings: Settings) -> DnsRecord:
    """The TXT record to publish for the configured DKIM key, selector and sender domain."""
    if settings.dkim_key is None:
        raise MailNotConfigured(
            "NEWSDESK_DKIM_KEY is not set: create a key (openssl genrsa -out dkim.pem 2048)"
            " and point NEWSDESK_DKIM_KEY at it"
        )
    signer = DkimSigner.from_key_file(
        settings.dkim_key, selector=settings.dkim_selector, domain=sender_domain(settings.mail_from)
    )
    return DnsRecord(signer.dns_name(), signer.dns_record())


def send_test(
    store: MailStore,
    settings: Settings,
    email: str,
    *,
    day: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Send ``day``'s brief (every story) to ``email`` with "[TEST]" in the subject."""
    from newsdesk.mail.subscribers import parse_email
    from newsdesk.mail.tokens import unsubscribe_url

    address = parse_email(email)
    now = now or datetime.now(UTC)
    letterhead = Letterhead.from_settings(settings)
    signer = DkimSigner.from_settings(settings)
    if signer is None:
        raise MailNotConfigured(
            "NEWSDESK_DKIM_KEY is not set: the newsletter is always DKIM-signed"
        )
    target = SmtpTarget.from_url(settings.smtp_url)
    day = day or now.date()
    archived = brief_for(
        store, day, now=now, base_url=letterhead.base_url, rising=settings.brief_rising
    )
    edition = make_edition(brief_from_json(archived.brief_json))
    if edition is None:
        raise UsageError(f"the brief for {day.isoformat()} has no stories: nothing to send")
    personal = Personal(
        email=address, message_id=make_msgid("test", domain=letterhead.domain), date=now,
        unsubscribe_url=unsubscribe_url(settings, address), test=True,
    )  # fmt: skip
    data = build_message(edition, letterhead, personal, signer)
    with SmtpConnection(target) as connection:
        connection.send(parseaddr(settings.mail_from or "")[1], address, data)
    return {
        "sent": 1,
        "skipped": 0,
        "failed": [],
        "test": address,
        "message_id": personal.message_id,
    }
