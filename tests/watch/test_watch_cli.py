"""``newsdesk watch add|list|remove`` and the watch step of ``newsdesk run``."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from newsdesk.live.runner import DeskRunner
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import Receiver


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_SECRET", "cli-secret-for-tests")


def test_watch_cli_add_list_remove(cli, secret_env) -> None:
    made = cli("watch", "add", "Quakes", "quake OR earthquake", "--email", "ana@example.org")
    assert made.code == 0 and "watching 'Quakes'" in made.stdout
    listed = cli("watch", "list", "--json").json()
    assert [(w["name"], w["query"], w["email"], w["status"]) for w in listed] == [
        ("Quakes", "quake OR earthquake", "ana@example.org", "ok")
    ]
    assert "Quakes: quake OR earthquake" in cli("watch", "list").stdout
    again = cli("watch", "add", "quakes", "quake")
    assert again.code == 2 and "already a watchlist" in again.stderr
    assert cli("watch", "remove", "Quakes").code == 0
    missing = cli("watch", "remove", "Quakes")
    assert missing.code == 2 and "no watchlist called" in missing.stderr


def test_watch_cli_refuses_a_malformed_query_naming_it(cli, secret_env) -> None:
    unbalanced = cli("watch", "add", "Bad", '"ferry capsized')
    assert unbalanced.code == 2 and "unbalanced quote" in unbalanced.stderr
    dangling = cli("watch", "add", "Bad", "ferry OR")
    assert dangling.code == 2 and "OR needs a term" in dangling.stderr
    bad_day = cli("watch", "add", "Bad", "ferry date:2026-13-45")
    assert bad_day.code == 2 and "'2026-13-45'" in bad_day.stderr
    assert cli("watch", "list", "--json").json() == []


def test_watch_cli_refuses_a_private_webhook_unless_allowed(cli, secret_env) -> None:
    refused = cli("watch", "add", "Hook", "strike", "--webhook", "http://127.0.0.1:9/hook")
    assert (
        refused.code == 2 and "127.0.0.1" in refused.stderr and "--allow-private" in refused.stderr
    )
    metadata = cli("watch", "add", "Hook", "strike", "--webhook", "http://169.254.169.254/x")
    assert metadata.code == 2
    allowed = cli("watch", "add", "Hook", "strike", "--webhook", "http://127.0.0.1:9/hook",
                  "--allow-private")  # fmt: skip
    assert allowed.code == 0
    not_http = cli("watch", "add", "Ftp", "strike", "--webhook", "ftp://example.org/x")
    assert not_http.code == 2 and "http" in not_http.stderr


def test_watch_cli_webhook_needs_a_key(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_SECRET", raising=False)
    answer = cli("watch", "add", "Hook", "strike", "--webhook", "http://127.0.0.1:9/h",
                 "--allow-private")  # fmt: skip
    assert answer.code == 2 and "--secret" in answer.stderr


def test_watch_run_pass_alerts_on_what_it_committed(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    from newsdesk.watch.lists import add_watchlist

    add_watchlist(wstore, watch_settings, "Dock", "dock", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    lines: list[str] = []
    runner = DeskRunner(wstore, watch_settings.with_(smtp_url=None), log=lines.append)
    assert [s.name for s in runner.steps][:2] == ["poll", "watch"]
    add_article("Dock workers walk out")
    runner.run_once(datetime.now(UTC))
    step = next(s for s in runner.steps if s.name == "watch")
    step.run.alerter.drain(10)  # type: ignore[attr-defined]
    assert [m["title"] for b in receiver.bodies() for m in b["matches"]] == [
        "Dock workers walk out"
    ]
    assert any(line.startswith("watch: 1 matches") for line in lines)
    runner.stop.set()


def test_watch_run_follower_alerts_between_passes(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    from dataclasses import replace

    from newsdesk.watch.lists import add_watchlist

    add_watchlist(wstore, watch_settings, "Dock", "dock", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    runner = DeskRunner(wstore, watch_settings.with_(smtp_url=None), log=lambda line: None)
    alerter = next(s for s in runner.steps if s.name == "watch").run.alerter  # type: ignore[attr-defined]
    alerter.config = replace(alerter.config, follow_every=0.1)
    try:
        runner.run_once(datetime.now(UTC))  # the first pass starts the follower
        add_article("Dock strike spreads")  # committed by another process, between passes
        deadline = time.monotonic() + 30
        while not receiver.posts and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        runner.stop.set()
    assert [m["title"] for b in receiver.bodies() for m in b["matches"]] == ["Dock strike spreads"]
