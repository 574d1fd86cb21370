from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.article import Article
from newsdesk.errors import SearchSyntaxError
from newsdesk.store import SqliteStore
from newsdesk.store.search import parse_query


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    rows = [
        ("Ferry sinks off Port Selva", "A ferry carrying 80 people sank.", "Harbour Ledger", 9),
        ("Quake shakes the valley", "An earthquake of magnitude 5.9 hit the valley.", "Wire", 10),
        ("Ferry talks resume", "Owners of the ferry line met the minister.", "Wire", 11),
    ]
    store.articles.add_source(
        "s",
        [
            Article(
                source="s",
                format="text",
                raw=text,
                text=text,
                title=title,
                outlet=outlet,
                published=datetime(2026, 3, day),
            )
            for title, text, outlet, day in rows
        ],
    )
    return store


def _titles(store: SqliteStore, query: str) -> list[str | None]:
    return [hit.title for hit in store.articles.search(query)]


def test_search_ranks_title_matches_and_highlights(filled: SqliteStore) -> None:
    hits = filled.articles.search("ferry")
    assert {h.title for h in hits} == {"Ferry sinks off Port Selva", "Ferry talks resume"}
    assert all("[ferry]" in h.snippet.lower() for h in hits)


def test_search_phrase_exclusion_or_and_filters(filled: SqliteStore) -> None:
    assert _titles(filled, '"ferry carrying"') == ["Ferry sinks off Port Selva"]
    assert _titles(filled, "ferry -minister") == ["Ferry sinks off Port Selva"]
    assert set(_titles(filled, "quake OR earthquake")) == {"Quake shakes the valley"}
    assert _titles(filled, "ferry outlet:wire") == ["Ferry talks resume"]
    assert _titles(filled, "ferry date:2026-03-09") == ["Ferry sinks off Port Selva"]
    assert len(_titles(filled, "date:2026-03-09/2026-03-10")) == 2


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed',
        "-ferry",
        "OR ferry",
        "ferry OR",
        "date:yesterday",
        "date:2026-03-10/2026-03-01",
        "",
    ],
)
def test_search_malformed_queries_get_a_hint(filled: SqliteStore, query: str) -> None:
    with pytest.raises(SearchSyntaxError):
        filled.articles.search(query)


def test_search_fts_syntax_in_user_input_is_only_text(filled: SqliteStore) -> None:
    # FTS5 operators and punctuation are quoted, never interpreted: a result or a hint, no crash
    for query in ("NEAR(ferry", "ferry*", "ferry) OR (", "title:ferry", "^ferry", "ferry AND"):
        try:
            filled.articles.search(query)
        except SearchSyntaxError as exc:
            assert "OR needs a term" in str(exc)
    assert _titles(filled, "(quake*") == ["Quake shakes the valley"]


def test_search_parse_quotes_every_term() -> None:
    assert parse_query('ferry "port selva" -rumour').match == (
        '("ferry") AND ("port selva") NOT "rumour"'
    )
