"""Ingest: read sources, clean each article, store each source in one transaction.

The public entry points (the CLI's ``ingest``, the live desk's ``run`` and the
``backfill`` command all call them)::

    ingest(specs, store, *, settings, executor=None, ...)          # files, dirs, globs, URLs
    ingest_results(results, store, *, settings, executor=None, ...)  # sources already read

Both run the declared stage list (:data:`newsdesk.stages.STAGES`): the per-article
stages (read, clean, ids; then embed and annotate for articles not stored yet) as
two batch functions through ``executor`` (any :class:`newsdesk.executors.Executor`;
None: ``make_executor("local", workers=settings.workers)``, closed at the end; an
executor passed in is left open for the caller), and the global stages in this
process, in source order: outlets and rules, the copy index, the store writer (one
transaction per source), story assignment and the annotation writer. Results come
back in input order whatever the executor, so the store is the same with one
worker, a process pool or Ray. What was embedded and annotated in the pool is
used from memory when the stories and annotations are brought up to date (the
store is not read back for it).

One unusable source never stops the batch: its error is reported and the rest go
on. Each source's articles are committed together, and ids are derived from the
URL or the cleaned text, so a re-run after an interruption completes the batch
without storing anything twice.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
from newsdesk.errors import EmptyInput, NewsdeskError
from newsdesk.executors import Executor, make_executor
from newsdesk.faults import describe, guarded, log
from newsdesk.ingest import SourceResult, _read_one, read_path
from newsdesk.ingest.fetch import Urllib3Transport
from newsdesk.ingest.sources import expand_specs
from newsdesk.outlets.stage import resolve_outlets
from newsdesk.pipeline import Drops
from newsdesk.rules import mark_articles
from newsdesk.settings import Settings
from newsdesk.stages import EnrichBatch, Models, ReadCleanBatch, SourceJob, Work, stage_list
from newsdesk.stages.batches import CleanFilesBatch, _featurize_default, apply_overrides
from newsdesk.store import SqliteStore

if TYPE_CHECKING:
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.cluster.tracker import StoryTracker

__all__ = [
    "IngestReport",
    "apply_overrides",
    "clean_file",
    "clean_files",
    "ingest",
    "ingest_results",
]

FAILURES_SHOWN = 50  # failure entries ``ingest --json`` lists (all are counted)
BATCH_ARTICLES = 16  # articles per batch handed to the executor (whole sources, never split)


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


def ingest(
    specs: Sequence[str],
    store: SqliteStore,
    *,
    settings: Settings,
    outlet: str | None = None,
    published: datetime | None = None,
    transport: Any = None,
    on_source: Callable[[SourceResult], None] | None = None,
    executor: Executor | None = None,
    models: Models | None = None,
) -> IngestReport:
    """Read, clean and store every source ``specs`` name; return what happened.

    Files are read where the executor runs the per-article stages; URLs are
    fetched here (``transport``), one at a time, as the batches are filled."""
    if transport is None and any(s.lower().startswith(("http://", "https://")) for s in specs):
        transport = Urllib3Transport()

    def jobs() -> Iterator[SourceJob]:
        for index, spec in enumerate(expand_specs(specs)):
            if spec.kind == "file":
                yield SourceJob(index=index, source=spec.source, spec=spec)
            else:
                yield SourceJob.of_result(index, _read_one(spec, settings, transport))

    return _run(
        jobs(),
        store,
        settings=settings,
        outlet=outlet,
        published=published,
        on_source=on_source,
        executor=executor,
        models=models,
    )


def ingest_results(
    results: Iterable[SourceResult],
    store: SqliteStore,
    *,
    settings: Settings,
    outlet: str | None = None,
    published: datetime | None = None,
    on_source: Callable[[SourceResult], None] | None = None,
    executor: Executor | None = None,
    models: Models | None = None,
) -> IngestReport:
    """Clean and store sources already read; return what happened.

    The live desk reads (and conditionally fetches) its sources itself and hands
    them here. ``on_source`` is called after each source's articles are committed.
    """
    jobs = (SourceJob.of_result(i, r) for i, r in enumerate(results))
    return _run(
        jobs,
        store,
        settings=settings,
        outlet=outlet,
        published=published,
        on_source=on_source,
        executor=executor,
        models=models,
    )


def _batches(jobs: Iterable[SourceJob], size: int = BATCH_ARTICLES) -> Iterator[list[SourceJob]]:
    """Whole sources, about ``size`` articles a batch (a file not yet read counts one)."""
    batch: list[SourceJob] = []
    articles = 0
    for job in jobs:
        batch.append(job)
        articles += max(1, len(job.works))
        if articles >= size:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch


def _run(
    jobs: Iterable[SourceJob],
    store: SqliteStore,
    *,
    settings: Settings,
    outlet: str | None,
    published: datetime | None,
    on_source: Callable[[SourceResult], None] | None,
    executor: Executor | None,
    models: Models | None,
) -> IngestReport:
    """The declared stages over ``jobs``: per-article ones through the executor, global here."""
    stages = stage_list("ingest", stories=settings.stories, annotate=settings.annotate)
    report = IngestReport()
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    try:
        enrichment = _Enrichment(store, settings=settings, report=report, models=models)
        enrichment.resume()
        enrich = EnrichBatch(
            settings,
            stories=stages.runs("embed"),
            annotate=stages.runs("annotate"),
            models=models or Models(),
            known_names=enrichment.known_names() if stages.runs("annotate") else (),
            # one model thread, in a pool worker and in-process alike (one core per worker):
            # on a machine other work shares, MiniLM on two threads spent 4x the CPU per lead
            # waiting on the other thread (docs/capacity.md)
            threads=1,
        )
        cleaned = runner.map_batches(
            ReadCleanBatch(settings, outlet=outlet, published=published), _batches(jobs)
        )
        prepared = (_prepare(batch, store, outlet=outlet) for batch in cleaned)
        copies: CopyDetector | None = None
        for batch in runner.map_batches(enrich, prepared):
            for job in batch:
                copies = _write(job, store, settings, copies, report, enrichment, on_source)
        enrichment.close()
    finally:
        if own:
            runner.close()
    return report


def _prepare(batch: list[SourceJob], store: SqliteStore, *, outlet: str | None) -> list[SourceJob]:
    """The global stages before enrichment: outlets and rules (they read the store), and
    which ids are stored already (a duplicate is neither embedded nor annotated)."""
    for job in batch:
        live = job.live()
        articles = resolve_outlets(store, [w.article for w in live], override=outlet)
        mark_articles(store, articles)  # mute/keep rules (newsdesk.rules): marks only
    ids = [w.article.id for job in batch for w in job.live() if w.article.id]
    none: set[str] = set()
    stored = guarded("stored ids", partial(store.pipeline.existing_ids, ids), none) if ids else none
    for job in batch:
        for work in job.live():
            work.known = work.article.id in stored
    return batch


def _write(
    job: SourceJob,
    store: SqliteStore,
    settings: Settings,
    copies: CopyDetector | None,
    report: IngestReport,
    enrichment: _Enrichment,
    on_source: Callable[[SourceResult], None] | None,
) -> CopyDetector | None:
    """One source: drops and failures counted, copies marked, stored in one transaction."""
    for source, error in job.errors:
        report.rejected.append({"source": source, "error": error})
    failures = _Failures(job.source)
    kept: list[Article] = []
    for work in job.works:
        for stage, error in work.failures:
            failures.add(work.article, stage, error)
        if work.dropped is not None:
            report.drops.drop(work.article, work.dropped)
        else:
            kept.append(work.article)
    if kept or not job.errors:
        copies = copies or _copy_detector(store, settings)
        stored = _store(job.source, kept, store, copies, report, failures)
        enrichment.offer([w for w in job.live() if w.article.id in stored])
        failures.save(store, report)
        enrichment.after_source()
    if on_source is not None:
        on_source(job.result())
    return copies


class _Failures:
    """What failed for which article of one source, saved once the ids are known."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[tuple[Article, str, str]] = []

    def add(self, article: Article, stage: str, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else describe(error)
        log.warning("%s: %s failed: %s", article.source, stage, text)
        self.found.append((article, stage, text))

    def save(self, store: SqliteStore, report: IngestReport) -> None:
        rows = []
        for article, stage, error in self.found:
            key = article.id or guarded("article id", partial(article_id, article), "")
            rows.append((key, stage, error, article.source))
            report.failures.append(
                {"id": key, "stage": stage, "error": error, "source": article.source}
            )
        guarded("failure marks", lambda: store.failures.mark_failed(rows), None)
        self.found = []


class _Enrichment:
    """Stories and annotations during ingest: in batches, and once more at the end.

    Models are only loaded when there is something to do. When to update is read
    from the store: after a source, when ``EVERY`` or more articles were stored past
    the rowid the last update covered (kept in the store). So an ingest that stops
    anywhere (between batches, inside one) and runs again updates at the same points,
    over the same articles, in the same order, as one that never stopped: a resumed
    ingest starts by finishing the update the stopped one had begun.

    What the per-article stages found for the articles this run stored (features,
    annotations, or the error) is ``offer``-ed here and used at the update instead of
    reading the article back; an article stored by an earlier (stopped) run, or a
    retry, is read from the store and computed here.
    """

    EVERY = 32

    def __init__(
        self,
        store: SqliteStore,
        *,
        settings: Settings,
        report: IngestReport,
        models: Models | None = None,
    ) -> None:
        self.store, self.report = store, report
        self.stories, self.annotate = settings.stories, settings.annotate
        self.embedding = settings.embedding
        self.attempts = max(1, settings.enrich_attempts)
        self.chunk_chars, self.max_chars = (
            settings.annotate_chunk_chars,
            settings.annotate_max_chars,
        )
        self.models = models or Models()
        self.tracker: StoryTracker | None = None
        self.annotator: Annotator | None = None
        self.failed_here: set[str] = set()  # annotation failures of this run: not retried now
        self.found: dict[str, Work] = {}  # id -> what the per-article stages found, this run

    def known_names(self) -> tuple[tuple[str, str], ...]:
        """Names (canonical, type) stored before this run: the pool's annotators learn them."""
        empty: list[tuple[str, str, int]] = []
        names = guarded("entity names", self.store.annotations.entity_names, empty)
        return tuple((n, t) for n, t, _ in names)

    def offer(self, works: Iterable[Work]) -> None:
        """What was computed for articles just stored (kept until their update uses it)."""
        if not (self.stories or self.annotate):
            return
        for work in works:
            if work.article.id and not work.known:
                self.found[work.article.id] = work

    def resume(self) -> None:
        """Finish an update a stopped ingest had due (nothing when the last one ended)."""
        self.after_source()

    def after_source(self) -> None:
        if not (self.stories or self.annotate):
            return
        waiting, last = self.store.failures.articles_after(self.store.failures.enriched_through())
        if waiting >= self.EVERY:
            self._update(last)

    def _update(self, last: int) -> None:
        if self.stories:
            self._assign()
        if self.annotate:
            self._annotate()
        self.store.failures.set_enriched_through(last)
        if not self.annotate:
            self.found.clear()  # nothing else waits for what was found

    def _featurize(self, articles: Sequence[Article]) -> list[Any]:
        """Features computed in the pool when there are (else computed here), in order."""
        out: list[Any] = [None] * len(articles)
        missing: list[int] = []
        for i, article in enumerate(articles):
            work = self.found.get(article.id or "")
            if work is not None and "embed" in work.errors:
                raise _replayed(work.errors["embed"])
            if work is not None and work.features is not None:
                out[i] = work.features
            else:
                missing.append(i)
        if missing:
            english = self.embedding != "use"
            featurize = self.models.featurize or _featurize_default(english, None)
            computed = list(featurize([articles[i] for i in missing]))
            for i, features in zip(missing, computed, strict=True):
                out[i] = features
        return out

    def _assign(self) -> None:
        if self.tracker is None:
            from newsdesk.cluster.tracker import StoryTracker

            self.tracker = StoryTracker(
                self.store, embedding=self.embedding, featurize=self._featurize
            )
        marked = self.store.failures.failed_ids("stories")
        given_up = self.store.failures.failed_ids("stories", attempts=self.attempts)
        before = set(self.tracker.failed)
        self.tracker.update(skip=given_up)
        new = {k: v for k, v in self.tracker.failed.items() if k not in before}
        self._record("stories", new)
        done = marked - given_up - set(self.tracker.failed)
        self.store.failures.clear_failed("stories", [i for i in done if self._has_story(i)])
        for work in self.found.values():  # used (or not needed): let go
            work.features = None
            work.errors.pop("embed", None)

    def _has_story(self, article: str) -> bool:
        found = self.store.articles.article(article)
        return found is not None and found.story_id is not None

    def _annotate(self) -> None:
        given_up = self.store.failures.failed_ids("annotate", attempts=self.attempts)
        marked = self.store.failures.failed_ids("annotate")
        pending = [
            i
            for i in self.store.annotations.unannotated()
            if i not in given_up and i not in self.failed_here
        ]
        for start in range(0, len(pending), self.EVERY):
            ids = pending[start : start + self.EVERY]
            articles = [a for a in (self._article(i) for i in ids) if a is not None]
            found = self._read(articles)
            self.store.annotations.save_annotations(found)
            self.store.failures.clear_failed("annotate", [i for i, _ in found if i in marked])
            for key in ids:
                self.found.pop(key, None)

    def _article(self, key: str) -> Article | None:
        work = self.found.get(key)
        return work.article if work is not None else self.store.articles.article(key)

    def _read(self, articles: list[Article]) -> list[tuple[str, Any]]:
        """Each article's annotations; one that raises is marked and left out."""
        kept: list[tuple[str, Any]] = []
        failed: dict[str, str] = {}
        todo: list[Article] = []
        for article in articles:
            work = self.found.get(article.id or "")
            if work is not None and work.errors.get("annotate"):
                failed[article.id or ""] = work.errors["annotate"]
            elif work is not None and work.annotations is not None:
                kept.append((article.id or "", work.annotations))
            else:
                todo.append(article)
        kept += self._compute(todo, failed)
        by_id = {a.id or "": a for a in articles}
        order = list(by_id)
        kept.sort(key=lambda item: order.index(item[0]) if item[0] in by_id else 0)
        for key, notes in kept:
            if notes.skipped:  # kept and searchable, not read: counted under its reason
                self.report.drops.drop(by_id[key], notes.skipped)
        self._record("annotate", failed)
        return kept

    def _compute(self, articles: list[Article], failed: dict[str, str]) -> list[tuple[str, Any]]:
        """Annotations read here (an article stored by an earlier run, or a retry)."""
        if not articles:
            return []
        if self.models.annotate is not None:
            read: Callable[..., Iterable[Any]] = self.models.annotate
        else:
            if self.annotator is None:
                from newsdesk.annotate.annotator import Annotator

                self.annotator = Annotator(
                    chunk_chars=self.chunk_chars,
                    max_chars=self.max_chars,
                    known_names=lambda: [
                        (n, t) for n, t, _ in self.store.annotations.entity_names()
                    ],
                )
            read = self.annotator.annotate_texts

        def batch(group: list[Article]) -> list[tuple[str, Any]]:
            found = read(
                [a.body for a in group],
                [a.published or a.fetched for a in group],
                [a.language for a in group],
            )
            return [(a.id or "", f) for a, f in zip(group, found, strict=True)]

        try:
            return batch(articles)
        except Exception as exc:  # one article spoils the batch: find it, keep the others
            kept: list[tuple[str, Any]] = []
            if len(articles) == 1:
                failed[articles[0].id or ""] = describe(exc)
            for article in articles if len(articles) > 1 else ():
                try:
                    kept += batch([article])
                except Exception as exc:
                    failed[article.id or ""] = describe(exc)
            return kept

    def _record(self, stage: str, failed: dict[str, str]) -> None:
        if not failed:
            return
        rows = []
        for key, error in sorted(failed.items()):
            work = self.found.get(key)
            article = work.article if work is not None else self.store.articles.article(key)
            source = article.source if article else None
            log.warning("%s: %s failed: %s", source or key, stage, error)
            rows.append((key, stage, error, source))
            self.report.failures.append(
                {"id": key, "stage": stage, "error": error, "source": source or ""}
            )
            if stage == "annotate":
                self.failed_here.add(key)
        self.store.failures.mark_failed(rows)

    def close(self) -> None:
        if not (self.stories or self.annotate):
            return
        waiting, last = self.store.failures.articles_after(self.store.failures.enriched_through())
        pending = (self.stories and self._unassigned()) or (self.annotate and self._unannotated())
        if waiting or pending:
            self._update(last)
        if self.tracker is not None:
            self.tracker.snapshot()
        self.found.clear()

    def _unassigned(self) -> bool:
        skip = self.store.failures.failed_ids("stories", attempts=self.attempts)
        skip |= set(self.tracker.failed if self.tracker else ())
        return any(i not in skip for _, i in self.store.stories.unassigned())

    def _unannotated(self) -> bool:
        skip = self.store.failures.failed_ids("annotate", attempts=self.attempts) | self.failed_here
        return any(i not in skip for i in self.store.annotations.unannotated())


def _replayed(error: str) -> Exception:
    """An error found in a worker, raised again here with the same ``describe`` text."""
    name, _, message = error.partition(": ")
    kind = type(name if name.isidentifier() else "StageError", (Exception,), {})
    return kind(message if name.isidentifier() else error)


def _copy_detector(store: SqliteStore, settings: Settings) -> CopyDetector:
    """A copy detector that knows every stored article (signatures are not recomputed)."""
    detector = CopyDetector.from_settings(settings)
    for article, signature in store.articles.copy_seeds():
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
) -> set[str]:
    """Mark copies, store one source in one transaction with the links that moved;
    the ids stored (new)."""
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
        added = store.articles.add_source(source, marked, signatures=signatures, relinks=moved)
    except (sqlite3.OperationalError, KeyboardInterrupt):
        raise  # the store itself (locked, full, read-only), not one article
    except Exception:  # one article the store refuses: store the others one by one
        stored = _store_each(source, marked, store, report, failures, signatures=signatures)
        guarded("copy relinks", lambda: store.articles.relink(moved), 0)
        return stored
    report.ingested += len(added.ingested)
    report.duplicates += len(added.duplicates)
    report.ids.extend(added.ingested)
    return set(added.ingested)


def _store_each(
    source: str,
    articles: list[Article],
    store: SqliteStore,
    report: IngestReport,
    failures: _Failures,
    *,
    signatures: dict[str, bytes | None],
) -> set[str]:
    stored: set[str] = set()
    for article in articles:
        key = article.id or ""
        try:
            added = store.articles.add_source(
                source, [article], signatures={key: signatures.get(key)}
            )
        except sqlite3.OperationalError:
            raise
        except Exception as exc:
            failures.add(article, "store", exc)
            continue
        report.ingested += len(added.ingested)
        report.duplicates += len(added.duplicates)
        report.ids.extend(added.ingested)
        stored.update(added.ingested)
    return stored


def clean_files(
    paths: Sequence[Path], *, settings: Settings, executor: Executor | None = None
) -> Iterator[tuple[Path, Article | NewsdeskError]]:
    """Each file's first article cleaned (stages ``read → clean``), or why it could not be,
    in order; the files in batches through ``executor`` (None: ``settings.workers``)."""
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    names = [str(p) for p in paths]
    batches = [names[i : i + CLEAN_FILES_BATCH] for i in range(0, len(names), CLEAN_FILES_BATCH)]
    try:
        done = 0
        for results in runner.map_batches(CleanFilesBatch(settings), batches):
            for found in results:
                yield paths[done], found
                done += 1
    finally:
        if own:
            runner.close()


CLEAN_FILES_BATCH = 8


def clean_file(path: Path, *, settings: Settings) -> Article:
    """Read and clean one file (the first article in it), storing nothing."""
    articles = read_path(str(path), settings=settings)  # FIFOs, devices, loops refused
    if not articles:
        raise EmptyInput(f"{path}: no article found")
    return TextCleaner.from_settings(settings).clean(articles[0])
