"""Following sources: what ``newsdesk sources add`` accepts, checked before it is stored.

The URL is stored in the one canonical form the fetcher reads, and forms parsers
disagree on are refused here; whether its host is public is checked when it is
fetched (every poll, every redirect hop): what a name resolves to can change.
"""

from __future__ import annotations

from newsdesk.errors import NewsdeskError, UsageError
from newsdesk.store.protocols import FollowStore
from newsdesk.store.sources import FollowedSource

__all__ = ["MAX_EVERY", "check_every", "check_source_url", "follow_source"]

MAX_EVERY = 7 * 24 * 60  # minutes: a source is polled at least weekly
MAX_URL = 2048


def check_source_url(url: str) -> str:
    """The URL as it will be followed (canonical: see :func:`normalize_url`); UsageError
    saying what is wrong with it otherwise. A URL the fetcher would refuse to read
    (a backslash, user names, an IPv4 address in hex...) is refused here already."""
    from newsdesk.ingest.fetch import normalize_url

    url = url.strip()
    if not url:
        raise UsageError("the source URL is empty; give the http(s) address of a feed or page")
    if len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UsageError(f"{url[:80]!r} is not a URL (too long, or it has spaces in it)")
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(
            f"{url!r}: only http(s) feeds and pages can be followed; "
            "write it as https://host/path (files are read with `newsdesk ingest`)"
        )
    try:
        return normalize_url(url).url
    except NewsdeskError as exc:
        raise UsageError(
            f"{exc.args[0] if exc.args else exc}; write it as https://host/path"
        ) from None


def check_every(every: int) -> int:
    """Minutes between polls: 1 to a week."""
    if not 1 <= every <= MAX_EVERY:
        raise UsageError(
            f"--every {every}: poll every 1 to {MAX_EVERY} minutes (a week); 30 is a good start"
        )
    return every


def follow_source(
    store: FollowStore, url: str, *, every: int = 30, outlet: str | None = None
) -> FollowedSource:
    """Follow ``url`` (or change how an already followed one is followed)."""
    outlet = outlet.strip() if outlet else None
    return store.sources.follow(
        check_source_url(url), every=check_every(every), outlet=outlet or None
    )
