from __future__ import annotations

import socket
from collections.abc import Mapping
from typing import Any

import pytest

from newsdesk.errors import BlockedAddress, FetchError, TooLarge
from newsdesk.ingest import Response, read_sources
from newsdesk.ingest.fetch import fetch_url
from newsdesk.settings import Settings

from .conftest import page_html, rss

ADDRESSES = {
    "news.example": "93.184.216.34",
    "local.example": "127.0.0.1",
    "lan.example": "192.168.1.20",
    "meta.example": "169.254.169.254",
    "v6local.example": "::1",
    "mapped.example": "::ffff:10.0.0.1",
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list[Any]:
        if host not in ADDRESSES:
            raise socket.gaierror(f"unknown host {host}")
        family = socket.AF_INET6 if ":" in ADDRESSES[host] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (ADDRESSES[host], port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


class FakeTransport:
    def __init__(self, pages: Mapping[str, Response | Exception]) -> None:
        self.pages = pages
        self.requested: list[str] = []

    def fetch(self, url: str, *, timeout: float, max_bytes: int) -> Response:
        self.requested.append(url)
        page = self.pages[url]
        if isinstance(page, Exception):
            raise page
        return Response(
            url=page.url, status=page.status, headers=page.headers, body=page.body[: max_bytes + 1]
        )


def _ok(url: str, body: str, content_type: str = "text/html") -> Response:
    return Response(url=url, status=200, headers={"Content-Type": content_type}, body=body.encode())


def test_fetch_reads_page_and_sets_fetched(settings: Settings) -> None:
    url = "https://news.example/ferry"
    transport = FakeTransport({url: _ok(url, page_html())})
    [result] = read_sources([url], settings=settings, transport=transport)
    assert result.errors == []
    [article] = result.articles
    assert article.url == url and article.source == url
    assert article.fetched is not None and article.fetched.tzinfo is not None


def test_fetch_reads_feed(settings: Settings) -> None:
    url = "https://news.example/feed"
    items = "<item><title>One</title><description>Sum.</description></item>"
    transport = FakeTransport({url: _ok(url, rss(items), "application/rss+xml")})
    [result] = read_sources([url], settings=settings, transport=transport)
    assert [a.source for a in result.articles] == [f"{url}#1"]


@pytest.mark.parametrize(
    "host",
    [
        "local.example",
        "lan.example",
        "meta.example",
        "v6local.example",
        "mapped.example",
        "127.0.0.1",
        "[::1]",
    ],
)
def test_fetch_refuses_non_public_addresses(host: str, settings: Settings) -> None:
    transport = FakeTransport({})
    with pytest.raises(BlockedAddress):
        fetch_url(f"http://{host}/x", settings=settings, transport=transport)
    assert transport.requested == []


def test_fetch_allow_private(settings: Settings) -> None:
    url = "http://local.example/x"
    transport = FakeTransport({url: _ok(url, "hello")})
    response = fetch_url(url, settings=settings.with_(allow_private=True), transport=transport)
    assert response.body == b"hello"


def test_fetch_redirect_to_private_is_refused(settings: Settings) -> None:
    start = "https://news.example/go"
    redirect = Response(url=start, status=302, headers={"Location": "http://lan.example/admin"})
    transport = FakeTransport({start: redirect})
    [result] = read_sources([start], settings=settings, transport=transport)
    assert "[E302]" in result.errors[0][1]
    assert transport.requested == [start]


def test_fetch_follows_public_redirect(settings: Settings) -> None:
    start, end = "https://news.example/go", "https://news.example/story"
    transport = FakeTransport(
        {start: Response(url=start, status=301, headers={"location": "/story"}), end: _ok(end, "x")}
    )
    assert fetch_url(start, settings=settings, transport=transport).url == end


def test_fetch_size_cap(settings: Settings) -> None:
    url = "https://news.example/big"
    transport = FakeTransport({url: _ok(url, "x" * 5000)})
    with pytest.raises(TooLarge):
        fetch_url(url, settings=settings.with_(max_fetch_bytes=1000), transport=transport)


def test_fetch_timeout_and_errors(settings: Settings) -> None:
    url = "https://news.example/slow"
    transport = FakeTransport({url: TimeoutError("read timed out")})
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(url, settings=settings, transport=transport)
    gone = "https://news.example/gone"
    transport = FakeTransport({gone: Response(url=gone, status=404)})
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(gone, settings=settings, transport=transport)


def test_fetch_unresolvable_host(settings: Settings) -> None:
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_url("https://nowhere.invalid/", settings=settings, transport=FakeTransport({}))
