"""Names with "/" routable, HEAD wherever GET, NUL never sent, unknown entities cheap."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsdesk.article import Annotations, Article, Mention
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
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
        store.add_source("gen", articles)
        store.save_assignments(
            features=[], assignments={"a0000": "s-0000001", "a0001": "s-0000001"}, merges=[],
            titles={"s-0000001": "Band plays on"},
        )  # fmt: skip
        notes = Annotations(entities=[Mention("AC/DC", "ORG", 0, 5, canonical=SLASHED_NAME)])
        store.save_annotations([("a0000", notes), ("a0001", notes)])
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


def test_routes_unknown_entities_are_answered_from_one_directory(
    desk_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[str] = []
    real = web_entities.load_directory

    def counted(path: str) -> web_entities.Directory:
        builds.append(path)
        return real(path)

    monkeypatch.setattr(web_entities, "load_directory", counted)
    monkeypatch.setattr(web_entities, "bounded_profile", pytest.fail)
    for i in range(50):
        assert desk_client.get(f"/entity/nobody-{i}").status_code == 404
        assert desk_client.get(f"/api/v1/entities/nobody-{i}").status_code == 404
    assert len(builds) <= 1


def test_routes_entity_spellings_resolve_like_the_cli(desk_client: TestClient) -> None:
    for spelling in ("ac/dc", "AC/DC", "AC%2FDC"):
        response = desk_client.get(f"/api/v1/entities/{spelling}")
        assert response.status_code == 200 and response.json()["name"] == SLASHED_NAME


def test_routes_slow_directory_is_rebuilt_in_the_background(
    slashed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that is slow to build keeps answering while the next is built."""
    state = ["one"]
    directory = web_entities.EntityDirectory(slashed_db, lambda: state[0])
    monkeypatch.setattr(web_entities, "INLINE_BUILD", 0.0)
    monkeypatch.setattr(web_entities, "MIN_PAUSE", 0.0)
    first = directory.get()
    assert first[0] == "one" and first[1].find(SLASHED_NAME) is not None
    directory._pool = ThreadPoolExecutor(max_workers=1)  # type: ignore[assignment]
    directory._started -= 3600  # the last build started long ago
    state[0] = "two"
    assert directory.get() is first  # answered at once from the old directory
    directory._pool.shutdown(wait=True)
    assert directory.get()[0] == "two"
