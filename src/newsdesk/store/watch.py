"""The store's watchlists: adding, listing, removing, and the articles they match.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place the
``watchlists`` table is spoken to in SQL. Matching a pass (:mod:`.watch_matches`), the
alert ledger and the sender's lease (:mod:`.watch_alerts`) and trends (:mod:`.trends`)
are repositories of their own beside it; they share :func:`compile_query` (a user's
query as SQL) from here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from newsdesk.errors import SearchSyntaxError
from newsdesk.store.database import Repository
from newsdesk.store.search import (
    ParsedQuery,
    Spellings,
    filter_sql,
    parse_query,
    with_entity_names,
)

__all__ = ["Watch", "WatchHead", "WatchRepository", "compile_query", "resolved_names"]


@dataclass(slots=True)  # not frozen: a thousand are built each pass, and frozen init is slow
class Watch:
    id: int
    name: str
    query: str
    email: str | None
    webhook: str | None
    secret: str | None
    allow_private: bool
    per_hour: int
    owner: str | None
    created_at: str
    watermark: int
    matched: int
    mail_errors: int
    mail_error: str | None
    hook_errors: int
    hook_error: str | None
    hook_retry_at: str | None

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c for c, on in (("email", self.email), ("webhook", self.webhook)) if on)


class WatchHead(NamedTuple):
    """What matching needs of a watchlist."""

    id: int
    name: str
    query: str
    watermark: int


_WATCH_COLUMNS = (
    "id, name, query, email, webhook, secret, allow_private, per_hour, owner, created_at,"
    " watermark, matched, mail_errors, mail_error, hook_errors, hook_error, hook_retry_at"
)


def _watch_tuple(row: tuple[Any, ...]) -> Watch:
    """A watchlist from a plain row of :data:`_WATCH_COLUMNS` (cheaper than by name)."""
    values: list[Any] = [*row[:6], bool(row[6]), *row[7:]]
    return Watch(*values)


def _watch(row: sqlite3.Row) -> Watch:
    return Watch(
        id=row["id"], name=row["name"], query=row["query"], email=row["email"],
        webhook=row["webhook"], secret=row["secret"], allow_private=bool(row["allow_private"]),
        per_hour=row["per_hour"], owner=row["owner"], created_at=row["created_at"],
        watermark=row["watermark"], matched=row["matched"], mail_errors=row["mail_errors"],
        mail_error=row["mail_error"], hook_errors=row["hook_errors"],
        hook_error=row["hook_error"], hook_retry_at=row["hook_retry_at"],
    )  # fmt: skip


def _when() -> str:
    return "coalesce(a.published, a.ingested_at)"


EntityNames = tuple[tuple[str, tuple[str, ...]], ...]  # entity: name -> canonical names


def resolved_names(db: sqlite3.Connection, query: str, spellings: Spellings | None) -> EntityNames:
    """The ``entity:`` names of ``query`` resolved by ``spellings`` (the entity
    resolver's, see :func:`~newsdesk.store.search.with_entity_names`), as
    :func:`compile_query` takes them; none without a resolver or an ``entity:``."""
    if spellings is None or "entity:" not in query.lower():
        return ()
    parsed = with_entity_names(parse_query(query), db, spellings)
    return tuple(sorted(parsed.entity_names.items()))


@lru_cache(maxsize=4096)
def compile_query(query: str, names: EntityNames = ()) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause (over ``articles a`` joined to ``articles_fts``) and parameters
    for a user's query, compiled once per query text and resolution (``names``: its
    ``entity:`` names resolved by :func:`resolved_names`, so a watchlist, its page and
    its chart find the articles the entity's page lists); SearchSyntaxError when it is
    malformed."""
    parsed: ParsedQuery = parse_query(query)
    if names:
        parsed = replace(parsed, entity_names=dict(names))
    where, params = filter_sql(parsed)
    if parsed.match:
        where.append("articles_fts MATCH ?")
        params.append(parsed.match)
    return " AND ".join(where) or "1", tuple(params)


_SHOWN = " AND NOT EXISTS (SELECT 1 FROM article_marks k WHERE k.article_id = a.id)"


def _shown(db: sqlite3.Connection) -> str:
    """The clause leaving out articles a mute/keep rule hid (where rules exist)."""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_marks'"
    ).fetchone()
    return _SHOWN if found else ""


class WatchRepository(Repository):
    """Watchlists: add, list, look up, remove; the articles a watchlist matched."""

    def add_watch(
        self,
        name: str,
        query: str,
        *,
        now: str,
        email: str | None = None,
        webhook: str | None = None,
        secret: str | None = None,
        allow_private: bool = False,
        per_hour: int = 6,
        owner: str | None = None,
    ) -> Watch | None:
        """A new watchlist, watching articles committed from now on; None when the name
        is taken."""
        compile_query(query)  # refuse a malformed query before anything is written
        with self._transaction() as db:
            high = db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
            cursor = db.execute(
                "INSERT OR IGNORE INTO watchlists (name, query, email, webhook, secret,"
                " allow_private, per_hour, owner, created_at, watermark)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, query, email, webhook, secret, int(allow_private), per_hour, owner,
                 now, high),
            )  # fmt: skip
            if cursor.rowcount == 0:
                return None
            row = db.execute("SELECT * FROM watchlists WHERE id = ?", (cursor.lastrowid,))
            return _watch(row.fetchone())

    def watches(self) -> list[Watch]:
        with self._reader() as db:
            db.row_factory = None
            try:
                rows = db.execute(
                    f"SELECT {_WATCH_COLUMNS} FROM watchlists ORDER BY name COLLATE NOCASE"
                ).fetchall()
            finally:
                db.row_factory = sqlite3.Row
        return [_watch_tuple(tuple(r)) for r in rows]

    def watch_heads(self, *, below: int) -> list[WatchHead]:
        """The watchlists whose watermark is below ``below`` (id, query, watermark)."""
        with self._reader() as db:
            db.row_factory = None  # plain tuples: a thousand are read each pass
            rows = db.execute(
                "SELECT id, name, query, watermark FROM watchlists WHERE watermark < ? ORDER BY id",
                (below,),
            ).fetchall()
        return list(map(WatchHead._make, rows))

    def watch(self, name: str) -> Watch | None:
        with self._reader() as db:
            row = db.execute("SELECT * FROM watchlists WHERE name = ?", (name,)).fetchone()
        return None if row is None else _watch(row)

    def remove_watch(self, name: str) -> bool:
        """Forget a watchlist, its matches and its ledger (its articles stay)."""
        with self._transaction() as db:
            return db.execute("DELETE FROM watchlists WHERE name = ?", (name,)).rowcount > 0

    def drop_watch_email(self, watch_id: int, email: str) -> bool:
        """Stop mailing ``email`` for this watchlist (one-click unsubscribe); its unsent
        mail rows are closed as skipped."""
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE watchlists SET email = NULL WHERE id = ? AND email = ? COLLATE NOCASE",
                (watch_id, email),
            ).rowcount
            db.execute(
                "UPDATE watch_ledger SET status = 'skipped' WHERE watch_id = ?"
                " AND channel = 'email' AND status = 'pending'",
                (watch_id,),
            )
            db.execute(
                "UPDATE watch_alerts SET status = 'skipped', last_error = 'unsubscribed'"
                " WHERE watch_id = ? AND channel = 'email' AND status = 'pending'",
                (watch_id,),
            )
            return changed > 0

    def watch_articles(self, watch_id: int, *, limit: int = 50) -> list[str]:
        """Ids of a watchlist's latest matches, newest first."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT article_id FROM watch_matches WHERE watch_id = ?"
                " ORDER BY rowid_at DESC LIMIT ?",
                (watch_id, limit),
            ).fetchall()
        return [r[0] for r in rows]

    def watch_by_id(self, watch_id: int) -> Watch | None:
        with self._reader() as db:
            row = db.execute("SELECT * FROM watchlists WHERE id = ?", (watch_id,)).fetchone()
        return None if row is None else _watch(row)

    def latest_matching(
        self, query: str, *, limit: int = 50, spellings: Spellings | None = None
    ) -> list[str]:
        """Ids of the articles ``query`` matches, the latest committed first (a
        watchlist's page and feed; ``spellings`` resolves its ``entity:`` names)."""
        with self._reader() as db:
            where, params = compile_query(query, resolved_names(db, query, spellings))
            sql = (
                "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                f" WHERE {where}{_shown(db)} ORDER BY a.rowid DESC LIMIT ?"
            )
            try:
                rows = db.execute(sql, [*params, limit]).fetchall()
            except sqlite3.OperationalError as exc:
                raise SearchSyntaxError(f"cannot search for {query!r}: {exc}") from exc
        return [r[0] for r in rows]

    def story_titles(self, ids: Sequence[str]) -> dict[str, str | None]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        with self._reader() as db:
            rows = db.execute(f"SELECT id, title FROM stories WHERE id IN ({marks})", list(ids))
            return {r["id"]: r["title"] for r in rows.fetchall()}
