"""The store's story tables: assignments, story rows, merges, features, assigner snapshots.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; like the rest of store/,
the only place these tables are spoken to in SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsdesk.article import Article
from newsdesk.store.articles import articles_by_ids
from newsdesk.store.database import Repository

__all__ = ["FeatureRow", "StoryRepository", "StoryRow"]


@dataclass(slots=True)
class StoryRow:
    """A story as the CLI and the web show it."""

    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    article_count: int
    outlet_count: int
    outlets: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # member ids, copies included


@dataclass(slots=True)
class FeatureRow:
    """The stored features of one article, in the order it was assigned (rowid)."""

    rowid: int
    article_id: str
    vector: bytes
    terms: dict[str, float]
    entities: dict[str, float]
    lead: str
    published: str | None
    fetched: str | None
    outlet: str | None
    title: str | None
    language: str | None = None


_FEATURES = (
    "SELECT a.rowid, a.id, f.vector, f.terms, f.entities, f.lead, a.published, a.fetched,"
    " a.outlet, a.title, a.language FROM article_features f"
    " JOIN articles a ON a.id = f.article_id"
)


# articles a mute/keep rule hides (newsdesk.rules) belong to no story
_HIDDEN = "(SELECT article_id FROM article_marks)"
# a copy belongs to its original's story
_ORIGINAL_STORY = "(SELECT o.story_id FROM articles o WHERE o.id = articles.copy_of)"
_COPIES_FOLLOW_ORIGINALS = (
    f"UPDATE articles SET story_id = {_ORIGINAL_STORY}"
    # "copy_of > ''" (every id is non-empty) lets SQLite walk the copy_of index: the cost
    # follows the number of copies, not the size of the store
    f" WHERE copy_of > '' AND story_id IS NOT {_ORIGINAL_STORY}"
    f" AND id NOT IN {_HIDDEN}"
)


def _feature(row: sqlite3.Row) -> FeatureRow:
    return FeatureRow(
        rowid=row[0],
        article_id=row[1],
        vector=row[2],
        terms=json.loads(row[3]),
        entities=json.loads(row[4]),
        lead=row[5],
        published=row[6],
        fetched=row[7],
        outlet=row[8],
        title=row[9],
        language=row[10],
    )


class StoryRepository(Repository):
    """Story methods of the store; the store class provides the connections."""

    # -- what the story stage reads -----------------------------------------

    def unassigned(self) -> list[tuple[int, str]]:
        """(rowid, id) of originals with no story yet, in ingest order."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT rowid, id FROM articles WHERE story_id IS NULL AND copy_of IS NULL"
                f" AND id NOT IN {_HIDDEN} ORDER BY rowid"
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def features(self, ids: Sequence[str]) -> dict[str, FeatureRow]:
        """Stored features of these articles (those that have them)."""
        found: dict[str, FeatureRow] = {}
        with self._reader() as db:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for row in db.execute(f"{_FEATURES} WHERE f.article_id IN ({marks})", chunk):
                    found[row[1]] = _feature(row)
        return found

    def assigned_features(self, *, after: int = 0, order: str = "rowid") -> Iterator[FeatureRow]:
        """Features of articles that have a story, after a rowid; for replay and recluster."""
        sort = "a.rowid" if order == "rowid" else "coalesce(a.published, a.fetched, ''), a.id"
        sql = (
            f"{_FEATURES} WHERE a.rowid > ? AND a.copy_of IS NULL AND a.id NOT IN {_HIDDEN}"
            f" ORDER BY {sort}"
        )
        with self._reader() as db:
            for row in db.execute(sql, (after,)):
                yield _feature(row)

    def replay_features(self, *, after: int = 0) -> Iterator[FeatureRow]:
        """Features stored after ``after`` (their own rowid), in the order the assigner
        took them, copies included: a tracker replays exactly what it assigned. The
        rows' ``rowid`` is the feature row's."""
        sql = (
            "SELECT f.rowid, a.id, f.vector, f.terms, f.entities, f.lead, a.published,"
            " a.fetched, a.outlet, a.title, a.language FROM article_features f"
            " JOIN articles a ON a.id = f.article_id WHERE f.rowid > ? ORDER BY f.rowid"
        )
        with self._reader() as db:
            for row in db.execute(sql, (after,)):
                yield _feature(row)

    def features_through(self) -> int:
        """The largest feature rowid (0: none)."""
        with self._reader() as db:
            row = db.execute("SELECT coalesce(max(rowid), 0) FROM article_features").fetchone()
        return int(row[0])

    def cluster_snapshot(self) -> tuple[int, dict[str, Any], bytes] | None:
        with self._reader() as db:
            row = db.execute("SELECT through, state, arrays FROM cluster_state").fetchone()
        return None if row is None else (row[0], json.loads(row[1]), row[2])

    # -- what the story stage writes ----------------------------------------

    def save_assignments(
        self,
        *,
        features: Iterable[tuple[str, bytes, dict[str, float], dict[str, float], str]],
        assignments: dict[str, str],
        merges: Iterable[tuple[str, str]],
        titles: dict[str, str | None],
    ) -> None:
        """One transaction: features, each article's story, merges, then the story rows."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO article_features (article_id, vector, terms, entities,"
                " lead) VALUES (?, ?, ?, ?, ?)",
                [(i, v, json.dumps(t), json.dumps(e), lead) for i, v, t, e, lead in features],
            )
            db.executemany(
                "UPDATE articles SET story_id = ? WHERE id = ?",
                [(story, article) for article, story in assignments.items()],
            )
            touched = set(assignments.values()) | set(titles)
            for old, new in merges:
                db.execute(
                    "INSERT OR REPLACE INTO story_merges (old_id, new_id, merged_at)"
                    " VALUES (?, ?, ?)",
                    (old, new, now),
                )
                db.execute("UPDATE story_merges SET new_id = ? WHERE new_id = ?", (new, old))
                db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (new, old))
                db.execute("DELETE FROM stories WHERE id = ?", (old,))
                touched.discard(old)
                touched.add(new)
            db.execute(_COPIES_FOLLOW_ORIGINALS)
            for story_id in sorted(touched):
                _refresh_story(db, story_id, titles.get(story_id), now)

    def save_cluster_snapshot(self, *, through: int, state: dict[str, Any], arrays: bytes) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO cluster_state (id, through, state, arrays, saved_at)"
                " VALUES (1, ?, ?, ?, ?)",
                (through, json.dumps(state), arrays, now),
            )

    def reset_stories(self) -> None:
        """Forget every story (features are kept): ``recluster`` starts from here."""
        with self._transaction() as db:
            db.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
            db.execute("DELETE FROM stories")
            db.execute("DELETE FROM cluster_state")

    # -- what users read -----------------------------------------------------

    def resolve_story(self, story_id: str) -> str:
        """A story's live id, following merges (an old id keeps resolving)."""
        with self._reader() as db:
            row = db.execute(
                "SELECT new_id FROM story_merges WHERE old_id = ?", (story_id,)
            ).fetchone()
        return row[0] if row else story_id

    def stories(self, *, day: str | None = None) -> list[StoryRow]:
        """Stories, most articles first; ``day`` (YYYY-MM-DD) keeps those seen that day."""
        sql = "SELECT * FROM stories"
        params: list[str] = []
        if day:
            sql += " WHERE id IN (SELECT story_id FROM articles WHERE substr(published, 1, 10) = ?)"
            params.append(day)
        sql += " ORDER BY outlet_count DESC, article_count DESC, last_seen DESC, id"
        with self._reader() as db:
            rows = db.execute(sql, params).fetchall()
            return [_story_row(db, row) for row in rows]

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]:
        """These articles by id (those that exist), read 500 to a query, for readers of many
        members at once (the brief); ``removed`` is left empty, ``article(id)`` reads it."""
        with self._reader() as db:
            return articles_by_ids(db, ids)

    def story(self, story_id: str) -> StoryRow | None:
        live = self.resolve_story(story_id)
        with self._reader() as db:
            row = db.execute("SELECT * FROM stories WHERE id = ?", (live,)).fetchone()
            return None if row is None else _story_row(db, row)


def _story_row(db: sqlite3.Connection, row: sqlite3.Row) -> StoryRow:
    members = [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE story_id = ?"
            " ORDER BY coalesce(published, fetched, ''), id",
            (row["id"],),
        )
    ]
    return StoryRow(
        id=row["id"],
        title=row["title"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        article_count=row["article_count"],
        outlet_count=row["outlet_count"],
        outlets=json.loads(row["outlets"]),
        articles=members,
    )


def _refresh_story(db: sqlite3.Connection, story_id: str, title: str | None, now: str) -> None:
    """Recompute a story's row from its members; copies count for outlets, not articles."""
    stats = db.execute(
        "SELECT count(*) FILTER (WHERE copy_of IS NULL), min(coalesce(published, fetched)),"
        " max(coalesce(published, fetched))"
        " FROM articles WHERE story_id = ?",
        (story_id,),
    ).fetchone()
    if not stats or stats[0] == 0:
        db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    outlets = [
        r[0]
        for r in db.execute(
            "SELECT outlet FROM articles WHERE story_id = ? AND outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY min(coalesce(published, '')), outlet",
            (story_id,),
        )
    ]
    db.execute(
        "INSERT INTO stories (id, title, first_seen, last_seen, article_count, outlet_count,"
        " outlets, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " title = coalesce(excluded.title, stories.title), first_seen = excluded.first_seen,"
        " last_seen = excluded.last_seen, article_count = excluded.article_count,"
        " outlet_count = excluded.outlet_count, outlets = excluded.outlets,"
        " updated_at = excluded.updated_at",
        (story_id, title, stats[1], stats[2], stats[0], len(outlets), json.dumps(outlets), now),
    )
