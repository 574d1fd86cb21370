"""Watchlists, trends and rising on the web desk and in the API, as a reader sees them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.watch.lists import add_watchlist
from newsdesk.watch.mail import unsubscribe_token
from newsdesk.web.passwords import hash_password
from web.conftest import build_store, write_corpus

PASSWORD = "correct horse battery"
KEY = "k" * 32


@pytest.fixture(scope="module")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("watchweb")
    store = build_store(root / "desk.db", write_corpus(root / "corpus"))
    store.users.set_password_hash("editor", hash_password(PASSWORD))
    add_watchlist(store, Settings(secret=KEY), "Quakes", "quake")
    store.close()
    return root / "desk.db"


@pytest.fixture(scope="module")
def client(desk_db: Path) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=desk_db, base_url="http://desk.test", secret=KEY))
    with TestClient(app, base_url="http://desk.test") as test_client:
        yield test_client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def _sign_in(client: TestClient) -> str:
    token = _csrf(client.get("/login").text)
    answer = client.post(
        "/login", data={"user": "editor", "password": PASSWORD, "csrf": token, "next": "/watch"},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303
    return _csrf(client.get("/watch").text)


def _quake_titles(desk_db: Path) -> list[str]:
    with SqliteStore(desk_db) as store:
        return sorted(h.title or "" for h in store.articles.search("quake", limit=100))


def test_watch_web_page_and_feeds_list_matching_articles(client: TestClient, desk_db: Path) -> None:
    titles = _quake_titles(desk_db)
    page = client.get("/watch/Quakes")
    assert page.status_code == 200
    assert all(t.replace("'", "&#39;") in page.text for t in titles)
    atom = ET.fromstring(client.get("/feeds/watch/Quakes.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert (
        sorted(e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)) == titles
    )
    rss = ET.fromstring(client.get("/feeds/watch/Quakes.rss").content)
    assert len(rss.findall("./channel/item")) == len(titles)
    assert len(client.get("/feeds/watch/Quakes.json").json()["items"]) == len(titles)
    assert client.get("/watch/Nothing").status_code == 404


def test_watch_web_signed_in_user_adds_and_removes(client: TestClient) -> None:
    anonymous = client.post("/watch", data={"name": "Strike", "query": "strike"})
    assert anonymous.status_code == 403
    csrf = _sign_in(client)
    bad = client.post("/watch", data={"name": "Bad", "query": '"ferry', "csrf": csrf})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text
    forged = client.post("/watch", data={"name": "Strike", "query": "strike", "csrf": "x"})
    assert forged.status_code == 403
    made = client.post(
        "/watch", data={"name": "Strike", "query": "strike", "csrf": csrf}, follow_redirects=False
    )
    assert made.status_code == 303 and made.headers["location"] == "/watch/Strike"
    assert "Strike" in client.get("/watch").text
    gone = client.post("/watch/Strike/remove", data={"csrf": csrf}, follow_redirects=False)
    assert gone.status_code == 303
    assert client.get("/watch/Strike").status_code == 404
    client.cookies.clear()


def test_watch_web_api_needs_a_session_to_write(client: TestClient) -> None:
    public = client.get("/api/v1/watch").json()
    assert [w["name"] for w in public] == ["Quakes"] and "email" not in public[0]
    refused = client.post("/api/v1/watch", json={"name": "Vote", "query": "vote"})
    assert refused.status_code == 403
    csrf = _sign_in(client)
    headers = {"x-csrf-token": csrf}
    bad = client.post("/api/v1/watch", json={"name": "Vote", "query": "vote OR"}, headers=headers)
    assert bad.status_code == 400 and "OR" in bad.json()["error"]
    made = client.post("/api/v1/watch", json={"name": "Vote", "query": "vote"}, headers=headers)
    assert made.status_code == 201 and made.json()["name"] == "Vote"
    one = client.get("/api/v1/watch/Vote").json()
    assert one["articles"] and all("id" in a for a in one["articles"])
    assert client.delete("/api/v1/watch/Vote", headers=headers).status_code == 204
    client.cookies.clear()


def _chart(html: str) -> str:
    found = re.search(r'<figure class="trend".*?</figure>', html, re.S)
    assert found, "no trend chart on the page"
    return found.group(0)


def test_watch_web_trend_charts_on_story_entity_outlet_and_search_pages(
    client: TestClient, desk_db: Path
) -> None:
    with SqliteStore(desk_db) as store:
        story = max(store.stories.stories(), key=lambda s: s.article_count)
    for path in (f"/story/{story.id}", "/entity/Ilse%20Varga", "/outlet/Wire",
                 "/search?q=quake"):  # fmt: skip
        chart = _chart(client.get(path).text)
        assert 'role="img"' in chart and "<figcaption" in chart and "<table>" in chart
        assert 'fill="currentColor"' in chart and "style=" not in chart  # the CSP allows it


def test_watch_web_trends_api_counts_articles(client: TestClient, desk_db: Path) -> None:
    found = client.get("/api/v1/trends", params={"q": "quake", "every": "day"}).json()
    assert found["every"] == "day"
    assert (
        found["total"] == sum(p["articles"] for p in found["points"]) == len(_quake_titles(desk_db))
    )
    hourly = client.get("/api/v1/trends", params={"outlet": "Wire", "every": "hour"}).json()
    assert hourly["every"] == "hour" and hourly["total"] >= 1
    bad = client.get("/api/v1/trends", params={"q": '"quake'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.json()["error"]
    everything = client.get("/api/v1/trends", params={"every": "day"}).json()
    assert everything["label"] == "every article" and everything["total"] > found["total"]
    both = client.get("/api/v1/trends", params={"q": "quake", "outlet": "Wire"}).json()
    assert 0 < both["total"] < found["total"]


def test_watch_web_rising_page_api_and_feed(client: TestClient) -> None:
    assert client.get("/rising").status_code == 200
    found = client.get("/api/v1/rising").json()
    assert {"anchor", "stories", "entities", "window_hours"} <= found.keys()
    ET.fromstring(client.get("/feeds/rising.atom").content)


def test_watch_web_one_click_unsubscribe(client: TestClient, desk_db: Path) -> None:
    with SqliteStore(desk_db) as store:
        watch = add_watchlist(store, Settings(secret=KEY), "Mailed", "vote", email="r@example.org")
    token = unsubscribe_token(Settings(secret=KEY), watch.id, "r@example.org")
    shown = client.get(f"/watch/unsubscribe/{token}")
    assert shown.status_code == 200 and "Stop these mails" in shown.text
    done = client.post(f"/watch/unsubscribe/{token}")
    assert done.status_code == 200 and "gets no more alerts" in done.text
    with SqliteStore(desk_db) as store:
        assert store.watch.watch("Mailed").email is None  # type: ignore[union-attr]
        store.watch.remove_watch("Mailed")
    assert client.post("/watch/unsubscribe/forged-token").status_code == 400
