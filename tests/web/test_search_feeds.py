"""Search with operators, facets and keyset pages; feeds in three formats."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings

from .conftest import build_store, write_corpus


def _hits(client: TestClient, q: str) -> list[dict[str, object]]:
    response = client.get("/api/v1/search", params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text
    return response.json()


def test_search_operators_filter_and_rank(client: TestClient) -> None:
    quake = {h["id"] for h in _hits(client, "earthquake")}
    assert len(quake) >= 4
    wire = _hits(client, 'earthquake outlet:"Wire"')
    assert wire and {h["outlet"] for h in wire} == {"Wire"}
    day = _hits(client, "earthquake date:2026-03-09")
    assert day and all(str(h["published"]).startswith("2026-03-09") for h in day)
    interval = _hits(client, "earthquake date:2026-03-09/2026-03-10")
    assert {h["id"] for h in day} <= {h["id"] for h in interval}
    either = {h["id"] for h in _hits(client, "earthquake OR dockers")}
    assert quake < either
    phrase = _hits(client, '"Port Selva"')
    assert phrase and all(re.search(r"\[Port\]? ?\[?Selva\]", str(h["snippet"])) for h in phrase)
    without = {h["id"] for h in _hits(client, "earthquake -Varna")}
    assert without < quake


@pytest.mark.parametrize(
    "q",
    [
        '"open phrase',
        "OR quake",
        "quake OR",
        "-quake",
        "date:2026-13-45",
        "date:yesterday",
        "   ",
    ],
)
def test_search_malformed_queries_are_400_with_a_hint(client: TestClient, q: str) -> None:
    page = client.get("/search", params={"q": q})
    api = client.get("/api/v1/search", params={"q": q})
    feed = client.get("/feeds/search.atom", params={"q": q})
    if q.strip():
        assert page.status_code == 400 and "How to search" in page.text
    assert api.status_code == 400 and api.json()["error"]
    assert feed.status_code == 400


def test_search_snippets_mark_hits_safely(client: TestClient) -> None:
    html = client.get("/search", params={"q": "sic"}).text
    assert "<mark>sic</mark>" in html  # the literal [sic] brackets are not mistaken for hits
    assert "[<mark>sic</mark>]" in html
    evil = client.get("/search", params={"q": "capsized"}).text
    assert "<mark>capsized</mark>" in evil
    assert "<script>alert" not in evil


def test_search_facets_by_outlet_and_day(client: TestClient) -> None:
    html = client.get("/search", params={"q": "earthquake"}).text
    assert "By outlet" in html and "By day" in html
    assert re.search(r'href="/search\?q=earthquake%20outlet%3A%22Wire%22"', html)
    assert 'href="/search?q=earthquake%20date%3A2026-03-09"' in html


def _follow(client: TestClient, response: object) -> list[str]:
    seen = [h["id"] for h in response.json()]  # type: ignore[attr-defined]
    url = response.headers.get("link", "").split(";")[0].strip("<>")  # type: ignore[attr-defined]
    while url:
        page = client.get(url)
        assert page.status_code == 200, page.text
        seen += [h["id"] for h in page.json()]
        url = page.headers.get("link", "").split(";")[0].strip("<>")
    return seen


def test_search_keyset_pages_walk_the_whole_ranking(client: TestClient) -> None:
    everything = [h["id"] for h in _hits(client, "Orlen OR Selva")]
    first = client.get("/api/v1/search", params={"q": "Orlen OR Selva", "limit": 2})
    assert first.headers["link"].endswith('rel="next"')
    assert _follow(client, first) == everything
    cursor = first.headers["link"].split("after=")[1].split(">")[0]
    html = client.get("/search", params={"q": "Orlen OR Selva", "after": cursor}).text
    assert f'href="/article/{everything[2]}"' in html  # the HTML page takes the same cursor
    assert f'href="/article/{everything[0]}"' not in html


def test_search_keyset_pages_keep_later_ingests_out(tmp_path: Path) -> None:
    """A running pagination never shows an article ingested after its first page."""
    from newsdesk.ingestion import ingest
    from newsdesk.web.app import create_app

    corpus = write_corpus(tmp_path / "corpus")
    store = build_store(tmp_path / "s.db", corpus)
    with TestClient(create_app(Settings(db=tmp_path / "s.db"))) as client:
        before = {h["id"] for h in _hits(client, "Orlen")}
        first = client.get("/api/v1/search", params={"q": "Orlen", "limit": 2})
        more = tmp_path / "more"
        more.mkdir()
        record = json.loads((corpus / "q1.jsonl").read_text())
        record.update(id="q9", url="https://late.example/q9", outlet="Late", title="Orlen news")
        record["text"] = "Orlen. " + record["text"][::-1]
        (more / "q9.jsonl").write_text(json.dumps(record))
        ingest(
            [str(more)],
            store,
            settings=Settings(db=tmp_path / "s.db", stories=False, annotate=False),
        )
        seen = _follow(client, first)
        after = {h["id"] for h in _hits(client, "Orlen")}
    store.close()
    late = after - before
    assert len(late) == 1  # a new search sees the late article
    assert not late & set(seen)  # the running pagination does not
    assert set(seen) <= before


FEEDS = [
    "/feeds/brief",
    "/feeds/story/{story}",
    "/feeds/outlet/Wire",
    "/feeds/search",
    "/feeds/entity/Ilse%20Varga",
]


def _check_json_feed(doc: dict[str, object]) -> None:
    """JSON Feed 1.1 (feedparser 6.0 reads no JSON Feed): the required fields and types."""
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(doc["title"], str) and isinstance(doc["items"], list)
    for item in doc["items"]:
        assert isinstance(item["id"], str) and item["url"].startswith("http://desk.test/")
        assert isinstance(item.get("content_text"), str)
        datetime.fromisoformat(item["date_published"])


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
@pytest.mark.parametrize("path", FEEDS)
def test_feeds_parse_cleanly_and_answer_304(
    client: TestClient, ids: dict[str, str], path: str, fmt: str
) -> None:
    url = path.format(**ids) + f".{fmt}"
    params = {"q": "ferry OR earthquake"} if "search" in path else None
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    if fmt == "json":
        _check_json_feed(response.json())
    else:
        parsed = feedparser.parse(response.content, response_headers=dict(response.headers))
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.entries, url
        assert all(e.link.startswith("http://desk.test/") for e in parsed.entries)
    if fmt == "rss":  # descriptions are HTML: hostile text must arrive double-escaped
        assert b"&lt;img" not in response.content
    again = client.get(url, params=params, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    since = client.get(
        url, params=params, headers={"If-Modified-Since": response.headers["last-modified"]}
    )
    assert since.status_code == 304
