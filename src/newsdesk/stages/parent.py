"""The global stages: run in the parent, over each batch in order (one writer).

Built for one run from an :class:`IngestRun` (the store, the settings, the report);
``run_stages`` calls each over every batch in order, and those marked ``per_source``
one source at a time, interleaved (a source goes through copies, the store writer,
story assignment and the annotation writer before the next one does), so each
source is stored in one transaction and the enrichment points fall after the same
sources as ever.

- :class:`Outlets`, :class:`Rules`: the outlet registry and mute/keep rules (they read
  the store); :class:`Known`: which ids are stored already (no enrichment work);
- :class:`Copies`: what the per-article stages said about the source is counted
  (rejected, drops, failures), copies marked against the copy index;
- :class:`StoreWriter`: one transaction per source; failures marked;
- :class:`Stories`, :class:`SaveAnnotations`: story assignment and the annotation
  writer at points fixed by the store's contents (:class:`Enrichment`), using what the
  per-article stages found in memory (the store is not read back for it).
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from newsdesk.article import Article, article_id
from newsdesk.dedupe.links import CopyLink
from newsdesk.faults import describe, guarded, log
from newsdesk.pipeline import Drops, WarmUp
from newsdesk.settings import Settings
from newsdesk.stages.batches import Models, SourceJob, Work, _featurize_default

if TYPE_CHECKING:
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.cluster.tracker import StoryTracker
    from newsdesk.dedupe import CopyDetector
    from newsdesk.lang.merge import NameJoiner
    from newsdesk.store import SqliteStore

__all__ = [
    "Copies",
    "Enrichment",
    "IngestReport",
    "IngestRun",
    "Known",
    "Outlets",
    "Recluster",
    "Rules",
    "SaveAnnotations",
    "StoreWriter",
    "Stories",
]

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


@dataclass(slots=True)
class IngestRun:
    """What the stages of one ingest are built from (``StageSpec.make(run)``)."""

    settings: Settings
    store: SqliteStore | None = None
    outlet: str | None = None
    published: datetime | None = None
    models: Models = field(default_factory=Models)
    # one model thread, in a pool worker and in-process alike (one core per worker):
    # on a machine other work shares, MiniLM on two threads spent 4x the CPU per lead
    # waiting on the other thread (docs/capacity.md)
    threads: int | None = 1
    report: IngestReport = field(default_factory=IngestReport)
    _enrichment: Enrichment | None = None
    copies: CopyDetector | None = None  # the copy index, built on the first source stored
    reclustered: int = 0  # ``recluster``: the articles its stories were rebuilt from

    def need_store(self) -> SqliteStore:
        assert self.store is not None, "this stage needs the store"
        return self.store

    @property
    def enrichment(self) -> Enrichment:
        if self._enrichment is None:
            self._enrichment = Enrichment(
                self.need_store(), settings=self.settings, report=self.report, models=self.models
            )
        return self._enrichment


class Outlets:
    """Outlet registry (reads the store): outlet, carrier, language prior."""

    per_source = True

    def __init__(self, run: IngestRun) -> None:
        self.store, self.override = run.need_store(), run.outlet
        # the registry's imports, while the workers start if a pool does; an article read
        # as a language its outlet does not publish in is read again with the outlet's
        # languages from what the clean stage's worker carried (Work.language_evidence):
        # py3langid's model (half a CPU second) is loaded here only for one without it
        self.warm = WarmUp(_outlet_loads)

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        from newsdesk.outlets.stage import resolve_outlets

        self.warm.wait()
        for job in batch:
            live = job.live()
            resolve_outlets(
                self.store,
                [w.article for w in live],
                override=self.override,
                evidence=[w.language_evidence for w in live],
            )
        return batch


def _outlet_loads() -> None:
    importlib.import_module("newsdesk.outlets.stage")


class Rules:
    """Mute/keep rules (newsdesk.rules; read the store): marks only."""

    per_source = True

    def __init__(self, run: IngestRun) -> None:
        self.store = run.need_store()

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        from newsdesk.rules import mark_articles

        for job in batch:
            mark_articles(self.store, [w.article for w in job.live()])
        return batch


class Known:
    """Which ids are stored already: a duplicate is neither embedded nor annotated."""

    def __init__(self, run: IngestRun) -> None:
        self.store = run.need_store()

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        ids = [w.article.id for job in batch for w in job.live() if w.article.id]
        none: set[str] = set()
        existing = self.store.pipeline.existing_ids
        stored = guarded("stored ids", partial(existing, ids), none) if ids else none
        for job in batch:
            for work in job.live():
                work.known = work.article.id in stored
        return batch


class Copies:
    """What the per-article stages said about one source is counted (rejected sources,
    drops, failures, in article order); its articles are marked against the copy index
    (MinHash), which is built from the store on the first source that has something to
    store; the links that moved (an earlier original arrived) go with the source."""

    per_source = True

    def __init__(self, run: IngestRun) -> None:
        self.run = run

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        for job in batch:
            self._source(job)
        return batch

    def _source(self, job: SourceJob) -> None:
        report = self.run.report
        for source, error in job.errors:
            report.rejected.append({"source": source, "error": error})
        job.marks = _Failures(job.source)
        kept: list[Article] = []
        given: dict[str, bytes | None] = {}  # the signatures stage's, by id
        for work in job.works:
            for stage, error in work.failures:
                job.marks.add(work.article, stage, error)
            if work.dropped is not None:
                report.drops.drop(work.article, work.dropped)
            else:
                kept.append(work.article)
                if work.article.id and work.article.id not in given:
                    given[work.article.id] = work.signature
        if not job.storable():
            return
        if self.run.copies is None:
            self.run.copies = _copy_detector(self.run.need_store(), self.run.settings)
        copies = self.run.copies
        marked: list[Article] = []
        for article in kept:
            if article.id is None:  # no id could be made (the ids stage): the store says why
                marked.append(article)
                continue
            try:
                marked.extend(copies.run([article], report.drops, signatures=given))
            except Exception as exc:  # stored as an original, without a copy link
                from newsdesk.dedupe.detector import mark

                mark(article, None)
                job.marks.add(article, "copies", exc)
                marked.append(article)
        job.signatures = {
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
        job.marked, job.relinks = marked, moved


class StoreWriter:
    """One source in one transaction with the copy links that moved; an article the store
    refuses is marked and the others stored one by one; failures saved. What the
    per-article stages found for the new articles goes to the enrichment from memory."""

    per_source = True

    def __init__(self, run: IngestRun) -> None:
        self.run = run
        self.store = run.need_store()
        self.enrich = run.settings.stories or run.settings.annotate

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        for job in batch:
            if job.storable():
                stored = _store(job, self.store, self.run.report)
                if self.enrich:
                    self.run.enrichment.offer([w for w in job.live() if w.article.id in stored])
                job.marks.save(self.store, self.run.report)
        return batch


class _AtFixedPoints:
    """A global stage that acts whenever ``Enrichment.EVERY`` articles were stored since the
    last time (after a source), at the points fixed by the store's contents, and at the end."""

    per_source = True
    enrichment: Enrichment

    def open(self) -> None:
        self._due(self.enrichment.due())

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        if any(job.storable() for job in batch):
            self._due(self.enrichment.due())
        return batch

    def _due(self, last: int | None) -> None:
        raise NotImplementedError


class Stories(_AtFixedPoints):
    """Story assignment at the fixed points and at the end."""

    def __init__(self, run: IngestRun) -> None:
        self.enrichment = run.enrichment
        self.last: bool = not run.settings.annotate  # no annotation writer follows

    def _due(self, last: int | None) -> None:
        if last is None:
            return
        self.enrichment.assign()
        if self.last:
            self.enrichment.done(last)

    def close(self) -> None:
        self._due(self.enrichment.final())
        self.enrichment.snapshot()
        if self.last:
            self.enrichment.found.clear()


class SaveAnnotations(_AtFixedPoints):
    """Annotations written at the same points as story assignment; failures marked and
    retried on later ingests."""

    def __init__(self, run: IngestRun) -> None:
        self.enrichment = run.enrichment

    def _due(self, last: int | None) -> None:
        if last is None:
            return
        self.enrichment.annotate_pending()
        self.enrichment.done(last)

    def close(self) -> None:
        self._due(self.enrichment.final())
        self.enrichment.found.clear()


class Recluster:
    """``stories`` for ``recluster``: every story rebuilt from scratch, deterministically
    (published, then id order), from the features stored with the articles (the list's
    ``given``), with the same embedding setting as ingest (``NEWSDESK_EMBEDDING``: "use"
    weighs the multilingual vectors alone); nothing is read but the store, so it runs once,
    when the list closes."""

    def __init__(self, run: IngestRun) -> None:
        self.run = run

    def __call__(self, batch: list[Any]) -> list[Any]:
        return batch

    def close(self) -> None:
        from newsdesk.cluster.tracker import StoryTracker

        tracker = StoryTracker(self.run.need_store(), embedding=self.run.settings.embedding)
        self.run.reclustered = tracker.recluster()


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


class Enrichment:
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
        self.names: NameJoiner | None = None  # names across scripts, joined in store order
        self._final: tuple[int | None] | None = None

    def known_names(self) -> tuple[tuple[str, str], ...]:
        """Names (canonical, type) in the store: what the cross-script join starts from."""
        empty: list[tuple[str, str, int]] = []
        names = guarded("entity names", self.store.annotations.entity_names, empty)
        return tuple((n, t) for n, t, _ in names)

    def offer(self, works: Iterable[Work]) -> None:
        """What was computed for articles just stored (kept until their update uses it)."""
        for work in works:
            if work.article.id and not work.known:
                self.found[work.article.id] = work

    def due(self) -> int | None:
        """The rowid an update now covers, when one is due (``EVERY`` stored since the last)."""
        waiting, last = self.store.failures.articles_after(self.store.failures.enriched_through())
        return last if waiting >= self.EVERY else None

    def final(self) -> int | None:
        """The rowid the last update covers, when anything is left (asked once, at the end:
        the first stage to close decides for the others)."""
        if self._final is None:
            waiting, last = self.store.failures.articles_after(
                self.store.failures.enriched_through()
            )
            pending = (self.stories and self._unassigned()) or (
                self.annotate and self._unannotated()
            )
            self._final = (last if waiting or pending else None,)
        return self._final[0]

    def done(self, last: int) -> None:
        """The update covering up to ``last`` is complete."""
        self.store.failures.set_enriched_through(last)
        if not self.annotate:
            self.found.clear()  # nothing else waits for what was found

    def snapshot(self) -> None:
        if self.tracker is not None:
            self.tracker.snapshot()

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

    def assign(self) -> None:
        if self.tracker is None:
            from newsdesk.cluster.tracker import StoryTracker

            seen = cast("SqliteStore", _Remembering(self.store, self.found))
            self.tracker = StoryTracker(seen, embedding=self.embedding, featurize=self._featurize)
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

    def annotate_pending(self) -> None:
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
            self._join_names(found, articles)
            self.store.annotations.save_annotations(found)
            self.store.failures.clear_failed("annotate", [i for i, _ in found if i in marked])
            for key in ids:
                self.found.pop(key, None)

    def _join_names(self, found: list[tuple[str, Any]], articles: list[Article]) -> None:
        """Names in pack languages joined across scripts, here, in store order: the same
        store whatever the executor and wherever the batches were cut."""
        if self.names is None:
            from newsdesk.lang.merge import NameJoiner

            self.names = NameJoiner(self.known_names)
        language = {a.id or "": a.language for a in articles}
        self.names.join((notes, language.get(key)) for key, notes in found)

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
                    chunk_chars=self.chunk_chars, max_chars=self.max_chars, join_names=False
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

    def _unassigned(self) -> bool:
        skip = self.store.failures.failed_ids("stories", attempts=self.attempts)
        skip |= set(self.tracker.failed if self.tracker else ())
        return any(i not in skip for _, i in self.store.stories.unassigned())

    def _unannotated(self) -> bool:
        skip = self.store.failures.failed_ids("annotate", attempts=self.attempts) | self.failed_here
        return any(i not in skip for i in self.store.annotations.unannotated())


class _Remembering:
    """The store as story assignment sees it during ingest: an article this run has just
    stored is taken from memory (with what the per-article stages found for it), not read
    back; everything else is the store's."""

    def __init__(self, store: SqliteStore, found: dict[str, Work]) -> None:
        self._store = store
        self.articles = _RememberedArticles(store.articles, found)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class _RememberedArticles:
    def __init__(self, articles: Any, found: dict[str, Work]) -> None:
        self._articles, self._found = articles, found

    def article(self, key: str) -> Article | None:
        work = self._found.get(key)
        return work.article if work is not None else self._articles.article(key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._articles, name)


def _replayed(error: str) -> Exception:
    """An error found in a worker, raised again here with the same ``describe`` text."""
    name, _, message = error.partition(": ")
    kind = type(name if name.isidentifier() else "StageError", (Exception,), {})
    return kind(message if name.isidentifier() else error)


def _copy_detector(store: SqliteStore, settings: Settings) -> CopyDetector:
    """A copy detector that knows every stored article (signatures are not recomputed)."""
    from newsdesk.dedupe import CopyDetector

    detector = CopyDetector.from_settings(settings)
    for article, signature in store.articles.copy_seeds():
        try:
            detector.seed(article, signature=signature)
        except Exception as exc:  # a stored signature it cannot read: computed again
            log.warning("%s: stored signature unreadable: %s", article.id, describe(exc))
            detector.seed(article)
    return detector


def _store(job: SourceJob, store: SqliteStore, report: IngestReport) -> set[str]:
    """Store one source's marked articles in one transaction with the links that moved;
    the ids stored (new)."""
    source, marked, moved, signatures = job.source, job.marked, job.relinks, job.signatures
    try:
        added = store.articles.add_source(source, marked, signatures=signatures, relinks=moved)
    except (sqlite3.OperationalError, KeyboardInterrupt):
        raise  # the store itself (locked, full, read-only), not one article
    except Exception:  # one article the store refuses: store the others one by one
        stored = _store_each(job, store, report)
        guarded("copy relinks", lambda: store.articles.relink(moved), 0)
        return stored
    report.ingested += len(added.ingested)
    report.duplicates += len(added.duplicates)
    report.ids.extend(added.ingested)
    return set(added.ingested)


def _store_each(job: SourceJob, store: SqliteStore, report: IngestReport) -> set[str]:
    stored: set[str] = set()
    for article in job.marked:
        key = article.id or ""
        try:
            added = store.articles.add_source(
                job.source, [article], signatures={key: job.signatures.get(key)}
            )
        except sqlite3.OperationalError:
            raise
        except Exception as exc:
            job.marks.add(article, "store", exc)
            continue
        report.ingested += len(added.ingested)
        report.duplicates += len(added.duplicates)
        report.ids.extend(added.ingested)
        stored.update(added.ingested)
    return stored
