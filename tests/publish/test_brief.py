"""The daily brief from a store: ranking, sections, formats, escaping, the Atom feed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest

from newsdesk.article import Annotations, Article, TimeExpression
from newsdesk.publish import FORMATS, atom_feed, build_brief, render
from newsdesk.publish.brief import Brief
from newsdesk.store import SqliteStore

DAY = date(2026, 3, 12)
FERRY = (
    "A passenger ferry ran aground in thick fog at Brannock Harbour early on Thursday, "
    "injuring 31 people, port officials said. All 386 people on board were brought ashore "
    "by lifeboats before noon. The Maritime Safety Board will hold a public hearing on "
    "March 20 into the grounding."
)
OTHER = (
    "The ferry ran aground in thick fog at Brannock Harbour on Thursday morning, injuring 27 "
    "people. All 386 people on board were brought ashore by lifeboats before noon. The ship "
    "reported a radar fault ten minutes before the grounding."
)
FAIR = "The Kessrick spring fair opened on Thursday with forty stalls in the old market square."


def _make(store: SqliteStore, *, title: str = "Ferry aground at Brannock") -> None:
    t0 = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    rows = [
        ("a1", "Northgate Wire", FERRY, title, "s-ferry", 0),
        ("a2", "The Meridian Post", OTHER, "Radar fault before grounding", "s-ferry", 2),
        ("a3", "Civic Beat", FAIR, "Spring fair", "s-fair", 3),
        ("a0", "Northgate Wire", FERRY.replace("Thursday", "Wednesday"), "Earlier", "s-ferry", -24),
    ]
    articles = [
        Article(source=k, format="text", raw=t, text=t, id=k, outlet=o, title=ti,
                url=f"https://example.com/{k}", published=t0 + timedelta(hours=h))
        for k, o, t, ti, _, h in rows
    ]  # fmt: skip
    store.articles.add_source("test", articles)
    store.stories.save_assignments(features=[], assignments={k: s for k, _, _, _, s, _ in rows},
                           merges=[], titles={"s-ferry": title, "s-fair": "Spring fair"})  # fmt: skip
    at = FERRY.index("March 20")
    store.annotations.save_annotations(
        [("a1", Annotations(dates=[TimeExpression("March 20", "2026-03-20", at, at + 8)]))]
    )


def test_brief_leads_with_the_story_most_outlets_carry(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        brief = build_brief(store, DAY)
    assert [s.story_id for s in brief.stories] == ["s-ferry", "s-fair"]
    assert brief.intro == "Today: Ferry aground at Brannock and Spring fair."
    ferry = brief.stories[0]
    assert all(s.sources for s in ferry.summary)
    assert {"a1", "a2"} <= {i for s in ferry.summary for i in s.sources}
    assert ferry.since_last is not None  # it had an article the day before
    assert brief.stories[1].since_last is None
    assert [c.date for c in brief.coming_up] == ["2026-03-20"]
    assert any(c["about"] == "number injured" for c in ferry.conflicts)


def test_brief_html_is_standalone_escaped_and_script_free(tmp_path: Path) -> None:
    planted = "<script>alert('x')</script> Ferry aground"
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store, title=planted)
        html = render(build_brief(store, DAY), "html")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert html.startswith("<!DOCTYPE html>") and "<style" not in html and "stylesheet" not in html


def _lead_story_brief(tmp_path: Path, title: str) -> Brief:
    """The day's brief of the ferry story alone, its story titled ``title``."""
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store, title=title)
        return build_brief(store, DAY, top=1)


@pytest.mark.parametrize(
    ("headline", "intro"),
    [
        (
            "Mayor on the floods: the outlook is 'grim.'",
            "Mayor on the floods: the outlook is 'grim.'",
        ),
        ("Will the ferry run again?", "Will the ferry run again?"),
        ("Ferry aground at Brannock.", "Ferry aground at Brannock."),
    ],
)
def test_brief_intro_ends_once_after_a_headline_that_ends_itself(
    tmp_path: Path, headline: str, intro: str
) -> None:
    assert _lead_story_brief(tmp_path, headline).intro == f"Today: {intro}"


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Update | Ferry aground at Brannock harbour", "Ferry aground at Brannock harbour"),
        ("Ferry aground at Brannock harbour | Northgate Wire", "Ferry aground at Brannock harbour"),
        ("Letters: Ferry fares | Harbour fog | Fair", "Letters: Ferry fares"),
    ],
)
def test_brief_headline_is_the_headline_part_not_a_label_before_a_bar(
    tmp_path: Path, title: str, headline: str
) -> None:
    assert _lead_story_brief(tmp_path, title).stories[0].headline == headline


def test_brief_since_last_counts_the_days_outlets_dated_not_another_outlets_clock(
    tmp_path: Path,
) -> None:
    """Two reports dated the same day, one at midnight with no zone and one at 10:00-05:00:
    neither came before the day's brief, so the story has no 'since the last brief'."""
    west = timezone(timedelta(hours=-5))
    rows = [
        ("a1", "Northgate Wire", FERRY, datetime(2026, 3, 12, 0, 0)),
        ("a2", "The Meridian Post", OTHER, datetime(2026, 3, 12, 10, 0, tzinfo=west)),
    ]
    with SqliteStore(tmp_path / "s.db") as store:
        articles = [
            Article(source=k, format="text", raw=t, text=t, id=k, outlet=o, title="Ferry aground",
                    url=f"https://example.com/{k}", published=when)
            for k, o, t, when in rows
        ]  # fmt: skip
        store.articles.add_source("test", articles)
        store.stories.save_assignments(features=[], assignments={"a1": "s-1", "a2": "s-1"},
                                       merges=[], titles={"s-1": "Ferry aground"})  # fmt: skip
        brief = build_brief(store, DAY)
    assert [s.story_id for s in brief.stories] == ["s-1"]
    assert brief.stories[0].since_last is None


def test_brief_json_keeps_the_contract_names(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        data = json.loads(render(build_brief(store, DAY), "json"))
    story = data["stories"][0]
    assert set(story["summary"][0]) == {"text", "sources"}
    assert {"only_in", "conflicts", "sources", "timeline", "quote"} <= set(story)
    for fmt in ("md", "text"):
        assert "Ferry aground at Brannock" in render(
            build_brief(SqliteStore(tmp_path / "s.db"), DAY), fmt
        )


def test_brief_for_an_empty_day_says_so(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        brief = build_brief(store, date(2026, 1, 1))
    assert brief.stories == []
    assert "No articles were published on 2026-01-01" in render(brief, "text")


def test_atom_feed_parses_without_errors(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store, title="<script>alert(1)</script> & more")
        briefs = [build_brief(store, DAY), build_brief(store, DAY - timedelta(days=1))]
    feed = feedparser.parse(atom_feed(briefs, "https://desk.example/"))
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [
        "https://desk.example/brief/2026-03-12",
        "https://desk.example/brief/2026-03-11",
    ]
    assert "<script" not in feed.entries[0].content[0].value.lower()


SUMMIT_A = (
    "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung on "
    "Tuesday at a summit in her home prefecture of Nara. It is the second time the two leaders "
    "have met in person since Takaichi came into power in October. On Jan. 6, China announced "
    "a ban on the export of more than 800 dual-use goods to Japan."
)
SUMMIT_B = (
    "Japanese Prime Minister Sanae Takaichi met with South Korean President Lee Jae-myung on "
    "Tuesday at a summit in Nara, her home prefecture. It is the second time the two leaders "
    "have met in person since Takaichi came into power in October. Her remarks on Taiwan "
    "sparked retaliatory measures from Beijing, including travel bans and the summoning of "
    "Japan's ambassador."
)


def test_brief_leads_with_a_two_outlet_story_and_shows_what_each_alone_says(
    tmp_path: Path,
) -> None:
    """The shape of the project's two seed articles: one story, two outlets (one unnamed)."""
    t0 = datetime(2026, 1, 13, tzinfo=UTC)
    rows = [("k1", None, SUMMIT_A, "s-summit"), ("k2", "Foreign Policy", SUMMIT_B, "s-summit"),
            ("k3", "Civic Beat", FAIR, "s-fair")]  # fmt: skip
    with SqliteStore(tmp_path / "s.db") as store:
        store.articles.add_source("seeds", [
            Article(source=k, format="text", raw=t, text=t, id=k, outlet=o, published=t0)
            for k, o, t, _ in rows
        ])  # fmt: skip
        store.stories.save_assignments(features=[], assignments={k: s for k, _, _, s in rows}, merges=[],
                               titles={"s-summit": "Japan courts South Korea", "s-fair": "Fair"})  # fmt: skip
        brief = build_brief(store, date(2026, 1, 13))
    lead = brief.stories[0]
    assert lead.story_id == "s-summit"
    assert {"k1", "k2"} <= {i for s in lead.summary for i in s.sources}
    only = {o["article_id"]: " ".join(o["facts"]) for o in lead.only_in}
    told = {s.text: s.sources for s in lead.summary}
    # what one outlet alone says is shown once: cited to it in the summary, or under Only in
    for key, fact in [("k1", "800 dual-use goods"), ("k2", "ambassador")]:
        in_summary = [sources for text, sources in told.items() if fact in text]
        assert in_summary == [[key]] or fact in only.get(key, "")
        assert not (in_summary and fact in only.get(key, ""))


def test_brief_renders_with_a_punctuation_speaker_stored(tmp_path: Path) -> None:
    """A quote whose speaker was stored as "’’" (a closing quote of two apostrophes)
    once recursed without bound in names.py and took the whole day's brief down."""
    from newsdesk.article import Quote
    from newsdesk.storyview import understand_story

    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        quote = Quote(
            text="We brought every passenger ashore before noon, all of them safe",
            start=0, end=10, speaker="’’", kind="direct",
        )  # fmt: skip
        store.annotations.save_annotations([("a2", Annotations(quotes=[quote]))])
        brief = build_brief(store, DAY)
        members = [
            a for i in store.stories.story("s-ferry").articles if (a := store.articles.article(i))
        ]
        understood = understand_story(store, members)
        rendered = [render(brief, fmt) for fmt in FORMATS]
    assert [s.story_id for s in brief.stories] == ["s-ferry", "s-fair"]
    assert all("’’" not in text for text in rendered)
    assert brief.stories[0].quote is None or brief.stories[0].quote.speaker != "’’"
    assert all(q["speaker"] is None for q in understood["quotes"])


def test_brief_leaves_out_a_story_whose_reading_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from newsdesk.publish import readings as readings_module

    real = readings_module.StoryIndex.build

    def build(members: list[Article]) -> object:
        if any(a.id == "a3" for a in members):
            raise RecursionError("maximum recursion depth exceeded")
        return real(members)

    monkeypatch.setattr(readings_module.StoryIndex, "build", staticmethod(build))
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        made = build_brief(store, DAY)
    assert [s.story_id for s in made.stories] == ["s-ferry"]
    assert "s-fair" not in made.intro
    assert "left out story s-fair" in caplog.text
    assert render(made, "html").startswith("<!DOCTYPE html>")


def test_brief_leaves_out_a_section_that_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.publish import readings as readings_module

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("bad comparison")

    monkeypatch.setattr(readings_module, "compare_outlets", broken)
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        made = build_brief(store, DAY)
    ferry = made.stories[0]
    assert ferry.story_id == "s-ferry" and ferry.summary and ferry.conflicts == []
    assert [c.date for c in made.coming_up] == ["2026-03-20"]


def test_brief_story_view_keeps_the_summary_when_quotes_raise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdesk.annotate.views as views
    from newsdesk.storyview import understand_story

    def broken(*args: object, **kwargs: object) -> object:
        raise RecursionError("boom")

    monkeypatch.setattr(views, "story_understanding", broken)
    with SqliteStore(tmp_path / "s.db") as store:
        _make(store)
        members = [
            a for i in store.stories.story("s-ferry").articles if (a := store.articles.article(i))
        ]
        understood = understand_story(store, members)
    assert understood["quotes"] == [] and understood["entities"] == []
    assert understood["summary"]


def test_brief_intro_tells_headlines_that_hold_commas_apart_with_semicolons() -> None:
    from types import SimpleNamespace

    from newsdesk.publish.brief import _intro

    def intro(*heads: str) -> str:
        return _intro(DAY, [SimpleNamespace(headline=h) for h in heads])  # type: ignore[misc]

    assert intro(
        "After the storm, ferries run again", "Fair opens", "Port, pier and quay shut"
    ) == ("Today: After the storm, ferries run again; Fair opens; and Port, pier and quay shut.")
    assert intro("Ferry aground", "Spring fair", "Quay closes") == (
        "Today: Ferry aground, Spring fair and Quay closes."
    )
    assert intro("After the storm, ferries run", "Fair opens") == (
        "Today: After the storm, ferries run and Fair opens."
    )
