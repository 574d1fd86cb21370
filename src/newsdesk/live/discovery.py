"""Feed discovery: ``sources add https://site/`` finds the site's feed.

The URL is fetched through :func:`~newsdesk.ingest.fetch.fetch_url` (the same SSRF
checks on every hop, timeout and size cap as polling, and an injectable
transport). A feed is followed as given. An HTML page's ``<link rel="alternate"
type="application/rss+xml|atom+xml" href>`` is followed instead (the first one
the page declares); a page that declares none is tried at the usual places
(``/feed``, ``/rss.xml``…), each fetched and kept only if it is a feed. A page with
no feed at all is followed as a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsdesk.errors import FetchError, NewsdeskError
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.fetch import Response, Transport, fetch_url, header
from newsdesk.settings import Settings

__all__ = ["FALLBACK_PATHS", "FEED_TYPES", "Discovery", "discover_feed", "feed_links"]

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
FALLBACK_PATHS = ("/feed", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/rss")


@dataclass(slots=True)
class Discovery:
    """What to follow for a URL, and how that was decided."""

    url: str  # the URL to follow
    kind: str  # "feed" | "page" | "unchecked" (the URL could not be fetched now)
    how: str  # one line for the user
    tried: list[str] = field(default_factory=list)  # fallback URLs fetched


def _format(response: Response) -> str | None:
    try:
        return detect_format(
            response.body, name=urlsplit(response.url).path, content_type=header(
                response.headers, "content-type"
            )
        )  # fmt: skip
    except NewsdeskError:
        return None


def is_feed(response: Response) -> bool:
    return _format(response) in ("rss", "atom")


def feed_links(html: bytes, base: str) -> list[str]:
    """The feeds an HTML page declares (``<link rel="alternate" type=... href=...>``), absolute,
    in page order, RSS/Atom types only."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    base_href = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    base = urljoin(base, base_href) if base_href else base
    found: list[str] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";", 1)[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            url = urljoin(base, href)
            if urlsplit(url).scheme in ("http", "https") and url not in found:
                found.append(url)
    return found


def discover_feed(
    url: str,
    *,
    settings: Settings,
    transport: Transport,
    resolver: Any = None,
) -> Discovery:
    """What ``sources add URL`` should follow; never raises for a site that cannot be read."""
    try:
        response = fetch_url(url, settings=settings, transport=transport, resolver=resolver)
    except FetchError as exc:
        return Discovery(url, "unchecked", f"could not check {url} now ({exc}); following it")
    fmt = _format(response)
    if fmt in ("rss", "atom"):
        return Discovery(url, "feed", f"{url} is a feed")
    if fmt != "html":
        return Discovery(url, "page", f"{url} is neither a feed nor an HTML page; following it")
    declared = feed_links(response.body, response.url)
    if declared:
        return Discovery(declared[0], "feed", f"found the feed {declared[0]} declared by {url}")
    tried: list[str] = []
    for path in FALLBACK_PATHS:
        candidate = urljoin(response.url, path)
        if candidate in tried:
            continue
        tried.append(candidate)
        try:
            answer = fetch_url(candidate, settings=settings, transport=transport, resolver=resolver)
        except FetchError:
            continue
        if is_feed(answer):
            return Discovery(candidate, "feed", f"found the feed {candidate}", tried)
    return Discovery(url, "page", f"{url} declares no feed; following it as a page", tried)


def default_transport() -> Transport:
    """The transport ``sources add`` fetches with (tests replace it)."""
    from newsdesk.ingest.fetch import Urllib3Transport

    return Urllib3Transport()


def discover_for_add(url: str, *, settings: Settings) -> Discovery:
    """``sources add``: the URL checked (UsageError when it is not one), then discovered."""
    from newsdesk.live.sources import check_source_url

    checked = check_source_url(url)
    return discover_feed(checked, settings=settings, transport=default_transport())
