"""SSRF: the host that is checked is the host that is connected to.

Real HTTP servers on loopback prove both sides: without ``allow_private`` nothing
reaches them however the URL is dressed up; with it, ambiguous URLs are still
refused and a redirect is checked again. No test touches the network.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsdesk.errors import BlockedAddress, FetchError
from newsdesk.ingest import read_sources
from newsdesk.ingest.fetch import Response, Urllib3Transport, fetch_url, normalize_url
from newsdesk.settings import Settings


class Loopback:
    """A tiny HTTP server on 127.0.0.1 that records each request's path and Host."""

    def __init__(self, routes: Mapping[str, tuple[int, dict[str, str], bytes]]) -> None:
        self.routes = dict(routes)
        self.seen: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.seen.append((self.path, self.headers.get("Host", "")))
                status, headers, body = server.routes.get(self.path, (404, {}, b"no"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


PAGE = (200, {"Content-Type": "text/html"}, b"<html><title>secret</title><p>internal</p></html>")


@pytest.fixture
def servers() -> Iterator[tuple[Loopback, Loopback]]:
    first, second = Loopback({"/x": PAGE}), Loopback({"/x": PAGE})
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, *args: object, **kwargs: object) -> list[Any]:
        raise socket.gaierror(f"no DNS in tests ({host})")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}\\@1.1.1.1/x",
        "http://1.1.1.1\\@127.0.0.1:{port}/x",
        "http://1.1.1.1@127.0.0.1:{port}/x",
        "http://user:pw@127.0.0.1:{port}/x",
        "http://0x7f.1:{port}/x",
        "http://0x7f000001:{port}/x",
        "http://2130706433:{port}/x",
        "http://0177.0.0.1:{port}/x",
        "http://127.1:{port}/x",
        "http://[::ffff:127.0.0.1]:{port}/x",
        "http://[::127.0.0.1]:{port}/x",
        "http://[::1]:{port}/x",
        "http://127.0.0.1:{port}/x",
        "http://１２７.０.０.１:{port}/x",
        "http://127.0.0.1.:{port}/x",
        "HTTP://127.0.0.1:{port}/x",
        "http://127.0.0.1:{port}%2f@1.1.1.1/x",
        "http://127.0.0.1:{port} @1.1.1.1/x",
        "http:\\\\127.0.0.1:{port}/x",
        "http:/127.0.0.1:{port}/x",
    ],
)
def test_fetch_ssrf_forms_never_reach_loopback(
    url: str, servers: tuple[Loopback, Loopback], settings: Settings, no_dns: None
) -> None:
    server = servers[0]
    [result] = read_sources([url.format(port=server.port)], settings=settings)
    assert result.articles == [] and result.errors, result
    assert server.seen == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}\\@1.1.1.1/x",
        "http://a@127.0.0.1:{port}/x",
        "http://0x7f.1:{port}/x",
        "http://2130706433:{port}/x",
        "http://127.0.0.1:{port}:{port}/x",
        "http://[fe80::1%25lo]:{port}/x",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/x",
        "ftp://127.0.0.1:{port}/x",
    ],
)
def test_fetch_ambiguous_urls_refused_even_when_private_allowed(
    url: str, servers: tuple[Loopback, Loopback], settings: Settings
) -> None:
    server = servers[0]
    with pytest.raises(FetchError):
        fetch_url(
            url.format(port=server.port),
            settings=settings.with_(allow_private=True),
            transport=Urllib3Transport(),
        )
    assert server.seen == []


def test_fetch_private_allowed_reads_the_loopback_page(
    servers: tuple[Loopback, Loopback], settings: Settings
) -> None:
    server = servers[0]
    url = f"http://127.0.0.1:{server.port}/x"
    response = fetch_url(
        url, settings=settings.with_(allow_private=True), transport=Urllib3Transport()
    )
    assert b"internal" in response.body and server.seen == [("/x", f"127.0.0.1:{server.port}")]


def test_fetch_redirect_to_backslash_form_is_not_followed(
    servers: tuple[Loopback, Loopback], settings: Settings
) -> None:
    first, second = servers
    first.routes["/go"] = (302, {"Location": f"http://127.0.0.1:{second.port}\\@1.1.1.1/x"}, b"")
    with pytest.raises(BlockedAddress):
        fetch_url(
            f"http://127.0.0.1:{first.port}/go",
            settings=settings.with_(allow_private=True),
            transport=Urllib3Transport(),
        )
    assert [path for path, _ in first.seen] == ["/go"] and second.seen == []


class PinningTransport:
    """Records the addresses fetch_url hands over with each request."""

    pins_addresses = True

    def __init__(self, pages: Mapping[str, Response]) -> None:
        self.pages, self.calls = pages, []  # type: ignore[var-annotated]

    def fetch(self, url: str, *, timeout: float, max_bytes: int, **kwargs: Any) -> Response:
        self.calls.append((url, kwargs.get("addresses")))
        return self.pages[url]


def test_fetch_resolves_once_and_hands_the_checked_address_to_the_transport(
    settings: Settings,
) -> None:
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])  # a rebinding DNS server

    def resolver(host: str, port: int, *args: object) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    url = "http://rebind.example/x"
    transport = PinningTransport({url: Response(url=url, status=200, body=b"ok")})
    fetch_url(url, settings=settings, transport=transport, resolver=resolver)
    assert transport.calls == [(url, ["93.184.216.34"])]


def test_fetch_redirect_is_checked_again(settings: Settings) -> None:
    def resolver(host: str, port: int, *args: object) -> list[Any]:
        address = {"news.example": "93.184.216.34", "evil.example": "10.0.0.7"}[host]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    start = "http://news.example/go"
    moved = Response(url=start, status=301, headers={"location": "//evil.example/admin"})
    transport = PinningTransport({start: moved})
    with pytest.raises(BlockedAddress, match=r"10\.0\.0\.7"):
        fetch_url(start, settings=settings, transport=transport, resolver=resolver)
    assert [url for url, _ in transport.calls] == [start]


def test_fetch_transport_connects_to_the_pinned_address_not_dns(
    servers: tuple[Loopback, Loopback], no_dns: None
) -> None:
    """DNS is broken here: the request still lands, on the address it was given, with the
    name in the Host header."""
    server = servers[0]
    url = f"http://pinned.example:{server.port}/x"
    response = Urllib3Transport().fetch(url, timeout=5, max_bytes=10_000, addresses=["127.0.0.1"])
    assert response.status == 200 and server.seen == [("/x", f"pinned.example:{server.port}")]


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://News.Example/a b?q=é#frag", "https://news.example/a%20b?q=%C3%A9"),
        ("http://news.example:80", "http://news.example/"),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://[2001:DB8::1]:8080/p", "http://[2001:db8::1]:8080/p"),
    ],
)
def test_fetch_normalize_url_writes_one_canonical_form(given: str, canonical: str) -> None:
    assert normalize_url(given).url == canonical
    assert normalize_url(canonical).url == canonical


def test_fetch_source_add_refuses_ambiguous_urls() -> None:
    from newsdesk.errors import UsageError
    from newsdesk.live.sources import check_source_url

    with pytest.raises(UsageError, match="backslash"):
        check_source_url("http://127.0.0.1:8000\\@1.1.1.1/feed")
    with pytest.raises(UsageError, match="ambiguous"):
        check_source_url("http://0x7f.1/feed")
    assert check_source_url("https://News.Example/feed") == "https://news.example/feed"
