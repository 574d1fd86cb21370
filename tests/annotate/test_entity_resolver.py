"""One resolver for entity names, over the store's entity index (CLI, web and API)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.annotate.entity_resolver import resolve_entity
from newsdesk.article import Annotations, Article, Mention
from newsdesk.store import SqliteStore


def _resolver(tmp_path: Path, names: list[list[tuple[str, str]]]) -> SqliteStore:
    """A store with one article per list of (name, type), each written as its canonical."""
    store = SqliteStore(tmp_path / "resolver.db")
    store.articles.add_source(
        "gen",
        [
            Article(
                source=f"gen:{i}",
                format="text",
                raw=f"text {i}",
                text=f"text {i}",
                id=f"a{i}",
                title=f"Report {i}",
                outlet="Outlet",
                published=datetime(2026, 3, 10, 8, i, tzinfo=UTC),
            )
            for i in range(len(names))
        ],
    )
    store.annotations.save_annotations(
        [
            (f"a{i}", Annotations(entities=[Mention(t, k, 0, len(t), t) for t, k in found]))
            for i, found in enumerate(names)
        ]
    )
    return store


def _name(store: SqliteStore, text: str) -> str | None:
    with store.db.reader() as db:
        found = resolve_entity(db, text)
    return None if found is None else found.name


def test_entity_resolver_surname_joins_the_one_full_name(tmp_path: Path) -> None:
    with _resolver(tmp_path, [[("Sanae Takaichi", "PERSON")], [("Takaichi", "PERSON")]]) as s:
        assert _name(s, "Takaichi") == "Sanae Takaichi"
        assert _name(s, "Prime Minister Takaichi") == "Sanae Takaichi"
        assert _name(s, "SANAE TAKAICHI") == "Sanae Takaichi"
        assert _name(s, "Nobody Else") is None


def test_entity_resolver_shared_surname_stays_apart(tmp_path: Path) -> None:
    names = [[("Tomas Brandt", "PERSON")], [("Helga Brandt", "PERSON")], [("Brandt", "PERSON")]]
    with _resolver(tmp_path, names) as s:
        assert _name(s, "Brandt") == "Brandt"
        assert _name(s, "Helga Brandt") == "Helga Brandt"
        with s.db.reader() as db:
            found = resolve_entity(db, "Tomas Brandt")
        assert found is not None and "Brandt" not in found.aliases


def test_entity_resolver_venue_named_after_a_place_never_absorbs_it(tmp_path: Path) -> None:
    """A resort tagged PERSON once ("Sands Seville") is no person whose surname the city is:
    the city, typed a place in three articles, stays the city; a surname typed a place no
    more often than its person was named in full still joins ("Almeida")."""
    names = [
        [("Sands Seville", "PERSON")],
        [("Seville", "GPE")],
        [("Seville", "GPE")],
        [("Seville", "GPE")],
        [("Rosa Almeida", "PERSON")],
        [("Almeida", "GPE")],
    ]
    with _resolver(tmp_path, names) as s:
        with s.db.reader() as db:
            found = resolve_entity(db, "Seville")
        assert found is not None and (found.name, found.type) == ("Seville", "GPE")
        assert found.mentions == 3 and found.aliases == []
        assert _name(s, "Sands Seville") == "Sands Seville"
        assert _name(s, "Almeida") == "Rosa Almeida"


def test_entity_resolver_one_middle_initial_is_a_style(tmp_path: Path) -> None:
    """Across stories the one name adding a middle initial is an outlet's style of the full
    name ("Harald M. Reid" beside "Harald Reid", written about as often); a second variant
    ("John Q. Smith", "John R. Smith") leaves the full name apart from both."""
    names = [[("Harald Reid", "PERSON")], [("Harald M. Reid", "PERSON")]]
    names += [
        [("John Smith", "PERSON")],
        [("John Q. Smith", "PERSON")],
        [("John R. Smith", "PERSON")],
    ]
    with _resolver(tmp_path, names) as s:
        assert _name(s, "Harald Reid") == _name(s, "Harald M. Reid") == "Harald M. Reid"
        assert _name(s, "John Smith") == "John Smith"
        assert _name(s, "John Q. Smith") == "John Q. Smith"


@pytest.mark.parametrize("spelling", ["ECB", "European Central Bank", "european central bank"])
def test_entity_resolver_acronym_and_name_are_one_organisation(
    tmp_path: Path, spelling: str
) -> None:
    names = [[("European Central Bank", "ORG")], [("ECB", "ORG")]]
    with _resolver(tmp_path, names) as s:
        with s.db.reader() as db:
            found = resolve_entity(db, spelling)
        assert found is not None and found.name == "European Central Bank"
        assert found.aliases == ["ECB"] and found.mentions == 2


def test_entity_resolver_cli_builds_an_older_store_once_with_progress(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    names = [[("Sanae Takaichi", "PERSON")], [("Takaichi", "PERSON")]]
    with _resolver(tmp_path, names) as s, s.db.transaction() as db:  # as before the index
        db.execute("DELETE FROM entity_words")
        db.execute("DELETE FROM entity_index_state")
    db_path = str(tmp_path / "resolver.db")
    first = cli("--db", db_path, "entity", "Takaichi", "--json")
    assert first.code == 0 and "indexing entity names: 2 of 2" in first.stderr
    assert first.json()["name"] == "Sanae Takaichi"
    again = cli("--db", db_path, "entity", "takaichi", "--json")
    assert again.code == 0 and "indexing" not in again.stderr
    assert again.json() == first.json()
    missing = cli("--db", db_path, "entity", "Nobody Here", "--json")
    assert missing.code != 0 and "no entity" in missing.stderr


def test_entity_resolver_government_is_its_place_division_is_not_its_company(
    tmp_path: Path,
) -> None:
    """The CLI and the web resolve by the story's rules: "the Canadian Government" is Canada;
    "Halvard" is the company, not its European division."""
    names = [
        [("Canada", "GPE"), ("Halvard", "ORG")],
        [("the Canadian Government", "ORG"), ("Halvard Europe", "ORG")],
    ]
    with _resolver(tmp_path, names) as s:
        assert _name(s, "the Canadian Government") == "Canada"
        assert _name(s, "government of Canada") == "Canada"
        assert _name(s, "Halvard") == "Halvard"
        assert _name(s, "Halvard Europe") == "Halvard Europe"


def _joined_store(tmp_path: Path) -> SqliteStore:
    """Names in two scripts joined in store order: the first Chinese article was read
    before the English name was known and kept 洪明哲 as its own canonical; the second
    wrote 洪明哲 too, joined to "Hong Mingzhe" (names composed for the test)."""
    store = _resolver(tmp_path, [[], [], []])
    written = [
        ("a0", [("洪明哲", "洪明哲"), ("洪明哲", "洪明哲"), ("瓦利顿", "瓦利顿")]),
        ("a1", [("Hong Mingzhe", "Hong Mingzhe"), ("Hong", "Hong Mingzhe")]),
        ("a2", [("洪明哲", "Hong Mingzhe"), ("瓦利顿", "瓦利顿")]),
    ]
    store.annotations.save_annotations(
        [
            (aid, Annotations(entities=[Mention(t, "PERSON", 0, len(t), c) for t, c in found]))
            for aid, found in written
        ]
    )
    return store


def test_entity_resolver_a_name_joined_across_scripts_in_one_article_is_one_entity(
    tmp_path: Path,
) -> None:
    with _joined_store(tmp_path) as s:
        with s.db.reader() as db:
            latin, chinese = resolve_entity(db, "Hong Mingzhe"), resolve_entity(db, "洪明哲")
        assert latin == chinese
        assert latin is not None and latin.name == "Hong Mingzhe"
        assert "洪明哲" in latin.aliases and latin.mentions == 5
        assert _name(s, "瓦利顿") == "瓦利顿"  # never joined: stays as written


def test_entity_resolver_every_listed_alias_resolves_to_its_entity(tmp_path: Path) -> None:
    from newsdesk.annotate.entity_resolver import lookup

    with _joined_store(tmp_path) as s:
        profile = lookup(s, "Hong Mingzhe")
        assert profile is not None and "洪明哲" in profile.aliases
        assert len(profile.articles) == 3
        for alias in profile.aliases:
            found = lookup(s, alias)
            assert found is not None and found.name == "Hong Mingzhe", alias


def test_entity_resolver_the_entity_list_counts_a_joined_name_under_its_latin_name(
    tmp_path: Path,
) -> None:
    from newsdesk.annotate.views import store_entities

    with _joined_store(tmp_path) as s:
        listed = {view.name: view for view in store_entities(s)}
    assert "洪明哲" not in listed
    assert listed["Hong Mingzhe"].mentions == 5 and "洪明哲" in listed["Hong Mingzhe"].aliases
    assert listed["瓦利顿"].mentions == 2


def test_entity_resolver_a_first_name_alone_joins_no_full_name_across_stories(
    tmp_path: Path,
) -> None:
    """An article that wrote only "Penny" (a game's villager) is no evidence she is the Penny
    Mordaunt another article named; a surname alone still joins the one full name ending in
    it ("Almeida")."""
    from newsdesk.annotate.views import store_entities

    names = [
        [("Penny Mordaunt", "PERSON")],
        [("Penny", "PERSON"), ("Penny", "PERSON")],
        [("Rosa Almeida", "PERSON")],
        [("Almeida", "PERSON")],
    ]
    with _resolver(tmp_path, names) as s:
        assert _name(s, "Penny") == "Penny"
        assert _name(s, "Penny Mordaunt") == "Penny Mordaunt"
        assert _name(s, "Almeida") == "Rosa Almeida"
        listed = {e.name: e for e in store_entities(s)}
        assert listed["Penny"].mentions == 2 and "Penny" not in listed["Penny Mordaunt"].aliases
        assert "Almeida" in listed["Rosa Almeida"].aliases


def test_entity_resolver_the_entity_list_gives_the_spellings_entity_gives(
    tmp_path: Path,
) -> None:
    """A place every article resolved to its English name as it read it (瓦利顿国 and 발리톤국
    are Valleton in the packs' tables) is listed with those spellings, as `entity NAME`
    lists them: two answers to one question would disagree."""
    from newsdesk.annotate.entity_resolver import lookup
    from newsdesk.annotate.views import store_entities

    store = _resolver(tmp_path, [[], [], []])
    written = [
        ("a0", [("瓦利顿国", "Valleton")]),
        ("a1", [("Valleton", "Valleton"), ("Valleton", "Valleton")]),
        ("a2", [("발리톤국", "Valleton")]),
    ]
    store.annotations.save_annotations(
        [
            (aid, Annotations(entities=[Mention(t, "GPE", 0, len(t), c) for t, c in found]))
            for aid, found in written
        ]
    )
    with store as s:
        listed = {view.name: view for view in store_entities(s)}["Valleton"]
        profile = lookup(s, "Valleton")
    assert profile is not None
    assert sorted(listed.aliases) == profile.aliases == ["瓦利顿国", "발리톤국"]
