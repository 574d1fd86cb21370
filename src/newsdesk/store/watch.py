"""The store's watchlists, their matches and alert ledger (trends: :mod:`.trends`).

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL. Matching is incremental: each watchlist remembers the highest
``articles.rowid`` it has seen, and a pass looks only at the rowids above it: those
articles are indexed once in an in-memory FTS5 table with the store's tokenizer and
every watchlist's query is evaluated over their token positions
(:mod:`newsdesk.store.watch_eval`), so a thousand watchlists cost no thousand queries;
a query of another shape is asked of FTS5 itself.
A match, its ledger rows and the new watermark are one transaction; an alert is
planned (its id written, its ledger rows claimed) before it is sent and marked after,
the newsletter ledger's rules.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from newsdesk.errors import SearchSyntaxError
from newsdesk.store.database import Repository
from newsdesk.store.search import HIDDEN_ROWIDS, ParsedQuery, filter_sql, parse_query
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
    Needs,
    batch_tokens,
    needs_annotations,
    required_outlets,
    required_tokens,
    satisfied,
)

__all__ = [
    "Alert",
    "AlertItem",
    "Match",
    "Needs",
    "Watch",
    "WatchHead",
    "WatchRepository",
    "batch_tokens",
    "compile_query",
    "needs_annotations",
    "required_outlets",
    "required_tokens",
    "satisfied",
]


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


@dataclass(frozen=True, slots=True)
class Match:
    """An article a watchlist matched in a pass."""

    rowid: int
    article_id: str
    story_id: str | None
    new_story: bool


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    watch_id: int
    channel: str
    delivery_id: str
    target: str
    status: str
    created_at: str
    attempts: int
    next_attempt_at: str
    last_error: str | None
    sent_at: str | None


@dataclass(frozen=True, slots=True)
class AlertItem:
    """One matched article as an alert carries it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    story_id: str | None
    story_title: str | None
    new_story: bool


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


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(
        id=row["id"], watch_id=row["watch_id"], channel=row["channel"],
        delivery_id=row["delivery_id"], target=row["target"], status=row["status"],
        created_at=row["created_at"], attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"], last_error=row["last_error"],
        sent_at=row["sent_at"],
    )  # fmt: skip


def _when() -> str:
    return "coalesce(a.published, a.ingested_at)"


@lru_cache(maxsize=4096)
def compile_query(query: str) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause (over ``articles a`` joined to ``articles_fts``) and parameters
    for a user's query, compiled once per query text; SearchSyntaxError when it is
    malformed."""
    parsed: ParsedQuery = parse_query(query)
    where, params = filter_sql(parsed)
    if parsed.match:
        where.append("articles_fts MATCH ?")
        params.append(parsed.match)
    return " AND ".join(where) or "1", tuple(params)


_MATCH_SQL = (
    "SELECT a.rowid, a.id, a.story_id, a.story_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM articles b WHERE b.story_id = a.story_id AND b.rowid <= ?)"
    " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    " WHERE articles_fts.rowid > ? AND articles_fts.rowid <= ? AND {where}{shown}"
    " ORDER BY a.rowid"
)
_SHOWN = " AND NOT EXISTS (SELECT 1 FROM article_marks k WHERE k.article_id = a.id)"


def _shown(db: sqlite3.Connection) -> str:
    """The clause leaving out articles a mute/keep rule hid (where rules exist)."""
    found = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_marks'"
    ).fetchone()
    return _SHOWN if found else ""


class _Plan(NamedTuple):
    """How a watchlist is evaluated in memory (see :mod:`newsdesk.store.watch_eval`)."""

    expression: Expression | None  # None: no words, every new article is a candidate
    key: str  # the expression's FTS5 text ("" without words): what it is known by
    outlets: frozenset[str] | None  # outlet: values (NOCASE), checked in Python
    where: str | None  # the other filters, asked of SQL over the candidates
    params: tuple[Any, ...]


_HIDDEN_CLAUSE = f"a.rowid NOT IN {HIDDEN_ROWIDS}"


@lru_cache(maxsize=4096)
def _plan(query: str) -> _Plan | None:
    """The in-memory plan for ``query``; None when FTS5 must evaluate it.
    SearchSyntaxError when it is malformed."""
    parsed = parse_query(query)
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
    first, last = int(rows[0][0]), int(rows[-1][0])
    meta = {int(r[0]): r for r in rows}
    index.load([(r[0], r[3], r[4]) for r in rows], terms)
    hidden: set[int] = set()
    if marks:
        hidden = {int(r[0]) for r in db.execute(
            "SELECT a.rowid FROM articles a WHERE a.rowid >= ? AND a.rowid <= ?"
            " AND EXISTS (SELECT 1 FROM article_marks k WHERE k.article_id = a.id)",
            (first, last),
        )}  # fmt: skip
    stories = sorted({r[2] for r in rows if r[2] is not None})
    opened: dict[str, int] = {}  # story id -> its first article's rowid
    for start in range(0, len(stories), 500):
        part = stories[start : start + 500]
        opened.update(
            (str(k), int(n))
            for k, n in db.execute(
                "SELECT story_id, min(rowid) FROM articles"
                f" WHERE story_id IN ({', '.join('?' * len(part))}) GROUP BY story_id",
                part,
            )
        )
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
                    filtered[key] = {int(r[0]) for r in db.execute(
                        f"SELECT a.rowid FROM articles a WHERE a.rowid >= ? AND a.rowid <= ?"
                        f" AND {plan.where}", [first, last, *plan.params],
                    )}  # fmt: skip
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


class WatchRepository(Repository):
    """Watchlists, the matches they found, and the alert ledger."""

    # -- the watchlists ------------------------------------------------------------------

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

    # -- matching ------------------------------------------------------------------------

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
        self, watches: Sequence[WatchHead | Watch], high: int
    ) -> dict[int, list[Match] | SearchSyntaxError]:
        """For each watchlist, the articles with ``watermark < rowid <= high`` its query
        matches, in rowid order (one read connection for all); ``new_story`` when no
        article at or below the watermark is in the same story. A query that can no
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
            for watch in behind:
                try:
                    plan = _plan(watch.query)
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
            self._match_by_fts(db, slow, high, found, shown)
        return found

    def _match_by_fts(
        self,
        db: sqlite3.Connection,
        watches: Sequence[WatchHead | Watch],
        high: int,
        found: dict[int, list[Match] | SearchSyntaxError],
        shown: str,
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
                where, params = compile_query(watch.query)
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
        self, watches: Sequence[WatchHead | Watch], high: int
    ) -> dict[int, list[Match] | SearchSyntaxError]:
        """:meth:`find_matches` asking FTS5 about every watchlist (the reference the
        in-memory evaluation is tested against)."""
        found: dict[int, list[Match] | SearchSyntaxError] = {}
        with self._reader() as db:
            self._match_by_fts(db, [w for w in watches if w.watermark < high], high, found,
                               _shown(db))  # fmt: skip
        return found

    def record_matches(
        self, found: dict[int, list[Match]], *, high: int, now: str
    ) -> dict[int, int]:
        """Store a pass's matches with a pending ledger row per channel and move each
        watchlist's watermark to ``high``, all in one transaction; new matches per id."""
        fresh: dict[int, int] = {}
        with self._transaction() as db:
            matched = [i for i, ms in found.items() if ms]
            current: dict[int, Any] = {}
            for start in range(0, len(matched), 500):
                chunk = matched[start : start + 500]
                current.update(
                    (r["id"], r)
                    for r in db.execute(
                        "SELECT id, watermark, email, webhook FROM watchlists"
                        f" WHERE id IN ({', '.join('?' * len(chunk))})",
                        chunk,
                    )
                )
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
            ids = list(found)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                db.execute(
                    "UPDATE watchlists SET watermark = ? WHERE watermark < ?"
                    f" AND id IN ({', '.join('?' * len(chunk))})",
                    [high, high, *chunk],
                )
        return fresh

    def watch_articles(self, watch_id: int, *, limit: int = 50) -> list[str]:
        """Ids of a watchlist's latest matches, newest first."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT article_id FROM watch_matches WHERE watch_id = ?"
                " ORDER BY rowid_at DESC LIMIT ?",
                (watch_id, limit),
            ).fetchall()
        return [r[0] for r in rows]

    # -- the sender's lease ----------------------------------------------------------------

    def take_watch_lease(
        self, holder: str, *, now: str, until: str, replace: str | None = None
    ) -> str | None:
        """Hold (or renew) the alert sender's lease until ``until``; None when this holder
        has it, else the other holder. A lease that expired, or whose holder is
        ``replace`` (known dead), is taken over."""
        with self._transaction() as db:
            row = db.execute("SELECT holder, until FROM watch_sender WHERE id = 1").fetchone()
            if row is not None and row[0] not in (holder, replace) and row[1] > now:
                return str(row[0])
            db.execute(
                "INSERT INTO watch_sender (id, holder, until) VALUES (1, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until = excluded.until",
                (holder, until),
            )
        return None

    def release_watch_lease(self, holder: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM watch_sender WHERE id = 1 AND holder = ?", (holder,))

    def watch_lease_holder(self, now: str) -> str | None:
        """Who holds the alert sender's lease at ``now`` (None: nobody)."""
        with self._reader() as db:
            row = db.execute(
                "SELECT holder FROM watch_sender WHERE id = 1 AND until > ?", (now,)
            ).fetchone()
        return None if row is None else str(row[0])

    # -- the alert ledger ----------------------------------------------------------------

    def ledger_waiting(self) -> dict[tuple[int, str], int]:
        """(watchlist id, channel) -> matches no alert holds yet."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT watch_id, channel, count(*) FROM watch_ledger WHERE alert_id IS NULL"
                " AND status = 'pending' GROUP BY watch_id, channel"
            ).fetchall()
        return {(int(r[0]), str(r[1])): int(r[2]) for r in rows}

    def pending_alert_channels(self) -> set[tuple[int, str]]:
        """(watchlist id, channel) that have an alert still pending (being retried)."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT DISTINCT watch_id, channel FROM watch_alerts WHERE status = 'pending'"
            ).fetchall()
        return {(int(r[0]), str(r[1])) for r in rows}

    def open_ledger(self, watch_id: int, channel: str) -> int:
        """How many matches wait for an alert on this channel."""
        with self._reader() as db:
            row = db.execute(
                "SELECT count(*) FROM watch_ledger WHERE watch_id = ? AND channel = ?"
                " AND alert_id IS NULL AND status = 'pending'",
                (watch_id, channel),
            ).fetchone()
        return int(row[0])

    def alerts_since(self, watch_id: int, channel: str, since: str) -> int:
        with self._reader() as db:
            row = db.execute(
                "SELECT count(*) FROM watch_alerts WHERE watch_id = ? AND channel = ?"
                " AND created_at > ? AND status != 'skipped'",
                (watch_id, channel, since),
            ).fetchone()
        return int(row[0])

    def plan_alert(
        self,
        watch: Watch,
        channel: str,
        *,
        delivery_id: str,
        target: str,
        now: str,
        limit: int = 200,
    ) -> Alert | None:
        """Group the matches waiting on ``channel`` into one pending alert (its id written
        before anything is sent); None when none wait."""
        with self._transaction() as db:
            waiting = [
                r[0]
                for r in db.execute(
                    "SELECT l.article_id FROM watch_ledger l JOIN watch_matches m"
                    " ON m.watch_id = l.watch_id AND m.article_id = l.article_id"
                    " WHERE l.watch_id = ? AND l.channel = ? AND l.alert_id IS NULL"
                    " AND l.status = 'pending' ORDER BY m.rowid_at LIMIT ?",
                    (watch.id, channel, limit),
                )
            ]
            if not waiting:
                return None
            cursor = db.execute(
                "INSERT INTO watch_alerts (watch_id, channel, delivery_id, target, status,"
                " created_at, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                (watch.id, channel, delivery_id, target, now, now),
            )
            alert_id = cursor.lastrowid
            db.executemany(
                "UPDATE watch_ledger SET alert_id = ? WHERE watch_id = ? AND article_id = ?"
                " AND channel = ?",
                [(alert_id, watch.id, a, channel) for a in waiting],
            )
            row = db.execute("SELECT * FROM watch_alerts WHERE id = ?", (alert_id,)).fetchone()
            return _alert(row)

    def due_alerts(self, now: str, *, limit: int = 1000) -> list[Alert]:
        with self._reader() as db:
            rows = db.execute(
                "SELECT * FROM watch_alerts WHERE status = 'pending' AND next_attempt_at <= ?"
                " ORDER BY next_attempt_at, id LIMIT ?",
                (now, limit),
            ).fetchall()
        return [_alert(r) for r in rows]

    def alerts(self, *, watch_id: int | None = None, status: str | None = None) -> list[Alert]:
        clauses: list[str] = []
        params: list[Any] = []
        if watch_id is not None:
            clauses.append("watch_id = ?")
            params.append(watch_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._reader() as db:
            rows = db.execute(f"SELECT * FROM watch_alerts{where} ORDER BY id", params)
            return [_alert(r) for r in rows.fetchall()]

    def alert_items(self, alert_id: int) -> list[AlertItem]:
        """The articles an alert carries, in the order they were committed."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.story_id, s.title AS st,"
            " m.new_story FROM watch_ledger l"
            " JOIN watch_matches m ON m.watch_id = l.watch_id AND m.article_id = l.article_id"
            " JOIN articles a ON a.id = l.article_id LEFT JOIN stories s ON s.id = a.story_id"
            " WHERE l.alert_id = ? ORDER BY m.rowid_at"
        )
        with self._reader() as db:
            rows = db.execute(sql, (alert_id,)).fetchall()
        return [
            AlertItem(r["id"], r["title"], r["outlet"], r["published"], r["url"],
                      r["story_id"], r["st"], bool(r["new_story"]))
            for r in rows
        ]  # fmt: skip

    def watch_by_id(self, watch_id: int) -> Watch | None:
        with self._reader() as db:
            row = db.execute("SELECT * FROM watchlists WHERE id = ?", (watch_id,)).fetchone()
        return None if row is None else _watch(row)

    def alert_sent(self, alert_id: int, *, at: str) -> None:
        """The receiver took it (250, 2xx): the alert and its ledger rows are done."""
        with self._transaction() as db:
            row = db.execute(
                "UPDATE watch_alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " last_error = NULL WHERE id = ? AND status = 'pending'"
                " RETURNING watch_id, channel",
                (at, alert_id),
            ).fetchone()
            db.execute("UPDATE watch_ledger SET status = 'sent' WHERE alert_id = ?", (alert_id,))
            if row is not None:
                column = "mail" if row["channel"] == "email" else "hook"
                extra = ", hook_retry_at = NULL" if column == "hook" else ""
                db.execute(
                    f"UPDATE watchlists SET {column}_errors = 0, {column}_error = NULL{extra}"
                    " WHERE id = ?",
                    (row["watch_id"],),
                )

    def alert_deferred(self, alert_id: int, *, next_at: str, error: str) -> None:
        """A failed attempt: try again at ``next_at``; the watchlist shows the error."""
        with self._transaction() as db:
            row = db.execute(
                "UPDATE watch_alerts SET attempts = attempts + 1, next_attempt_at = ?,"
                " last_error = ? WHERE id = ? AND status = 'pending' RETURNING watch_id, channel",
                (next_at, error, alert_id),
            ).fetchone()
            if row is not None:
                column = "mail" if row["channel"] == "email" else "hook"
                extra = ", hook_retry_at = ?" if column == "hook" else ""
                params: list[Any] = [error] + ([next_at] if column == "hook" else [])
                db.execute(
                    f"UPDATE watchlists SET {column}_errors = {column}_errors + 1,"
                    f" {column}_error = ?{extra} WHERE id = ?",
                    [*params, row["watch_id"]],
                )

    def alert_closed(self, alert_id: int, status: str, *, reason: str) -> None:
        """End a pending alert without delivery: 'failed' (gave up) or 'skipped'."""
        with self._transaction() as db:
            db.execute(
                "UPDATE watch_alerts SET status = ?, last_error = ? WHERE id = ?"
                " AND status = 'pending'",
                (status, reason, alert_id),
            )
            db.execute(
                "UPDATE watch_ledger SET status = ? WHERE alert_id = ? AND status = 'pending'",
                (status, alert_id),
            )

    def ledger_status(self) -> dict[str, int]:
        """Ledger rows per status ('waiting' for those no alert holds yet)."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT CASE WHEN alert_id IS NULL AND status = 'pending' THEN 'waiting'"
                " ELSE status END, count(*) FROM watch_ledger GROUP BY 1"
            ).fetchall()
        return {str(k): int(n) for k, n in rows}

    def latest_matching(self, query: str, *, limit: int = 50) -> list[str]:
        """Ids of the articles ``query`` matches, the latest committed first (a
        watchlist's page and feed)."""
        where, params = compile_query(query)
        with self._reader() as db:
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
