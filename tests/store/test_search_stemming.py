"""Search matches word forms (FTS5's porter stemmer), in the CLI's search and the web's."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.store import SqliteStore
from newsdesk.store.search import parse_query
from newsdesk.store.web_queries import search_page


def _store(tmp_path) -> SqliteStore:
    store = SqliteStore(tmp_path / "s.db")
    texts = {
        "a": "Thousands of refugees crossed the border overnight, officials said.",
        "b": "The council voted to reopen the harbour after the storm.",
        "c": "A refugee camp opened near the river on Monday.",
    }
    store.articles.add_source(
        "t",
        [Article(source=f"t#{k}", format="text", raw=v, text=v, title=k, id=k)
         for k, v in texts.items()],
    )  # fmt: skip
    return store


def test_search_stemming_finds_singular_and_plural(tmp_path):
    with _store(tmp_path) as store:
        assert {h.id for h in store.articles.search("refugee")} == {"a", "c"}
        assert {h.id for h in store.articles.search("refugees")} == {"a", "c"}
        assert [h.id for h in store.articles.search("voting")] == ["b"]


def test_search_stemming_holds_in_the_web_search_and_links_the_story(tmp_path):
    with _store(tmp_path) as store, store.db.reader() as db:
        hits, _ = search_page(db, parse_query("refugees"), ceiling=10**9)
    assert {h.id for h in hits} == {"a", "c"}
    assert all(h.story_id is None for h in hits)
