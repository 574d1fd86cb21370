"""The entity index: kept current where annotations are saved, built once for older stores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsdesk.annotate.entity_resolver import resolve_entity
from newsdesk.article import Annotations, Article, Mention
from newsdesk.store import SqliteStore


def _store(tmp_path: Path, n: int = 3) -> SqliteStore:
    store = SqliteStore(tmp_path / "index.db")
    articles = [
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
        for i in range(n)
    ]
    store.articles.add_source("gen", articles)
    return store


def _notes(*names: tuple[str, str, str]) -> Annotations:
    return Annotations(entities=[Mention(t, k, 0, len(t), c) for t, k, c in names])


def _counts(store: SqliteStore) -> dict[tuple[str, str], tuple[int, int]]:
    with store.db.reader() as db:
        rows = db.execute("SELECT canonical, type, mentions, articles FROM entity_names")
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_entity_index_counts_follow_saved_and_replaced_annotations(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        varga = ("Ilse Varga", "PERSON", "Ilse Varga")
        store.annotations.save_annotations(
            [("a0", _notes(varga, ("Varga", "PERSON", "Ilse Varga")))]
        )
        store.annotations.save_annotations([("a1", _notes(varga, ("Kessrick", "ORG", "Kessrick")))])
        assert _counts(store)[("Ilse Varga", "PERSON")] == (3, 2)
        store.annotations.save_annotations(
            [("a1", _notes(("Kessrick", "ORG", "Kessrick")))]
        )  # re-annotated
        assert _counts(store)[("Ilse Varga", "PERSON")] == (2, 1)
        store.annotations.save_annotations([("a0", _notes())])
        assert ("Ilse Varga", "PERSON") not in _counts(store)
        with store.db.reader() as db:
            assert resolve_entity(db, "Ilse Varga") is None
            found = resolve_entity(db, "kessrick")
        assert found is not None and found.name == "Kessrick" and found.mentions == 1


def test_entity_index_older_store_is_built_once_with_progress(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        store.annotations.save_annotations([("a0", _notes(("Ilse Varga", "PERSON", "Ilse Varga")))])
        with store.db.transaction() as db:  # as a store from before the index had it
            db.execute("DELETE FROM entity_words")
            db.execute("DELETE FROM entity_index_state")
        with store.db.reader() as db:
            assert resolve_entity(db, "Varga") is None  # the surname needs the words
        seen: list[tuple[int, int]] = []
        assert store.entity_index.ensure_entity_index(
            lambda done, total: seen.append((done, total))
        )
        assert seen == [(1, 1)]
        assert not store.entity_index.ensure_entity_index(
            lambda done, total: seen.append((done, total))
        )
        assert seen == [(1, 1)]
        with store.db.reader() as db:
            found = resolve_entity(db, "Varga")
        assert found is not None and found.name == "Ilse Varga"
