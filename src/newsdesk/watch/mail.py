"""Mail alerts: the newsletter's letterhead, header folding, DKIM and one-click unsubscribe.

An alert mail lists every article a watchlist matched since its last mail (a burst is
one mail), grouped by story, new stories first. The From address, the SMTP transport
(:class:`~newsdesk.mail.smtp.SmtpConnection`), the DKIM signer and the header and
quoted-printable writing are the newsletter's own; the unsubscribe link is a signed
token for (watchlist, address), answered at ``/watch/unsubscribe/TOKEN`` (RFC 8058
one-click POST). The Message-ID is written to the ledger before the mail is made, so
a resend after a kill carries the same one.
"""

from __future__ import annotations

import hashlib
import html
import secrets
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from itertools import groupby
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer

from newsdesk.errors import SecretMissing, TokenError
from newsdesk.mail.message import Letterhead, header_line, quoted_printable
from newsdesk.mail.plaintext import link_lines, wrap
from newsdesk.settings import Settings
from newsdesk.store.watch import Watch
from newsdesk.store.watch_alerts import Alert, AlertItem

__all__ = [
    "compose_alert",
    "new_message_id",
    "read_unsubscribe_token",
    "unsubscribe_token",
    "unsubscribe_url",
]

_SALT = "newsdesk.watch-unsubscribe.v1"
_P = "font-family:Georgia,serif;font-size:15px;color:#1b1b1b;margin:0 0 8px 0;"
_META = "font-family:Georgia,serif;font-size:13px;color:#555555;"


def _serializer(settings: Settings) -> URLSafeSerializer:
    if not settings.secret:
        raise SecretMissing(
            "NEWSDESK_SECRET is not set: it signs the alerts' unsubscribe links; set it to a"
            " long random string and keep it unchanged"
        )
    return URLSafeSerializer(settings.secret, salt=_SALT)


def unsubscribe_token(settings: Settings, watch_id: int, email: str) -> str:
    return str(_serializer(settings).dumps([watch_id, email]))


def unsubscribe_url(settings: Settings, watch_id: int, email: str) -> str:
    token = unsubscribe_token(settings, watch_id, email)
    return f"{settings.base_url.rstrip('/')}/watch/unsubscribe/{token}"


def read_unsubscribe_token(settings: Settings, token: str) -> tuple[int, str]:
    """(watchlist id, address) of an alert's unsubscribe link; TokenError when forged."""
    bad = TokenError("this unsubscribe link is not one of ours or was changed")
    if not token or len(token) > 512:
        raise bad
    try:
        value = _serializer(settings).loads(token)
    except BadSignature:
        raise bad from None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        raise bad
    return value[0], str(value[1])


def new_message_id(letterhead: Letterhead, watch: Watch) -> str:
    return f"<watch.{watch.id}.{secrets.token_hex(12)}@{letterhead.domain}>"


def _subject(watch: Watch, items: Sequence[AlertItem]) -> str:
    fresh = sum(1 for i in items if i.new_story)
    head = (items[0].title or items[0].story_title or "untitled") if items else "no articles"
    noun = "article" if len(items) == 1 else "articles"
    lead = f"[{watch.name}] {len(items)} new {noun}"
    if fresh:
        lead += f", {fresh} new stor{'y' if fresh == 1 else 'ies'}"
    subject = f"{lead}: {head}"
    return subject if len(subject) <= 110 else subject[:109].rstrip() + "…"


def _grouped(items: Sequence[AlertItem]) -> list[tuple[str, list[AlertItem]]]:
    """(story heading, items), stories that are new first, then in commit order."""
    order = {i.story_id or i.article_id: n for n, i in enumerate(items)}
    keyed = sorted(items, key=lambda i: (not i.new_story, order[i.story_id or i.article_id]))
    groups = []
    for _, members in groupby(keyed, key=lambda i: i.story_id or i.article_id):
        found = list(members)
        title = found[0].story_title or found[0].title or "Untitled story"
        groups.append((("New story: " if found[0].new_story else "Story: ") + title, found))
    return groups


def _text(watch: Watch, items: Sequence[AlertItem], base: str, leave: str) -> str:
    lines = wrap(f"Watchlist {watch.name!r} ({watch.query}) matched {len(items)} new article(s).")
    for heading, members in _grouped(items):
        lines += ["", *wrap(heading)]
        for item in members:
            about = ", ".join(x for x in (item.outlet, item.published) if x)
            lines += wrap(f"- {item.title or 'Untitled'}" + (f" ({about})" if about else ""),
                          hanging="  ")  # fmt: skip
            lines += link_lines(f"{base}/article/{quote(item.article_id, safe='')}")
    page = f"{base}/watch/{quote(watch.name, safe='')}"
    lines += ["", "-- ", *wrap(f"You get this because you watch {watch.name!r} at {base}.")]
    lines += ["The watchlist's page:", *link_lines(page)]
    lines += ["Stop these mails with one click:", *link_lines(leave)]
    return "\n".join(lines) + "\n"


def _html(watch: Watch, items: Sequence[AlertItem], base: str, leave: str) -> str:
    e = html.escape
    parts = [
        '<!doctype html><html><body style="margin:0;padding:16px;">',
        f'<p style="{_P}">Watchlist <strong>{e(watch.name)}</strong> (<code>{e(watch.query)}'
        f"</code>) matched {len(items)} new article{'s' if len(items) != 1 else ''}.</p>",
    ]
    for heading, members in _grouped(items):
        parts.append(f'<h2 style="{_P}font-size:17px;">{e(heading)}</h2><ul>')
        for item in members:
            link = e(f"{base}/article/{quote(item.article_id, safe='')}")
            about = e(", ".join(x for x in (item.outlet, item.published) if x))
            parts.append(
                f'<li style="{_P}"><a href="{link}" style="color:#1a4d8f;">'
                f'{e(item.title or "Untitled")}</a> <span style="{_META}">{about}</span></li>'
            )
        parts.append("</ul>")
    page = e(f"{base}/watch/{quote(watch.name, safe='')}")
    parts.append(
        f'<p style="{_META}border-top:1px solid #cccccc;padding-top:8px;">You get this because'
        f' you watch <a href="{page}" style="color:#1a4d8f;">{e(watch.name)}</a>.'
        f' <a href="{e(leave)}" style="color:#1a4d8f;">Unsubscribe</a></p></body></html>'
    )
    return "\n".join(parts) + "\n"


def compose_alert(
    settings: Settings,
    letterhead: Letterhead,
    watch: Watch,
    alert: Alert,
    items: Sequence[AlertItem],
) -> bytes:
    """The alert's bytes as they go on the wire (CRLF), unsigned."""
    base = letterhead.base_url
    leave = unsubscribe_url(settings, watch.id, alert.target)
    boundary = "=_ndw_" + hashlib.sha256(alert.delivery_id.encode()).hexdigest()[:32]
    head = b"".join(
        [
            header_line("From", letterhead.sender),
            header_line("To", alert.target),
            header_line("Subject", _subject(watch, items)),
            header_line("Date", format_datetime(datetime.fromisoformat(alert.created_at))),
            header_line("Message-ID", alert.delivery_id),
            header_line(
                "List-Id", f"newsdesk watch {watch.id} <watch-{watch.id}.{letterhead.domain}>"
            ),
            f"List-Unsubscribe: <{leave}>\r\n".encode("ascii"),
            b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n",
            b"Auto-Submitted: auto-generated\r\n",
            b"MIME-Version: 1.0\r\n",
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n'.encode("ascii"),
        ]
    )
    parts = []
    for subtype, content in (("plain", _text(watch, items, base, leave)),
                             ("html", _html(watch, items, base, leave))):  # fmt: skip
        parts.append(
            f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode("ascii")
            + quoted_printable(content)
        )
    return head + b"\r\n" + b"".join(parts) + f"--{boundary}--\r\n".encode("ascii")
