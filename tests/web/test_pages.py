"""Every page: status, security headers, caching, helpful errors, hostile content escaped."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from .conftest import HOSTILE_TITLE


def _routes(ids: dict[str, str]) -> list[str]:
    return [
        "/",
        f"/brief/{ids['day']}",
        "/briefs",
        f"/story/{ids['story']}",
        f"/article/{ids['article']}",
        f"/article/{ids['evil']}",
        f"/article/{ids['copy']}",
        f"/article/{ids['arabic']}",
        "/outlets",
        "/outlet/Wire",
        "/search",
        "/search?q=ferry",
        "/search?q=entity%3AVarga",
        "/entity/Ilse%20Varga",
        "/entity/varga",
        "/brief/2001-01-01",
        "/feeds/brief.atom",
        "/feeds/entity/Varga.rss",
        f"/feeds/story/{ids['story']}.rss",
        "/feeds/outlet/Wire.json",
        "/feeds/search.atom?q=quake",
        "/api/v1/articles",
        f"/api/v1/articles/{ids['article']}",
        "/api/v1/stories",
        f"/api/v1/stories/{ids['story']}",
        "/api/v1/search?q=quake",
        "/api/v1/outlets",
        "/api/v1/briefs",
        "/api/v1/briefs/2026-03-10",
        "/api/v1/entities/Varga",
        "/api/v1/openapi.json",
    ]


ERRORS = [
    ("/article/nope", 404),
    ("/story/nope", 404),
    ("/outlet/Nobody%20Here", 404),
    ("/entity/Nobody%20Known", 404),
    ("/feeds/entity/Nobody%20Known.atom", 404),
    ("/api/v1/entities/Nobody%20Known", 404),
    ("/api/v1/briefs/2026-02-30", 400),
    ("/no/such/page", 404),
    ("/api/v1/articles/nope", 404),
    ("/brief/2026-02-30", 400),
    ("/brief/yesterday", 400),
    ("/article/" + "a" * 300, 400),
    ("/search?q=" + "x" * 400, 400),
    ('/search?q="unbalanced', 400),
    ("/search?q=ferry&after=garbage!", 400),
    ("/feeds/brief.xml", 400),
    ("/api/v1/articles?limit=0", 400),
    ("/api/v1/articles?limit=abc", 400),
    ("/api/v1/stories?date=2026-99-99", 400),
    ("/theme?set=purple", 400),
]


def _assert_security_headers(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for part in ("frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"):
        assert part in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_every_route_answers_with_security_headers_and_etag(
    client: TestClient, ids: dict[str, str]
) -> None:
    for url in _routes(ids):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        _assert_security_headers(response)
        assert re.fullmatch(r'"[0-9a-f]{24}"', response.headers["etag"]), url
        assert response.headers["last-modified"].endswith("GMT")


@pytest.mark.parametrize(("url", "status"), ERRORS)
def test_pages_errors_are_helpful_and_never_500(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    _assert_security_headers(response)
    assert "Traceback" not in response.text
    if url.startswith("/api/"):
        assert response.json()["status"] == status
    elif not url.startswith("/feeds/"):
        # every error page offers a way on: a search link, or the search help itself
        assert 'href="/search"' in response.text or "How to search" in response.text
    if status == 400 and not url.startswith("/feeds/"):
        named = r"(&#39;|')(q|after|date|article_id|story_id|limit|set|day|format)(&#39;|')"
        assert re.search(named, response.text), url


def test_pages_unknown_entity_404_offers_a_search(client: TestClient) -> None:
    response = client.get("/entity/Nobody%20Known")
    assert response.status_code == 404
    assert 'href="/search?q=Nobody%20Known"' in response.text


def test_pages_etag_and_last_modified_answer_304(client: TestClient, ids: dict[str, str]) -> None:
    for url in ["/", f"/article/{ids['article']}", "/feeds/brief.atom", "/api/v1/stories"]:
        first = client.get(url)
        again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == first.headers["etag"]
        since = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
        assert since.status_code == 304
        stale = client.get(url, headers={"If-None-Match": '"0000"'})
        assert stale.status_code == 200


def test_pages_static_assets_are_hashed_and_cached_long(client: TestClient) -> None:
    page = client.get("/").text
    for href in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
        assert re.fullmatch(r"/static/(desk|icon)\.[0-9a-f]{10}\.(css|js|svg)", href)
        response = client.get(href)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["cache-control"]
        assert "immutable" in response.headers["cache-control"]
    assert client.get("/static/desk.css").status_code == 404


def test_pages_hostile_article_is_escaped(client: TestClient, ids: dict[str, str]) -> None:
    for url in [f"/article/{ids['evil']}", "/", "/brief/2026-03-11", "/search?q=ferry"]:
        html = client.get(url).text
        assert "<script>window" not in html and "<script>alert" not in html
        assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no event handler in any tag
        assert "javascript:" not in html
        assert len(re.findall(r"<script", html)) == 1  # only our own static file
    html = client.get(f"/article/{ids['evil']}").text
    # the title is shown as text: escaped, or with its markup removed at ingest
    assert (
        "Ferry &lt;script&gt;window.__pwned=1&lt;/script&gt; capsizes" in html
        or "Ferry window.__pwned=1 capsizes" in html
    )
    assert HOSTILE_TITLE not in html


def test_pages_article_shows_flags_debris_story_and_date_source(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = client.get(f"/article/{ids['evil']}").text
    assert "cut off in the source" in html  # truncated_end told to the reader
    assert "<details>" in html and "newsletter signup" in html
    assert "&lt;img src=x onerror=alert(9)&gt;" in html  # debris shown as text, inert
    assert 'href="/story/' in html
    assert "(date " in html
    assert 'rel="noopener noreferrer"' in html


def test_pages_article_lang_and_dir_follow_the_article(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = client.get(f"/article/{ids['arabic']}").text
    assert '<article class="reading" lang="ar" dir="rtl">' in html
    html = client.get(f"/article/{ids['article']}").text
    assert 'lang="en" dir="ltr"' in html


def test_pages_story_groups_copies_under_also_published_by(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = client.get(f"/story/{ids['story']}").text
    assert "Also published by" in html and "Bay" in html
    assert "First seen" in html and "last seen" in html
    copy = client.get(f"/article/{ids['copy']}").text
    assert f'href="/article/{ids["original"]}"' in copy


def test_pages_brief_lists_days_and_links_the_archive(client: TestClient) -> None:
    html = client.get("/").text
    assert "The brief for 2026-03-11" in html  # the latest day with stories
    assert 'href="/brief/2026-03-10"' in html
    archive = client.get("/briefs").text
    for day in ("2026-03-09", "2026-03-10", "2026-03-11"):
        assert f'href="/brief/{day}"' in archive


def test_pages_theme_toggle_works_without_js(client: TestClient) -> None:
    response = client.get("/theme?set=dark&next=/briefs", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/briefs"
    assert "theme=dark" in response.headers["set-cookie"]
    client.cookies.set("theme", "dark")
    try:
        assert 'data-theme="dark"' in client.get("/briefs").text
    finally:
        client.cookies.clear()
    evil = client.get("/theme?set=light&next=//evil.example/", follow_redirects=False)
    assert evil.headers["location"] == "/"


def test_pages_web_app_imports_nothing_heavy() -> None:
    code = (
        "import sys, newsdesk.web; assert 'fastapi' not in sys.modules; "
        "import newsdesk.web.app; "
        "heavy = {'torch', 'spacy', 'sentence_transformers', 'usearch', 'transformers'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
