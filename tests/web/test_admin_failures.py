"""The admin page lists the articles a stage failed on, escaped."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.web.passwords import hash_password

PASSWORD = "correct horse battery"


@pytest.fixture
def admin(web_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    db = tmp_path / "admin.db"
    shutil.copy(web_db, db)
    with SqliteStore(db) as store:
        store.set_password_hash("editor", hash_password(PASSWORD))
        some = store.articles(limit=1)[0].id or ""
        store.mark_failed(
            [
                (some, "annotate", "RecursionError: <script>x</script>", "a.html"),
                ("never-stored", "store", "DataError: string or blob too big", "big.warc"),
            ]
        )
    app = create_app(Settings(db=db, base_url="http://desk.test", secret="s" * 32))
    with TestClient(app, base_url="http://desk.test") as client:
        yield client


def test_admin_failures_are_listed_escaped(admin: TestClient) -> None:
    token = re.search(r'name="csrf" value="([^"]+)"', admin.get("/login").text)
    assert token
    admin.post(
        "/login",
        data={"user": "editor", "password": PASSWORD, "csrf": token.group(1), "next": "/admin"},
        follow_redirects=False,
    )
    page = admin.get("/admin")
    assert page.status_code == 200
    assert "Failed articles" in page.text and "annotate" in page.text
    assert "&lt;script&gt;" in page.text and "<script>x" not in page.text
    assert "big.warc" in page.text and "not stored" in page.text
