"""The store's mute and keep rules and the marks they leave (``newsdesk rules``).

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL. A hidden article is never deleted: it keeps its row, gets a
mark saying which rule hid it and why, and leaves its story. Stories, the brief
and search skip marked articles (``id NOT IN (SELECT article_id FROM article_marks)``).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.store.database import Repository
from newsdesk.store.stories import _refresh_story

__all__ = ["ArticleMark", "RuleArticle", "RuleRepository", "RuleRow"]


@dataclass(frozen=True, slots=True)
class RuleRow:
    """A saved rule, as the user wrote it."""

    name: str
    action: str  # "mute" | "keep"
    field: str  # "title" | "text" | "outlet" | "author"
    kind: str  # "words" | "regex"
    pattern: str
    source: str | None = None  # a followed URL; None: every source
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class ArticleMark:
    """Why one article is hidden."""

    article_id: str
    verdict: str  # "muted" | "not_kept"
    rule: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class RuleArticle:
    """What a rule looks at in one stored article."""

    id: str
    source: str
    title: str | None
    text: str
    outlet: str | None
    author: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RuleRepository(Repository):
    """Rules (name, mute/keep, field, words or regex, source) and the marks they leave."""

    # -- rules ------------------------------------------------------------------

    def add_rule(self, rule: RuleRow) -> RuleRow:
        """Save a new rule; ValueError when one of that name exists."""
        stamp = rule.created_at or _now()
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO rules (name, action, field, kind, pattern, source, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (rule.name, rule.action, rule.field, rule.kind, rule.pattern, rule.source,
                     stamp),
                )  # fmt: skip
        except sqlite3.IntegrityError as exc:
            raise ValueError(f"a rule named {rule.name!r} exists") from exc
        return dataclasses.replace(rule, created_at=stamp)

    def remove_rule(self, name: str) -> bool:
        """Forget a rule (its marks stay until ``rules apply``); False if there was none."""
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM rules WHERE name = ?", (name,))
        return cursor.rowcount > 0

    def rules(self) -> list[RuleRow]:
        """Every rule, in the order they were added."""
        with self._reader() as db:
            rows = db.execute("SELECT * FROM rules ORDER BY created_at, name").fetchall()
        return [
            RuleRow(
                name=r["name"],
                action=r["action"],
                field=r["field"],
                kind=r["kind"],
                pattern=r["pattern"],
                source=r["source"],
                created_at=r["created_at"],
            )
            for r in rows
        ]

    # -- marks ------------------------------------------------------------------

    def save_marks(self, marks: Iterable[ArticleMark]) -> int:
        """Record marks (before or after their articles are stored); a new mark replaces
        an old one. Articles already in a story leave it."""
        rows = [(m.article_id, m.verdict, m.rule, m.reason) for m in marks]
        if not rows:
            return 0
        with self._transaction() as db:
            _upsert_marks(db, rows)
            _leave_stories(db, [r[0] for r in rows])
        return len(rows)

    def replace_marks(self, ids: Sequence[str], marks: Iterable[ArticleMark]) -> None:
        """The marks of ``ids`` become ``marks`` (those not marked are shown again)."""
        rows = [(m.article_id, m.verdict, m.rule, m.reason) for m in marks]
        with self._transaction() as db:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                db.execute(
                    f"DELETE FROM article_marks WHERE article_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            _upsert_marks(db, rows)
            _leave_stories(db, [r[0] for r in rows])

    def article_marks(self, ids: Sequence[str] | None = None) -> dict[str, ArticleMark]:
        """Marks by article id: of ``ids``, or every mark."""
        sql = "SELECT article_id, verdict, rule, reason FROM article_marks"
        found: dict[str, ArticleMark] = {}
        with self._reader() as db:
            if ids is None:
                chunks: list[list[str] | None] = [None]
            else:
                chunks = [list(ids[i : i + 500]) for i in range(0, len(ids), 500)]
            for chunk in chunks:
                if chunk is None:
                    rows = db.execute(sql)
                else:
                    marks = ",".join("?" * len(chunk))
                    rows = db.execute(f"{sql} WHERE article_id IN ({marks})", chunk)
                for r in rows:
                    found[r[0]] = ArticleMark(r[0], r[1], r[2], r[3])
        return found

    def mark_counts(self) -> dict[tuple[str, str | None], int]:
        """How many stored articles each (verdict, rule) hides."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT m.verdict, m.rule, count(*) FROM article_marks m"
                " JOIN articles a ON a.id = m.article_id GROUP BY m.verdict, m.rule"
            ).fetchall()
        return {(r[0], r[1]): r[2] for r in rows}

    def rule_articles(self, *, batch: int = 500) -> Iterator[list[RuleArticle]]:
        """Every stored article, a batch at a time (rowid order), for ``rules apply``."""
        sql = (
            "SELECT rowid, id, source, title, text, outlet, author FROM articles"
            " WHERE rowid > ? ORDER BY rowid LIMIT ?"
        )
        after = 0
        while True:
            with self._reader() as db:
                rows = db.execute(sql, (after, batch)).fetchall()
            if not rows:
                return
            after = rows[-1][0]
            yield [RuleArticle(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def _upsert_marks(db: sqlite3.Connection, rows: list[tuple[str, str, str | None, str]]) -> None:
    stamp = _now()
    db.executemany(
        "INSERT INTO article_marks (article_id, verdict, rule, reason, marked_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
        " verdict = excluded.verdict, rule = excluded.rule, reason = excluded.reason,"
        " marked_at = excluded.marked_at",
        [(*row, stamp) for row in rows],
    )


def _leave_stories(db: sqlite3.Connection, ids: list[str]) -> None:
    """Hidden articles leave their stories; the stories they left are recomputed."""
    touched: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        touched.update(
            r[0]
            for r in db.execute(
                f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks})"
                " AND story_id IS NOT NULL",
                chunk,
            )
        )
        db.execute(f"UPDATE articles SET story_id = NULL WHERE id IN ({marks})", chunk)
    now = _now()
    for story_id in sorted(touched):
        _refresh_story(db, story_id, None, now)
