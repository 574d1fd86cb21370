"""A newsletter message's bytes: headers folded for SMTP, text and HTML quoted-printable.

:func:`compose` adds what is personal (the address, the one-click unsubscribe link, the
Message-ID) to an :class:`Edition` and writes the message itself: headers folded for SMTP
(a ``List-Unsubscribe`` URL is never RFC 2047 encoded, as the stdlib's folding does to a
long one) and a ``multipart/alternative`` body, both parts quoted-printable (binascii's C
encoder: a few hundred microseconds a message). Light on imports: signing workers load
only this.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import html
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.utils import format_datetime, formataddr, parseaddr
from urllib.parse import quote

from newsdesk.errors import MailNotConfigured
from newsdesk.mail.dkim import sender_domain
from newsdesk.mail.plaintext import link_lines, wrap
from newsdesk.settings import Settings

__all__ = [
    "FOOTER_MARK",
    "Edition",
    "Letterhead",
    "Personal",
    "compose",
    "header_line",
    "message_id",
    "quoted_printable",
]

FOOTER_MARK = "<!--newsdesk-footer-->"
_FOOTER_STYLE = "max-width:680px;margin:0 auto;padding:12px 16px;border-top:1px solid #cccccc;"
_FOOTER_P = "font-family:Georgia,serif;font-size:13px;color:#555555;margin:0 0 6px 0;"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """What every message of the list carries: sender, list identity, unsubscribe mailbox."""

    sender: str  # the From header, e.g. 'Newsdesk <brief@example.org>'
    domain: str
    base_url: str
    secret: str

    @property
    def list_id(self) -> str:
        return f"newsdesk brief <brief.{self.domain}>"

    @property
    def unsubscribe_mailbox(self) -> str:
        local = parseaddr(self.sender)[1].split("@", 1)[0]
        return f"{local}+unsubscribe@{self.domain}"

    @classmethod
    def from_settings(cls, settings: Settings) -> Letterhead:
        domain = sender_domain(settings.mail_from)
        name, address = parseaddr(settings.mail_from or "")
        if not settings.secret:
            raise MailNotConfigured(
                "NEWSDESK_SECRET is not set: the unsubscribe links cannot be signed;"
                " set it to a long random string"
            )
        base = settings.base_url.rstrip("/")
        if not base.lower().startswith(("http://", "https://")):
            raise MailNotConfigured(
                f"NEWSDESK_BASE_URL {base!r} is not an http(s) URL: set it to the web desk's"
                " public address, e.g. https://news.example.org"
            )
        sender = formataddr((name or "Newsdesk brief", address), charset="utf-8")
        return cls(sender=sender, domain=domain, base_url=base, secret=settings.secret)


@dataclass(frozen=True, slots=True)
class Edition:
    """The brief for one topic selection, rendered once, without personal tokens."""

    day: str
    topics: tuple[str, ...]
    subject: str
    html: str  # holds FOOTER_MARK where the footer goes
    text: str  # the body up to the signature separator; the footer is added per message
    stories: int

    def public_html(self, base_url: str) -> str:
        """The HTML as archived: the generic footer, no personal link."""
        footer = (
            f'<div style="{_FOOTER_STYLE}"><p style="{_FOOTER_P}">The newsdesk brief for'
            f' {self.day}. <a href="{html.escape(base_url)}/subscribe"'
            ' style="color:#1a4d8f;">Subscribe</a></p></div>'
        )
        return self.html.replace(FOOTER_MARK, footer)


@dataclass(frozen=True, slots=True)
class Personal:
    """What is one subscriber's own in a message."""

    email: str
    message_id: str
    date: datetime
    unsubscribe_url: str
    topics: tuple[str, ...] = field(default=())
    test: bool = False


def message_id(letterhead: Letterhead, day: str, email: str) -> str:
    """The deterministic Message-ID of ``day``'s brief to ``email`` (no address in clear)."""
    key = hmac.new(letterhead.secret.encode(), f"{day}|{email}".encode(), hashlib.sha256)
    return f"<brief.{day}.{key.hexdigest()[:24]}@{letterhead.domain}>"


# -- the message's bytes ---------------------------------------------------------------


def _footer_text(edition: Edition, letterhead: Letterhead, personal: Personal) -> list[str]:
    about = ", ".join(personal.topics) if personal.topics else "every story"
    lines = wrap(
        f"You get this brief because you subscribed to it at {letterhead.base_url} ({about})."
    )
    lines += ["Read it on the web:", *link_lines(f"{letterhead.base_url}/brief/{edition.day}")]
    lines += ["Unsubscribe with one click:", *link_lines(personal.unsubscribe_url)]
    return lines


def _footer_html(edition: Edition, letterhead: Letterhead, personal: Personal) -> str:
    about = html.escape(", ".join(personal.topics)) if personal.topics else "every story"
    web = html.escape(f"{letterhead.base_url}/brief/{edition.day}")
    leave = html.escape(personal.unsubscribe_url)
    return (
        f'<div style="{_FOOTER_STYLE}"><p style="{_FOOTER_P}">You get this brief because you'
        f' subscribed to it ({about}). <a href="{web}" style="color:#1a4d8f;">Read it on'
        f' the web</a> · <a href="{leave}" style="color:#1a4d8f;">Unsubscribe</a></p></div>'
    )


def header_line(name: str, value: str) -> bytes:
    """One header line as it goes on the wire (CRLF): folded and RFC 2047-encoded when
    it is long or not ASCII (also used by watch alert mails)."""
    if value.isascii() and len(name) + len(value) + 2 <= 78:
        return f"{name}: {value}\r\n".encode("ascii")
    charset = "us-ascii" if value.isascii() else "utf-8"
    folded = Header(value, charset, maxlinelen=78, header_name=name).encode(linesep="\r\n")
    return f"{name}: {folded}\r\n".encode("ascii")


def quoted_printable(text: str) -> bytes:
    """A UTF-8 text body, quoted-printable, with CRLF line ends."""
    body = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return body.replace(b"\n", b"\r\n")


_header, _qp = header_line, quoted_printable  # the names this module used first


def compose(edition: Edition, letterhead: Letterhead, personal: Personal) -> bytes:
    """The message's bytes as they go on the wire (CRLF), unsigned."""
    footer = "\n".join(_footer_text(edition, letterhead, personal))
    text = f"{edition.text}\n\n-- \n{footer}\n"  # "-- ": the signature separator
    page = edition.html.replace(FOOTER_MARK, _footer_html(edition, letterhead, personal))
    token = personal.unsubscribe_url.rstrip("/").rsplit("/", 1)[-1]
    mailto = f"mailto:{letterhead.unsubscribe_mailbox}?subject={quote('unsubscribe ' + token)}"
    boundary = "=_nd_" + hashlib.sha256(personal.message_id.encode()).hexdigest()[:32]
    subject = ("[TEST] " if personal.test else "") + edition.subject
    head = b"".join(
        [
            _header("From", letterhead.sender),
            _header("To", personal.email),
            _header("Subject", subject),
            _header("Date", format_datetime(personal.date)),
            _header("Message-ID", personal.message_id),
            _header("List-Id", letterhead.list_id),
            f"List-Unsubscribe: <{personal.unsubscribe_url}>,\r\n <{mailto}>\r\n".encode("ascii"),
            b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
            b"MIME-Version: 1.0\r\n",
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n'.encode("ascii"),
        ]
    )
    parts = []
    for subtype, content in (("plain", text), ("html", page)):
        parts.append(
            f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode("ascii")
            + _qp(content)
            + (b"" if content.endswith("\n") else b"\r\n")
        )
    return head + b"\r\n" + b"".join(parts) + f"--{boundary}--\r\n".encode("ascii")
