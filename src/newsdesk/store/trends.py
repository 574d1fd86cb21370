"""Trends and rising: articles counted over time for a query, story, outlet or entity.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore` beside the watchlist tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from newsdesk.errors import SearchSyntaxError
from newsdesk.store.database import Repository
from newsdesk.store.search import ParsedQuery, Spellings, filter_sql, with_entity_names
from newsdesk.store.watch import _shown, _when, compile_query, resolved_names

__all__ = ["TrendRepository"]


class TrendRepository(Repository):
    """Counts per hour or day, and per slot for what is rising."""

    def trend_counts(
        self,
        *,
        query: str | None = None,
        story_id: str | None = None,
        outlet: str | None = None,
        entity: str | None = None,
        hourly: bool = False,
        since: str | None = None,
        spellings: Spellings | None = None,
    ) -> list[tuple[str, int]]:
        """(bucket, articles) for the articles a query, a story, an outlet and an entity
        all select (each optional): buckets 'YYYY-MM-DD' or 'YYYY-MM-DDTHH' of
        publication, oldest first (``spellings``: how ``entity`` is resolved, see
        :func:`with_entity_names`). Hidden articles are left out, and so are undated ones:
        an archive ingested today is no burst of news today (the brief dates by publication
        too)."""
        width = 13 if hourly else 10
        where: list[str] = ["a.published IS NOT NULL"]
        params: list[Any] = []
        join = ""
        if query is not None:
            join = " JOIN articles_fts ON articles_fts.rowid = a.rowid"
        named = ParsedQuery(match="", outlets=[outlet] if outlet else [],
                            entities=[entity] if entity else [])  # fmt: skip
        if story_id is not None:
            where.append("a.story_id = ?")
            params.append(story_id)
        if since is not None:
            where.append("a.published >= ?")
            params.append(since)
        with self._reader() as db:
            if query is not None:
                clause, extra = compile_query(query, resolved_names(db, query, spellings))
                where, params = [*where, clause], [*params, *extra]
            # an entity's chart counts what its page lists: the resolved entity's articles
            resolved = with_entity_names(named, db, spellings)
            extra_where, extra_params = filter_sql(resolved, resolved_only=True)
            where += extra_where
            params += extra_params
            sql = (
                f"SELECT substr(a.published, 1, {width}) AS b, count(*) AS n FROM articles a{join}"
                f" WHERE {' AND '.join(where) or '1'}{_shown(db)} GROUP BY b ORDER BY b"
            )
            try:
                rows = db.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                raise SearchSyntaxError(f"cannot count {query!r}: {exc}") from exc
        return [(str(r["b"]), int(r["n"])) for r in rows if r["b"]]

    def latest_moment(self) -> str | None:
        """The latest publication (or ingestion) instant in the store."""
        with self._reader() as db:
            row = db.execute(f"SELECT max({_when()}) FROM articles a").fetchone()
        return row[0] if row and row[0] else None

    def slot_counts(
        self, kind: str, *, until: str, slot_hours: float, slots: int
    ) -> Iterable[tuple[str, int, int]]:
        """(story id or entity name, slot, articles) for the ``slots`` windows of
        ``slot_hours`` before ``until``: slot 0 is the latest."""
        span = f"(julianday(?) - julianday({_when()})) * 24.0 / ?"
        if kind == "story":
            sql = (
                f"SELECT a.story_id AS k, CAST({span} AS INTEGER) AS slot, count(*) AS n"
                " FROM articles a WHERE a.story_id IS NOT NULL"
                f" AND julianday({_when()}) <= julianday(?)"
                f" AND julianday({_when()}) > julianday(?) - ? GROUP BY k, slot"
            )
        else:
            sql = (
                f"SELECT m.canonical AS k, CAST({span} AS INTEGER) AS slot,"
                " count(DISTINCT a.id) AS n FROM mentions m JOIN articles a ON a.id = m.article_id"
                " WHERE m.type IN ('PERSON', 'ORG', 'GPE', 'LOC')"
                f" AND julianday({_when()}) <= julianday(?)"
                f" AND julianday({_when()}) > julianday(?) - ? GROUP BY k, slot"
            )
        days = slot_hours * slots / 24.0
        with self._reader() as db:
            rows = db.execute(sql, (until, slot_hours, until, until, days)).fetchall()
        return [(str(r["k"]), int(r["slot"]), int(r["n"])) for r in rows if r["slot"] < slots]
