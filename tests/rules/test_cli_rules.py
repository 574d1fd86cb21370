"""``newsdesk rules add|list|remove|apply`` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.article import Article
from newsdesk.store import SqliteStore


def _store_articles(db: Path) -> None:
    titles = ["Ferry terminal opens", "Your weekly horoscope", "Tram strike ends"]
    with SqliteStore(db) as store:
        store.articles.add_source(
            "feed.xml",
            [
                Article(source=f"https://north.example/feed.xml#{i}", format="text", raw=t,
                        text=f"{t}. The harbour story number {i}.", id=f"a{i}", title=t,
                        outlet="Northgate Wire")
                for i, t in enumerate(titles)
            ],
        )  # fmt: skip


def test_cli_rules_add_list_apply_remove(cli, tmp_path: Path) -> None:
    _store_articles(tmp_path / "cli.db")
    added = cli("rules", "add", "no-horoscopes", "--mute", "--match", "horoscope")
    assert added.code == 0, added.stderr
    assert "rules apply" in added.stdout  # says it acts on new articles until applied
    keep = cli(
        "rules", "add", "ferries", "--keep", "--field", "text", "--regex", r"(?i)\bferry\b",
        "--source", "https://south.example/feed.xml", "--json",
    )  # fmt: skip
    assert keep.json()["regex"] == r"(?i)\bferry\b"
    assert "not a followed source" in keep.stderr
    applied = cli("rules", "apply", "--json")
    assert applied.json() == {
        "articles": 3, "shown": 2, "muted": 1, "not_kept": 0,
        "rules": {"no-horoscopes": 1}, "timeouts": 0,
    }  # fmt: skip
    listed = {r["name"]: r for r in cli("rules", "list", "--json").json()}
    assert listed["no-horoscopes"]["muted"] == 1
    assert listed["ferries"]["source"] == "https://south.example/feed.xml"
    hits = cli("search", "harbour", "--json").json()
    assert {h["title"] for h in hits} == {"Ferry terminal opens", "Tram strike ends"}
    removed = cli("rules", "remove", "no-horoscopes")
    assert removed.code == 0 and "1 articles it hid stay hidden" in removed.stdout
    assert cli("rules", "apply", "--json").json()["shown"] == 3
    assert len(cli("search", "harbour", "--json").json()) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rules", "add", "r", "--match", "x"), "--mute"),
        (("rules", "add", "r", "--mute", "--keep", "--match", "x"), "--mute"),
        (("rules", "add", "r", "--mute"), "exactly one of --match"),
        (("rules", "add", "r", "--mute", "--match", "x", "--regex", "y"), "exactly one"),
        (("rules", "add", "r", "--mute", "--regex", "(a+)+$"), "takes too long"),
        (("rules", "add", "r", "--mute", "--regex", "ferry(("), "position"),
        (("rules", "add", "r", "--mute", "--field", "body", "--match", "x"), "--field 'body'"),
        (("rules", "remove", "nothing"), "no rule named 'nothing'"),
    ],
)
def test_cli_rules_bad_input_exits_2_with_what_is_wrong(
    cli, args: tuple[str, ...], message: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.stderr


def test_cli_rules_same_name_twice_is_refused(cli) -> None:
    assert cli("rules", "add", "r", "--mute", "--match", "x").code == 0
    again = cli("rules", "add", "r", "--keep", "--match", "y")
    assert again.code == 2 and "exists" in again.stderr
