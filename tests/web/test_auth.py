"""Signing in, CSRF, and the admin routes that change the desk."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.web.passwords import hash_password, verify_password

PASSWORD = "correct horse battery"


@pytest.fixture
def admin_db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web store (the admin routes write) with one user."""
    db = tmp_path / "admin.db"
    shutil.copy(web_db, db)
    with SqliteStore(db) as store:
        store.users.set_password_hash("editor", hash_password(PASSWORD))
    return db


@pytest.fixture
def admin(admin_db: Path) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=admin_db, base_url="http://desk.test", secret="s" * 32))
    with TestClient(app, base_url="http://desk.test") as client:
        yield client


def _token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _sign_in(client: TestClient, password: str = PASSWORD) -> Any:
    token = _token(client.get("/login").text)
    return client.post(
        "/login",
        data={"user": "editor", "password": password, "csrf": token, "next": "/admin"},
        follow_redirects=False,
    )


def test_auth_passwords_are_salted_scrypt() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$") and first != second and PASSWORD not in first
    assert verify_password(PASSWORD, first) and not verify_password("wrong password", first)
    assert not verify_password(PASSWORD, None) and not verify_password(PASSWORD, "garbage")


def test_auth_sign_in_sets_a_strict_httponly_session(admin: TestClient) -> None:
    response = _sign_in(admin)
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("newsdesk_session=")
    )
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    assert "editor" not in cookie.split(";")[0].split(".")[-1]  # signed, not a plain name
    page = admin.get("/admin")
    assert page.status_code == 200 and "Signed in as editor" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_auth_wrong_password_is_refused(admin: TestClient) -> None:
    response = _sign_in(admin, "not the password")
    assert response.status_code == 401 and "Wrong user name or password" in response.text
    assert "newsdesk_session=" not in response.headers.get("set-cookie", "")
    assert admin.get("/admin", follow_redirects=False).status_code == 303


def test_auth_sign_in_without_its_csrf_token_is_refused(admin: TestClient) -> None:
    admin.get("/login")
    response = admin.post("/login", data={"user": "editor", "password": PASSWORD})
    assert response.status_code == 403 and "security token" in response.text


def test_auth_admin_needs_a_login(admin: TestClient) -> None:
    response = admin.get("/admin", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    for url in ("/admin/recluster", "/admin/sources", "/admin/sources/remove", "/logout"):
        refused = admin.post(url, data={"url": "https://example.org/feed", "csrf": "x"})
        assert refused.status_code == 403 and "Sign in first" in refused.text, url


def test_auth_state_changes_without_the_csrf_token_are_403(admin: TestClient) -> None:
    _sign_in(admin)
    for url, data in [
        ("/admin/recluster", {}),
        ("/admin/sources", {"url": "https://example.org/feed.xml"}),
        ("/admin/recluster", {"csrf": "forged"}),
    ]:
        response = admin.post(url, data=data)
        assert response.status_code == 403 and "security token" in response.text, url
    assert admin.get("/admin").text.count("Stop following") == 0


def test_auth_admin_follows_unfollows_and_reclusters(admin: TestClient, admin_db: Path) -> None:
    _sign_in(admin)
    token = _token(admin.get("/admin").text)
    url = "https://example.org/feed.xml"
    added = admin.post(
        "/admin/sources", data={"url": url, "every": "15", "outlet": "Example", "csrf": token}
    )
    assert added.status_code == 200 and "Source followed" in added.text
    with SqliteStore(admin_db) as store:
        assert [(s.url, s.every, s.outlet) for s in store.sources.followed()] == [
            (url, 15, "Example")
        ]
    bad = admin.post("/admin/sources", data={"url": "javascript:alert(1)", "csrf": token})
    assert bad.status_code == 400 and "&#39;url&#39;" in bad.text
    removed = admin.post("/admin/sources/remove", data={"url": url, "csrf": token})
    assert "no longer followed" in removed.text
    with SqliteStore(admin_db) as store:
        assert store.sources.followed() == []
        store.stories.reset_stories()  # forget every story: the recluster must rebuild them
        assert store.stories.stories() == []
    done = admin.post("/admin/recluster", data={"csrf": token})
    assert done.status_code == 200 and "Stories rebuilt" in done.text
    with SqliteStore(admin_db) as store:
        assert store.stories.stories() and all(a.story_id for a in store.articles.articles())
    out = admin.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303
    admin.cookies.clear()
    assert admin.post("/admin/recluster", data={"csrf": token}).status_code == 403


def test_auth_without_a_secret_nothing_changes(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200 and "NEWSDESK_SECRET" in page.text
    for url in ("/login", "/admin/recluster", "/admin/sources"):
        response = client.post(url, data={"user": "editor", "password": PASSWORD, "csrf": "x"})
        assert response.status_code == 403 and "NEWSDESK_SECRET" in response.text, url


def test_auth_password_command_stores_a_hash(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    db = tmp_path / "users.db"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    result = cli("--db", str(db), "password", "editor")
    assert result.code == 0 and "created editor" in result.stderr
    with SqliteStore(db) as store:
        assert verify_password(PASSWORD, store.users.password_hash("editor"))
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    refused = cli("--db", str(db), "password", "editor")
    assert refused.code == 2 and "at least 10 characters" in refused.stderr
