"""Sessions end server-side, and wrong passwords are throttled per account and address."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.web.passwords import hash_password
from newsdesk.web.throttle import SignInThrottle

PASSWORD = "correct horse battery"
BASE = "http://desk.test"


@pytest.fixture
def admin_db(web_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "admin.db"
    shutil.copy(web_db, db)
    with SqliteStore(db) as store:
        store.users.set_password_hash("editor", hash_password(PASSWORD))
        store.users.set_password_hash("second", hash_password(PASSWORD))
    return db


@pytest.fixture
def app(admin_db: Path) -> Any:
    from newsdesk.web.app import create_app

    return create_app(Settings(db=admin_db, base_url=BASE, secret="s" * 32))


@pytest.fixture
def admin(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE) as client:
        yield client


def _token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _sign_in(client: TestClient, password: str = PASSWORD, user: str = "editor") -> Any:
    token = _token(client.get("/login").text)
    return client.post(
        "/login",
        data={"user": user, "password": password, "csrf": token, "next": "/admin"},
        follow_redirects=False,
    )


def _signed_in(client: TestClient) -> bool:
    return client.get("/admin", follow_redirects=False).status_code == 200


def test_auth_sessions_a_copied_cookie_stops_working_after_logout(app: Any) -> None:
    with TestClient(app, base_url=BASE) as mine, TestClient(app, base_url=BASE) as thief:
        assert _sign_in(mine).status_code == 303
        csrf = _token(mine.get("/admin").text)
        thief.cookies.set("newsdesk_session", mine.cookies["newsdesk_session"])
        assert _signed_in(thief)  # the copy works while the session lives
        out = mine.post("/logout", data={"csrf": csrf}, follow_redirects=False)
        assert out.status_code == 303
        assert not _signed_in(thief)
        refused = thief.post("/admin/recluster", data={"csrf": csrf})
        assert refused.status_code == 403 and "Sign in first" in refused.text


def test_auth_sessions_password_change_ends_every_session(app: Any, admin_db: Path) -> None:
    with TestClient(app, base_url=BASE) as one, TestClient(app, base_url=BASE) as two:
        _sign_in(one)
        _sign_in(two)
        assert _signed_in(one) and _signed_in(two)
        with SqliteStore(admin_db) as store:
            store.users.set_password_hash("editor", hash_password("a new long password"))
        assert not _signed_in(one) and not _signed_in(two)


def test_auth_sessions_cookie_holds_no_user_name_and_forged_ids_fail(app: Any) -> None:
    with TestClient(app, base_url=BASE) as mine, TestClient(app, base_url=BASE) as forger:
        _sign_in(mine)
        cookie = mine.cookies["newsdesk_session"]
        assert "editor" not in cookie
        forger.cookies.set(
            "newsdesk_session", cookie[:-3] + ("abc" if cookie[-3:] != "abc" else "xyz")
        )
        assert not _signed_in(forger)


def test_auth_sessions_thirty_wrong_passwords_are_throttled(admin: TestClient) -> None:
    statuses, waits = [], []
    token = _token(admin.get("/login").text)
    for _ in range(30):
        response = admin.post("/login", data={"user": "editor", "password": "guess", "csrf": token})
        statuses.append(response.status_code)
        waits.append(response.headers.get("retry-after"))
    assert statuses[:5] == [401] * 5
    assert statuses.count(429) >= 24
    assert all(w and int(w) >= 1 for s, w in zip(statuses, waits, strict=True) if s == 429)
    assert "Too many wrong passwords" in response.text
    # the right password is not even looked at while the account waits
    assert _sign_in(admin).status_code == 429 and not _signed_in(admin)


def test_auth_sessions_throttle_lifts_and_success_resets(app: Any, admin: TestClient) -> None:
    now = [1000.0]
    admin.get("/login")
    sessions = app.state.sessions
    sessions.throttle = SignInThrottle(clock=lambda: now[0])
    for _ in range(6):
        _sign_in(admin, "guess")
    assert _sign_in(admin).status_code == 429
    now[0] += 2
    assert _sign_in(admin).status_code == 303 and _signed_in(admin)


def test_auth_sessions_one_address_trying_many_accounts_is_throttled(admin: TestClient) -> None:
    token = _token(admin.get("/login").text)
    statuses = [
        admin.post(
            "/login", data={"user": f"user{i}", "password": "guess", "csrf": token}
        ).status_code
        for i in range(30)
    ]
    assert statuses[:20] == [401] * 20 and 429 in statuses[20:]


def test_throttle_doubles_the_wait_per_account_and_forgets() -> None:
    now = [0.0]
    throttle = SignInThrottle(free_per_account=2, clock=lambda: now[0], forget=100)
    assert [throttle.failed("ann", "10.0.0.1") for _ in range(5)] == [0, 0, 1, 2, 4]
    assert throttle.retry_after("ANN", "10.0.0.9") == 4  # the account, from anywhere
    assert throttle.retry_after("bob", "10.0.0.9") == 0
    now[0] += 200
    assert throttle.retry_after("ann", "10.0.0.1") == 0
    assert throttle.failed("ann", "10.0.0.1") == 0  # forgotten: counting from zero


def test_throttle_groups_ipv6_by_64_and_is_bounded() -> None:
    throttle = SignInThrottle(free_per_address=1, size=10, clock=lambda: 0.0)
    throttle.failed("a", "2001:db8::1")
    assert throttle.failed("b", "2001:db8::2") == 1  # same /64: same client
    for i in range(100):
        throttle.failed(f"u{i}", f"10.0.{i}.1")
    assert len(throttle._counts) <= 10
