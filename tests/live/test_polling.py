"""Polling followed sources against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.live.pacing import HostPacer
from newsdesk.live.poller import retry_after_seconds
from newsdesk.live.polling import PassReport, poll_due
from newsdesk.live.runner import DeskConfig, DeskRunner
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import FeedServer, Route, page, rss, serve_feed

LATER = timedelta(hours=6)


def _pass(
    store: SqliteStore, settings: Settings, now: datetime | None = None
) -> tuple[PassReport, list[str]]:
    lines: list[str] = []
    runner = DeskRunner(store, settings, log=lines.append, config=DeskConfig(host_delay=0))
    report = poll_due(
        store, settings, runner.poller, log=lines.append, stop=threading.Event(), now=now
    )
    return report, lines


def test_polling_ingests_a_feed_then_conditional_get_gets_304(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    url = serve_feed(server, "alpha", 3, etag='"v1"', last_modified="Tue, 10 Mar 2026 08:00:00 GMT")
    live_store.sources.follow(url, outlet="Alpha Outlet")
    first, _ = _pass(live_store, live_settings)
    assert (first.fetched, first.ingested) == (1, 3)
    assert {a.outlet for a in live_store.articles.articles()} == {"Alpha Outlet"}

    second, lines = _pass(live_store, live_settings, datetime.now(UTC) + LATER)
    assert (second.not_modified, second.ingested) == (1, 0)
    last = server.requests_for("/alpha.xml")[-1]
    assert last.status == 304
    assert last.headers["If-None-Match"] == '"v1"'
    assert last.headers["If-Modified-Since"] == "Tue, 10 Mar 2026 08:00:00 GMT"
    assert any("304 not modified" in line for line in lines)
    [source] = live_store.sources.followed()
    assert (source.articles, source.last_status, source.kind) == (3, 304, "feed")
    assert live_store.articles.count() == 3


def test_polling_a_changed_feed_stores_only_new_items_never_twice(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    url = serve_feed(server, "beta", 2, etag='"v1"')
    live_store.sources.follow(url)
    _pass(live_store, live_settings)
    serve_feed(server, "beta", 4, etag='"v2"')  # two new items on top of the two known
    report, lines = _pass(live_store, live_settings, datetime.now(UTC) + LATER)
    assert (report.fetched, report.ingested) == (1, 2)
    assert any("2 already stored" in line for line in lines)
    urls = [a.url for a in live_store.articles.articles()]
    assert len(urls) == len(set(urls)) == 4
    assert live_store.sources.followed()[0].articles == 4


def test_polling_follows_summary_only_items_to_their_full_page(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    items = [
        (f"Summary story {n}", server.url(f"/story/{n}"), f"summary:Only a teaser {n}.")
        for n in range(2)
    ]
    server.routes["/teasers.xml"] = Route(body=rss(items), content_type="application/rss+xml")
    server.routes["/story/0"] = Route(body=page("Ferry terminal opens", topic="ferry"))
    # story 1's page is gone: the summary is kept, flagged partial, and the poll still succeeds
    live_store.sources.follow(server.url("/teasers.xml"))
    report, lines = _pass(live_store, live_settings)
    assert (report.ingested, report.full_texts) == (2, 1)
    by_url = {a.url: a for a in live_store.articles.articles()}
    full = by_url[server.url("/story/0")]
    assert "shortage of steel" in full.text and "teaser" not in full.text
    assert "partial" not in full.flags
    assert full.extras["summary"] == "Only a teaser 0."
    assert full.title == "Summary story 0"
    kept = by_url[server.url("/story/1")]
    assert "partial" in kept.flags and "teaser 1" in kept.text
    assert any("kept the summary" in line for line in lines)
    assert live_store.sources.followed()[0].last_error is None


def test_polling_a_page_source(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    server.routes["/news/today"] = Route(body=page("Library reopens", topic="library"))
    live_store.sources.follow(server.url("/news/today"))
    report, _ = _pass(live_store, live_settings)
    assert report.ingested == 1
    [source] = live_store.sources.followed()
    assert (source.kind, source.articles) == ("page", 1)
    again, _ = _pass(live_store, live_settings, datetime.now(UTC) + LATER)
    assert (again.fetched, again.ingested) == (1, 0) and live_store.articles.count() == 1


def test_polling_bad_sources_are_backed_off_and_the_pass_goes_on(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    good = serve_feed(server, "good", 2)
    server.routes["/garbage.xml"] = Route(body=bytes(range(256)) * 40, content_type="text/xml")
    server.routes["/slow.xml"] = Route(body=rss([]), delay=3.0)  # fetch_timeout is 1 s
    server.routes["/huge.xml"] = Route(body=b"<rss>" + b"x" * 4096, content_type="text/xml")
    server.routes["/busy.xml"] = Route(status=429, headers={"Retry-After": "7200"})
    server.routes["/broken.xml"] = Route(status=500, body=b"oops")
    bad = ["garbage", "slow", "huge", "busy", "broken", "missing"]
    for name in ["good", *bad]:
        live_store.sources.follow(server.url(f"/{name}.xml"), every=10)
    settings = live_settings.with_(max_fetch_bytes=2048)
    now = datetime.now(UTC)
    report, lines = _pass(live_store, settings, now)
    assert (report.fetched, report.failed, report.ingested) == (1, len(bad), 2)
    state = {s.url.rsplit("/", 1)[1]: s for s in live_store.sources.followed()}
    assert state["good.xml"].last_error is None and state["good.xml"].articles == 2
    expect = {
        "garbage": "",
        "slow": "timed out",
        "huge": "bytes",
        "busy": "HTTP 429",
        "broken": "HTTP 500",
        "missing": "HTTP 404",
    }
    for name, words in expect.items():
        source = state[f"{name}.xml"]
        assert source.errors == 1 and source.last_error and words in source.last_error, source
        assert source.next_poll == (now + timedelta(minutes=20)).isoformat(timespec="seconds") or (
            name == "busy"
        )
    # the 429's Retry-After (2 h) wins over the 20-minute backoff
    assert state["busy.xml"].next_poll == (now + timedelta(hours=2)).isoformat(timespec="seconds")
    assert sum("error (1 in a row)" in line for line in lines) == len(bad)
    assert good in {s.url for s in live_store.sources.followed()}


def test_polling_robots_txt_disallow_is_obeyed(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    server.routes["/robots.txt"] = Route(
        body=b"User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n"
        b"Disallow: /nd/\n",
        content_type="text/plain",
    )
    serve_feed(server, "private/feed")
    serve_feed(server, "nd/feed")
    open_feed = serve_feed(server, "open", 1)
    for path in ("/private/feed.xml", "/nd/feed.xml"):
        live_store.sources.follow(server.url(path))
    live_store.sources.follow(open_feed)
    report, _ = _pass(live_store, live_settings)
    assert (report.fetched, report.failed) == (1, 2)
    assert server.requests_for("/private/feed.xml") == []
    assert server.requests_for("/nd/feed.xml") == []
    assert len(server.requests_for("/robots.txt")) == 1  # cached per site
    errors = [s.last_error for s in live_store.sources.followed() if s.last_error]
    assert len(errors) == 2 and all("robots.txt" in e for e in errors)


def test_polling_robots_txt_server_error_means_nothing_is_fetched(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    server.routes["/robots.txt"] = Route(status=503)
    live_store.sources.follow(serve_feed(server, "gamma"))
    report, _ = _pass(live_store, live_settings)
    assert report.failed == 1 and server.requests_for("/gamma.xml") == []
    assert "robots.txt unreachable" in (live_store.sources.followed()[0].last_error or "")


def test_polling_refuses_loopback_without_allow_private(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    live_store.sources.follow(serve_feed(server, "delta"))
    report, _ = _pass(live_store, live_settings.with_(allow_private=False))
    assert report.failed == 1 and server.hits == []
    assert "[E302]" in (live_store.sources.followed()[0].last_error or "")


def test_polling_nothing_due_does_nothing(
    server: FeedServer, live_store: SqliteStore, live_settings: Settings
) -> None:
    live_store.sources.follow(serve_feed(server, "eps"))
    _pass(live_store, live_settings)
    hits = len(server.hits)
    report, lines = _pass(live_store, live_settings)
    assert report.due == 0 and lines == [] and len(server.hits) == hits


def test_pacer_spaces_requests_to_one_host_only() -> None:
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> bool:
        slept.append(seconds)
        return False

    pacer = HostPacer(delay=1.0, clock=lambda: clock[0], sleep=sleep)
    for url in ("http://a.example/1", "http://a.example/2", "http://b.example/1"):
        assert pacer.wait(url)
    assert slept == [1.0]  # the second request to a.example waited; b.example did not
    pacer.wait("http://A.example:8080/3")  # same host, other port and case: still paced
    assert slept == [1.0, 2.0]
    pacer.slow_down("b.example", 5.0)  # a robots.txt Crawl-delay
    pacer.wait("http://b.example/2")
    assert slept[-1] == 1.0
    pacer.wait("http://b.example/3")
    assert slept[-1] == 6.0


def test_pacer_wait_ends_when_told_to_stop() -> None:
    stop = threading.Event()
    stop.set()
    pacer = HostPacer(delay=60.0, stop=stop)
    assert pacer.wait("http://a.example/") is False


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), (None, None), ("soon", None), ("Tue, 10 Mar 2026 09:00:00 GMT", 3600.0)],
)
def test_retry_after_parsing(value: str | None, seconds: float | None) -> None:
    now = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now=now) == seconds
