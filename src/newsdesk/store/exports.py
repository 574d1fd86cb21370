"""Streaming reads for ``newsdesk export`` and the API's JSON Lines export.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`. Rows come a batch at a
time by keyset (``rowid > last``), each batch on a short read, so an export of
the whole store never holds more than one batch in memory and never keeps a read
transaction open for its whole length. Articles a rule hides are left out unless
asked for; their entities and events too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.store.database import Repository
from newsdesk.store.search import HIDDEN_ROWIDS, filter_sql, parse_query

__all__ = ["EXPORT_KINDS", "ExportFilter", "ExportRepository"]

EXPORT_KINDS = ("articles", "stories", "entities", "events")
BATCH = 1000
_VISIBLE = "a.id NOT IN (SELECT article_id FROM article_marks)"


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which articles an export covers: a search query, a start date, hidden ones too."""

    query: str | None = None
    since: str | None = None  # YYYY-MM-DD or an ISO 8601 date-time, compared to published
    include_hidden: bool = False


def _article_where(selection: ExportFilter) -> tuple[str, list[Any]]:
    """SQL over ``articles a`` for the articles ``selection`` covers (SearchSyntaxError
    for a malformed query)."""
    where: list[str] = []
    params: list[Any] = []
    if selection.query:
        parsed = parse_query(selection.query)
        if parsed.match:
            where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(parsed.match)
        filters, values = filter_sql(parsed)
        if selection.include_hidden:  # filter_sql leaves hidden articles out; here they count
            filters = [f for f in filters if HIDDEN_ROWIDS not in f]
        where += filters
        params += values
    if selection.since:
        where.append("a.published >= ?")
        params.append(selection.since)
    if not selection.include_hidden:
        where.append(_VISIBLE)
    return " AND ".join(where) or "1", params


_ARTICLE_COLUMNS = (
    "a.rowid AS k, a.id, a.url, a.title, a.author, a.outlet, a.published, a.language,"
    " a.story_id, a.source, a.copy_of, a.flags, a.text, a.ingested_at, m.verdict AS hidden,"
    " m.reason AS hidden_reason"
)


class ExportRepository(Repository):
    """Articles, stories, entities and events as plain dicts, streamed in batches."""

    path: Path

    @contextmanager
    def _export_reader(self) -> Iterator[sqlite3.Connection]:
        # its own connection: a streamed HTTP response may step it from several threads
        conn = sqlite3.connect(f"file:{self.db.path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def export_count(self, kind: str, selection: ExportFilter) -> int:
        """How many rows ``export_rows`` will give (for a progress bar)."""
        where, params = _article_where(selection)
        sql = {
            "articles": f"SELECT count(*) FROM articles a WHERE {where}",
            "stories": "SELECT count(*) FROM stories WHERE id IN"
            f" (SELECT a.story_id FROM articles a WHERE {where})",
            "entities": "SELECT count(*) FROM (SELECT 1 FROM mentions n JOIN articles a"
            f" ON a.id = n.article_id WHERE {where} GROUP BY lower(n.canonical))",
            "events": f"SELECT count(*) FROM annotations n JOIN articles a ON a.id = n.article_id"
            f" WHERE {where}",
        }[kind]
        with self._export_reader() as db:
            return int(db.execute(sql, params).fetchone()[0])

    def export_rows(self, kind: str, selection: ExportFilter) -> Iterator[list[dict[str, Any]]]:
        """Batches of rows of ``kind`` (one of :data:`EXPORT_KINDS`)."""
        readers = {
            "articles": self._export_articles,
            "stories": self._export_stories,
            "entities": self._export_entities,
            "events": self._export_events,
        }
        return readers[kind](selection)

    def _batches(self, sql: str, params: list[Any]) -> Iterator[list[sqlite3.Row]]:
        """``sql`` must select ``k`` and take ``k > ?`` then ``LIMIT ?`` as its last two
        parameters, ordered by ``k``."""
        after: Any = -1  # below every rowid and every text key
        while True:
            with self._export_reader() as db:
                rows = db.execute(sql, [*params, after, BATCH]).fetchall()
            if not rows:
                return
            after = rows[-1]["k"]
            yield rows

    def _export_articles(self, selection: ExportFilter) -> Iterator[list[dict[str, Any]]]:
        where, params = _article_where(selection)
        sql = (
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a"
            " LEFT JOIN article_marks m ON m.article_id = a.id"
            f" WHERE {where} AND a.rowid > ? ORDER BY a.rowid LIMIT ?"
        )
        for rows in self._batches(sql, params):
            yield [
                {
                    "id": r["id"],
                    "url": r["url"],
                    "title": r["title"],
                    "author": r["author"],
                    "outlet": r["outlet"],
                    "published": r["published"],
                    "language": r["language"],
                    "story_id": r["story_id"],
                    "copy_of": r["copy_of"],
                    "flags": json.loads(r["flags"]),
                    "source": r["source"],
                    "ingested_at": r["ingested_at"],
                    "hidden": r["hidden"],
                    "hidden_reason": r["hidden_reason"],
                    "text": r["text"],
                }
                for r in rows
            ]

    def _export_stories(self, selection: ExportFilter) -> Iterator[list[dict[str, Any]]]:
        where, params = _article_where(selection)
        sql = (
            "SELECT s.rowid AS k, s.* FROM stories s WHERE s.id IN"
            f" (SELECT a.story_id FROM articles a WHERE {where})"
            " AND s.rowid > ? ORDER BY s.rowid LIMIT ?"
        )
        members = f"SELECT a.story_id, a.id FROM articles a WHERE {where} AND a.story_id IN"
        for rows in self._batches(sql, params):
            ids = [r["id"] for r in rows]
            articles: dict[str, list[str]] = {i: [] for i in ids}
            with self._export_reader() as db:
                marks = ",".join("?" * len(ids))
                for story_id, article in db.execute(
                    f"{members} ({marks}) ORDER BY a.published, a.id", [*params, *ids]
                ):
                    articles[story_id].append(article)
            yield [
                {
                    "id": r["id"],
                    "title": r["title"],
                    "first_seen": r["first_seen"],
                    "last_seen": r["last_seen"],
                    "article_count": r["article_count"],
                    "outlet_count": r["outlet_count"],
                    "outlets": json.loads(r["outlets"]),
                    "articles": articles[r["id"]],
                }
                for r in rows
            ]

    def _export_entities(self, selection: ExportFilter) -> Iterator[list[dict[str, Any]]]:
        where, params = _article_where(selection)
        # keyed by the canonical name itself (grouped case-insensitively)
        sql = (
            "SELECT lower(n.canonical) AS k, min(n.canonical) AS name, min(n.type) AS type,"
            " count(*) AS mentions, count(DISTINCT n.article_id) AS articles,"
            " json_group_array(DISTINCT n.text) AS aliases,"
            " min(a.published) AS first_seen, max(a.published) AS last_seen"
            " FROM mentions n JOIN articles a ON a.id = n.article_id"
            f" WHERE {where} AND lower(n.canonical) > ? GROUP BY lower(n.canonical)"
            " ORDER BY k LIMIT ?"
        )
        for rows in self._batches(sql, params):
            yield [
                {
                    "name": r["name"],
                    "type": r["type"],
                    "mentions": r["mentions"],
                    "articles": r["articles"],
                    "aliases": sorted(set(json.loads(r["aliases"])) - {r["name"]}),
                    "first_seen": r["first_seen"],
                    "last_seen": r["last_seen"],
                }
                for r in rows
            ]

    def _export_events(self, selection: ExportFilter) -> Iterator[list[dict[str, Any]]]:
        where, params = _article_where(selection)
        sql = (
            "SELECT n.rowid AS k, n.article_id, n.data, a.outlet, a.published"
            " FROM annotations n JOIN articles a ON a.id = n.article_id"
            f" WHERE {where} AND n.rowid > ? ORDER BY n.rowid LIMIT ?"
        )
        for rows in self._batches(sql, params):
            batch: list[dict[str, Any]] = []
            for r in rows:
                for event in json.loads(r["data"]).get("events", []):
                    batch.append(
                        {
                            "article_id": r["article_id"],
                            "outlet": r["outlet"],
                            "published": r["published"],
                            "date": event.get("date"),
                            "actor": event.get("actor"),
                            "action": event.get("action"),
                            "code": event.get("code"),
                            "target": event.get("target"),
                            "sentence": event.get("sentence"),
                        }
                    )
            if batch:
                yield batch
