"""Feed discovery for ``sources add``: through the fetch path, with a mock transport."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from newsdesk.ingest.fetch import Response
from newsdesk.live import discovery
from newsdesk.live.discovery import discover_feed, feed_links
from newsdesk.settings import Settings

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>North</title>'
    b"<item><title>Ferry</title><link>https://north.example/a</link></item></channel></rss>"
)
ATOM = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>South</title></feed>'


def _page(head: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>Home</title>{head}</head>"
        "<body><h1>News</h1><p>Today's stories.</p></body></html>"
    ).encode()


class MockTransport:
    """Answers from a dict of URL -> (content type, body); anything else is a 404."""

    def __init__(self, routes: Mapping[str, tuple[str, bytes]]) -> None:
        self.routes = dict(routes)
        self.asked: list[str] = []

    def fetch(self, url: str, *, timeout: float, max_bytes: int, **kwargs: object) -> Response:
        self.asked.append(url)
        if url not in self.routes:
            return Response(url=url, status=404, headers={}, body=b"not found")
        ctype, body = self.routes[url]
        return Response(url=url, status=200, headers={"content-type": ctype}, body=body)


def _public(host: str, port: int, *args: object) -> list[tuple]:
    return [(2, 1, 6, "", ("93.184.215.14", port))]  # every host is public here


SETTINGS = Settings()


def _discover(url: str, transport: MockTransport):
    return discover_feed(url, settings=SETTINGS, transport=transport, resolver=_public)


def test_discovery_a_feed_is_followed_as_given() -> None:
    transport = MockTransport({"https://north.example/feed.xml": ("application/rss+xml", RSS)})
    found = _discover("https://north.example/feed.xml", transport)
    assert (found.url, found.kind) == ("https://north.example/feed.xml", "feed")
    assert transport.asked == ["https://north.example/feed.xml"]


def test_discovery_home_page_link_rel_alternate_is_followed() -> None:
    head = (
        '<link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">'
        '<link rel="alternate" type="application/rss+xml" href="https://cdn.example/rss">'
    )
    transport = MockTransport({"https://south.example/": ("text/html", _page(head))})
    found = _discover("https://south.example/", transport)
    assert (found.url, found.kind) == ("https://south.example/atom.xml", "feed")
    assert "declared by https://south.example/" in found.how


def test_discovery_falls_back_to_the_usual_places() -> None:
    transport = MockTransport(
        {
            "https://east.example/news/": ("text/html", _page("")),
            "https://east.example/rss.xml": ("application/xml", RSS),
        }
    )
    found = _discover("https://east.example/news/", transport)
    assert (found.url, found.kind) == ("https://east.example/rss.xml", "feed")
    assert transport.asked[:3] == [
        "https://east.example/news/",
        "https://east.example/feed",
        "https://east.example/rss.xml",
    ]


def test_discovery_a_page_without_a_feed_is_followed_as_a_page() -> None:
    transport = MockTransport(
        {
            "https://west.example/": ("text/html", _page("")),
            "https://west.example/feed": ("text/html", _page("")),  # a page, not a feed
        }
    )
    found = _discover("https://west.example/", transport)
    assert (found.url, found.kind) == ("https://west.example/", "page")
    assert "https://west.example/feed" in found.tried


def test_discovery_private_address_is_refused_by_the_fetch_path_and_nothing_is_fetched() -> None:
    transport = MockTransport({"http://10.0.0.5/": ("text/html", _page(""))})
    found = discover_feed("http://10.0.0.5/", settings=SETTINGS, transport=transport)
    assert found.kind == "unchecked" and "private" in found.how
    assert transport.asked == []


def test_discovery_feed_links_resolve_relative_to_base_and_skip_other_types() -> None:
    html = _page(
        '<base href="https://m.example/en/">'
        '<link rel="alternate" type="application/rss+xml" href="feed.rss">'
        '<link rel="alternate" hreflang="fr" href="/fr/">'
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        '<link rel="Alternate Feed" type="application/atom+xml; charset=utf-8" href="a.atom">'
    )
    assert feed_links(html, "https://m.example/") == [
        "https://m.example/en/feed.rss",
        "https://m.example/en/a.atom",
    ]


@pytest.fixture
def mocked(monkeypatch: pytest.MonkeyPatch) -> MockTransport:
    transport = MockTransport(
        {
            "https://north.example/": (
                "text/html",
                _page('<link rel="alternate" type="application/rss+xml" href="/feed.xml">'),
            ),
        }
    )
    monkeypatch.setattr(discovery, "default_transport", lambda: transport)
    monkeypatch.setattr("socket.getaddrinfo", lambda host, port, *a, **k: _public(host, port))
    return transport


def test_discovery_cli_sources_add_follows_the_discovered_feed(cli, mocked, tmp_path: Path) -> None:
    added = cli("sources", "add", "https://north.example/", "--json")
    assert added.code == 0, added.stderr
    assert added.json()["url"] == "https://north.example/feed.xml"
    assert "found the feed https://north.example/feed.xml" in added.stderr
    plain = cli("sources", "add", "https://north.example/", "--no-discover", "--json")
    assert plain.json()["url"] == "https://north.example/"
    assert mocked.asked == ["https://north.example/"]  # --no-discover fetched nothing
