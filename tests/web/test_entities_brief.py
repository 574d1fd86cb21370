"""Entity pages, feeds and search; the brief page and the feed of briefs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import feedparser
from fastapi.testclient import TestClient

from .conftest import HOSTILE_NAME


def test_entity_page_any_spelling_shows_profile_stories_quotes_events(
    client: TestClient,
) -> None:
    for spelling in ("Ilse%20Varga", "ilse%20varga", "Varga"):
        response = client.get(f"/entity/{spelling}")
        assert response.status_code == 200, spelling
        html = response.text
        assert '<h1 dir="auto">Ilse Varga</h1>' in html
    assert "Person" in html and "Housing minister" in html
    assert "Also written as" in html and "Varga" in html
    assert 'href="/story/' in html
    assert "the act was the biggest housing reform in a generation" in html
    # reported speech is never shown in quotation marks as if the words were hers
    assert '<q dir="auto">the act was' not in html and "(reported)" in html
    assert "Dated events" in html and "2026-03-10" in html
    assert "Named alongside" in html and 'href="/entity/Kessrick"' in html
    assert 'href="/feeds/entity/Ilse%20Varga.atom"' in html
    assert 'href="/search?q=entity%3A%22Ilse%20Varga%22"' in html


def test_entity_api_is_the_cli_json(
    client: TestClient, web_db: Path, cli: Callable[..., Any]
) -> None:
    expected = cli("--db", str(web_db), "entity", "Ilse Varga", "--json").json()
    assert client.get("/api/v1/entities/Ilse%20Varga").json() == expected
    assert client.get("/api/v1/entities/Varga").json() == expected  # a written form resolves
    assert expected["stories"] and expected["quotes"]


def test_entity_every_listed_alias_resolves_on_cli_as_on_web(
    client: TestClient, web_db: Path, cli: Callable[..., Any]
) -> None:
    listed = cli("--db", str(web_db), "entity", "Ilse Varga", "--json").json()
    assert listed["aliases"]
    for alias in listed["aliases"]:
        on_cli = cli("--db", str(web_db), "entity", alias, "--json")
        on_web = client.get("/api/v1/entities/" + quote(alias, safe=""))
        assert on_cli.code == 0 and on_web.status_code == 200, alias
        assert on_cli.json() == on_web.json() == listed, alias


def test_entity_search_operator_on_cli_and_web(
    client: TestClient, web_db: Path, cli: Callable[..., Any]
) -> None:
    web = client.get("/api/v1/search", params={"q": "entity:Varga", "limit": 100}).json()
    named = cli("--db", str(web_db), "search", 'entity:"Ilse Varga"', "--json").json()
    assert web and {h["id"] for h in web} == {h["id"] for h in named}
    assert all(h["title"].startswith("Vote report") for h in web)
    narrowed = client.get("/api/v1/search", params={"q": "rents entity:Kessrick"}).json()
    assert narrowed and {h["id"] for h in narrowed} <= {h["id"] for h in web}
    assert client.get("/api/v1/search", params={"q": "entity:Nobody"}).json() == []
    page = client.get("/search", params={"q": "entity:Varga"}).text
    assert page.count("<li data-nav>") == len(web)


def test_entity_links_from_story_and_article_pages(client: TestClient, ids: dict[str, str]) -> None:
    vote = next(
        h["id"] for h in client.get("/api/v1/search", params={"q": '"Ilse Varga" led'}).json()
    )
    article = client.get(f"/article/{vote}").text
    assert '<a class="name" href="/entity/Ilse%20Varga">Ilse Varga</a>' in article
    assert "Named in this article" in article
    story_id = client.get(f"/api/v1/articles/{vote}").json()["story_id"]
    story = client.get(f"/story/{story_id}").text
    assert 'href="/entity/Ilse%20Varga"' in story


def test_entity_hostile_name_is_inert(client: TestClient, ids: dict[str, str]) -> None:
    for url in [f"/article/{ids['evil']}", "/entity/Port%20Selva", "/search?q=entity%3APort"]:
        html = client.get(url).text
        assert "<img" not in html, url
        assert not re.search(r"<[^>]*\son\w+\s*=", html), url
    entity = client.get("/entity/Port%20Selva").text
    assert "Selva &lt;img src=x onerror=window.__pwned=11&gt; Port" in entity
    assert HOSTILE_NAME not in client.get(f"/article/{ids['evil']}").text


def test_brief_page_is_the_built_brief_with_cited_sources(
    client: TestClient, web_db: Path, cli: Callable[..., Any]
) -> None:
    made = cli("--db", str(web_db), "brief", "--date", "2026-03-10", "--format", "json").json()
    html = client.get("/brief/2026-03-10").text
    assert made["intro"].split(":")[0] in html and made["stories"]
    for story in made["stories"]:
        assert f'href="/story/{story["id"]}"' in html
        for source in story["sources"]:
            assert f'href="/article/{source["id"]}"' in html
        for sentence in story["summary"]:
            for n, source_id in enumerate(sentence["sources"]):
                assert f'<a class="cite" href="/article/{source_id}">' in html, n
    assert client.get("/api/v1/briefs/2026-03-10").json() == made
    latest = client.get("/").text
    assert "The brief for 2026-03-11" in latest


def test_brief_of_a_day_without_articles_says_so(client: TestClient) -> None:
    response = client.get("/brief/2001-01-01")
    assert response.status_code == 200
    assert "No articles were published on 2001-01-01." in response.text


def test_brief_feed_is_one_entry_per_day_with_the_brief_as_content(client: TestClient) -> None:
    response = client.get("/feeds/brief.atom")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    days = [e.link.rsplit("/", 1)[-1] for e in parsed.entries]
    assert days == ["2026-03-11", "2026-03-10", "2026-03-09"]
    assert all(e.content and "Sources" in e.content[0].value for e in parsed.entries)
    rss = feedparser.parse(client.get("/feeds/brief.rss").content)
    assert rss.bozo == 0 and len(rss.entries) == 3 and "Sources" in rss.entries[0].description
    feed = client.get("/feeds/brief.json").json()
    assert [i["url"].rsplit("/", 1)[-1] for i in feed["items"]] == days
    assert all("Sources" in i["content_html"] for i in feed["items"])
