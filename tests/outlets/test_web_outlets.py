"""The region and blindspot pages, region feeds and the story's coverage bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore


@pytest.fixture
def web(desk_store: SqliteStore) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=desk_store.path, base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as client:
        yield client


def test_web_region_page_lists_own_stories_and_outlets(web: TestClient) -> None:
    page = web.get("/region/jp")
    assert page.status_code == 200
    assert "Stories from Japanese outlets" in page.text
    assert "Quake report" in page.text and "NHK" in page.text


def test_web_region_refuses_an_unknown_code_with_the_valid_ones(web: TestClient) -> None:
    page = web.get("/region/XX")
    assert page.status_code == 400 and "JP" in page.text


def test_web_region_feeds(web: TestClient) -> None:
    atom = web.get("/feeds/region/CN.atom")
    assert atom.status_code == 200 and "Strike report" in atom.text
    assert web.get("/feeds/region/CN.json").json()["items"]
    assert "<rss" in web.get("/feeds/region/JP.rss").text


def test_web_blindspots_page(web: TestClient) -> None:
    page = web.get("/blindspots")
    assert page.status_code == 200
    assert "Not covered by Chinese outlets" in page.text
    assert "Not covered by Japanese outlets" in page.text
    assert web.get("/blindspots?follow=US").text.count("Not covered by") == 0
    assert web.get("/blindspots?by=kind&follow=tabloid").status_code == 400


def test_web_story_page_shows_the_coverage_bar_without_script(
    web: TestClient, desk_store: SqliteStore
) -> None:
    story = next(
        s for s in desk_store.stories.stories() if "NHK" in s.outlets and "China Daily" in s.outlets
    )
    page = web.get(f"/story/{story.id}")
    assert page.status_code == 200
    country = page.text.split('id="cov-country"')[1].split('id="cov-kind"')[0]
    assert '<svg class="bar"' in country and 'role="img"' in country
    assert "By country: Japan: 1 article; China: 1 article" in page.text or (
        "By country: China: 1 article; Japan: 1 article" in page.text
    )  # what a screen reader reads
    assert '<a href="/region/JP">Japan</a>' in page.text
    assert "<script>" not in page.text.split("</head>")[1]


def test_web_story_of_one_country_says_so_in_words_without_a_bar(
    web: TestClient, desk_store: SqliteStore
) -> None:
    """A bar of one colour across the width says nothing the words do not."""
    story = next(
        s for s in desk_store.stories.stories() if s.article_count == 3 and "NHK" in s.outlets
    )
    page = web.get(f"/story/{story.id}")
    country = page.text.split('id="cov-country"')[1].split('id="cov-kind"')[0]
    assert '<svg class="bar"' not in country
    assert 'By country: <a href="/region/JP">Japan</a> only (3 articles).' in page.text


def test_web_search_country_operator(web: TestClient) -> None:
    page = web.get("/search", params={"q": "country:CN"})
    assert page.status_code == 200 and "Strike report" in page.text
    assert web.get("/search", params={"q": "kind:tabloid"}).status_code == 400


def test_web_brief_page_shows_the_blindspots_section(web: TestClient) -> None:
    page = web.get("/brief/2026-03-09")
    assert page.status_code == 200
    assert '<h2 id="blindspots-h">Blindspots</h2>' in page.text
    assert "not Chinese outlets" in page.text or "not Japanese outlets" in page.text


def test_web_outlet_page_shows_its_registry_facts(web: TestClient) -> None:
    page = web.get("/outlet/NHK")
    assert page.status_code == 200
    assert '<a href="/region/JP">JP</a> · public broadcaster' in page.text
    assert "Japan Broadcasting Corporation" in page.text
