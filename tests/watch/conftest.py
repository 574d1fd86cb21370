"""The watch tests' fixtures: a store fed article by article, a real SMTP server, a DKIM
key, and a webhook receiver (http.server on loopback) that can answer 500 or hang."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from helpers.smtp import SmtpSink, dkim_dns, dkim_key, smtp_sink  # noqa: F401
from newsdesk.article import Article
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

SENDER = "Newsdesk <alerts@desk.example>"
SELECTOR = "desk"
DOMAIN = "desk.example"
SECRET = "watch-test-secret-not-for-production"


@pytest.fixture
def watch_settings(tmp_path: Path, smtp_sink: SmtpSink, dkim_key: Path) -> Settings:  # noqa: F811
    return Settings(
        db=tmp_path / "watch.db",
        base_url="https://desk.example",
        smtp_url=smtp_sink.url,
        mail_from=SENDER,
        dkim_key=dkim_key,
        dkim_selector=SELECTOR,
        secret=SECRET,
        stories=False,
        annotate=False,
    )


@pytest.fixture
def wstore(watch_settings: Settings) -> Iterator[SqliteStore]:
    with SqliteStore(watch_settings.db) as opened:
        yield opened


Add = Callable[..., str]


def make_article(n: int, title: str, text: str = "", *, outlet: str = "Wire") -> Article:
    return Article(
        source=f"test-{n}", format="jsonl", raw="", text=text or f"{title}. More words here.",
        title=title, outlet=outlet, url=f"https://news.example/{n}", published=datetime.now(UTC),
    )  # fmt: skip


@pytest.fixture
def add_article(wstore: SqliteStore) -> Add:
    """Commit one article (as ingest would) and return its id."""
    counter = iter(range(1, 1_000_000))

    def add(title: str, text: str = "", *, outlet: str = "Wire", published: str | None = None,
            story: str | None = None) -> str:  # fmt: skip
        n = next(counter)
        article = Article(
            source=f"test-{n}", format="jsonl", raw="", text=text or f"{title}. More words here.",
            title=title, outlet=outlet, url=f"https://news.example/{n}",
            published=datetime.fromisoformat(published) if published else datetime.now(UTC),
            story_id=story,
        )  # fmt: skip
        result = wstore.articles.add_source(f"test-{n}", [article])
        return result.ingested[0]

    return add


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1: records each POST; ``status`` and ``delay`` say
    how it answers."""

    status: int = 200
    delay: float = 0.0
    posts: list[dict[str, Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def deliveries(self) -> list[str]:
        with self.lock:
            return [p["headers"].get("x-newsdesk-delivery", "") for p in self.posts]

    def bodies(self) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(p["body"]) for p in self.posts]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            if state.delay:
                time.sleep(state.delay)
            with state.lock:
                state.posts.append(
                    {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                     "answered": state.status}
                )  # fmt: skip
            try:
                self.send_response(state.status)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.server = server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
