"""``entity:`` in a search and an entity's chart count the articles its page lists: the
name is resolved by the one resolver (``newsdesk entity``, ``/entity/NAME``), so an
article that wrote the person's surname alone, or a longer form the page is named by,
is found by any of the entity's spellings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsdesk.annotate.entity_resolver import entity_spellings, lookup
from newsdesk.article import Annotations, Article, Mention
from newsdesk.store import SqliteStore

TEXT = "The harbour board met on Monday to hear the mayor on the new ferry fares."


_MARA = {
    "a0": [("Mara Quint", "Mara Quint"), ("Quint", "Mara Quint")],
    "a1": [("Mara Quint", "Mara Quint")],
    "a2": [("Quint", "Quint")],  # this article never wrote her name in full
}


def _store(tmp_path: Path, written: dict[str, list[tuple[str, str]]] = _MARA) -> SqliteStore:
    """One article per key of ``written``, each with its (mention, canonical) people."""
    store = SqliteStore(tmp_path / "s.db")
    store.articles.add_source("gen", [
        Article(source=f"gen:{i}", format="text", raw=TEXT, text=TEXT, id=key,
                title=f"Ferry fares {i}", outlet="Harbour Gazette",
                published=datetime(2026, 3, 10 + i, 8, tzinfo=UTC))
        for i, key in enumerate(written)
    ])  # fmt: skip
    store.annotations.save_annotations([
        (k, Annotations(entities=[Mention(t, "PERSON", 0, len(t), c) for t, c in names]))
        for k, names in written.items()
    ])  # fmt: skip
    return store


def test_entity_search_and_chart_count_the_articles_the_entity_page_lists(
    tmp_path: Path,
) -> None:
    with _store(tmp_path) as store:
        profile = lookup(store, "Mara Quint")
        assert profile is not None and sorted(profile.articles) == ["a0", "a1", "a2"]
        for query in ('entity:"Mara Quint"', "entity:Quint"):
            hits = store.articles.search(query, limit=50, spellings=entity_spellings)
            assert sorted(h.id for h in hits) == ["a0", "a1", "a2"], query
        counts = store.trends.trend_counts(entity="Mara Quint", spellings=entity_spellings)
        assert sum(n for _, n in counts) == 3
        assert store.articles.search('entity:"Nobody Here"', spellings=entity_spellings) == []
        assert [h.id for h in store.articles.search('entity:"Mara Quint"')] != []  # as written


def test_an_entity_chart_never_counts_another_entity_written_the_same_way(
    tmp_path: Path,
) -> None:
    """A surname two people share stays an entity of its own in the store ("Quint"), while
    each article's own reading joined it to the person it meant there ("Mara Quint"): the
    chart on the page of "Quint" counts the articles that page lists, not every article of
    Mara Quint's; a search for entity:Quint still finds both."""
    store = _store(tmp_path, {
        "a0": [("Mara Quint", "Mara Quint"), ("Quint", "Mara Quint")],
        "a1": [("Mara Quint", "Mara Quint")],
        "a2": [("Ivo Quint", "Ivo Quint"), ("Quint", "Ivo Quint")],
        "a3": [("Quint", "Quint")],
    })  # fmt: skip
    with store:
        profile = lookup(store, "Quint")
        assert profile is not None
        listed = set(profile.articles)
        counts = store.trends.trend_counts(entity="Quint", spellings=entity_spellings)
        assert sum(n for _, n in counts) == len(listed)
        hits = store.articles.search("entity:Quint", limit=50, spellings=entity_spellings)
        assert {h.id for h in hits} >= listed
