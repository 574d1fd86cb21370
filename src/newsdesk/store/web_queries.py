"""Read-only queries the web desk needs beyond the store's own methods.

Plain functions over a read-only :class:`sqlite3.Connection` (from
``SqliteStore.reader()``), so that only store/ speaks SQL. Every list that can
grow is paged by a keyset (the sort key of the last row shown), never by an
offset, so a page never repeats or skips rows when new articles arrive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.article import Article
from newsdesk.store.articles import SearchHit, _article, articles_by_ids
from newsdesk.store.search import ParsedQuery, filter_sql
from newsdesk.store.stories import StoryRow, _story_row

__all__ = [
    "HIT_END",
    "HIT_START",
    "DayRow",
    "Facets",
    "OutletRow",
    "articles_by_ids",
    "articles_page",
    "canonical_for",
    "co_mentions",
    "days",
    "entity_name_count",
    "entity_name_counts",
    "facets",
    "max_rowid",
    "outlet_story_ids",
    "outlets",
    "search_page",
    "stories_page",
    "story_days_of",
    "written_forms",
]

# snippet() markers: private-use characters no article carries, so a literal
# "[" in a text is never mistaken for a hit
HIT_START, HIT_END = "\ue000", "\ue001"


@dataclass(slots=True)
class DayRow:
    day: str
    articles: int
    stories: int


@dataclass(slots=True)
class OutletRow:
    name: str
    articles: int
    stories: int
    latest: str | None


@dataclass(slots=True)
class Facets:
    outlets: list[tuple[str, int]]
    days: list[tuple[str, int]]
    total: int


def _keyset(columns: Sequence[tuple[str, bool]], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """A WHERE clause for rows after ``values`` in ORDER BY ``columns`` ((expr, descending))."""
    ors, params = [], []
    for i, (expr, descending) in enumerate(columns):
        ands = [f"{c} = ?" for c, _ in columns[:i]]
        ands.append(f"{expr} {'<' if descending else '>'} ?")
        ors.append("(" + " AND ".join(ands) + ")")
        params.extend([*values[:i], values[i]])
    return "(" + " OR ".join(ors) + ")", params


def max_rowid(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])


def days(db: sqlite3.Connection) -> list[DayRow]:
    """Every day with published articles, newest first, with its story count."""
    rows = db.execute(
        "SELECT substr(published, 1, 10) AS d, count(*), count(DISTINCT story_id)"
        " FROM articles WHERE published IS NOT NULL GROUP BY d ORDER BY d DESC"
    ).fetchall()
    return [DayRow(day=r[0], articles=r[1], stories=r[2]) for r in rows]


_ARTICLE_ORDER = (("coalesce(published, '')", True), ("rowid", True))


def articles_page(
    db: sqlite3.Connection,
    *,
    outlet: str | None = None,
    after: Sequence[Any] | None = None,
    limit: int = 50,
) -> tuple[list[Article], list[Any] | None]:
    """Articles newest first (as ``store.articles.articles()``); the page and the next key."""
    where, params = ["1"], []
    if outlet is not None:
        where.append("outlet = ?")
        params.append(outlet)
    if after is not None:
        clause, values = _keyset(_ARTICLE_ORDER, after)
        where.append(clause)
        params.extend(values)
    rows = db.execute(
        "SELECT rowid AS k, * FROM articles WHERE " + " AND ".join(where) + " ORDER BY "
        "coalesce(published, '') DESC, rowid DESC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    page = [_article(r, []) for r in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return page, (None if last is None else [last["published"] or "", last["k"]])


_STORY_ORDER = (
    ("outlet_count", True),
    ("article_count", True),
    ("coalesce(last_seen, '')", True),
    ("id", False),
)


def stories_page(
    db: sqlite3.Connection,
    *,
    day: str | None = None,
    after: Sequence[Any] | None = None,
    limit: int = 50,
) -> tuple[list[StoryRow], list[Any] | None]:
    """Stories in ``store.stories.stories()`` order, a page at a time, and the next key."""
    where, params = ["1"], []
    if day:
        where.append("id IN (SELECT story_id FROM articles WHERE substr(published, 1, 10) = ?)")
        params.append(day)
    if after is not None:
        clause, values = _keyset(_STORY_ORDER, after)
        where.append(clause)
        params.extend(values)
    rows = db.execute(
        "SELECT * FROM stories WHERE " + " AND ".join(where) + " ORDER BY outlet_count DESC,"
        " article_count DESC, coalesce(last_seen, '') DESC, id LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    page = [_story_row(db, r) for r in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    key = None
    if last is not None:
        key = [last["outlet_count"], last["article_count"], last["last_seen"] or "", last["id"]]
    return page, key


def outlets(db: sqlite3.Connection) -> list[OutletRow]:
    rows = db.execute(
        "SELECT outlet, count(*), count(DISTINCT story_id), max(published) FROM articles"
        " WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY outlet COLLATE NOCASE"
    ).fetchall()
    return [OutletRow(name=r[0], articles=r[1], stories=r[2], latest=r[3]) for r in rows]


def outlet_story_ids(db: sqlite3.Connection, outlet: str) -> list[str]:
    """The stories an outlet carried, most recently seen first."""
    rows = db.execute(
        "SELECT s.id FROM stories s WHERE s.id IN"
        " (SELECT story_id FROM articles WHERE outlet = ? AND story_id IS NOT NULL)"
        " ORDER BY coalesce(s.last_seen, '') DESC, s.id",
        (outlet,),
    ).fetchall()
    return [r[0] for r in rows]


def story_rows(db: sqlite3.Connection, ids: Sequence[str]) -> list[StoryRow]:
    out = []
    for story_id in ids:
        row = db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is not None:
            out.append(_story_row(db, row))
    return out


def _search_where(parsed: ParsedQuery, ceiling: int) -> tuple[str, list[Any]]:
    where: list[str] = ["a.rowid <= ?"]
    params: list[Any] = [ceiling]
    if parsed.match:
        where.append("articles_fts MATCH ?")
        params.append(parsed.match)
    filters, values = filter_sql(parsed)
    return " AND ".join(where + filters), params + values


_FROM = " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE "
_FTS_ONLY = " FROM articles_fts WHERE "


def search_page(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    *,
    ceiling: int,
    after: Sequence[Any] | None = None,
    limit: int = 20,
) -> tuple[list[SearchHit], list[Any] | None]:
    """bm25-ranked hits (as ``store.search``) among articles up to rowid ``ceiling``.

    Snippets mark hits with :data:`HIT_START` / :data:`HIT_END`. The next key is
    (score, rowid) of the last hit; the ceiling keeps later ingests out of a
    running pagination.
    """
    ranked = _ranked(db, parsed, ceiling=ceiling, after=after, limit=limit)
    hits = _hits(db, parsed, ranked[:limit])
    last = ranked[limit - 1] if len(ranked) > limit else None
    return hits, (None if last is None else [last["score"], last["k"]])


def _ranked(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    *,
    ceiling: int,
    after: Sequence[Any] | None,
    limit: int,
) -> list[sqlite3.Row]:
    """(k: rowid, score) of up to ``limit + 1`` hits after the key ``after``, best first."""
    where, params = _search_where(parsed, ceiling)
    rank = "bm25(articles_fts, 10.0, 1.0)" if parsed.match else "0.0"
    # rank first (no snippet), then make snippets for the page's rows only: snippet() on
    # every hit of a common word costs far more than ranking them. Without filters the
    # ranking reads the index alone, never the (large) article rows.
    filtered = bool(parsed.outlets or parsed.date_from or parsed.entities) or not parsed.match
    filtered = filtered or parsed.outlet_filters  # country:, lang:, kind: read article rows
    source = (
        _FROM + where if filtered else _FTS_ONLY + where.replace("a.rowid", "articles_fts.rowid")
    )
    sql = f"SELECT * FROM (SELECT articles_fts.rowid AS k, {rank} AS score{source})"
    if after is not None:
        clause, values = _keyset((("score", False), ("k", False)), after)
        sql += " WHERE " + clause
        params.extend(values)
    return db.execute(sql + " ORDER BY score, k LIMIT ?", [*params, limit + 1]).fetchall()


def _hits(db: sqlite3.Connection, parsed: ParsedQuery, page: list[sqlite3.Row]) -> list[SearchHit]:
    """The page's ranked rows as hits: each article's fields and its snippet (its lead
    where the query has no words)."""
    ids = [r["k"] for r in page]
    marks = ",".join("?" * len(ids))
    snippets: dict[int, str] = {}
    if ids and parsed.match:  # FTS5 takes a rowid IN (...) itself: snippets of these rows only
        snippets = dict(
            db.execute(
                f"SELECT rowid, snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', ' … ', 16)"
                f" FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                [parsed.match, *ids],
            ).fetchall()
        )
    details = {
        r["rowid"]: r
        for r in db.execute(
            "SELECT rowid, id, title, outlet, published, story_id, substr(text, 1, 120) AS lead"
            f" FROM articles WHERE rowid IN ({marks})",
            ids,
        )
    }
    return [
        SearchHit(d["id"], d["title"], d["outlet"], d["published"],
                  snippets.get(r["k"], d["lead"]), r["score"], d["story_id"])
        for r in page
        if (d := details.get(r["k"])) is not None
    ]  # fmt: skip


def facets(db: sqlite3.Connection, parsed: ParsedQuery, *, ceiling: int, top: int = 12) -> Facets:
    """How many hits each outlet and each day has."""
    where, params = _search_where(parsed, ceiling)
    by_outlet = db.execute(
        f"SELECT a.outlet, count(*) AS n{_FROM}{where} AND a.outlet IS NOT NULL"
        " GROUP BY a.outlet ORDER BY n DESC, a.outlet LIMIT ?",
        [*params, top],
    ).fetchall()
    by_day = db.execute(
        f"SELECT substr(a.published, 1, 10) AS d, count(*) AS n{_FROM}{where}"
        " AND a.published IS NOT NULL GROUP BY d ORDER BY d DESC LIMIT ?",
        [*params, top],
    ).fetchall()
    total = db.execute(f"SELECT count(*){_FROM}{where}", params).fetchone()[0]
    return Facets(
        outlets=[(r[0], r[1]) for r in by_outlet],
        days=[(r[0], r[1]) for r in by_day],
        total=int(total),
    )


def co_mentions(
    db: sqlite3.Connection, names: Sequence[str], *, top: int = 20
) -> list[tuple[str, str, int]]:
    """(canonical, type, articles) of the names mentioned beside any of ``names``, most shared
    articles first."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    rows = db.execute(
        "SELECT m.canonical, m.type, count(DISTINCT m.article_id) AS n FROM mentions m"
        f" WHERE m.article_id IN (SELECT article_id FROM mentions WHERE canonical IN ({marks}))"
        f" AND m.canonical NOT IN ({marks}) GROUP BY m.canonical, m.type"
        " ORDER BY n DESC, m.canonical LIMIT ?",
        [*names, *names, top],
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def canonical_for(db: sqlite3.Connection, written: str) -> str | None:
    """The canonical name most often given to mentions written ``written`` (any case)."""
    row = db.execute(
        "SELECT canonical FROM mentions WHERE text = ? COLLATE NOCASE"
        " GROUP BY canonical ORDER BY count(*) DESC, canonical LIMIT 1",
        (written.strip(),),
    ).fetchone()
    return None if row is None else str(row[0])


def entity_name_count(db: sqlite3.Connection) -> int:
    """How many distinct (canonical, type) names the store holds."""
    row = db.execute("SELECT count(*) FROM (SELECT DISTINCT canonical, type FROM mentions)")
    return int(row.fetchone()[0])


def entity_name_counts(db: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(canonical, type, mentions) over the whole store: what the entity directory is
    built from (one pass over the mentions)."""
    rows = db.execute("SELECT canonical, type, count(*) FROM mentions GROUP BY canonical, type")
    return [(r[0], r[1], r[2]) for r in rows]


def written_forms(db: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(text as written, canonical, mentions) over the whole store (one pass)."""
    rows = db.execute("SELECT text, canonical, count(*) FROM mentions GROUP BY text, canonical")
    return [(r[0], r[1], r[2]) for r in rows]


def story_days_of(
    db: sqlite3.Connection, ids: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """id -> (story id, published) of these articles, without loading them."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT id, story_id, published FROM articles WHERE id IN ({marks})", chunk
        ):
            found[row[0]] = (row[1], row[2])
    return found
