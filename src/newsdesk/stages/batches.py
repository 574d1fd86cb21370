"""What flows between the stages: :class:`SourceJob` (one source and its articles) and
:class:`Work` (one article and what the stages found for it).

A batch is a list of :class:`SourceJob` (one file or URL and its articles; a source is
never split, so the parent still stores it in one transaction). The stages themselves
are in :mod:`newsdesk.stages.article` (per-article, run by an executor) and
:mod:`newsdesk.stages.parent` (global, in the parent). :class:`Models` stands in for
the models in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.article import Article
from newsdesk.ingest import SourceResult
from newsdesk.ingest.sources import SourceSpec

__all__ = [
    "Models",
    "SourceJob",
    "Work",
    "apply_overrides",
]


@dataclass(slots=True)
class Work:
    """One article on its way, with what the per-article stages found for it."""

    article: Article
    failures: list[tuple[str, str]] = field(default_factory=list)  # (stage, error)
    dropped: str | None = None  # the reason, when a stage dropped it
    known: bool = False  # its id is stored already: no enrichment work
    signature: bytes | None = None  # MinHash of the cleaned text (newsdesk.dedupe.signing)
    features: Any = None  # newsdesk.cluster.features.ArticleFeatures
    annotations: Any = None  # newsdesk.article.Annotations
    errors: dict[str, str] = field(default_factory=dict)  # "embed"/"annotate" -> error
    # what the parent's outlet language re-check reads of the cleaned text, read by the
    # clean stage's model (newsdesk.lang.detect.Evidence): carried, never stored nor shown
    language_evidence: Any = None


@dataclass(slots=True)
class SourceJob:
    """One source: read in a worker (``spec``) or already read (``result``)."""

    index: int
    source: str
    spec: SourceSpec | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    read: bool = False  # the source was read (its articles are in works)
    # filled by the global stages in the parent (copies, then the store writer)
    marks: Any = None  # newsdesk.stages.parent._Failures: what failed, saved with the source
    marked: list[Article] = field(default_factory=list)  # articles to store, copies marked
    relinks: list[tuple[str, str | None, str | None, float | None]] = field(default_factory=list)
    signatures: dict[str, bytes | None] = field(default_factory=dict)

    @classmethod
    def of_result(cls, index: int, result: SourceResult) -> SourceJob:
        job = cls(index=index, source=result.source, errors=list(result.errors), read=True)
        job.works = [Work(a) for a in result.articles]
        return job

    def result(self) -> SourceResult:
        """What the source gave, as the reader would have said it."""
        articles = [w.article for w in self.works]
        return SourceResult(source=self.source, articles=articles, errors=list(self.errors))

    def live(self) -> list[Work]:
        return [w for w in self.works if w.dropped is None]

    def storable(self) -> bool:
        """Something to store (or nothing went wrong reading it): a rejected source is not."""
        return bool(self.live()) or not self.errors


def apply_overrides(
    article: Article, *, outlet: str | None = None, published: datetime | None = None
) -> Article:
    """What the user said on the command line wins over what the source says."""
    if outlet:
        article.outlet = outlet
    if published:
        article.published = published
        article.published_source = "override"
    return article


def _featurize_default(english_model: bool, threads: int | None) -> Callable[..., list[Any]]:
    import newsdesk.cluster.tracker as tracker  # looked up at call time (tests replace it)

    def featurize(articles: Sequence[Article]) -> list[Any]:
        kwargs: dict[str, Any] = {"english_model": english_model}
        if threads is not None:
            kwargs["threads"] = threads
        return list(tracker.features_batch(articles, **kwargs))

    return featurize


@dataclass(slots=True)
class Models:
    """Replacements for the models (tests; module-level functions, so they pickle).

    ``featurize(articles) -> [ArticleFeatures]``; ``annotate(texts, published,
    languages) -> [Annotations]``. None: the real models.
    """

    featurize: Callable[[Sequence[Article]], Iterable[Any]] | None = None
    annotate: Callable[..., Iterable[Any]] | None = None
