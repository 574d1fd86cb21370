from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.article import Article, article_id
from newsdesk.store import SqliteStore
from newsdesk.store.sqlite import migrations


def _article(text: str, **fields: object) -> Article:
    return Article(source="test.txt", format="text", raw=text, text=text, **fields)  # type: ignore[arg-type]


def test_sqlite_opens_in_wal_mode_with_schema_applied(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.schema_version == migrations()[-1][0]
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "removed", "articles_fts"} <= tables


def test_sqlite_reopen_does_not_reapply_migrations(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        store.articles.add_source("a", [_article("One story about a ferry.")])
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.articles.count() == 1


def test_sqlite_keeps_raw_clean_text_and_removed_pieces(store: SqliteStore) -> None:
    a = Article(source="x.txt", format="text", raw="© Outlet\nBody text.", text="Body text.")
    a.remove("© Outlet", "copyright")
    a.flag("truncated_end")
    store.articles.add_source("x.txt", [a])
    got = store.articles.article(a.id or "")
    assert got is not None
    assert got.raw == "© Outlet\nBody text." and got.text == "Body text."
    assert [(r.text, r.reason) for r in got.removed] == [("© Outlet", "copyright")]
    assert got.flags == ["truncated_end"]


def test_sqlite_same_text_twice_is_a_duplicate(store: SqliteStore) -> None:
    first = store.articles.add_source("a", [_article("A ferry sank off Port Selva.")])
    again = store.articles.add_source("a", [_article("A  ferry sank off Port Selva. ")])
    assert len(first.ingested) == 1 and again.ingested == [] and len(again.duplicates) == 1
    assert store.articles.count() == 1


def test_sqlite_same_url_is_a_duplicate_even_when_text_changed(store: SqliteStore) -> None:
    store.articles.add_source("a", [_article("First version.", url="https://x.example/1")])
    again = store.articles.add_source("b", [_article("Edited version.", url="https://x.example/1")])
    assert again.duplicates and store.articles.count() == 1


def test_sqlite_ids_are_stable_and_derived_from_url_or_text() -> None:
    a = _article("Text.", url="https://x.example/1")
    b = _article("Other text.", url="https://x.example/1")
    assert article_id(a) == article_id(b)
    assert article_id(_article("Text.")) != article_id(_article("Other."))


def test_sqlite_a_failed_source_leaves_nothing_behind(store: SqliteStore) -> None:
    good = _article("Good article text.")
    bad = _article("Bad article text.")
    bad.raw = None  # type: ignore[assignment]  # violates NOT NULL: the insert fails
    with pytest.raises(sqlite3.IntegrityError):
        store.articles.add_source("batch", [good, bad])
    assert store.articles.count() == 0  # the good article of the same source was rolled back too


def test_sqlite_round_trips_dates_and_extras(store: SqliteStore) -> None:
    when = datetime(2026, 3, 10, 8, 30)
    a = _article("Dated.", published=when, published_source="metadata", extras={"section": "world"})
    store.articles.add_source("d", [a])
    got = store.articles.article(a.id or "")
    assert got is not None
    assert got.published == when and got.published_source == "metadata"
    assert got.extras == {"section": "world"}


def test_sqlite_articles_lists_newest_first(store: SqliteStore) -> None:
    old = _article("Old.", published=datetime(2026, 3, 9))
    new = _article("New.", published=datetime(2026, 3, 11))
    store.articles.add_source("s", [old, new])
    assert [a.text for a in store.articles.articles()] == ["New.", "Old."]
