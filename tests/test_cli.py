"""The command-line contract, run in-process as a user would run it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

SCRAPED = """menu_open World
We use cookies to provide some features and experiences in NEWSHUB

More information  .  Close

Harbour Authority Halts Ferries After Collision

4 2
2 hours ago

Two passenger ferries collided outside Port Selva on Monday evening, the harbour authority said.

The authority halted all departures while divers inspected both hulls, and a spokeswoman said no one was badly hurt.

Officials expect the port to reopen on Wednesday once the inspection is complete.

© The Harbour Ledger"""

HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Valley Quake Damages Bridges | Northgate Wire</title>
<meta property="og:title" content="Valley Quake Damages Bridges">
<meta property="og:site_name" content="Northgate Wire">
<meta name="author" content="Ines Marlow">
<meta property="article:published_time" content="2026-03-10T07:15:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Valley Quake Damages Bridges</h1>
<p>An earthquake of magnitude 5.9 struck the Orlen valley early on Tuesday, damaging two bridges and cutting power to several villages.</p>
<p>Rescue teams from three districts reached the worst-hit villages by mid-morning, the regional governor said in a statement.</p>
<p>Engineers will inspect the remaining bridges before the main road reopens, officials said.</p>
</article><footer>© 2026 Northgate Wire. All rights reserved.</footer></body></html>"""

JSONL = (
    json.dumps(
        {
            "id": "w1",
            "url": "https://wire.example/strike",
            "title": "Dock Workers Strike",
            "text": "Dock workers in Port Selva walked out on Tuesday over pay. "
            "The union said the strike would last three days.",
            "published": "2026-03-10T09:00:00Z",
            "outlet": "Example Wire",
            "section": "labour",
        }
    )
    + "\n"
)

Cli = Callable[..., object]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / "ferry.txt").write_text(SCRAPED, encoding="utf-8")
    (folder / "nested" / "quake.html").write_text(HTML, encoding="utf-8")
    (folder / "wire.jsonl").write_text(JSONL, encoding="utf-8")
    return folder


def test_cli_help_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("ingest", "clean", "articles", "article", "search", "demo"):
        assert command in result.stdout


def test_cli_unknown_option_is_a_usage_error(cli: Cli) -> None:
    result = cli("articles", "--no-such-option")
    assert result.code == 2
    assert "no-such-option" in result.stderr


def test_cli_ingest_json_reports_counts_and_a_rerun_adds_nothing(cli: Cli, inbox: Path) -> None:
    first = cli("ingest", str(inbox), "--json")
    assert first.code == 0, first.stderr
    assert first.json() == {
        "ingested": 3,
        "duplicates": 0,
        "rejected": [],
        "dropped": {},
        "failed": 0,
        "failures": [],
    }
    again = cli("ingest", str(inbox), "--json")
    assert again.json()["ingested"] == 0 and again.json()["duplicates"] == 3
    listed = cli("articles", "--json").json()
    assert len(listed) == 3
    assert set(listed[0]) >= {"id", "title", "outlet", "published", "story_id", "flags"}


def test_cli_ingest_rejects_bad_files_and_keeps_the_rest(cli: Cli, inbox: Path) -> None:
    (inbox / "empty.txt").write_text("   \n", encoding="utf-8")
    (inbox / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = cli("ingest", str(inbox), "--json")
    assert result.code == 1
    report = result.json()
    assert report["ingested"] == 3
    rejected = {Path(r["source"]).name: r["error"] for r in report["rejected"]}
    assert set(rejected) == {"empty.txt", "image.html"}
    assert "Traceback" not in result.stderr


def test_cli_ingest_published_overrides_and_outlet(cli: Cli, inbox: Path) -> None:
    cli("ingest", str(inbox / "ferry.txt"), "--published", "2026-01-13", "--outlet", "Ledger")
    (row,) = cli("articles", "--json").json()
    full = cli("article", row["id"], "--json").json()
    assert full["published"].startswith("2026-01-13")
    assert full["published_source"] == "override"
    assert full["outlet"] == "Ledger"


def test_cli_bad_published_date_is_a_usage_error(cli: Cli, inbox: Path) -> None:
    result = cli("ingest", str(inbox), "--published", "last tuesday")
    assert result.code == 2
    assert "--published" in result.stderr


def test_cli_article_shows_debris_with_reasons(cli: Cli, inbox: Path) -> None:
    cli("ingest", str(inbox / "ferry.txt"))
    (row,) = cli("articles", "--json").json()
    full = cli("article", row["id"], "--json").json()
    assert full["title"] == "Harbour Authority Halts Ferries After Collision"
    assert "Two passenger ferries collided" in full["text"]
    assert "cookies" not in full["text"]
    assert all(piece["reason"] for piece in full["removed"])
    assert any("cookies" in piece["text"] for piece in full["removed"])
    human = cli("article", row["id"])
    assert human.code == 0 and "Harbour Authority" in human.stdout


def test_cli_article_unknown_id_is_a_usage_error(cli: Cli) -> None:
    result = cli("article", "nope")
    assert result.code == 2
    assert "nope" in result.stderr


def test_cli_search_json_and_malformed_query(cli: Cli, inbox: Path) -> None:
    cli("ingest", str(inbox))
    hits = cli("search", "quake", "--json").json()
    assert [h["title"] for h in hits] == ["Valley Quake Damages Bridges"]
    assert "[quake]" in hits[0]["snippet"].lower()
    bad = cli("search", '"unclosed')
    assert bad.code == 2
    assert "quote" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_clean_json_follows_the_contract(cli: Cli, inbox: Path) -> None:
    result = cli("clean", str(inbox / "ferry.txt"), "--json")
    assert result.code == 0, result.stderr
    payload = result.json()
    assert set(payload) >= {"title", "author", "outlet", "published", "text", "removed", "flags"}
    assert payload["outlet"] == "The Harbour Ledger"
    assert "© The Harbour Ledger" not in payload["text"]


def test_cli_clean_jsonl_keeps_order_and_reports_bad_files(cli: Cli, inbox: Path) -> None:
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    files = [inbox / "ferry.txt", inbox / "empty.txt", inbox / "nested" / "quake.html"]
    result = cli("clean", *map(str, files), "--jsonl")
    assert result.code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["source"]).name for line in lines] == ["ferry.txt", "empty.txt", "quake.html"]
    assert "error" in lines[1] and "text" in lines[0] and "text" in lines[2]


def test_cli_clean_several_files_without_jsonl_is_a_usage_error(cli: Cli, inbox: Path) -> None:
    result = cli("clean", str(inbox / "ferry.txt"), str(inbox / "wire.jsonl"))
    assert result.code == 2


def test_cli_articles_json_carries_the_record_id_and_language(cli: Cli, tmp_path: Path) -> None:
    feed = tmp_path / "mine.jsonl"
    text = (
        "The harbour authority suspended all ferry crossings on Tuesday after two passenger "
        "ferries collided in thick fog near the northern breakwater, officials said."
    )
    feed.write_text(
        json.dumps({"id": "row-17", "title": "Ferries halted after collision", "text": text})
        + "\n",
        encoding="utf-8",
    )
    assert cli("ingest", str(feed), "--json").code == 0
    (row,) = cli("articles", "--json").json()
    assert row["record_id"] == "row-17"
    assert row["language"] == "en"


def test_cli_brief_of_a_store_without_dates_says_why_and_what_to_do(
    cli: Cli, tmp_path: Path
) -> None:
    """Scraped text with no date in it ingests, but makes no day's brief: the error says
    the articles are there and undated (not "ingest some first"), and what to do."""
    empty = cli("brief")
    assert empty.code != 0 and "holds no articles yet" in empty.stderr
    page = tmp_path / "undated.txt"
    page.write_text(
        "Two passenger ferries collided outside Port Selva, the harbour authority said.\n\n"
        "The authority halted all departures while divers inspected both hulls.",
        encoding="utf-8",
    )
    assert cli("ingest", str(page)).code == 0
    result = cli("brief")
    assert result.code != 0
    assert "holds 1 article and none has a publication date" in result.stderr
    assert "--published" in result.stderr and "Traceback" not in result.stderr
