"""Double opt-in: record a request to subscribe and mail its confirmation link.

The command line, the sign-up form and a CSV import without consent all go through
:func:`request_subscription`: the address is stored as pending, one of the day's three
confirmation mails is taken, and a ``multipart/alternative`` message with the signed
link (valid 72 hours) goes out through the newsletter's SMTP transport. A mail that
cannot be sent gives its slot back, and the error says why.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import TYPE_CHECKING

from newsdesk.errors import MailError, MailNotConfigured, TooManyConfirmations
from newsdesk.mail.subscribers import CONSENT_TEXT, CONSENT_VERSION, Preferences, Subscriber
from newsdesk.mail.tokens import CONFIRM_MAX_AGE, confirm_url
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.store.protocols import SubscriberStore

__all__ = [
    "SubscribeResult",
    "check_mail_settings",
    "confirmation_message",
    "request_subscription",
    "send_confirmation",
]

SUBJECT = "Confirm your subscription to the newsdesk brief"


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    """What a request led to: ``state`` is 'mailed', 'confirmed' (already) or 'suppressed'."""

    subscriber: Subscriber
    state: str

    @property
    def mailed(self) -> bool:
        return self.state == "mailed"


def _sender_address(settings: Settings) -> str:
    address = parseaddr(settings.mail_from or "")[1]
    if not address or "@" not in address:
        raise MailNotConfigured(
            "NEWSDESK_MAIL_FROM is not set: set it to the address confirmation mails come from"
        )
    return address


def check_mail_settings(settings: Settings) -> None:
    """Refuse before anything is stored when mail cannot be signed or sent."""
    from newsdesk.mail.smtp import SmtpTarget

    _sender_address(settings)
    SmtpTarget.from_url(settings.smtp_url)
    confirm_url(settings, "check@example.org")  # SecretMissing when there is no secret


def confirmation_message(
    settings: Settings, subscriber: Subscriber, *, link: str, now: datetime | None = None
) -> EmailMessage:
    """The confirmation mail: plain text and HTML saying the same, the link in both."""
    when = now or datetime.now(UTC)
    sender = _sender_address(settings)
    message = EmailMessage()
    message["From"] = settings.mail_from or sender
    message["To"] = Address(addr_spec=subscriber.email)
    message["Subject"] = SUBJECT
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[1])
    message["Auto-Submitted"] = "auto-generated"
    choices = _choices(subscriber)
    message.set_content(_confirm_text(link, choices), cte="quoted-printable")
    message.add_alternative(_confirm_html(link, choices), subtype="html", cte="quoted-printable")
    return message


def _confirm_text(link: str, choices: list[tuple[str, str]]) -> str:
    """The confirmation mail's plain-text part."""
    hours = CONFIRM_MAX_AGE // 3600
    return "\n".join(
        [
            "Hello,",
            "",
            "someone, hopefully you, asked to receive the newsdesk brief at this address.",
            "To confirm, open this link and press the button on the page:",
            "",
            link,
            "",
            f"The link is valid for {hours} hours. If you did not ask, ignore this mail:",
            "nothing will be sent to you.",
            "",
            "You chose:",
            *[f"  {label}: {value}" for label, value in choices],
            "",
            f"What you agree to (consent text {CONSENT_VERSION}):",
            *_wrap(CONSENT_TEXT, 72, indent="  "),
            "",
        ]
    )


def _confirm_html(link: str, choices: list[tuple[str, str]]) -> str:
    """The confirmation mail's HTML part: the plain text's words, every value escaped."""
    hours = CONFIRM_MAX_AGE // 3600
    rows = "".join(
        f"<tr><th scope='row' align='left'>{html.escape(label)}</th>"
        f"<td>{html.escape(value)}</td></tr>"
        for label, value in choices
    )
    safe_link = html.escape(link, quote=True)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(SUBJECT)}</title></head><body>"
        "<p>Hello,</p>"
        "<p>someone, hopefully you, asked to receive the newsdesk brief at this address. "
        "To confirm, open this link and press the button on the page:</p>"
        f'<p><a href="{safe_link}">Confirm my subscription</a></p>'
        f"<p>Or copy this address into your browser:<br>{safe_link}</p>"
        f"<p>The link is valid for {hours} hours. If you did not ask, ignore this mail: "
        "nothing will be sent to you.</p>"
        f"<table>{rows}</table>"
        f"<p>What you agree to (consent text {html.escape(CONSENT_VERSION)}):<br>"
        f"{html.escape(CONSENT_TEXT)}</p>"
        "</body></html>"
    )


def request_subscription(
    store: SubscriberStore,
    settings: Settings,
    email: str,
    preferences: Preferences,
    *,
    source: str,
    now: datetime | None = None,
) -> SubscribeResult:
    """Record a request (pending) and mail its confirmation, at most 3 a day per address.

    A confirmed or suppressed address is left unchanged and gets no mail. Raises
    TooManyConfirmations when the day's mails are used up, MailError when the server
    refuses or cannot be reached, MailNotConfigured / SecretMissing before storing
    anything when mail is not set up.
    """
    check_mail_settings(settings)
    when = now or datetime.now(UTC)
    subscriber, changed = store.subscribers.request_subscription(
        email,
        preferences,
        source=source,
        consent_version=CONSENT_VERSION,
        now=when.isoformat(timespec="seconds"),
    )
    if not changed:
        return SubscribeResult(subscriber, subscriber.status)
    send_confirmation(store, settings, subscriber, now=when)
    return SubscribeResult(subscriber, "mailed")


def send_confirmation(
    store: SubscriberStore,
    settings: Settings,
    subscriber: Subscriber,
    *,
    now: datetime | None = None,
) -> None:
    """Mail a pending subscriber their link, taking one of the day's three mails."""
    when = now or datetime.now(UTC)
    day = when.astimezone(UTC).date().isoformat()
    if not store.subscribers.reserve_confirmation(subscriber.email, day=day):
        raise TooManyConfirmations(
            f"3 confirmation mails already went to {subscriber.email} today: check that "
            "inbox (and its spam folder) for the link, or try again tomorrow"
        )
    try:
        from newsdesk.mail.smtp import send_one

        link = confirm_url(settings, subscriber.email)
        send_one(settings, confirmation_message(settings, subscriber, link=link, now=when))
    except (MailError, MailNotConfigured):
        store.subscribers.release_confirmation(subscriber.email, day=day)
        raise


def _choices(subscriber: Subscriber) -> list[tuple[str, str]]:
    days = ", ".join(subscriber.days)
    topics = ", ".join(subscriber.topics) or "every story"
    return [
        ("Address", subscriber.email),
        ("Days", days),
        ("Time", f"{subscriber.at} ({subscriber.zone})"),
        ("Topics", topics),
    ]


def _wrap(text: str, width: int, *, indent: str = "") -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
