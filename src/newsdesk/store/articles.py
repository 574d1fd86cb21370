"""The articles table: storing a source's articles, copy links, reading and searching them."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsdesk.article import Article, Removed, article_id, content_hash
from newsdesk.errors import SearchSyntaxError
from newsdesk.store.database import Repository
from newsdesk.store.search import Spellings, filter_sql, parse_query, with_entity_names

__all__ = ["AddResult", "ArticleRepository", "SearchHit", "articles_by_ids"]


@dataclass(slots=True)
class AddResult:
    ingested: list[str]  # ids of new articles
    duplicates: list[str]  # ids already in the store


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    story_id: str | None = None  # the story the article belongs to, if any


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class ArticleRepository(Repository):
    """Articles, their removed debris, MinHash signatures and copy links."""

    # -- writing -----------------------------------------------------------

    def add_source(
        self,
        source: str,
        articles: Sequence[Article],
        *,
        signatures: Mapping[str, bytes | None] | None = None,
        relinks: Sequence[tuple[str, str | None, str | None, float | None]] = (),
    ) -> AddResult:
        """Store one source's articles in one transaction; a known id is a duplicate.

        ``signatures`` maps article ids to their MinHash signature bytes, kept so
        copy detection never recomputes them. ``relinks`` (as :meth:`relink` takes them)
        are applied in the same transaction, so a kill never leaves a link stale.
        """
        result = AddResult(ingested=[], duplicates=[])
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            for article in articles:
                article.id = article.id or article_id(article)
                if self._exists(db, article):
                    result.duplicates.append(article.id)
                    continue
                db.execute(_INSERT, _row(article, now))
                db.executemany(
                    "INSERT INTO removed (article_id, seq, text, reason) VALUES (?, ?, ?, ?)",
                    [(article.id, i, r.text, r.reason) for i, r in enumerate(article.removed)],
                )
                signature = (signatures or {}).get(article.id)
                if signature is not None:
                    db.execute(
                        "INSERT INTO signatures (article_id, minhash) VALUES (?, ?)",
                        (article.id, signature),
                    )
                result.ingested.append(article.id)
            db.execute(
                "INSERT INTO sources_ingested (source, articles, duplicates, ingested_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET"
                " articles = excluded.articles, duplicates = excluded.duplicates,"
                " ingested_at = excluded.ingested_at",
                (source, len(result.ingested), len(result.duplicates), now),
            )
            if relinks:
                db.executemany(
                    "UPDATE articles SET copy_of = ?, copy_kind = ?, copy_similarity = ?"
                    " WHERE id = ?",
                    [(original, kind, sim, key) for key, original, kind, sim in relinks],
                )
        return result

    @staticmethod
    def _exists(db: sqlite3.Connection, article: Article) -> bool:
        row = db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None and article.url:
            row = db.execute("SELECT 1 FROM articles WHERE url = ?", (article.url,)).fetchone()
        return row is not None

    def relink(self, links: Iterable[tuple[str, str | None, str | None, float | None]]) -> int:
        """Point articles at a new original: (id, copy_of, kind, similarity); None unlinks."""
        rows = [(original, kind, similarity, key) for key, original, kind, similarity in links]
        with self._transaction() as db:
            db.executemany(
                "UPDATE articles SET copy_of = ?, copy_kind = ?, copy_similarity = ? WHERE id = ?",
                rows,
            )
        return len(rows)

    # -- reading -----------------------------------------------------------

    def copy_seeds(self) -> Iterator[tuple[Article, bytes | None]]:
        """Every stored article (id, text, published) with its signature, for copy detection."""
        sql = (
            "SELECT a.id, a.text, a.published, s.minhash FROM articles a"
            " LEFT JOIN signatures s ON s.article_id = a.id ORDER BY a.rowid"
        )
        with self._reader() as db:
            for row in db.execute(sql):
                article = Article(
                    source="",
                    format="",
                    raw="",
                    text=row["text"],
                    id=row["id"],
                    published=_from_iso(row["published"]),
                )
                yield article, row["minhash"]

    def copies_of(self, article_id: str) -> list[Article]:
        """The articles that copy this one ("also published by")."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT * FROM articles WHERE copy_of = ? ORDER BY published, id", (article_id,)
            ).fetchall()
        return [_article(row, []) for row in rows]

    def count(self) -> int:
        with self._reader() as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def latest_day(self) -> str | None:
        """The latest publication day in the store (YYYY-MM-DD), or None."""
        with self._reader() as db:
            row = db.execute("SELECT max(substr(published, 1, 10)) FROM articles").fetchone()
        return row[0] if row and row[0] else None

    def removed_reasons(self) -> Counter[str]:
        """How many pieces of debris were removed, per reason, over the whole store."""
        with self._reader() as db:
            rows = db.execute("SELECT reason, count(*) FROM removed GROUP BY reason").fetchall()
        return Counter({reason: n for reason, n in rows})

    def articles(self, *, limit: int | None = None) -> list[Article]:
        """All articles, newest first (by publication, then ingestion)."""
        sql = "SELECT * FROM articles ORDER BY coalesce(published, '') DESC, rowid DESC"
        with self._reader() as db:
            rows = db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
            return [_article(row, []) for row in rows]

    def article(self, article_id: str) -> Article | None:
        with self._reader() as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            removed = db.execute(
                "SELECT text, reason FROM removed WHERE article_id = ? ORDER BY seq", (article_id,)
            ).fetchall()
            return _article(row, [Removed(text=r["text"], reason=r["reason"]) for r in removed])

    def search(
        self, query: str, *, limit: int = 20, spellings: Spellings | None = None
    ) -> list[SearchHit]:
        """bm25-ranked full-text search; SearchSyntaxError on malformed queries.
        ``spellings`` resolves ``entity:`` names (:func:`with_entity_names`)."""
        parsed = parse_query(query)
        rank = "bm25(articles_fts, 10.0, 1.0)" if parsed.match else "0.0"
        snippet = (
            "snippet(articles_fts, -1, '[', ']', ' … ', 16)"
            if parsed.match
            else "substr(a.text, 1, 120)"
        )
        with self._reader() as db:
            where, params = filter_sql(with_entity_names(parsed, db, spellings))
            if parsed.match:
                where.append("articles_fts MATCH ?")
                params.append(parsed.match)
            sql = (
                f"SELECT a.id, a.title, a.outlet, a.published, a.story_id, {snippet} AS snip,"
                f" {rank} AS score"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                f" WHERE {' AND '.join(where) or '1'} ORDER BY score, a.rowid LIMIT ?"
            )
            try:
                rows = db.execute(sql, [*params, limit]).fetchall()
            except sqlite3.OperationalError as exc:
                raise SearchSyntaxError(f"cannot search for {query!r}: {exc}") from exc
        return [
            SearchHit(
                r["id"],
                r["title"],
                r["outlet"],
                r["published"],
                r["snip"],
                r["score"],
                r["story_id"],
            )
            for r in rows
        ]


_COLUMNS = (
    "id, url, content_hash, source, format, title, author, outlet, site, published,"
    " published_source, fetched, language, text, raw, flags, extras, story_id, ingested_at,"
    " copy_of, copy_kind, copy_similarity"
)
_INSERT = f"INSERT INTO articles ({_COLUMNS}) VALUES ({', '.join('?' * 22)})"
_COPY_KEYS = ("copy_of", "copy_kind", "copy_similarity")


def _row(article: Article, now: str) -> tuple[Any, ...]:
    return (
        article.id,
        article.url,
        content_hash(article.body),
        article.source,
        article.format,
        article.title,
        article.author,
        article.outlet,
        article.site,
        _iso(article.published),
        article.published_source,
        _iso(article.fetched),
        article.language,
        article.body,
        article.raw,
        json.dumps(article.flags),
        json.dumps(
            {k: v for k, v in article.extras.items() if k not in _COPY_KEYS},
            default=str,
            ensure_ascii=False,
        ),
        article.story_id,
        now,
        *(article.extras.get(key) for key in _COPY_KEYS),
    )


def _article(row: sqlite3.Row, removed: list[Removed]) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        raw=row["raw"],
        text=row["text"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        outlet=row["outlet"],
        site=row["site"],
        published=_from_iso(row["published"]),
        published_source=row["published_source"],
        fetched=_from_iso(row["fetched"]),
        language=row["language"],
        removed=removed,
        flags=json.loads(row["flags"]),
        story_id=row["story_id"],
        extras=json.loads(row["extras"]) | {k: row[k] for k in _COPY_KEYS if row[k] is not None},
    )


def articles_by_ids(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Article]:
    """These articles by id (those that exist), 500 to a query; ``removed`` left empty."""
    found: dict[str, Article] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
            found[row["id"]] = _article(row, [])
    return found
