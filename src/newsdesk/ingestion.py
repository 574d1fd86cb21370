"""Ingest: read sources, clean each article, store each source in one transaction.

The command-line ``ingest`` and the live desk both call :func:`ingest`. One
unusable source never stops the batch: its error is reported and the rest go
on. Each source's articles are committed together, and ids are derived from
the URL or the cleaned text, so a re-run after an interruption completes the
batch without storing anything twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.article import Article, article_id
from newsdesk.clean import TextCleaner
from newsdesk.dedupe import CopyDetector
from newsdesk.errors import EmptyInput
from newsdesk.ingest import SourceResult, read_path, read_sources
from newsdesk.pipeline import Drops
from newsdesk.rules import mark_articles
from newsdesk.rules import mark_articles
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

if TYPE_CHECKING:
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.cluster.tracker import StoryTracker

__all__ = ["IngestReport", "apply_overrides", "clean_file", "ingest", "ingest_results"]


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    drops: Drops = field(default_factory=Drops)

    def as_json(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "dropped": dict(self.drops.reasons),
        }


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


def ingest(
    specs: Sequence[str],
    store: SqliteStore,
    *,
    settings: Settings,
    outlet: str | None = None,
    published: datetime | None = None,
    transport: Any = None,
    on_source: Callable[[SourceResult], None] | None = None,
) -> IngestReport:
    """Read, clean and store every source ``specs`` name; return what happened."""
    return ingest_results(
        read_sources(specs, settings=settings, transport=transport),
        store,
        settings=settings,
        outlet=outlet,
        published=published,
        on_source=on_source,
    )


def ingest_results(
    results: Iterable[SourceResult],
    store: SqliteStore,
    *,
    settings: Settings,
    outlet: str | None = None,
    published: datetime | None = None,
    on_source: Callable[[SourceResult], None] | None = None,
) -> IngestReport:
    """Clean and store sources already read; return what happened.

    The live desk reads (and conditionally fetches) its sources itself and hands
    them here. ``on_source`` is called after each source's articles are committed.
    """
    report = IngestReport()
    cleaner = TextCleaner.from_settings(settings)
    copies: CopyDetector | None = None
    stories = _Enrichment(store, stories=settings.stories, annotate=settings.annotate)
    for result in results:
        for source, error in result.errors:
            report.rejected.append({"source": source, "error": error})
        articles = [apply_overrides(a, outlet=outlet, published=published) for a in result.articles]
        kept = list(cleaner.run(articles, report.drops))
        kept = mark_articles(store, kept)  # mute/keep rules (newsdesk.rules): marks only
        kept = mark_articles(store, kept)  # mute/keep rules: marks recorded, none dropped
        if kept or not result.errors:
            copies = copies or _copy_detector(store, settings)
            _store(result.source, kept, store, copies, report)
            stories.after(len(kept))
        if on_source is not None:
            on_source(result)
    stories.close()
    return report


class _Enrichment:
    """Stories and annotations during ingest: in batches, and once more at the end.

    Models are only loaded when there is something to do. An ingest that stops
    between batches leaves articles without a story or annotations; the next run
    does them first.
    """

    EVERY = 32

    def __init__(self, store: SqliteStore, *, stories: bool, annotate: bool) -> None:
        self.store, self.stories, self.annotate = store, stories, annotate
        self.tracker: StoryTracker | None = None
        self.annotator: Annotator | None = None
        self.waiting = 0

    def after(self, stored: int) -> None:
        self.waiting += stored
        if self.waiting >= self.EVERY:
            self._update()

    def _update(self) -> None:
        if self.stories:
            if self.tracker is None:
                from newsdesk.cluster.tracker import StoryTracker

                self.tracker = StoryTracker(self.store)
            self.tracker.update()
        if self.annotate:
            self._annotate()
        self.waiting = 0

    def _annotate(self) -> None:
        pending = self.store.unannotated()
        for start in range(0, len(pending), self.EVERY):
            ids = pending[start : start + self.EVERY]
            articles = [a for a in (self.store.article(i) for i in ids) if a is not None]
            if self.annotator is None:
                from newsdesk.annotate.annotator import Annotator

                self.annotator = Annotator()
            found = self.annotator.annotate_texts(
                [a.body for a in articles], [a.published or a.fetched for a in articles]
            )
            self.store.save_annotations(
                [(a.id or "", f) for a, f in zip(articles, found, strict=True)]
            )

    def close(self) -> None:
        pending = (self.stories and self.store.unassigned()) or (
            self.annotate and self.store.unannotated()
        )
        if self.waiting or pending:
            self._update()
        if self.tracker is not None:
            self.tracker.snapshot()


def _copy_detector(store: SqliteStore, settings: Settings) -> CopyDetector:
    """A copy detector that knows every stored article (signatures are not recomputed)."""
    detector = CopyDetector.from_settings(settings)
    for article, signature in store.copy_seeds():
        detector.seed(article, signature=signature)
    return detector


def _store(
    source: str,
    articles: list[Article],
    store: SqliteStore,
    copies: CopyDetector,
    report: IngestReport,
) -> None:
    """Mark copies, store one source in one transaction, and move links that changed."""
    for article in articles:
        article.id = article_id(article)
    marked = list(copies.run(articles, report.drops))
    signatures = {a.id: copies.signature_bytes(a) for a in marked if a.id}
    added = store.add_source(source, marked, signatures=signatures)
    report.ingested += len(added.ingested)
    report.duplicates += len(added.duplicates)
    report.ids.extend(added.ingested)
    moved: list[tuple[str, str | None, str | None, float | None]] = []
    for link in copies.relinks():
        if isinstance(link, tuple):
            moved.append((link[0], None, None, None))
        else:
            moved.append((link.copy_id, link.original_id, link.kind, link.similarity))
    if moved:
        store.relink(moved)


def clean_file(path: Path, *, settings: Settings) -> Article:
    """Read and clean one file (the first article in it), storing nothing."""
    articles = read_path(str(path), settings=settings)  # FIFOs, devices, loops refused
    if not articles:
        raise EmptyInput(f"{path}: no article found")
    return TextCleaner.from_settings(settings).clean(articles[0])
