"""Rules at work: the verdict on one article, marking at ingest, and ``rules apply``.

Mute rules are checked first: the first that matches hides the article as
``muted`` (the rule's name is the reason). Otherwise, when keep rules cover the
article (global ones, or ones for the source it came from), it is shown only if
one of them matches; else it is hidden as ``not_kept``. Hidden articles stay in
the store with their mark; nothing is deleted.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.article import Article, article_id
from newsdesk.rules.matcher import CompiledRule, compile_rule
from newsdesk.store.rules import ArticleMark, RuleArticle

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SqliteStore

__all__ = ["ApplyReport", "RuleSet", "apply_rules", "mark_articles"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RuleSet:
    """The saved rules, compiled once."""

    mutes: list[CompiledRule] = field(default_factory=list)
    keeps: list[CompiledRule] = field(default_factory=list)

    @classmethod
    def from_store(cls, store: SqliteStore) -> RuleSet:
        found = cls()
        for row in store.rules.rules():
            compiled = compile_rule(row)
            (found.mutes if row.action == "mute" else found.keeps).append(compiled)
        return found

    def __bool__(self) -> bool:
        return bool(self.mutes or self.keeps)

    @property
    def timeouts(self) -> int:
        return sum(r.timeouts for r in (*self.mutes, *self.keeps))

    def verdict(self, article: RuleArticle) -> ArticleMark | None:
        """Why ``article`` is hidden, or None when it is shown."""
        for rule in self.mutes:
            if rule.applies_to(article.source) and rule.matches(article):
                return ArticleMark(
                    article.id,
                    "muted",
                    rule.name,
                    f"muted by rule {rule.name!r} ({rule.row.field})",
                )
        keeps = [r for r in self.keeps if r.applies_to(article.source)]
        if keeps and not any(r.matches(article) for r in keeps):
            names = ", ".join(repr(r.name) for r in keeps)
            return ArticleMark(article.id, "not_kept", None, f"no keep rule matched ({names})")
        return None


def _view(article: Article) -> RuleArticle:
    return RuleArticle(
        id=article.id or article_id(article),
        source=article.source,
        title=article.title,
        text=article.body,
        outlet=article.outlet,
        author=article.author,
    )


def mark_articles(store: SqliteStore, articles: Sequence[Article]) -> list[Article]:
    """The ingest hook: record a mark for each article a rule hides, before the articles
    are stored (so a killed ingest never leaves one unmarked), and return them all."""
    if not articles:
        return list(articles)
    try:
        rules = RuleSet.from_store(store)
    except Exception:  # a rule that no longer compiles never stops an ingest
        log.exception("mute/keep rules could not be loaded; articles are stored unmarked")
        return list(articles)
    if rules:
        marks: list[ArticleMark] = []
        for article in articles:
            try:
                found = rules.verdict(_view(article))
            except Exception:  # one article never stops the batch: it is shown, and logged
                log.exception("mute/keep rules failed on %s", article.source)
                continue
            if found is not None:
                marks.append(found)
        store.rules.save_marks(marks)
    return list(articles)


@dataclass(slots=True)
class ApplyReport:
    """What ``rules apply`` did to the stored articles."""

    articles: int = 0
    shown: int = 0
    hidden: Counter[str] = field(default_factory=Counter)  # verdict -> n
    by_rule: Counter[str] = field(default_factory=Counter)  # mute rule -> n
    timeouts: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "shown": self.shown,
            "muted": self.hidden["muted"],
            "not_kept": self.hidden["not_kept"],
            "rules": dict(self.by_rule),
            "timeouts": self.timeouts,
        }


def apply_rules(
    store: SqliteStore, *, progress: Callable[[int], None] | None = None
) -> ApplyReport:
    """Re-apply every rule to every stored article: marks are replaced batch by batch
    (an article no rule hides any more is shown again and rejoins a story on the
    next ``run``/``ingest``/``recluster``)."""
    rules = RuleSet.from_store(store)
    report = ApplyReport()
    for batch in store.rules.rule_articles():
        marks = [m for m in (rules.verdict(a) for a in batch) if m is not None]
        store.rules.replace_marks([a.id for a in batch], marks)
        report.articles += len(batch)
        report.shown += len(batch) - len(marks)
        for mark in marks:
            report.hidden[mark.verdict] += 1
            if mark.rule:
                report.by_rule[mark.rule] += 1
        if progress is not None:
            progress(len(batch))
    report.timeouts = rules.timeouts
    return report
