"""Names with "/" routable, HEAD wherever GET, NUL never sent, unknown entities cheap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsdesk.article import Annotations, Article, Mention
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.annotations import AnnotationRepository
from newsdesk.web import entities as web_entities

SLASHED_OUTLET = "Left/Right Times"
SLASHED_NAME = "AC/DC"
NUL_TITLE = "Ferry\x00 sinks\x01 in harbour"


def _article(i: int, *, title: str, outlet: str) -> Article:
    text = f"AC/DC played the harbour festival on Monday, report {i}. Crowds cheered all night."
    return Article(
        source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:04d}",
        url=f"https://news.example/{i}", title=title, outlet=outlet,
        published=datetime(2026, 3, 10, 8, i, tzinfo=UTC),
    )  # fmt: skip


@pytest.fixture
def slashed_db(tmp_path: Path) -> Path:
    db = tmp_path / "slashed.db"
    with SqliteStore(db) as store:
        articles = [
            _article(0, title=NUL_TITLE, outlet=SLASHED_OUTLET),
            _article(1, title="Band plays on", outlet=SLASHED_OUTLET),
        ]
        store.articles.add_source("gen", articles)
        store.stories.save_assignments(
            features=[], assignments={"a0000": "s-0000001", "a0001": "s-0000001"}, merges=[],
            titles={"s-0000001": "Band plays on"},
        )  # fmt: skip
        notes = Annotations(entities=[Mention("AC/DC", "ORG", 0, 5, canonical=SLASHED_NAME)])
        store.annotations.save_annotations([("a0000", notes), ("a0001", notes)])
    return db


@pytest.fixture
def desk_client(slashed_db: Path) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=slashed_db, base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as client:
        yield client


@pytest.mark.parametrize(
    "path",
    [
        f"/entity/{quote(SLASHED_NAME, safe='')}",
        f"/entity/{SLASHED_NAME}",
        f"/outlet/{quote(SLASHED_OUTLET, safe='')}",
        f"/outlet/{quote(SLASHED_OUTLET, safe='/')}",
        f"/feeds/entity/{quote(SLASHED_NAME, safe='')}.atom",
        f"/feeds/entity/{quote(SLASHED_NAME, safe='')}.json",
        f"/feeds/outlet/{quote(SLASHED_OUTLET, safe='')}.rss",
        f"/api/v1/entities/{quote(SLASHED_NAME, safe='')}",
    ],
)
def test_routes_names_with_a_slash_have_pages_and_feeds(desk_client: TestClient, path: str) -> None:
    response = desk_client.get(path)
    assert response.status_code == 200, (path, response.text[:300])


def test_routes_links_encode_the_slash(desk_client: TestClient) -> None:
    page = desk_client.get("/article/a0001").text
    assert f'href="/outlet/{quote(SLASHED_OUTLET, safe="")}"' in page
    feeds = desk_client.get(f"/outlet/{quote(SLASHED_OUTLET, safe='')}").text
    assert f"/feeds/outlet/{quote(SLASHED_OUTLET, safe='')}.atom" in feeds


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/briefs",
        "/article/a0000",
        "/story/s-0000001",
        f"/entity/{quote(SLASHED_NAME, safe='')}",
        "/feeds/brief.atom",
        "/api/v1/articles",
        "/login",
        "/entity/nobody-at-all",
    ],
)
def test_routes_head_is_answered_wherever_get_is(desk_client: TestClient, path: str) -> None:
    got, head = desk_client.get(path), desk_client.head(path)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    assert head.headers.get("content-type") == got.headers.get("content-type")


def test_routes_head_is_refused_where_get_is(desk_client: TestClient) -> None:
    assert desk_client.head("/logout").status_code == 405


def test_routes_nul_never_sent_raw_in_pages(desk_client: TestClient) -> None:
    for path in ("/article/a0000", "/story/s-0000001", f"/outlet/{quote(SLASHED_OUTLET)}", "/"):
        response = desk_client.get(path)
        assert response.status_code == 200
        assert "\x00" not in response.text and "\x01" not in response.text, path
    assert "Ferry sinks in harbour" in desk_client.get("/article/a0000").text
    missing = desk_client.get("/entity/x%00y")
    assert missing.status_code == 404 and "\x00" not in missing.text


def test_routes_unknown_entities_never_profiled_or_regrouped(
    desk_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown name is answered 404 from the entity index: no profile, no store-wide
    grouping of names."""
    monkeypatch.setattr(web_entities, "bounded_profile", pytest.fail)
    monkeypatch.setattr(AnnotationRepository, "entity_names", pytest.fail)
    for i in range(50):
        assert desk_client.get(f"/entity/nobody-{i}").status_code == 404
        assert desk_client.get(f"/api/v1/entities/nobody-{i}").status_code == 404


def test_routes_entity_spellings_resolve_like_the_cli(desk_client: TestClient) -> None:
    for spelling in ("ac/dc", "AC/DC", "AC%2FDC"):
        response = desk_client.get(f"/api/v1/entities/{spelling}")
        assert response.status_code == 200 and response.json()["name"] == SLASHED_NAME


def test_routes_entity_written_after_start_resolves_at_once(slashed_db: Path) -> None:
    """A name ingested while the desk runs is found by the next request (the index is
    kept current where annotations are saved; nothing to rebuild)."""
    directory = web_entities.EntityDirectory(slashed_db, lambda: "one")
    assert directory.get()[1].find("Mara Quell") is None
    with SqliteStore(slashed_db) as store:
        store.annotations.save_annotations(
            [
                (
                    "a0001",
                    Annotations(entities=[Mention("Mara Quell", "PERSON", 0, 10, "Mara Quell")]),
                )
            ]
        )
    found = directory.get()[1].find("Quell")
    assert found is not None and found.name == "Mara Quell" and found.type == "PERSON"
