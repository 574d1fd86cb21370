"""Matching a pass: the articles each watchlist's query matches since its watermark.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore` beside the watchlists
(:mod:`.watch`). Matching is incremental: each watchlist remembers the highest
``articles.rowid`` it has seen, and a pass looks only at the rowids above it: those
articles are indexed once in an in-memory FTS5 table with the store's tokenizer and
every watchlist's query is evaluated over their token positions
(:mod:`newsdesk.store.watch_eval`), so a thousand watchlists cost no thousand queries;
a query of another shape is asked of FTS5 itself. A pass's matches, their ledger rows
(one per channel, for :mod:`.watch_alerts`) and the new watermarks are one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from newsdesk.errors import SearchSyntaxError
from newsdesk.store.database import Repository
from newsdesk.store.search import HIDDEN_ROWIDS, Spellings, filter_sql, parse_query
from newsdesk.store.watch import (
    EntityNames,
    Watch,
    WatchHead,
    _shown,
    compile_query,
    resolved_names,
)
from newsdesk.store.watch_eval import (
    CHUNK,
    Compiled,
    Expression,
    TokenIndex,
    nocase,
    parse_expression,
    token_index,
    tokenizer_of,
)
from newsdesk.store.watch_prefilter import (
    batch_tokens,
    required_outlets,
    required_tokens,
    satisfied,
)

__all__ = ["Match", "WatchMatchRepository"]


@dataclass(frozen=True, slots=True)
class Match:
    """An article a watchlist matched in a pass."""

    rowid: int
    article_id: str
    story_id: str | None
    new_story: bool


_MATCH_SQL = (
    "SELECT a.rowid, a.id, a.story_id, a.story_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM articles b WHERE b.story_id = a.story_id AND b.rowid <= ?)"
    " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    " WHERE articles_fts.rowid > ? AND articles_fts.rowid <= ? AND {where}{shown}"
    " ORDER BY a.rowid"
)


class _Plan(NamedTuple):
    """How a watchlist is evaluated in memory (see :mod:`newsdesk.store.watch_eval`)."""

    expression: Expression | None  # None: no words, every new article is a candidate
    key: str  # the expression's FTS5 text ("" without words): what it is known by
    outlets: frozenset[str] | None  # outlet: values (NOCASE), checked in Python
    where: str | None  # the other filters, asked of SQL over the candidates
    params: tuple[Any, ...]


_HIDDEN_CLAUSE = f"a.rowid NOT IN {HIDDEN_ROWIDS}"


class _Resolutions(dict[str, EntityNames]):
    """A pass's ``entity:`` resolutions by query text, each asked of the resolver once."""

    def __init__(self, db: sqlite3.Connection, spellings: Spellings | None) -> None:
        super().__init__()
        self.db, self.spellings = db, spellings

    def __missing__(self, query: str) -> EntityNames:
        names = self[query] = resolved_names(self.db, query, self.spellings)
        return names


@lru_cache(maxsize=4096)
def _plan(query: str, names: EntityNames = ()) -> _Plan | None:
    """The in-memory plan for ``query`` (``names``: its resolved ``entity:`` names); None
    when FTS5 must evaluate it. SearchSyntaxError when it is malformed."""
    parsed = parse_query(query)
    if names:
        parsed = replace(parsed, entity_names=dict(names))
    expression = None
    if parsed.match:
        expression = parse_expression(parsed.match)
        if expression is None:
            return None
    where, params = filter_sql(parsed)
    if _HIDDEN_CLAUSE not in where:
        return None  # filter_sql changed shape: leave it to SQL
    where = [w for w in where if w != _HIDDEN_CLAUSE]  # hidden rows are read once a pass
    only_outlets = not (parsed.date_from or parsed.entities or parsed.outlet_filters
                        or parsed.cjk or parsed.cjk_excluded)  # fmt: skip
    if parsed.outlets and only_outlets:
        outlets = frozenset(nocase(o) for o in parsed.outlets)
        return _Plan(expression, parsed.match, outlets, None, ())
    if not where:
        return _Plan(expression, parsed.match, None, None, ())
    return _Plan(expression, parsed.match, None, " AND ".join(where), tuple(params))


def _match_in_memory(
    db: sqlite3.Connection,
    tokenizer: str,
    watches: Sequence[WatchHead | Watch],
    plans: dict[int, _Plan],
    high: int,
    found: dict[int, list[Match] | SearchSyntaxError],
    marks: bool,
) -> list[WatchHead | Watch]:
    """Evaluate ``watches`` over the new articles a chunk at a time (one in-memory FTS5
    index, no query per watchlist); returns the watchlists left to FTS5 (a phrase that
    FTS5 reads as no token)."""
    index = token_index(tokenizer)
    compiled = index.compile({p.key: p.expression for p in plans.values() if p.expression})
    left: list[WatchHead | Watch] = []
    ready: list[WatchHead | Watch] = []
    for w in watches:
        key = plans[w.id].key
        (left if key and not compiled[key].usable else ready).append(w)
    if not ready:
        return left
    terms = index.prepare(compiled)
    for w in ready:
        found[w.id] = []
    cursor = min(w.watermark for w in ready)
    while cursor < high:
        rows = db.execute(
            "SELECT rowid, id, story_id, coalesce(title, ''), text, outlet FROM articles"
            " WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?",
            (cursor, high, CHUNK),
        ).fetchall()
        if not rows:
            break
        cursor = int(rows[-1][0])
        _match_chunk(db, index, rows, ready, plans, compiled, terms, found, marks)
    return left


def _hidden_between(db: sqlite3.Connection, first: int, last: int) -> set[int]:
    """The rowids from ``first`` to ``last`` a mute/keep rule hid."""
    return {int(r[0]) for r in db.execute(
        "SELECT a.rowid FROM articles a WHERE a.rowid >= ? AND a.rowid <= ?"
        " AND EXISTS (SELECT 1 FROM article_marks k WHERE k.article_id = a.id)",
        (first, last),
    )}  # fmt: skip


def _story_openings(db: sqlite3.Connection, stories: set[str]) -> dict[str, int]:
    """Story id -> the rowid of its first article (a match opens a new story when that
    is above the watchlist's watermark)."""
    ordered = sorted(stories)
    opened: dict[str, int] = {}
    for start in range(0, len(ordered), 500):
        part = ordered[start : start + 500]
        opened.update(
            (str(k), int(n))
            for k, n in db.execute(
                "SELECT story_id, min(rowid) FROM articles"
                f" WHERE story_id IN ({', '.join('?' * len(part))}) GROUP BY story_id",
                part,
            )
        )
    return opened


def _passing(
    db: sqlite3.Connection, where: str, params: tuple[Any, ...], first: int, last: int
) -> set[int]:
    """The rowids from ``first`` to ``last`` that pass a plan's SQL filters."""
    return {int(r[0]) for r in db.execute(
        f"SELECT a.rowid FROM articles a WHERE a.rowid >= ? AND a.rowid <= ? AND {where}",
        [first, last, *params],
    )}  # fmt: skip


def _match_chunk(
    db: sqlite3.Connection,
    index: TokenIndex,
    rows: list[Any],
    watches: Sequence[WatchHead | Watch],
    plans: dict[int, _Plan],
    compiled: dict[str, Compiled],
    terms: set[str],
    found: dict[int, list[Match] | SearchSyntaxError],
    marks: bool,
) -> None:
    """Add to ``found`` what each watchlist matched among one chunk's ``rows``."""
    first, last = int(rows[0][0]), int(rows[-1][0])
    meta = {int(r[0]): r for r in rows}
    index.load([(r[0], r[3], r[4]) for r in rows], terms)
    hidden = _hidden_between(db, first, last) if marks else set()
    opened = _story_openings(db, {r[2] for r in rows if r[2] is not None})
    everything = set(meta) - hidden
    evaluated = {k: index.evaluate(compiled[k]) - hidden for k in index.candidates()}
    filtered: dict[tuple[str, tuple[Any, ...]], set[int]] = {}
    for watch in watches:
        if watch.watermark >= last or isinstance(found.get(watch.id), SearchSyntaxError):
            continue
        plan = plans[watch.id]
        # an expression none of whose triggers is present was not evaluated: no match
        hits = evaluated.get(plan.key, set()) if plan.key else everything
        if not hits:
            continue
        if plan.outlets is not None:
            hits = {
                r for r in hits if meta[r][5] is not None and nocase(meta[r][5]) in plan.outlets
            }
        if plan.where is not None and hits:
            key = (plan.where, plan.params)
            if key not in filtered:  # the filters asked once a chunk, of all its articles
                try:
                    filtered[key] = _passing(db, plan.where, plan.params, first, last)
                except sqlite3.OperationalError as exc:
                    found[watch.id] = SearchSyntaxError(f"cannot evaluate {watch.query!r}: {exc}")
                    continue
            hits = hits & filtered[key]
        matches = found[watch.id]
        assert isinstance(matches, list)
        for r in sorted(h for h in hits if h > watch.watermark):
            row = meta[r]
            story = row[2]
            matches.append(
                Match(r, row[1], story, story is not None and opened[story] > watch.watermark)
            )


def _watch_states(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, sqlite3.Row]:
    """Id -> (id, watermark, email, webhook) of the watchlists still there."""
    current: dict[int, sqlite3.Row] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        current.update(
            (r["id"], r)
            for r in db.execute(
                "SELECT id, watermark, email, webhook FROM watchlists"
                f" WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return current


def _move_watermarks(db: sqlite3.Connection, ids: Sequence[int], high: int) -> None:
    """Move each watchlist's watermark up to ``high`` (never down: a later pass may be
    ahead)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        db.execute(
            "UPDATE watchlists SET watermark = ? WHERE watermark < ?"
            f" AND id IN ({', '.join('?' * len(chunk))})",
            [high, high, *chunk],
        )


class WatchMatchRepository(Repository):
    """A pass over the new articles: what each watchlist matched, and recording it."""

    def max_article_rowid(self) -> int:
        with self._reader() as db:
            return int(db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])

    def annotated_through(self, low: int, high: int, since: str) -> int:
        """The highest rowid up to ``high`` below which every article after ``low`` has
        its annotations, or was committed before ``since`` (never to be annotated)."""
        with self._reader() as db:
            row = db.execute(
                "SELECT min(a.rowid) FROM articles a WHERE a.rowid > ? AND a.rowid <= ?"
                " AND a.ingested_at >= ? AND NOT EXISTS"
                " (SELECT 1 FROM annotations n WHERE n.article_id = a.id)",
                (low, high, since),
            ).fetchone()
        return high if row is None or row[0] is None else int(row[0]) - 1

    def find_matches(
        self, watches: Sequence[WatchHead | Watch], high: int, spellings: Spellings | None = None
    ) -> dict[int, list[Match] | SearchSyntaxError]:
        """For each watchlist, the articles with ``watermark < rowid <= high`` its query
        matches, in rowid order (one read connection for all); ``new_story`` when no
        article at or below the watermark is in the same story. ``spellings`` resolves
        ``entity:`` names as a search does (:func:`resolved_names`). A query that can no
        longer be read maps to its error."""
        found: dict[int, list[Match] | SearchSyntaxError] = {}
        behind = [w for w in watches if w.watermark < high]
        if not behind:
            return found
        with self._reader() as db:
            shown = _shown(db)
            tokenizer = tokenizer_of(db)
            plans: dict[int, _Plan] = {}
            slow: list[WatchHead | Watch] = []
            names = _Resolutions(db, spellings)
            for watch in behind:
                try:
                    plan = _plan(watch.query, names[watch.query])
                except SearchSyntaxError as exc:
                    found[watch.id] = exc
                    continue
                if plan is None or tokenizer is None:
                    slow.append(watch)
                else:
                    plans[watch.id] = plan
            if plans:
                assert tokenizer is not None
                fast = [w for w in behind if w.id in plans]
                slow += _match_in_memory(db, tokenizer, fast, plans, high, found, bool(shown))
            self._match_by_fts(db, slow, high, found, shown, names)
        return found

    def _match_by_fts(
        self,
        db: sqlite3.Connection,
        watches: Sequence[WatchHead | Watch],
        high: int,
        found: dict[int, list[Match] | SearchSyntaxError],
        shown: str,
        names: _Resolutions,
    ) -> None:
        """One FTS5 query per watchlist (those :func:`_plan` cannot evaluate in memory),
        skipped where the prefilter shows no new article can match."""
        if not watches:
            return
        low = min(w.watermark for w in watches)
        batch = db.execute(
            "SELECT coalesce(title, ''), text, coalesce(outlet, '') FROM articles"
            " WHERE rowid > ? AND rowid <= ?",
            (low, high),
        ).fetchall()
        # lower-cased as required_outlets does (SQL's lower() folds ASCII only: 'NØRD'
        # would stay apart from 'nørd' and the watchlist be skipped wrongly)
        outlets = {row[2].strip().lower() for row in batch}
        try:
            present: set[str] | None = batch_tokens(t for row in batch for t in row[:2])
        except ValueError:
            present = None  # text too odd to prefilter: ask FTS5 about every watchlist
        asked: dict[tuple[str, tuple[Any, ...], int], list[Match]] = {}
        for watch in watches:
            needs = required_tokens(watch.query)
            wanted = required_outlets(watch.query)
            if (needs and present is not None and not satisfied(needs, present)) or (
                wanted and not wanted & outlets
            ):
                found[watch.id] = []  # no new article holds its words or is from its outlet
                continue
            try:
                where, params = compile_query(watch.query, names[watch.query])
                key = (where, params, watch.watermark)
                if key not in asked:  # watchlists asking the same are asked once
                    sql = _MATCH_SQL.format(where=where, shown=shown)
                    rows = db.execute(sql, [watch.watermark, watch.watermark, high, *params])
                    asked[key] = [Match(r[0], r[1], r[2], bool(r[3])) for r in rows]
                found[watch.id] = asked[key]
            except SearchSyntaxError as exc:
                found[watch.id] = exc
            except sqlite3.OperationalError as exc:
                found[watch.id] = SearchSyntaxError(f"cannot evaluate {watch.query!r}: {exc}")

    def find_matches_by_fts(
        self, watches: Sequence[WatchHead | Watch], high: int, spellings: Spellings | None = None
    ) -> dict[int, list[Match] | SearchSyntaxError]:
        """:meth:`find_matches` asking FTS5 about every watchlist (the reference the
        in-memory evaluation is tested against)."""
        found: dict[int, list[Match] | SearchSyntaxError] = {}
        with self._reader() as db:
            self._match_by_fts(db, [w for w in watches if w.watermark < high], high, found,
                               _shown(db), _Resolutions(db, spellings))  # fmt: skip
        return found

    def record_matches(
        self, found: dict[int, list[Match]], *, high: int, now: str
    ) -> dict[int, int]:
        """Store a pass's matches with a pending ledger row per channel and move each
        watchlist's watermark to ``high``, all in one transaction; new matches per id."""
        fresh: dict[int, int] = {}
        with self._transaction() as db:
            matched = [i for i, ms in found.items() if ms]
            current = _watch_states(db, matched)
            rows, ledger = [], []
            for watch_id in matched:
                row = current.get(watch_id)
                if row is None or row["watermark"] >= high:
                    continue  # removed meanwhile, or another pass got here first
                channels = [c for c in ("email", "webhook") if row[c]]
                new = [m for m in found[watch_id] if m.rowid > row["watermark"]]
                rows += [(watch_id, m.article_id, m.rowid, m.story_id, int(m.new_story), now)
                         for m in new]  # fmt: skip
                ledger += [(watch_id, m.article_id, c) for m in new for c in channels]
                fresh[watch_id] = len(new)
            db.executemany(
                "INSERT OR IGNORE INTO watch_matches (watch_id, article_id, rowid_at,"
                " story_id, new_story, matched_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.executemany(
                "INSERT OR IGNORE INTO watch_ledger (watch_id, article_id, channel)"
                " VALUES (?, ?, ?)",
                ledger,
            )
            db.executemany(
                "UPDATE watchlists SET matched = matched + ? WHERE id = ?",
                [(n, i) for i, n in fresh.items() if n],
            )
            _move_watermarks(db, list(found), high)
        return fresh
