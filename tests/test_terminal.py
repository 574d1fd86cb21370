"""What the CLI prints to a terminal never carries the control characters of its input.

Titles, outlets, text, names and file names come from untrusted pages and feeds; an
escape sequence in them could rewrite the screen, retitle the terminal or hide text
behind a bidi override. The articles here are written straight into the store, past
the readers' own cleaning, so the terminal layer is tested on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from helpers.stories import fake_features
from newsdesk.article import Annotations, Article, Mention, Quote
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.store import SqliteStore
from newsdesk.terminal import printable

ESC_TITLE = "Ferry\x1b]0;owned terminal\x07 sinks\x1b[2J\x1b[1;1H in \u202eharbour\u202c\x9b31m"
ESC_OUTLET = "Gazette\x1b[31m red\x1b[0m\x00\x08\r"
ESC_NAME = "Ilse\x1b[8m Varga"
HOSTILE = ("\x1b", "\x9b", "\x07", "\x00", "\x08", "\r", "\u202e", "\u202c")


def _clean(text: str) -> bool:
    return not any(ch in text for ch in HOSTILE)


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("title\x1b]0;pwned\x07!", "title!"),
        ("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "xlink"),
        ("\u202egnp.exe", "gnp.exe"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("C1\x85\x9b2J", "C1"),
        ("bell\x07 del\x7f nul\x00", "bell del nul"),
        ("\x1b[", ""),
    ],
)
def test_terminal_printable_strips_sequences_and_controls(given: str, shown: str) -> None:
    assert printable(given) == shown


def test_terminal_printable_one_line_cannot_forge_a_line() -> None:
    assert printable("a.txt\nrejected nothing\r", one_line=True) == "a.txt rejected nothing"


@pytest.fixture
def hostile_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("NEWSDESK_DB", str(db))
    text = (
        "The ferry sank in the harbour on Monday.\x1b[2J Ilse Varga said the crew was safe. "
        "Divers searched the harbour all night."
    )
    article = Article(
        source="evil\x1b[31m.jsonl", format="jsonl", raw=text, text=text,
        title=ESC_TITLE, outlet=ESC_OUTLET, url="https://evil.example/ferry",
        published=datetime(2026, 3, 10, 8, tzinfo=UTC),
    )  # fmt: skip
    with SqliteStore(db) as store:
        store.articles.add_source(article.source, [article])
        StoryTracker(store, featurize=fake_features).update()
        start = text.index("Ilse Varga")
        notes = Annotations(
            entities=[Mention("Ilse Varga", "PERSON", start, start + 10, canonical=ESC_NAME)],
            quotes=[Quote("the crew\x1b[5m was safe", 0, 10, speaker=ESC_NAME, cue="said")],
        )
        store.annotations.save_annotations([(article.id or "", notes)])
        store.sources.follow("https://evil.example/feed", every=30, outlet=ESC_OUTLET)
        store.sources.record_poll_error(
            "https://evil.example/feed",
            error="bad feed \x1b]0;pwned\x07 here",
            next_poll=datetime(2030, 1, 1, tzinfo=UTC),
        )
    return db


def test_terminal_cli_listings_strip_control_characters(
    cli: Callable[..., Any], hostile_db: Path
) -> None:
    listed = cli("articles", "--json").json()
    article_id = listed[0]["id"]
    assert listed[0]["title"] == ESC_TITLE  # JSON keeps the value, escaped by json.dumps
    story_id = json.loads(cli("stories", "--json").stdout)[0]["id"]
    for args in (
        ("articles",),
        ("article", article_id),
        ("search", "harbour"),
        ("stories",),
        ("story", story_id),
        ("entity", ESC_NAME),
        ("entities",),
        ("sources", "list"),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)
        shown = result.stdout + result.stderr
        assert shown.strip(), args
        assert _clean(shown), (args, shown)
    assert "Ferry sinks in harbour" in cli("article", article_id).stdout


def test_terminal_ingest_rejected_lines_strip_file_names(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "ingest.db"))
    bad = tmp_path / "inbox" / "bad\x1b[31m\x1b]0;pwned\x07\nrejected nothing.html"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    result = cli("ingest", "--no-stories", str(bad))
    assert result.code == 1
    assert "rejected" in result.stderr and _clean(result.stderr), result.stderr
    assert len([ln for ln in result.stderr.splitlines() if ln.startswith("rejected")]) == 1


def test_terminal_brief_text_strips_control_characters(
    cli: Callable[..., Any], hostile_db: Path
) -> None:
    for fmt in ("text", "md"):
        result = cli("brief", "--date", "2026-03-10", "--format", fmt)
        assert result.code == 0, result.stderr
        assert "harbour" in result.stdout and _clean(result.stdout), result.stdout


def _story_shown(capsys: pytest.CaptureFixture[str], title: str, understanding: Any) -> str:
    """What ``newsdesk story`` prints for a story of ``understanding``, on one line."""
    from newsdesk.store.stories import StoryRow
    from newsdesk.terminal import show_story

    row = StoryRow(id="s1", title=title, first_seen=None, last_seen=None,
                   article_count=1, outlet_count=1)  # fmt: skip
    show_story(row, [], understanding)
    return " ".join(capsys.readouterr().out.split())


def test_terminal_story_and_entity_counts_read_as_english(
    cli: Callable[..., Any], hostile_db: Path
) -> None:
    """ "1 article, 1 outlet", not "1 articles, 1 outlets"."""
    story_id = json.loads(cli("stories", "--json").stdout)[0]["id"]
    shown = cli("story", story_id).stdout
    assert "1 article, 1 outlet, seen 2026-03-10" in " ".join(shown.split())
    entity = " ".join(cli("entity", ESC_NAME).stdout.split())
    assert "in 1 article, 1 story" in entity


def test_terminal_story_timeline_reads_the_sentences_outlets_wrote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`newsdesk story`'s timeline shows each event as the outlet wrote it, dated for
    people ("week of 2016-03-07"), as the brief does; a bare "actor action target" triple
    ("1968  Mara Quint appeal") only where no sentence was kept."""
    from newsdesk.annotate.views import StoryEvent
    from newsdesk.storyview import StoryUnderstanding

    said = "Mayor Mara Quint appealed the harbour ruling in 1968, a year after the storm."
    events = [
        StoryEvent("1968", "Mara Quint", "appeal", None, "a1", None, said),
        StoryEvent("1968", "Ivo Ross", "storm", None, "a1", None, said),  # one sentence, once
        StoryEvent("2016-W10", "Ivo Ross", "visit", "Kell", "a1", None, None),
    ]
    shown = _story_shown(capsys, "Harbour ruling", StoryUnderstanding(events=events))
    assert shown.count(f"1968 {said}") == 1
    assert "week of 2016-03-07 Ivo Ross visit Kell" in shown
    assert "Mara Quint appeal " not in shown and "2016-W10" not in shown


def test_terminal_story_timeline_drops_the_dateline(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's timeline line reads as the brief's: the wire dateline off."""
    from newsdesk.annotate.views import StoryEvent
    from newsdesk.storyview import StoryUnderstanding

    lead = "PORT SELVA, March 9 (Northgate Wire) — The council voted to close the bridge."
    events = [StoryEvent("2026-03-09", "council", "vote", None, "a1", None, lead)]
    shown = _story_shown(capsys, "Bridge", StoryUnderstanding(events=events))
    assert "2026-03-09 The council voted to close the bridge." in shown
    assert "Northgate Wire" not in shown


def test_terminal_story_names_people_apart_from_places(capsys: pytest.CaptureFixture[str]) -> None:
    """The story's names are grouped by what they are: a place or a party is not listed
    under "who" beside the people ("who: Donald Trump, Clinton, Florida, …")."""
    from newsdesk.annotate.views import EntityView
    from newsdesk.storyview import StoryUnderstanding

    entities = [
        EntityView("Mara Quint", "PERSON", mentions=9),
        EntityView("Port Selva", "GPE", mentions=7),
        EntityView("Selva Straits Lines", "ORG", mentions=5),
        EntityView("Ivo Ross", "PERSON", mentions=4),
        EntityView("Corran Strait", "LOC", mentions=2),
        EntityView("Kessrick", "NORP", mentions=2),
    ]
    shown = _story_shown(capsys, "Harbour ruling", StoryUnderstanding(entities=entities))
    assert "people: Mara Quint, Ivo Ross" in shown
    assert "organisations: Selva Straits Lines" in shown
    assert "places: Port Selva, Corran Strait" in shown
    assert "groups: Kessrick" in shown
    assert "who:" not in shown


def test_terminal_story_quote_without_a_speaker_reads_unattributed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A quote nobody is named for reads "unattributed", as on the web story page, not "?"."""
    from newsdesk.annotate.views import StoryQuote
    from newsdesk.storyview import StoryUnderstanding

    quotes = [
        StoryQuote(None, "our harbour will open again by spring", "a1", "direct", None),
        StoryQuote("Mara Quint", "The ferry sails on Monday", "a1", "direct", "said"),
    ]
    shown = _story_shown(capsys, "Harbour", StoryUnderstanding(quotes=quotes))
    assert "unattributed: “our harbour will open again by spring”" in shown
    assert "Mara Quint: “The ferry sails on Monday”" in shown
    assert "?:" not in shown
