"""The outlet commands, run as a user runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import build, write_records

Cli = Callable[..., Any]


@pytest.fixture
def filled(cli: Cli, tmp_path: Path) -> Cli:
    build(tmp_path / "cli.db", write_records(tmp_path / "corpus")).close()  # the CLI's store
    return cli


def test_cli_outlets_lists_with_filters_and_counts(filled: Cli) -> None:
    rows = filled("outlets", "--country", "JP", "--json").json()
    names = {r["name"]: r for r in rows}
    assert names["NHK"]["articles"] == 2
    assert all(r["country"] == "JP" for r in rows)
    state = filled("outlets", "--kind", "state", "--json").json()
    assert "Xinhua News Agency" in {r["name"] for r in state}


def test_cli_outlet_shows_one_by_alias(cli: Cli) -> None:
    shown = cli("outlet", "yonhap", "--json").json()
    assert (shown["name"], shown["country"], shown["kind"]) == ("Yonhap News Agency", "KR", "wire")
    assert cli("outlet", "No Such Paper").code == 2


def test_cli_outlets_set_refuses_bad_values_listing_the_valid_ones(cli: Cli) -> None:
    result = cli("outlets", "set", "Nara Shimbun", "--country", "XX")
    assert result.code == 2 and "JP" in result.stderr
    result = cli("outlets", "set", "Nara Shimbun", "--kind", "tabloid")
    assert result.code == 2 and "public_broadcaster" in result.stderr
    result = cli("outlets", "set", "Nara Shimbun", "--language", "jp")
    assert result.code == 2 and "ja" in result.stderr


def test_cli_outlets_set_adds_and_changes(cli: Cli) -> None:
    added = cli(
        "outlets", "set", "Nara Shimbun", "--country", "jp", "--kind", "private",
        "--language", "ja", "--host", "https://www.nara-np.co.jp/", "--json",
    ).json()  # fmt: skip
    assert (added["country"], added["hosts"], added["added"]) == ("JP", ["nara-np.co.jp"], True)
    changed = cli("outlets", "set", "nara shimbun", "--owner", "Nara Shimbun Co.", "--json").json()
    assert (changed["owner"], changed["country"], changed["added"]) == (
        "Nara Shimbun Co.",
        "JP",
        False,
    )


def test_cli_outlets_import_reports_conflicts_and_exits_1(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "more.csv"
    path.write_text(
        "name,hosts,country,languages,kind,owner,aliases,notes,source\n"
        "Kesennuma Times,kesennuma.example,JP,ja,private,,,,my notes\n"
        "BBC News,bbc.co.uk,US,en,private,,,,\n"
        "Broken,,ZZ,en,private,,,,\n",
        encoding="utf-8",
    )
    result = cli("outlets", "import", str(path), "--json")
    assert result.code == 1
    report = result.json()
    assert report["added"] == ["Kesennuma Times"]
    assert [c["name"] for c in report["conflicts"]] == ["BBC News"]
    assert report["errors"][0]["line"] == 4
    assert cli("outlet", "BBC News", "--json").json()["country"] == "GB"


def test_cli_outlets_export_then_import_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    assert cli("outlets", "export", str(path)).code == 0
    result = cli("outlets", "import", str(path), "--json")
    assert result.code == 0, result.stdout
    assert result.json()["added"] == [] and result.json()["conflicts"] == []


def test_cli_story_json_gains_coverage_and_perspectives(filled: Cli) -> None:
    stories = filled("stories", "--json").json()
    quake = next(s for s in stories if "NHK" in s["outlets"] and len(s["articles"]) == 3)
    story = filled("story", quake["id"], "--json").json()
    assert story["coverage"]["countries"][0]["code"] == "JP"
    assert story["coverage"]["articles"] == 3
    perspectives = story["perspectives"]  # one country: grouped by kind of outlet
    assert perspectives["by"] == "kind"
    assert {g["label"] for g in perspectives["groups"]} == {
        "public broadcasters",
        "private outlets",
        "wires and agencies",
    }
    assert "summary" in story and "only_in" in story  # fields added, none renamed


def test_cli_stories_blindspot(filled: Cli) -> None:
    found = filled("stories", "--blindspot", "--json").json()
    assert {b["heavy"]["group"] for b in found} == {"JP", "CN"}
    assert filled("stories", "--blindspot", "--follow", "US", "--json").json() == []
    assert filled("stories", "--blindspot", "--by", "kind", "--follow", "tabloid").code == 2


def test_cli_search_country_lang_and_kind_operators(filled: Cli) -> None:
    hits = filled("search", "country:CN", "--json").json()
    assert hits and all(h["outlet"] in {"Xinhua News Agency", "Global Times", "CGTN",
                                        "China Daily"} for h in hits)  # fmt: skip
    assert filled("search", "kind:public_broadcaster", "--json").json()
    assert filled("search", "quake lang:en", "--json").json()
    bad = filled("search", "country:XX")
    assert bad.code == 2 and "JP" in bad.stderr
