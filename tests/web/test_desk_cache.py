"""Slow builds are answered from the previous value while the store keeps changing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from newsdesk.settings import Settings
from newsdesk.web import desk as desk_module
from newsdesk.web.desk import Desk


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    made = Desk(Settings(db=tmp_path / "cache.db"))
    state = {"token": "one"}
    monkeypatch.setattr(made, "state", lambda: (state["token"], None))
    made.test_state = state  # type: ignore[attr-defined]
    return made


def _wait_for(check: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the background build did not finish"
        time.sleep(0.01)


def test_desk_cache_slow_build_answers_stale_then_fresh(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_module, "SLOW_BUILD", 0.0)
    monkeypatch.setattr(desk_module, "REFRESH_EVERY", 0.0)
    release = threading.Event()
    built: list[str] = []

    def build() -> str:
        token = desk.test_state["token"]  # type: ignore[attr-defined]
        if built:
            release.wait(10)
        built.append(token)
        return f"page of {token}"

    assert desk.cached("brief", build=build, stale_ok=True) == "page of one"
    desk.test_state["token"] = "two"  # type: ignore[attr-defined]
    time.sleep(0.05)  # longer than three times the first build
    assert desk.cached("brief", build=build, stale_ok=True) == "page of one"  # not waited for
    assert desk.cached("brief", build=build, stale_ok=True) == "page of one"
    release.set()
    _wait_for(lambda: desk.cache.peek(("two", "brief"))[0])
    assert desk.cached("brief", build=build, stale_ok=True) == "page of two"
    assert built == ["one", "two"]  # one background build, however many asked


def test_desk_cache_fast_builds_and_plain_keys_are_always_fresh(desk: Desk) -> None:
    def build() -> str:
        return desk.test_state["token"]  # type: ignore[attr-defined]

    assert desk.cached("days", build=build, stale_ok=True) == "one"
    desk.test_state["token"] = "two"  # type: ignore[attr-defined]
    assert desk.cached("days", build=build, stale_ok=True) == "two"  # fast: built inline
    desk.test_state["token"] = "three"  # type: ignore[attr-defined]
    assert desk.cached("facets", build=build) == "three"


def test_desk_cache_nested_builds_never_answer_stale(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_module, "SLOW_BUILD", 0.0)
    monkeypatch.setattr(desk_module, "REFRESH_EVERY", 0.0)

    def inner() -> str:
        return desk.test_state["token"]  # type: ignore[attr-defined]

    def outer() -> str:
        return "page(" + desk.cached("brief", build=inner, stale_ok=True) + ")"

    assert desk.cached("brief", build=inner, stale_ok=True) == "one"
    desk.test_state["token"] = "two"  # type: ignore[attr-defined]
    assert desk.cached("page", build=outer, stale_ok=True) == "page(two)"


def test_desk_cache_a_key_is_not_rebuilt_on_every_commit(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_module, "SLOW_BUILD", 0.0)
    built: list[str] = []

    def build() -> str:
        built.append(desk.test_state["token"])  # type: ignore[attr-defined]
        return built[-1]

    desk.cached("brief", build=build, stale_ok=True)
    for token in ("two", "three", "four"):
        desk.test_state["token"] = token  # type: ignore[attr-defined]
        assert desk.cached("brief", build=build, stale_ok=True) == "one"
    assert built == ["one"]  # rebuilt again only REFRESH_EVERY seconds after the last build
