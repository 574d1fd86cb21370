"""Saving a watchlist: its name, its query (the search syntax) and where alerts go.

Everything is checked before anything is written: a malformed query is refused with
the parser's message (which names the token), an email address must be valid, and a
webhook must be an http(s) URL whose host resolves to a public address (the same
check as fetching, :func:`newsdesk.ingest.fetch.check_address`) unless the watchlist
is saved with ``allow_private``. A webhook needs a key to sign with: the watchlist's
own ``secret`` or ``NEWSDESK_SECRET``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from newsdesk.errors import BlockedAddress, FetchError, SearchSyntaxError, UsageError
from newsdesk.settings import Settings
from newsdesk.store.watch import Watch, compile_query

__all__ = ["MAX_PER_HOUR", "add_watchlist", "check_name", "health", "watch_row"]

MAX_PER_HOUR = 60
_NAME = re.compile(r"[^\W_][\w .'-]{0,79}", re.UNICODE)


def check_name(name: str) -> str:
    """A watchlist name: 1-80 letters, digits, spaces, ``. ' - _``, starting with a
    letter or digit (it is part of the watchlist's URL)."""
    name = (name or "").strip()
    if not _NAME.fullmatch(name):
        raise UsageError(
            f"watchlist name {name[:90]!r} is not usable: 1-80 letters, digits, spaces,"
            " . ' - or _, starting with a letter or digit"
        )
    return name


def check_query(query: str) -> str:
    query = (query or "").strip()
    if len(query) > 300:
        raise SearchSyntaxError("the query is longer than 300 characters; shorten it")
    compile_query(query)  # SearchSyntaxError naming what is wrong
    return query


def check_webhook(url: str, *, allow_private: bool, resolver: Any = None) -> str:
    """The webhook URL, refused when it is not http(s) or (unless allowed) not public."""
    from newsdesk.ingest.fetch import check_address

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        raise UsageError(f"webhook {url[:200]!r} is not an http:// or https:// URL with a host")
    if parts.username or parts.password:
        raise UsageError("a webhook URL carries no user:password; sign with --secret instead")
    if not allow_private:
        try:
            check_address(url, resolver=resolver)
        except BlockedAddress as exc:
            raise UsageError(
                f"webhook refused: {exc.args[0]}; pass --allow-private to send to your own network"
            ) from None
        except FetchError as exc:
            raise UsageError(f"webhook refused: {exc.args[0]}") from None
    return url


def add_watchlist(
    store: Any,
    settings: Settings,
    name: str,
    query: str,
    *,
    email: str | None = None,
    webhook: str | None = None,
    secret: str | None = None,
    allow_private: bool = False,
    per_hour: int = 6,
    owner: str | None = None,
    resolver: Any = None,
) -> Watch:
    """Check and save a watchlist; UsageError/SearchSyntaxError naming what is wrong."""
    from newsdesk.mail.subscribers import parse_email

    name, query = check_name(name), check_query(query)
    address = parse_email(email) if email else None
    hook = None
    if webhook:
        hook = check_webhook(webhook, allow_private=allow_private, resolver=resolver)
        if not (secret or settings.secret):
            raise UsageError(
                "a webhook is signed with HMAC-SHA256: give it a --secret or set NEWSDESK_SECRET"
            )
    if address and not settings.secret:
        raise UsageError(
            "mail alerts carry a signed one-click unsubscribe link: set NEWSDESK_SECRET first"
        )
    if not 1 <= per_hour <= MAX_PER_HOUR:
        raise UsageError(f"--per-hour is between 1 and {MAX_PER_HOUR} mails, not {per_hour}")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    saved = store.watch.add_watch(
        name, query, now=now, email=address, webhook=hook, secret=secret or None,
        allow_private=allow_private, per_hour=per_hour, owner=owner,
    )  # fmt: skip
    if saved is None:
        raise UsageError(
            f"there is already a watchlist called {name!r}; remove it first or pick another name"
        )
    return saved


def health(watch: Watch) -> str | None:
    """A line on a failing receiver, or None when alerts go through."""
    parts = []
    if watch.hook_errors:
        retry = f", next try {watch.hook_retry_at}" if watch.hook_retry_at else ""
        parts.append(f"webhook failing ({watch.hook_errors} in a row{retry}): {watch.hook_error}")
    if watch.mail_errors:
        parts.append(f"mail failing ({watch.mail_errors} in a row): {watch.mail_error}")
    return "; ".join(parts) or None


def watch_row(watch: Watch, *, base_url: str, private: bool = True) -> dict[str, Any]:
    """A watchlist in the CLI contract's shape (fields may be added, never renamed);
    ``private=False`` leaves out where alerts go (for public pages)."""
    url = f"{base_url.rstrip('/')}/watch/{quote(watch.name, safe='')}"
    row: dict[str, Any] = {
        "name": watch.name,
        "query": watch.query,
        "url": url,
        "feeds": {fmt: f"{base_url.rstrip('/')}/feeds/watch/{quote(watch.name, safe='')}.{fmt}"
                  for fmt in ("atom", "rss", "json")},
        "matched": watch.matched,
        "created_at": watch.created_at,
    }  # fmt: skip
    if private:
        row.update(
            email=watch.email,
            webhook=watch.webhook,
            per_hour=watch.per_hour,
            owner=watch.owner,
            webhook_errors=watch.hook_errors,
            webhook_error=watch.hook_error,
            webhook_retry_at=watch.hook_retry_at,
            mail_errors=watch.mail_errors,
            mail_error=watch.mail_error,
            status=health(watch) or "ok",
        )
    return row
