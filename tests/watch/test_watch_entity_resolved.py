"""A watchlist's ``entity:`` is resolved as a search's is: one resolver for an entity's
name, so a watchlist on a person alerts on the article that wrote the surname alone, its
page and feed list it, and a chart of the same query counts it (before, a watchlist
matched the name literally while the search and the entity's page found more)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.annotate.entity_resolver import entity_spellings
from newsdesk.article import Annotations, Mention
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.watch.alerts import WatchAlerter
from newsdesk.watch.lists import add_watchlist

from .conftest import Add


def _annotate(store: SqliteStore, article: str, names: list[tuple[str, str]]) -> None:
    mentions = [Mention(text, "PERSON", 0, len(text), canonical) for text, canonical in names]
    store.annotations.save_annotations([(article, Annotations(entities=mentions))])


def test_entity_watchlist_matches_the_articles_the_entity_page_lists(
    wstore: SqliteStore, watch_settings: Settings, add_article: Add
) -> None:
    full = add_article("Harbour board meets", "Mara Quint spoke. Quint said fares rise.",
                       published="2026-03-10T08:00:00+00:00")  # fmt: skip
    _annotate(wstore, full, [("Mara Quint", "Mara Quint"), ("Quint", "Mara Quint")])
    watch = add_watchlist(wstore, watch_settings, "Quint", 'entity:"Mara Quint"')
    surname = add_article("Fares go up", "Quint defended the rise on Tuesday.",
                          published="2026-03-11T08:00:00+00:00")  # fmt: skip
    _annotate(wstore, surname, [("Quint", "Quint")])  # this article never wrote her name in full
    other = add_article("Weather", "Rain all week.", published="2026-03-11T09:00:00+00:00")
    _annotate(wstore, other, [])

    assert WatchAlerter(wstore, watch_settings).match(datetime.now(UTC)) == 1
    assert wstore.watch.watch_articles(watch.id) == [surname]

    listed = wstore.watch.latest_matching('entity:"Mara Quint"', spellings=entity_spellings)
    assert listed == [surname, full]
    counts = wstore.trends.trend_counts(query="entity:Quint", spellings=entity_spellings)
    assert sum(n for _, n in counts) == 2
    assert wstore.watch.latest_matching('entity:"Mara Quint"') == [full]  # as written


def test_entity_watchlist_on_an_unknown_name_matches_as_written(
    wstore: SqliteStore, watch_settings: Settings, add_article: Add
) -> None:
    watch = add_watchlist(wstore, watch_settings, "Nobody", 'entity:"Nobody Here"')
    article = add_article("Fares", "Quint spoke.")
    _annotate(wstore, article, [("Quint", "Quint")])
    assert WatchAlerter(wstore, watch_settings).match(datetime.now(UTC)) == 0
    assert wstore.watch.watch_articles(watch.id) == []
