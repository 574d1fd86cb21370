"""Every crash ``bench/fuzz.py`` found, kept as a test of what a user would see instead.

Each test names the fuzz target and signature that found it (see bench/results/fuzz.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.article import Article
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

QUAKE = "An earthquake struck the Orlen valley on Monday, damaging bridges near Varna."


@pytest.mark.parametrize("path", ["/login", "/logout", "/admin/recluster"])
@pytest.mark.parametrize("token", ["\u00e9t\u00e9", "\u2019\u2019", "\u4e2d"])
def test_regressions_form_with_a_non_ascii_csrf_token_is_refused_not_500(
    fuzz_target: Callable[[str], Any], path: str, token: str
) -> None:
    # web: TypeError @ web/auth.py in _same (hmac.compare_digest refuses non-ASCII str)
    client = fuzz_target("web").client
    response = client.post(path, data={"user": "editor", "password": "x", "csrf": token})
    assert response.status_code < 500
    assert response.status_code in {303, 400, 401, 403}


def _story_store(path: Path, published: list[str]) -> SqliteStore:
    from fuzz_targets import hashed_features
    from newsdesk.cluster.tracker import StoryTracker

    store = SqliteStore(path)
    articles = []
    for i, when in enumerate(published):
        article = Article(source="fuzz.jsonl", format="jsonl", raw=QUAKE, text=QUAKE)
        article.url, article.outlet = f"https://wire{i}.example/quake", f"Outlet {i}"
        article.published = datetime.fromisoformat(when)
        articles.append(article)
    store.articles.add_source("fuzz.jsonl", articles)
    StoryTracker(store, featurize=hashed_features).update()
    return store


@pytest.mark.parametrize(
    ("day", "published"),
    [
        (date(9999, 12, 31), ["9999-12-31T10:00:00+00:00", "9999-12-31T23:59:59+00:00"]),
        (date(1, 1, 1), ["0001-01-01T00:00:00+00:00", "0001-01-01T06:00:00"]),
    ],
)
def test_regressions_brief_on_the_first_and_last_day_of_the_calendar(
    tmp_path: Path, day: date, published: list[str]
) -> None:
    # brief: OverflowError @ publish/brief.py in build_brief (day's end + 14 h past 9999)
    from newsdesk.publish import FORMATS, build_brief, render

    with _story_store(tmp_path / "store.db", published) as store:
        brief = build_brief(store, day)
        assert [len(story.sources) for story in brief.stories] == [2]
        for fmt in FORMATS:
            assert QUAKE[:40] in render(brief, fmt) or fmt == "json"


def test_regressions_jsonl_record_with_a_lone_surrogate_is_stored(tmp_path: Path) -> None:
    # ingest: UnicodeEncodeError @ article.py in content_hash / store in add_source: a JSON
    # "\ud800" escape decodes to a lone surrogate, which no UTF-8 (hash, SQLite) can hold
    record = {"id": "s1", "title": "Quake \ud800 report", "text": f"{QUAKE} \udcff Bridges shut."}
    other = {
        "id": "s2",
        "url": "https://post.example/s2",
        "text": QUAKE.replace("Monday", "Sunday"),
    }
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(record) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    settings = Settings(db=tmp_path / "store.db", stories=False, annotate=False)
    with SqliteStore(settings.db) as store:
        report = ingest([str(source)], store, settings=settings)
        assert report.as_json()["ingested"] == 2
        assert not report.rejected
        titles = sorted(a.title or "" for a in store.articles.articles())
    # the untitled record is titled from its lead (never left blank)
    assert titles[0].startswith("An earthquake struck")
    assert titles[1] in {"Quake  report", "Quake report"}


def test_regressions_story_readings_of_a_calendar_edge_store(tmp_path: Path) -> None:
    # brief: the same store read whole, as `story ID --json` does
    from newsdesk.serialize import story_full
    from newsdesk.storyview import understand_story

    published = ["9999-12-31T23:00:00+00:00", "0001-01-01T00:00:00+00:00"]
    with _story_store(tmp_path / "store.db", published) as store:
        for row in store.stories.stories():
            found = store.stories.story(row.id)
            assert found is not None
            members = [a for i in found.articles if (a := store.articles.article(i))]
            shown = story_full(found, members, understand_story(store, members))
            assert shown["id"] == row.id


@pytest.mark.parametrize("tag", ["dc:creator", "author", "managingEditor"])
def test_regressions_feed_with_a_huge_byline_is_read_with_the_byline_cut(tag: str) -> None:
    # feed: slow (10-25 s) in feedparser's byline e-mail regex, quadratic in the byline
    from newsdesk.ingest import read_bytes
    from newsdesk.ingest.feed import prepare_feed

    byline = "Ilse Varga" + "." * 30_000
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Courier</title><{tag}>{byline}</{tag}><item><title>Quake</title>"
        f"<link>https://courier.example/q</link><{tag}>{byline}</{tag}>"
        f"<description>{QUAKE}</description></item></channel></rss>"
    ).encode()
    assert len(prepare_feed(feed)) < 4000  # what feedparser sees: the bylines cut
    articles = read_bytes(feed, source="feed.rss", settings=Settings())
    assert [a.url for a in articles] == ["https://courier.example/q"]
    assert QUAKE in articles[0].text
    if tag != "managingEditor":  # the channel's editor is not the item's author
        assert (articles[0].author or "").startswith("Ilse Varga")
        assert len(articles[0].author or "") <= 1000


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (["0001-01-01T09:00:00", "0001-01-05T09:00:00"], ("0001-01-01", "0001-01-05", 5)),
        (["9999-12-20T09:00:00", "9999-12-31T23:00:00"], ("9999-12-20", "9999-12-31", 12)),
    ],
)
def test_regressions_trend_of_articles_dated_at_the_calendar_ends(
    tmp_path: Path, published: list[str], expected: tuple[str, str, int]
) -> None:
    # web: ValueError @ watch/trends.py in _fill ('1-01-01': %Y is not zero-padded before
    # the year 1000), a 500 on /search?q=... whose trend chart counts such articles
    from newsdesk.watch.trends import trend

    with _story_store(tmp_path / "store.db", published) as store:
        found = trend(store, label="all")
    first, last, days = expected
    assert not found.hourly
    assert [found.points[0][0], found.points[-1][0], len(found.points)] == [first, last, days]
    assert sum(n for _, n in found.points) == 2


def test_regressions_page_with_an_escape_character_reference_is_read() -> None:
    # html, jsonl: ValueError @ ingest/html.py in fragment_text: &#27; parses into an ESC
    # that lxml refuses as tail text; read_blob's catch-all rejected the whole page
    from newsdesk.ingest import read_bytes

    page = (
        b"<html><body><div>Dockers walked out at Port Selva.</div>&#27;[31m"
        b"<p>Cranes stopped &#x1b;at noon.</p></body></html>"
    )
    articles = read_bytes(page, source="page.html", settings=Settings())
    assert "Dockers walked out at Port Selva." in articles[0].text
    assert "Cranes stopped at noon." in articles[0].text
    assert "\x1b" not in articles[0].text


def test_regressions_story_page_with_attributed_and_unattributed_quotes(tmp_path: Path) -> None:
    # web: TypeError @ jinja2 groupby in story.html ('<' between None and str): a story
    # with a quote whose speaker is known and one whose speaker is not answered 500
    from fastapi.testclient import TestClient

    from newsdesk.article import Annotations, Mention, Quote
    from newsdesk.web.app import create_app

    db = tmp_path / "store.db"
    with _story_store(db, ["2026-03-10T08:00:00+00:00", "2026-03-10T09:00:00+00:00"]) as store:
        ids = [a.id or "" for a in store.articles.articles()]
        said = Quote("Every family will have a roof tonight", 0, 10, speaker="Ilse Varga")
        anonymous = Quote("The bridges will reopen before winter", 0, 10, speaker=None)
        varga = Mention("Ilse Varga", "PERSON", 0, 10, canonical="Ilse Varga")
        notes = [Annotations(entities=[varga], quotes=[said]), Annotations(quotes=[anonymous])]
        store.annotations.save_annotations(list(zip(ids, notes, strict=True)))
        story_id = store.stories.stories()[0].id
    with TestClient(create_app(Settings(db=db, base_url="http://desk.test"))) as client:
        page = client.get(f"/story/{story_id}")
    assert page.status_code == 200
    assert "Every family will have a roof tonight" in page.text
    assert "The bridges will reopen before winter" in page.text
    assert "Unattributed" in page.text


@pytest.mark.parametrize(
    ("dateline", "fetched", "published"),
    [
        ("January 31", datetime(9999, 12, 31, 18), datetime(9999, 1, 31)),
        ("February 29", datetime(2024, 1, 15), None),  # 2023-02-29 does not exist
        ("December 31", datetime(1, 1, 1), None),  # the year before 1 does not exist
        ("3 days ago", datetime(1, 1, 2), None),
        ("99999999999 weeks ago", datetime(2026, 3, 1), None),
    ],
)
def test_regressions_dateline_at_the_calendar_ends_leaves_the_date_unset(
    dateline: str, fetched: datetime, published: datetime | None
) -> None:
    # dates: OverflowError @ clean/dates.py in _absolute (reference + 1 day past 9999);
    # ValueError in replace(year - 1) for 29 February and the year 1; OverflowError in _relative
    from newsdesk.clean import TextCleaner

    text = f"{dateline}\n\n{QUAKE}\n\nRescue teams reached the villages by noon, officials said."
    article = Article(source="story.txt", format="text", raw=text)
    article.fetched = fetched
    TextCleaner().clean(article)
    assert article.published == published
    assert "Rescue teams reached the villages" in article.text


def test_regressions_record_whose_html_is_only_a_comment_opener_keeps_its_neighbours() -> None:
    # html: ValueError @ ingest/html.py in fragment_text: "\u2029<!" parses to a lone
    # comment, which strip_elements refuses; read_blob's catch-all rejected the whole file
    from newsdesk.ingest import read_bytes

    good = {"id": "good", "url": "https://post.example/good", "text": QUAKE}
    odd = {"id": "odd", "url": "https://post.example/odd", "html": "\u2029<!"}
    data = (json.dumps(good) + "\n" + json.dumps(odd) + "\n").encode()
    articles = read_bytes(data, source="records.jsonl", settings=Settings())
    assert [a.extras.get("record_id") for a in articles if a.text] == ["good"]


def test_regressions_long_punctuation_runs_are_cut_before_the_parser() -> None:
    # annotate: slow every run (18 s for 6 KB): spaCy's suffix search is quadratic in a run
    # of one punctuation character ("%" x 5,000); the run is cut, the text keeps its length
    from newsdesk.annotate.annotator import RUN_KEPT, break_runs

    text = f"{QUAKE} Prices rose " + "%" * 5000 + " overnight!!! Wait..."
    cut = break_runs(text)
    assert len(cut) == len(text)  # every annotation offset still points into the text
    assert "%" * RUN_KEPT in cut and "%" * (RUN_KEPT + 1) not in cut
    assert cut.startswith(f"{QUAKE} Prices rose ") and cut.endswith("overnight!!! Wait...")
