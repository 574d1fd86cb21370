"""A real HTTP server on 127.0.0.1 serving fixture feeds and pages, for the live desk's tests.

Each route can answer with an ETag / Last-Modified (and 304 to a matching
conditional GET), a chosen status (404, 429 with Retry-After, 500), a delay, or
an oversized body. Every request is recorded with its headers, so tests assert
on what the desk actually asked for.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

PARAGRAPHS = [
    "The harbour authority confirmed that the new ferry terminal will open in the spring, two "
    "years later than first planned and well over its original budget, officials said.",
    "Officials said the delay was caused by a shortage of steel and by a dispute with the main "
    "contractor, which has since been settled out of court after months of talks.",
    "Local residents welcomed the news but said they remained worried about traffic on the "
    "coast road, which already carries twice the volume it was designed for each summer.",
]
TOPICS = ["ferry", "bridge", "library", "harbour", "tram", "school", "museum", "park"]


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int


class FeedServer:
    """ThreadingHTTPServer on a free loopback port; ``routes`` may be changed while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                route = server.routes.get(self.path)
                status, headers, body = server.answer(route, self.headers)
                with server._lock:
                    server.hits.append(Hit(self.path, dict(self.headers.items()), status))
                if route is not None and route.delay:
                    time.sleep(route.delay)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # the desk hangs up on an oversized body, as it should
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @staticmethod
    def answer(route: Route | None, asked: object) -> tuple[int, dict[str, str], bytes]:
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        get = asked.get  # type: ignore[attr-defined]
        fresh = (route.etag and get("If-None-Match") == route.etag) or (
            route.last_modified and get("If-Modified-Since") == route.last_modified
        )
        if route.status == 200 and fresh:
            return 304, headers, b""
        return route.status, headers, route.body

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    yield running
    running.stop()


@pytest.fixture
def live_settings(tmp_path: Path) -> Settings:
    """Loopback allowed, short timeouts, no models (stories and annotation off)."""
    return Settings(
        db=tmp_path / "live.db",
        allow_private=True,
        fetch_timeout=1.0,
        stories=False,
        annotate=False,
    )


@pytest.fixture
def live_store(live_settings: Settings) -> Iterator[SqliteStore]:
    with SqliteStore(live_settings.db) as opened:
        yield opened


def page(title: str, *, topic: str = "ferry", words: int = 0) -> bytes:
    paragraphs = [p.replace("ferry", topic) for p in PARAGRAPHS]
    paragraphs.append(f"The {topic} report was titled {title}. " + "More detail. " * words)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{title}</title>"
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<meta property="article:published_time" content="2026-03-10T08:30:00+00:00">'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]], *, title: str = "Harbour Gazette") -> bytes:
    """An RSS 2.0 feed of (title, link, html) items; html in <content:encoded> unless it is
    a summary (given as ``summary:...``), which goes in <description> alone."""
    entries = []
    for number, (headline, link, html) in enumerate(items):
        day = 10 + number % 10
        if html.startswith("summary:"):
            content = f"<description>{html.removeprefix('summary:')}</description>"
        else:
            content = f"<description>Short.</description><content:encoded><![CDATA[{html}]]></content:encoded>"
        entries.append(
            f"<item><title>{headline}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>Tue, {day} Mar 2026 08:00:00 GMT</pubDate>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://example.org/</link>"
        f"{''.join(entries)}</channel></rss>"
    ).encode()


def feed_items(server: FeedServer, name: str, count: int) -> list[tuple[str, str, str]]:
    """``count`` full-text items whose links point into this server (distinct per feed)."""
    items = []
    for n in range(count):
        topic = TOPICS[(n + len(name)) % len(TOPICS)]
        text = "".join(f"<p>{p.replace('ferry', topic)} ({name} item {n})</p>" for p in PARAGRAPHS)
        items.append((f"{name} {topic} story {n}", server.url(f"/{name}/story-{n}"), text))
    return items


def serve_feed(server: FeedServer, name: str, count: int = 3, **route: object) -> str:
    """A full-text RSS feed at /NAME.xml; returns its URL."""
    body = rss(feed_items(server, name, count), title=f"{name.title()} Gazette")
    server.routes[f"/{name}.xml"] = Route(
        body=body,
        content_type="application/rss+xml",
        **route,  # type: ignore[arg-type]
    )
    return server.url(f"/{name}.xml")
