"""Ingest: read sources, clean each article, store each source in one transaction.

The public entry points (the CLI's ``ingest``, the live desk's ``run`` and the
``backfill`` command all call them)::

    ingest(specs, store, *, settings, executor=None, ...)          # files, dirs, globs, URLs
    ingest_results(results, store, *, settings, executor=None, ...)  # sources already read

Both run the declared stage list (:data:`newsdesk.stages.STAGES`) with the generic
runner (:func:`newsdesk.pipeline.run_stages`): each run of consecutive per-article
stages (read, clean, quality, ids; then embed and annotate for articles not stored
yet) as one composed batch function through ``executor`` (any
:class:`newsdesk.executors.Executor`; None: ``make_executor("local",
workers=settings.workers)``, closed at the end; an executor passed in is left open
for the caller), and the global stages in this process, in source order: outlets and
rules, known ids, the copy index, the store writer (one transaction per source),
story assignment and the annotation writer. Results come
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
contents (whenever ``newsdesk.stages.parent.Enrichment.EVERY`` articles were stored since the last
time, and at the end), never by the process's history, so an ingest killed at
any moment and run again gives the same stories as one that ran through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, NewsdeskError
from newsdesk.executors import Executor, InlineExecutor, make_executor
from newsdesk.ingest import SourceResult, _read_one, read_path
from newsdesk.ingest.fetch import Urllib3Transport
from newsdesk.ingest.sources import expand_specs
from newsdesk.pipeline import run_stages
from newsdesk.settings import Settings
from newsdesk.stages import IngestReport, IngestRun, Models, SourceJob, stage_list
from newsdesk.stages.batches import apply_overrides
from newsdesk.stages.files import FileJob, FilesRun
from newsdesk.store import SqliteStore

__all__ = [
    "IngestReport",
    "apply_overrides",
    "clean_file",
    "clean_files",
    "ingest",
    "ingest_results",
    "recluster",
]

BATCH_ARTICLES = 16  # articles per batch handed to the executor (whole sources, never split)
LAST_BATCH = 4  # the smallest batch the shrinking towards the end of a run makes
# a batch takes at most this share of the sources left (1/4: two workers' two batches each)
# whatever the number of workers: the multilingual embedding's floats depend on which leads
# share a batch (about 1e-7), so batches cut by the worker count gave another store (a story
# of two equally close articles titled by the other one) with --workers 1 than with 2
SHRINK_SHARE = 4


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

    sources = list(expand_specs(specs))  # listed, not read: how many there are

    def jobs() -> Iterator[SourceJob]:
        for index, spec in enumerate(sources):
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
        total=len(sources),
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


def _batches(
    jobs: Iterable[SourceJob],
    size: int = BATCH_ARTICLES,
    *,
    total: int | None = None,
    workers: int = 1,
) -> Iterator[list[SourceJob]]:
    """Whole sources, about ``size`` articles a batch (a file not yet read counts one).

    When the number of sources is known (``total``), a batch takes no more than a
    :data:`SHRINK_SHARE`-th of the sources still to come (at least :data:`LAST_BATCH`):
    the batches shrink towards the end, so the workers run out of work at about the same
    time instead of one finishing a whole batch alone. The cut does not depend on
    ``workers`` (kept for callers): the same input gives the same batches, and so the same
    store, with any number of workers."""
    batch: list[SourceJob] = []
    articles, left, cap = 0, total, size
    shrink = total is not None and total > size  # one batch: this process
    for job in jobs:
        if not batch and shrink and left is not None:  # how large this batch may grow
            cap = min(size, max(LAST_BATCH, -(-left // SHRINK_SHARE)))
        batch.append(job)
        articles += max(1, len(job.works))
        left = None if left is None else left - 1
        if articles >= cap:
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
    total: int | None = None,
) -> IngestReport:
    """The declared stages over ``jobs`` (``total`` of them, when known): per-article ones
    through the executor, global here."""
    stages = stage_list("ingest", stories=settings.stories, annotate=settings.annotate)
    run = IngestRun(settings, store, outlet=outlet, published=published, models=models or Models())
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    after = (lambda job: on_source(job.result())) if on_source is not None else None
    try:
        batches = _batches(jobs, total=total, workers=runner.workers)
        more = total is not None and total > BATCH_ARTICLES  # workers: start them now
        for _ in run_stages(stages, run, batches, runner, after=after, start=more, release=own):
            pass
    finally:
        if own:
            runner.close()
    return run.report


def clean_files(
    paths: Sequence[Path], *, settings: Settings, executor: Executor | None = None
) -> Iterator[tuple[Path, Article | NewsdeskError]]:
    """Each file's first article cleaned (stages ``read → clean``, bound to
    :mod:`newsdesk.stages.files`), or why it could not be, in order; the files in batches
    through ``executor`` (None: ``settings.workers``)."""
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    jobs = [FileJob(str(p)) for p in paths]
    batches = [jobs[i : i + CLEAN_FILES_BATCH] for i in range(0, len(jobs), CLEAN_FILES_BATCH)]
    try:
        done = 0
        for results in run_stages(stage_list("clean"), FilesRun(settings), batches, runner):
            for job in results:
                yield paths[done], job.article if job.error is None else job.error
                done += 1
    finally:
        if own:
            runner.close()


def recluster(store: SqliteStore, *, settings: Settings) -> int:
    """Rebuild every story from scratch (the stage list ``stories``, from the stored
    features); the number of articles the stories were built from."""
    run = IngestRun(settings, store)
    for _ in run_stages(stage_list("recluster"), run, [], InlineExecutor()):
        pass
    return run.reclustered


CLEAN_FILES_BATCH = 8


def clean_file(path: Path, *, settings: Settings) -> Article:
    """Read and clean one file (the first article in it), storing nothing."""
    from newsdesk.clean import TextCleaner  # the cleaner runs where the stages run, not here

    articles = read_path(str(path), settings=settings)  # FIFOs, devices, loops refused
    if not articles:
        raise EmptyInput(f"{path}: no article found")
    return TextCleaner.from_settings(settings).clean(articles[0])
