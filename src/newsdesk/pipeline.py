"""The stage protocol and the runner that chains stages and counts drops.

A stage is a small object with ``run(articles) -> Iterator[Article]``. It
declares which Article fields it ``requires`` and which it ``assigns``; the
runner checks the order before any article flows, so a pipeline built in the
wrong order fails at once with a clear message rather than halfway through.
A stage that drops an article calls ``drop(article, reason)`` on the runner's
counter instead of swallowing it silently.

:class:`StageSpec` and :class:`StageList` are the declarations the commands run
(``newsdesk.stages.STAGES``): each stage is per-article (pure over a batch, run by
an executor) or global (in the parent, in order), and the list is checked the same
way before anything runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol, runtime_checkable

from newsdesk.article import Article
from newsdesk.errors import UsageError

__all__ = ["Drops", "Pipeline", "Stage", "StageList", "StageSpec"]

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


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One declared stage: per-article (``article``, run by an executor) or ``global``."""

    name: str
    kind: Literal["article", "global"]
    requires: frozenset[str]
    assigns: frozenset[str]
    doc: str = ""


class StageList:
    """Declared stages in order, checked once: each one's needs filled by an earlier one."""

    def __init__(self, stages: Sequence[StageSpec], *, given: frozenset[str] = frozenset()) -> None:
        available = set(given)
        for stage in stages:
            if stage.kind not in ("article", "global"):
                raise UsageError(f"stage {stage.name}: kind {stage.kind!r} is not article/global")
            missing = stage.requires - available
            if missing:
                raise UsageError(
                    f"stage {stage.name} needs {sorted(missing)}, which no earlier "
                    "stage assigns; put the stage that fills them first"
                )
            available |= stage.assigns
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def runs(self, name: str) -> bool:
        return name in self.names

    def per_article(self) -> list[str]:
        return [s.name for s in self.stages if s.kind == "article"]

    def describe(self) -> list[dict[str, object]]:
        """The list as data (``newsdesk stages --json``, docs)."""
        return [
            {"name": s.name, "kind": s.kind, "requires": sorted(s.requires),
             "assigns": sorted(s.assigns), "doc": s.doc}
            for s in self.stages
        ]  # fmt: skip
