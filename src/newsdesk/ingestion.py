"""Ingest: read sources, clean each article, store each source in one transaction.

The command-line ``ingest`` and the live desk both call :func:`ingest`. One
unusable source never stops the batch: its error is reported and the rest go
on. Each source's articles are committed together, and ids are derived from
the URL or the cleaned text, so a re-run after an interruption completes the
batch without storing anything twice.

One article never stops the batch either: when a stage raises for it (clean,
copies, store, stories, annotate), the article is marked in the store (stage,
error, time), kept without that stage's work, counted in ``failed``, and the
rest go on. A failed enrichment (stories, annotate) is tried again on later
ingests and ``run`` passes, ``Settings.enrich_attempts`` times in all, then left
marked and listed (``articles --failed``).

Stories and annotations are brought up to date at points fixed by the store's
contents (whenever ``_Enrichment.EVERY`` articles were stored since the last
time, and at the end), never by the process's history, so an ingest killed at
any moment and run again gives the same stories as one that ran through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.article import Article, article_id
from newsdesk.clean import TextCleaner
from newsdesk.dedupe import CopyDetector
from newsdesk.dedupe.detector import mark
from newsdesk.dedupe.links import CopyLink
from newsdesk.errors import EmptyInput
from newsdesk.faults import describe, guarded, log
from newsdesk.ingest import SourceResult, read_path, read_sources
from newsdesk.outlets.stage import resolve_outlets
from newsdesk.pipeline import Drops
from newsdesk.rules import mark_articles
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

if TYPE_CHECKING:
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.cluster.tracker import StoryTracker

__all__ = ["IngestReport", "apply_overrides", "clean_file", "ingest", "ingest_results"]

FAILURES_SHOWN = 50  # failure entries ``ingest --json`` lists (all are counted)


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    drops: Drops = field(default_factory=Drops)
    failures: list[dict[str, str]] = field(default_factory=list)  # {id, stage, error, source}

    @property
    def failed(self) -> int:
        """Articles a stage failed on in this run (each counted once)."""
        return len({f["id"] for f in self.failures})

    def as_json(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "dropped": dict(self.drops.reasons),
            "failed": self.failed,
            "failures": self.failures[:FAILURES_SHOWN],
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
    enrichment = _Enrichment(store, settings=settings, report=report)
    enrichment.resume()
    for result in results:
        for source, error in result.errors:
            report.rejected.append({"source": source, "error": error})
        articles = [apply_overrides(a, outlet=outlet, published=published) for a in result.articles]
        failures = _Failures(result.source)
        kept = _clean(cleaner, articles, report.drops, failures)
        kept = resolve_outlets(store, kept, override=outlet)  # outlets: registry names
        kept = mark_articles(store, kept)  # mute/keep rules (newsdesk.rules): marks only
        for article in kept:
            if len(article.body) > settings.annotate_chunk_chars:
                article.flag("long")  # annotated in pieces, up to settings.annotate_max_chars
        if kept or not result.errors:
            copies = copies or _copy_detector(store, settings)
            _store(result.source, kept, store, copies, report, failures)
            failures.save(store, report)
            enrichment.after_source()
        if on_source is not None:
            on_source(result)
    enrichment.close()
    return report


class _Failures:
    """What failed for which article of one source, saved once the ids are known."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[tuple[Article, str, str]] = []

    def add(self, article: Article, stage: str, exc: BaseException) -> None:
        log.warning("%s: %s failed: %s", article.source, stage, describe(exc))
        self.found.append((article, stage, describe(exc)))

    def save(self, store: SqliteStore, report: IngestReport) -> None:
        rows = []
        for article, stage, error in self.found:
            key = article.id or guarded("article id", partial(article_id, article), "")
            rows.append((key, stage, error, article.source))
            report.failures.append(
                {"id": key, "stage": stage, "error": error, "source": article.source}
            )
        guarded("failure marks", lambda: store.mark_failed(rows), None)
        self.found = []


def _clean(
    cleaner: TextCleaner, articles: list[Article], drops: Drops, failures: _Failures
) -> list[Article]:
    """Clean each article; one the cleaner raises on is kept as read (flagged ``unclean``)."""
    kept: list[Article] = []
    for article in articles:
        text, removed, flags = article.text, list(article.removed), list(article.flags)
        try:
            kept.extend(cleaner.run([article], drops))
        except Exception as exc:
            article.text = text or (article.raw if article.format in {"text", "jsonl"} else "")
            article.removed, article.flags = removed, flags
            article.flag("unclean")
            failures.add(article, "clean", exc)
            if article.text.strip():
                kept.append(article)
            else:
                drops.drop(article, "empty_after_cleaning")
    return kept


class _Enrichment:
    """Stories and annotations during ingest: in batches, and once more at the end.

    Models are only loaded when there is something to do. When to update is read
    from the store: after a source, when ``EVERY`` or more articles were stored past
    the rowid the last update covered (kept in the store). So an ingest that stops
    anywhere (between batches, inside one) and runs again updates at the same points,
    over the same articles, in the same order, as one that never stopped: a resumed
    ingest starts by finishing the update the stopped one had begun.
    """

    EVERY = 32

    def __init__(self, store: SqliteStore, *, settings: Settings, report: IngestReport) -> None:
        self.store, self.report = store, report
        self.stories, self.annotate = settings.stories, settings.annotate
        self.embedding = settings.embedding
        self.attempts = max(1, settings.enrich_attempts)
        self.chunk_chars, self.max_chars = (
            settings.annotate_chunk_chars,
            settings.annotate_max_chars,
        )
        self.tracker: StoryTracker | None = None
        self.annotator: Annotator | None = None
        self.failed_here: set[str] = set()  # annotation failures of this run: not retried now

    def resume(self) -> None:
        """Finish an update a stopped ingest had due (nothing when the last one ended)."""
        self.after_source()

    def after_source(self) -> None:
        if not (self.stories or self.annotate):
            return
        waiting, last = self.store.articles_after(self.store.enriched_through())
        if waiting >= self.EVERY:
            self._update(last)

    def _update(self, last: int) -> None:
        if self.stories:
            self._assign()
        if self.annotate:
            self._annotate()
        self.store.set_enriched_through(last)

    def _assign(self) -> None:
        if self.tracker is None:
            from newsdesk.cluster.tracker import StoryTracker

            self.tracker = StoryTracker(self.store, embedding=self.embedding)
        marked = self.store.failed_ids("stories")
        given_up = self.store.failed_ids("stories", attempts=self.attempts)
        before = set(self.tracker.failed)
        self.tracker.update(skip=given_up)
        new = {k: v for k, v in self.tracker.failed.items() if k not in before}
        self._record("stories", new)
        done = marked - given_up - set(self.tracker.failed)
        self.store.clear_failed("stories", [i for i in done if self._has_story(i)])

    def _has_story(self, article: str) -> bool:
        found = self.store.article(article)
        return found is not None and found.story_id is not None

    def _annotate(self) -> None:
        given_up = self.store.failed_ids("annotate", attempts=self.attempts)
        marked = self.store.failed_ids("annotate")
        pending = [
            i for i in self.store.unannotated() if i not in given_up and i not in self.failed_here
        ]
        for start in range(0, len(pending), self.EVERY):
            ids = pending[start : start + self.EVERY]
            articles = [a for a in (self.store.article(i) for i in ids) if a is not None]
            found = self._read(articles)
            self.store.save_annotations(found)
            self.store.clear_failed("annotate", [i for i, _ in found if i in marked])

    def _read(self, articles: list[Article]) -> list[tuple[str, Any]]:
        """Each article's annotations; one that raises is marked and left out."""
        if self.annotator is None:
            from newsdesk.annotate.annotator import Annotator

            self.annotator = Annotator(
                chunk_chars=self.chunk_chars,
                max_chars=self.max_chars,
                known_names=lambda: [(n, t) for n, t, _ in self.store.entity_names()],
            )
        annotator = self.annotator

        def batch(group: list[Article]) -> list[tuple[str, Any]]:
            found = annotator.annotate_texts(
                [a.body for a in group],
                [a.published or a.fetched for a in group],
                [a.language for a in group],
            )
            kept = [(a, f) for a, f in zip(group, found, strict=True)]
            for a, f in kept:
                if f.skipped:  # kept and searchable, not read: counted under its reason
                    self.report.drops.drop(a, f.skipped)
            return [(a.id or "", f) for a, f in kept]

        try:
            return batch(articles)
        except Exception as exc:  # one article spoils the batch: find it, keep the others
            kept: list[tuple[str, Any]] = []
            failed: dict[str, str] = {}
            if len(articles) == 1:
                failed[articles[0].id or ""] = describe(exc)
            for article in articles if len(articles) > 1 else ():
                try:
                    kept += batch([article])
                except Exception as exc:
                    failed[article.id or ""] = describe(exc)
            self._record("annotate", failed)
            return kept

    def _record(self, stage: str, failed: dict[str, str]) -> None:
        if not failed:
            return
        rows = []
        for key, error in sorted(failed.items()):
            article = self.store.article(key)
            source = article.source if article else None
            log.warning("%s: %s failed: %s", source or key, stage, error)
            rows.append((key, stage, error, source))
            self.report.failures.append(
                {"id": key, "stage": stage, "error": error, "source": source or ""}
            )
            if stage == "annotate":
                self.failed_here.add(key)
        self.store.mark_failed(rows)

    def close(self) -> None:
        if not (self.stories or self.annotate):
            return
        waiting, last = self.store.articles_after(self.store.enriched_through())
        pending = (self.stories and self._unassigned()) or (self.annotate and self._unannotated())
        if waiting or pending:
            self._update(last)
        if self.tracker is not None:
            self.tracker.snapshot()

    def _unassigned(self) -> bool:
        skip = self.store.failed_ids("stories", attempts=self.attempts)
        skip |= set(self.tracker.failed if self.tracker else ())
        return any(i not in skip for _, i in self.store.unassigned())

    def _unannotated(self) -> bool:
        skip = self.store.failed_ids("annotate", attempts=self.attempts) | self.failed_here
        return any(i not in skip for i in self.store.unannotated())


def _copy_detector(store: SqliteStore, settings: Settings) -> CopyDetector:
    """A copy detector that knows every stored article (signatures are not recomputed)."""
    detector = CopyDetector.from_settings(settings)
    for article, signature in store.copy_seeds():
        try:
            detector.seed(article, signature=signature)
        except Exception as exc:  # a stored signature it cannot read: computed again
            log.warning("%s: stored signature unreadable: %s", article.id, describe(exc))
            detector.seed(article)
    return detector


def _store(
    source: str,
    articles: list[Article],
    store: SqliteStore,
    copies: CopyDetector,
    report: IngestReport,
    failures: _Failures,
) -> None:
    """Mark copies, store one source in one transaction with the links that moved."""
    for article in articles:
        article.id = article_id(article)
    marked: list[Article] = []
    for article in articles:
        try:
            marked.extend(copies.run([article], report.drops))
        except Exception as exc:  # stored as an original, without a copy link
            mark(article, None)
            failures.add(article, "copies", exc)
            marked.append(article)
    signatures: dict[str, bytes | None] = {
        a.id: guarded(f"signature of {a.id}", partial(copies.signature_bytes, a), None)
        for a in marked
        if a.id
    }
    moved: list[tuple[str, str | None, str | None, float | None]] = []
    relinks: list[CopyLink | tuple[str, None]] = guarded("copy relinks", copies.relinks, [])
    for link in relinks:
        if isinstance(link, tuple):
            moved.append((link[0], None, None, None))
        else:
            moved.append((link.copy_id, link.original_id, link.kind, link.similarity))
    try:
        added = store.add_source(source, marked, signatures=signatures, relinks=moved)
    except (sqlite3.OperationalError, KeyboardInterrupt):
        raise  # the store itself (locked, full, read-only), not one article
    except Exception:  # one article the store refuses: store the others one by one
        _store_each(source, marked, store, report, failures, signatures=signatures)
        guarded("copy relinks", lambda: store.relink(moved), 0)
        return
    report.ingested += len(added.ingested)
    report.duplicates += len(added.duplicates)
    report.ids.extend(added.ingested)


def _store_each(
    source: str,
    articles: list[Article],
    store: SqliteStore,
    report: IngestReport,
    failures: _Failures,
    *,
    signatures: dict[str, bytes | None],
) -> None:
    for article in articles:
        key = article.id or ""
        try:
            added = store.add_source(source, [article], signatures={key: signatures.get(key)})
        except sqlite3.OperationalError:
            raise
        except Exception as exc:
            failures.add(article, "store", exc)
            continue
        report.ingested += len(added.ingested)
        report.duplicates += len(added.duplicates)
        report.ids.extend(added.ingested)


def clean_file(path: Path, *, settings: Settings) -> Article:
    """Read and clean one file (the first article in it), storing nothing."""
    articles = read_path(str(path), settings=settings)  # FIFOs, devices, loops refused
    if not articles:
        raise EmptyInput(f"{path}: no article found")
    return TextCleaner.from_settings(settings).clean(articles[0])
