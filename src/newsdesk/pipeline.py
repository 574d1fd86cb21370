"""The stage protocol and the runner that chains stages and counts drops.

A stage is a small object with ``run(articles) -> Iterator[Article]``. It
declares which Article fields it ``requires`` and which it ``assigns``; the
runner checks the order before any article flows, so a pipeline built in the
wrong order fails at once with a clear message rather than halfway through.
A stage that drops an article calls ``drop(article, reason)`` on the runner's
counter instead of swallowing it silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable

from newsdesk.article import Article
from newsdesk.errors import UsageError

__all__ = ["Drops", "Pipeline", "Stage"]

# Fields every reader fills, so no stage needs to declare them.
READER_FIELDS = frozenset({"source", "format", "raw"})


@dataclass(slots=True)
class Drops:
    """Why articles were dropped, counted per reason."""

    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def drop(self, article: Article, reason: str) -> None:
        self.reasons[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < 5:
            self.examples[reason].append(article.source)


@runtime_checkable
class Stage(Protocol):
    """What every stage offers."""

    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def run(self, articles: Iterable[Article], drops: Drops) -> Iterator[Article]: ...


class Pipeline:
    """Stages in order, checked once at construction."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(READER_FIELDS)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise UsageError(
                    f"stage {type(stage).__name__} needs {sorted(missing)}, which no earlier "
                    "stage assigns; put the stage that fills them first"
                )
            available |= stage.assigns
        self.stages = list(stages)
        self.drops = Drops()

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        stream: Iterable[Article] = articles
        for stage in self.stages:
            stream = stage.run(stream, self.drops)
        yield from stream
