"""Following sources: what ``newsdesk sources add`` accepts, checked before it is stored.

The SSRF rules are applied when a source is fetched (every poll, every redirect
hop), not here: what a name resolves to can change after it was added.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsdesk.errors import UsageError
from newsdesk.store.sources import FollowedSource, SourceTables

__all__ = ["MAX_EVERY", "check_every", "check_source_url", "follow_source"]

MAX_EVERY = 7 * 24 * 60  # minutes: a source is polled at least weekly
MAX_URL = 2048


def check_source_url(url: str) -> str:
    """The URL as it will be followed; UsageError saying what is wrong with it otherwise."""
    url = url.strip()
    if not url:
        raise UsageError("the source URL is empty; give the http(s) address of a feed or page")
    if len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UsageError(f"{url[:80]!r} is not a URL (too long, or it has spaces in it)")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(
            f"{url!r}: only http(s) feeds and pages can be followed; "
            "write it as https://host/path (files are read with `newsdesk ingest`)"
        )
    try:
        port = parts.port
    except ValueError:
        raise UsageError(f"{url!r} has an invalid port") from None
    if not parts.hostname or port == 0:
        raise UsageError(f"{url!r} names no host; write it as https://host/path")
    return url


def check_every(every: int) -> int:
    """Minutes between polls: 1 to a week."""
    if not 1 <= every <= MAX_EVERY:
        raise UsageError(
            f"--every {every}: poll every 1 to {MAX_EVERY} minutes (a week); 30 is a good start"
        )
    return every


def follow_source(
    store: SourceTables, url: str, *, every: int = 30, outlet: str | None = None
) -> FollowedSource:
    """Follow ``url`` (or change how an already followed one is followed)."""
    outlet = outlet.strip() if outlet else None
    return store.follow(check_source_url(url), every=check_every(every), outlet=outlet or None)
