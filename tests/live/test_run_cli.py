"""``newsdesk sources add|list|remove`` and ``newsdesk run`` as a user runs them."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from newsdesk.live.runner import DeskConfig, DeskRunner, DeskStep
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import FeedServer, serve_feed

Cli = Callable[..., Any]  # the root conftest's cli fixture
FAST = ("--allow-private", "--host-delay", "0")


def test_cli_sources_add_list_remove(cli: Cli) -> None:
    added = cli("sources", "add", "https://news.example/feed.xml", "--every", "15", "--json")
    assert added.code == 0, added.stderr
    assert added.json()["every"] == 15
    cli("sources", "add", "https://other.example/", "--outlet", "Other Times")
    listed = cli("sources", "list", "--json")
    assert listed.code == 0
    rows = listed.json()
    assert [r["url"] for r in rows] == ["https://news.example/feed.xml", "https://other.example/"]
    for key in ("url", "outlet", "every", "last_polled", "last_error", "articles"):
        assert key in rows[0]
    assert rows[1]["outlet"] == "Other Times" and rows[1]["every"] == 30
    assert rows[0]["last_polled"] is None and rows[0]["articles"] == 0
    assert "every 15 min" in cli("sources", "list").stdout
    removed = cli("sources", "remove", "https://news.example/feed.xml")
    assert removed.code == 0
    assert [r["url"] for r in cli("sources", "list", "--json").json()] == ["https://other.example/"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("sources", "add", "ftp://news.example/feed"), "only http(s)"),
        (("sources", "add", "news.example/feed"), "only http(s)"),
        (("sources", "add", "https://news.example/", "--every", "0"), "--every 0"),
        (("sources", "add", "https://news.example/", "--every", "soon"), "--every"),
        (("sources", "remove", "https://never.example/"), "not followed"),
    ],
)
def test_cli_sources_bad_input_exits_2_with_a_reason(
    cli: Cli, args: tuple[str, ...], words: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert words in result.stderr
    assert cli("sources", "list", "--json").json() == []


def test_cli_run_once_polls_ingests_and_reports_errors(cli: Cli, server: FeedServer) -> None:
    feed = serve_feed(server, "harbour", 3, etag='"h1"')
    missing = server.url("/gone.xml")
    for url in (feed, missing):
        assert cli("sources", "add", url).code == 0
    result = cli("run", "--once", "--no-stories", *FAST)
    assert result.code == 0, result.stderr
    log = result.stderr.splitlines()
    assert any(f"poll {feed}: 200 feed, 3 items" in line for line in log)
    assert any(f"poll {missing}: error (1 in a row)" in line for line in log)
    assert any("poll: 2 due: 1 fetched" in line and "3 new articles" in line for line in log)
    assert log[-1].endswith("desk done")
    rows = {r["url"]: r for r in cli("sources", "list", "--json").json()}
    assert rows[feed]["articles"] == 3 and rows[feed]["last_error"] is None
    assert "HTTP 404" in rows[missing]["last_error"] and rows[missing]["articles"] == 0
    assert "last error (1 in a row)" in cli("sources", "list").stdout
    assert len(cli("articles", "--json").json()) == 3

    # nothing due yet: nothing fetched, nothing doubled
    again = cli("run", "--once", "--no-stories", *FAST)
    assert again.code == 0 and len(cli("articles", "--json").json()) == 3
    assert len(server.requests_for("/harbour.xml")) == 1


def test_cli_run_once_assigns_stories_and_refreshes_the_brief(cli: Cli, server: FeedServer) -> None:
    cli("sources", "add", serve_feed(server, "north", 1))
    cli("sources", "add", serve_feed(server, "south", 1))
    result = cli("run", "--once", *FAST)
    assert result.code == 0, result.stderr
    assert "brief: 2026-03-" in result.stderr and "archived as version 1" in result.stderr
    articles = cli("articles", "--json").json()
    assert len(articles) == 2 and all(a["story_id"] for a in articles)
    assert cli("stories", "--json").json()


def _runner(store: SqliteStore, settings: Settings, lines: list[str]) -> DeskRunner:
    return DeskRunner(store, settings, log=lines.append, config=DeskConfig(host_delay=0))


def test_runner_a_failing_step_is_one_log_line_and_the_rest_still_run(
    live_store: SqliteStore, live_settings: Settings, server: FeedServer
) -> None:
    lines: list[str] = []
    runner = _runner(live_store, live_settings, lines)
    ran: list[str] = []

    def broken(now: datetime) -> str | None:
        raise RuntimeError("disk on fire")

    def after(now: datetime) -> str | None:
        ran.append("after")
        return None

    runner.steps = [DeskStep("broken", broken), *runner.steps, DeskStep("after", after)]
    live_store.sources.follow(serve_feed(server, "kappa", 1))
    runner.run_once()
    runner.run_once()
    assert lines.count("broken: failed: RuntimeError: disk on fire") == 2
    assert ran == ["after", "after"] and live_store.articles.count() == 1


def _fake_newsletter(monkeypatch: pytest.MonkeyPatch, send_due: Callable[..., Any]) -> None:
    module = types.ModuleType("fake_mail")
    module.send_due = send_due  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_mail", module)
    monkeypatch.setattr("newsdesk.live.runner.SEND_DUE", ("fake_mail", "send_due"))


def test_runner_sends_newsletters_only_when_smtp_is_set(
    live_store: SqliteStore, live_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[datetime] = []

    def send_due(store: SqliteStore, settings: Settings, now: datetime) -> dict[str, Any]:
        calls.append(now)
        return {"sent": 2, "skipped": 1, "failed": [], "pending": 3, "error": None}

    _fake_newsletter(monkeypatch, send_due)
    lines: list[str] = []
    _runner(live_store, live_settings, lines).run_once()
    assert calls == []
    runner = _runner(live_store, live_settings.with_(smtp_url="smtp://127.0.0.1:1"), lines)
    runner.run_once()
    assert len(calls) == 1 and "newsletter: 2 sent, 1 skipped, 0 failed, 3 pending" in lines


def test_runner_newsletter_failure_is_logged_and_the_desk_runs_on(
    live_store: SqliteStore, live_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def send_due(store: SqliteStore, settings: Settings, now: datetime) -> None:
        raise ConnectionRefusedError("smtp server down")

    _fake_newsletter(monkeypatch, send_due)
    lines: list[str] = []
    stop = threading.Event()
    runner = DeskRunner(
        live_store,
        live_settings.with_(smtp_url="smtp://127.0.0.1:1"),
        log=lines.append,
        stop=stop,
        config=DeskConfig(interval=0.05, host_delay=0),
    )
    original = runner.run_once
    passes: list[int] = []

    def counted(now: datetime | None = None) -> None:
        original(now)
        passes.append(1)
        if len(passes) == 3:
            stop.set()

    runner.run_once = counted  # type: ignore[method-assign]
    assert runner.run() == 3
    failures = [line for line in lines if line.startswith("newsletter: failed")]
    assert failures == ["newsletter: failed: ConnectionRefusedError: smtp server down"] * 3
    assert lines[-1] == "desk stopped after 3 passes"
