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
        store.users.set_password_hash("editor", hash_password(PASSWORD))
        some = store.articles.articles(limit=1)[0].id or ""
        store.failures.mark_failed(
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


def test_admin_failures_punctuation_speaker_does_not_take_down_a_day(
    web_db: Path, tmp_path: Path
) -> None:
    """A speaker stored as "’’" once made /brief/DAY, /story/ID, /api/v1/briefs/DAY and every
    brief feed fail with RecursionError; they render now."""
    from newsdesk.article import Annotations, Quote
    from newsdesk.web.app import create_app

    db = tmp_path / "quote.db"
    shutil.copy(web_db, db)
    with SqliteStore(db) as store:
        day = store.articles.latest_day() or ""
        story = store.stories.stories(day=day)[0]
        said = Quote(text="We will rebuild the harbour before winter comes", start=0, end=5,
                     speaker="’’", kind="direct")  # fmt: skip
        old = store.annotations.annotations_of(story.articles)
        kept = {i: old[i].entities if i in old else [] for i in story.articles}
        store.annotations.save_annotations(
            [(i, Annotations(entities=kept[i], quotes=[said])) for i in story.articles]
        )
    app = create_app(Settings(db=db, base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as client:
        for path in (f"/brief/{day}", f"/story/{story.id}", f"/api/v1/briefs/{day}",
                     "/feeds/brief.atom", "/feeds/brief.rss", "/feeds/brief.json"):  # fmt: skip
            response = client.get(path)
            assert response.status_code == 200, path
