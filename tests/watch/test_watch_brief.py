"""What is rising, at the top of the brief when asked for: every format, the CLI, the
web brief page and the newsletter's edition."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from newsdesk.errors import UsageError
from newsdesk.mail.archive import brief_from_json
from newsdesk.publish import Brief, BriefSource, BriefStory, build_brief, render
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.summarize.extractive import SummarySentence
from newsdesk.watch.rising import Rising, RisingItem

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
DAY = NOW.date()


def _at(hours_before: float) -> str:
    return (NOW - timedelta(hours=hours_before)).isoformat()


@pytest.fixture
def burst(wstore: SqliteStore, add_article) -> SqliteStore:
    """A steady story and one that burst in the day's last hours."""
    for window in range(1, 12):
        add_article(f"Rates {window}", published=_at(window * 6 + 1), story="s-steady")
    for k in range(5):
        add_article(f"Ferry {k}", published=_at(0.5 + k), story="s-burst")
    return wstore


def test_watch_brief_rising_opens_every_format(burst: SqliteStore) -> None:
    made = build_brief(burst, DAY, rising=True)
    line = "s-burst (story): 5 articles in the last 6 h, usually 0.0"
    md = render(made, "md").splitlines()
    assert md[4:6] == ["## Rising", f"- {line}"]  # right below the intro, above the stories
    text = render(made, "text").splitlines()
    assert text[4:6] == ["Rising:", f"- {line}"]
    html = render(made, "html")
    assert ">Rising</h2>" in html and "s-burst" in html
    assert html.index(">Rising</h2>") < html.index("</body>")
    data = json.loads(render(made, "json"))
    assert data["rising"]["stories"][0]["id"] == "s-burst"
    assert data["rising"]["stories"][0]["recent"] == 5
    assert data["rising"]["window_hours"] == 6


def test_watch_brief_rising_reads_the_same_from_the_archive(burst: SqliteStore) -> None:
    made = build_brief(burst, DAY, rising=True)
    archived = brief_from_json(json.loads(render(made, "json")))
    assert archived.rising == made.rising  # typed again, not a dict
    for fmt in ("text", "md", "json", "html"):
        assert render(archived, fmt) == render(made, fmt)
    assert "(story): 5 articles in the last 6 h, usually 0.0" in render(archived, "html")


def test_watch_brief_without_rising_unless_asked(burst: SqliteStore) -> None:
    made = build_brief(burst, DAY)
    assert made.rising is None
    assert "Rising" not in render(made, "md") and "Rising" not in render(made, "html")
    assert "rising" not in json.loads(render(made, "json"))


def test_watch_brief_rising_label_is_escaped_in_html() -> None:
    item = RisingItem("entity", "<b>x</b>", "<script>alert(1)</script>", 3, 0.0, 0.0, 3.0)
    rising = Rising(NOW.isoformat(), 6.0, 28, [], [item])
    html = render(Brief(date=DAY, intro="Nothing today.", rising=rising), "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_watch_brief_cli_flag_and_setting(cli, burst: SqliteStore, monkeypatch) -> None:
    db = str(burst.path)
    shown = cli("--db", db, "brief", "--date", DAY.isoformat(), "--rising", "--format", "md")
    assert shown.code == 0 and "## Rising\n- s-burst (story)" in shown.stdout
    plain = cli("--db", db, "brief", "--date", DAY.isoformat(), "--format", "md")
    assert plain.code == 0 and "Rising" not in plain.stdout
    monkeypatch.setenv("NEWSDESK_BRIEF_RISING", "1")
    by_setting = cli("--db", db, "brief", "--date", DAY.isoformat(), "--format", "json")
    assert json.loads(by_setting.stdout)["rising"]["stories"][0]["id"] == "s-burst"
    off = cli("--db", db, "brief", "--date", DAY.isoformat(), "--no-rising", "--format", "json")
    assert "rising" not in json.loads(off.stdout)


def test_watch_brief_rising_setting_is_read_strictly() -> None:
    assert Settings.from_env({"NEWSDESK_BRIEF_RISING": "yes"}).brief_rising is True
    assert Settings.from_env({"NEWSDESK_BRIEF_RISING": "0"}).brief_rising is False
    assert Settings.from_env({}).brief_rising is False
    with pytest.raises(UsageError, match="NEWSDESK_BRIEF_RISING"):
        Settings.from_env({"NEWSDESK_BRIEF_RISING": "maybe"})


def test_watch_brief_web_page_honours_the_setting(burst: SqliteStore) -> None:
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app

    for on in (True, False):
        app = create_app(Settings(db=burst.path, base_url="http://desk.test", brief_rising=on))
        with TestClient(app, base_url="http://desk.test") as client:
            page = client.get(f"/brief/{DAY.isoformat()}")
            api = client.get(f"/api/v1/briefs/{DAY.isoformat()}")
        assert page.status_code == 200
        assert ('id="rising-h"' in page.text) is on
        if on:
            assert 'href="/story/s-burst"' in page.text
        assert ("rising" in api.json()) is on


def test_watch_brief_newsletter_edition_carries_rising(burst: SqliteStore) -> None:
    from newsdesk.mail.archive import brief_from_json
    from newsdesk.mail.compose import make_edition
    from newsdesk.publish import brief_json

    made = build_brief(burst, DAY, rising=True)
    story = BriefStory(
        story_id="s-burst", headline="Ferry services resume",
        summary=[SummarySentence("Ferries sailed again on Friday.", ["a1"])],
        sources=[BriefSource("a1", "Wire", "Ferry 0", "https://news.example/1", None)],
    )  # fmt: skip
    made.stories = [story]
    archived = brief_from_json(brief_json(made))  # the archive keeps the JSON
    assert archived.rising == made.rising
    edition = make_edition(archived)
    assert edition is not None
    assert "\nRising:\n- s-burst (story): 5 articles" in edition.text
    assert ">Rising</h2>" in edition.html


def test_watch_brief_archive_refresh_honours_rising(burst: SqliteStore) -> None:
    from newsdesk.mail.archive import refresh_brief

    kept = refresh_brief(burst, date(2026, 3, 20), now=NOW, rising=True)
    assert kept.brief_json["rising"]["stories"][0]["id"] == "s-burst"


def test_watch_brief_rising_on_the_web_brief_links_each_subject(burst: SqliteStore) -> None:
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app

    app = create_app(Settings(db=burst.path, base_url="http://desk.test", brief_rising=True))
    with TestClient(app) as client:
        page = client.get(f"/brief/{DAY.isoformat()}")
    assert page.status_code == 200
    assert 'href="/story/s-burst"' in page.text
    assert "5 articles in the last 6 h, 0.0 usually" in page.text
