"""Backfill: many WARC/JSONL shards through the ingest stages in one pass, resumable.

``newsdesk backfill LIST`` calls :func:`backfill`. Each shard (a WARC or JSONL file,
gzipped or not) is split, cheaply, into chunks of records
(:mod:`newsdesk.backfill_chunks`: nothing is parsed but the record boundaries), and
every chunk of every shard goes, in order, through one runner pass
(:func:`newsdesk.pipeline.run_stages`) of ingest's declared stages with the chunk
reader bound as ``read`` (:func:`backfill_stages`): read (HTML extraction), clean,
the quality gate and ids on the executor's workers as one batch function, the outlets,
rules and known ids here, embed and annotate on the workers, then the copies, the store
writer (the only writer), story assignment and the annotation writer here. So the
workers read the next chunks while this process stores the last ones, and a chunk
travels to a worker as bytes once; only what it gave comes back.

On Ray (an executor with ``dataset``) the pass is one Ray Data dataset instead
(:meth:`_Pass.dataset`, :func:`dataset_stages`): the shards are split into chunks by
Ray tasks on this node (:class:`SplitShards`), every per-article stage that needs no
store — read, clean, the quality gate, ids, outlets (against the registry read when the
pass begins), embed, annotate — runs fused on an actor pool, and this process, the one
reducer, takes the chunks back in order and runs the rules, known ids, copies, the
writer, story assignment and the annotation writer on each: the same store as inline.

Each chunk is one source for the store (committed in one transaction, named
``PATH#FIRST-LAST``); after each, the shard's progress (records done, counts) is
written to the ``shards`` table, and a shard is marked done once its last chunk is
stored. A rerun skips a shard marked done with the same content (SHA-256) and resumes
a running one after the records it had committed; ids come from the URL or the text,
so a chunk committed just before a kill and read again is counted as duplicates,
never stored twice. Stories and annotations are brought up to date at the points
ingest uses (fixed by the store's contents) and at the end of the pass: a rerun
finishes the update a stopped run had due, even when every shard is done.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsdesk import backfill_chunks
from newsdesk.backfill_chunks import (
    CHUNK_RECORDS,
    Chunk,
    identity,
    read_chunk,
    shard_list,
    split_shard,
)
from newsdesk.errors import InputError
from newsdesk.executors import Executor
from newsdesk.faults import describe, log
from newsdesk.pipeline import Composed, StageList, run_stages
from newsdesk.settings import Settings
from newsdesk.stages import IngestReport, IngestRun, Models, SourceJob, Work, stage_list
from newsdesk.store import SqliteStore
from newsdesk.store.shards import ShardCounts

__all__ = [
    "CHUNK_RECORDS",
    "BackfillReport",
    "Chunk",
    "ChunkJob",
    "ReadChunks",
    "ResolveOutlets",
    "ShardTask",
    "SplitShards",
    "backfill",
    "backfill_stages",
    "dataset_stages",
    "shard_list",
    "split_shard",
]

FAILURES_SHOWN = 50


@dataclass(slots=True)
class ChunkJob(SourceJob):
    """One chunk on its way through the stages: read (and its bytes let go) by
    :class:`ReadChunks` where the executor runs it, then stored in one transaction.

    In a Ray Data run (:class:`SplitShards`) each chunk says its shard and its last record,
    and a job with ``last`` set (no chunk, nothing to read) follows a shard's last chunk:
    the shard is settled when it reaches this process (``shard_error``: it could not be
    split to the end)."""

    chunk: Chunk | None = None
    shard: str = ""
    end: int = 0
    last: bool = False
    shard_error: str | None = None


@dataclass(frozen=True, slots=True)
class ShardTask:
    """A shard for a Ray Data run: its path, and the records already stored from it."""

    path: str
    skip: int = 0


@dataclass(slots=True)
class SplitShards:
    """The Ray Data run's expand step: one shard's chunks (as bytes, records found but not
    parsed) after the records already stored, then the shard's end; never raises."""

    settings: Settings
    records: int = CHUNK_RECORDS

    def __call__(self, task: ShardTask) -> Iterator[ChunkJob]:
        error: str | None = None
        try:
            for chunk in split_shard(
                task.path, self.settings, skip=task.skip, records=self.records
            ):
                yield ChunkJob(index=0, source=chunk.source, chunk=chunk, shard=task.path,
                               end=chunk.end)  # fmt: skip
        except Exception as exc:  # opened once, unreadable now (removed, replaced)
            error = describe(exc)
        yield ChunkJob(index=0, source=f"{task.path}#end", read=True, shard=task.path,
                       last=True, shard_error=error)  # fmt: skip


@dataclass(slots=True)
class _Registry:
    """The store as :func:`newsdesk.outlets.stage.resolve_outlets` reads it: the registry."""

    registry: Any

    @property
    def outlets(self) -> _Registry:
        return self

    def outlet_registry(self) -> Any:
        return self.registry


@dataclass(slots=True)
class ResolveOutlets:
    """The ``outlets`` stage where the actors run (a Ray Data run): each source's articles
    resolved against the outlet registry as the store had it when the run began (ingest
    changes no outlet; ``newsdesk outlets`` edits made during a run apply to the next)."""

    registry: Any
    override: str | None = None
    name: str = "outlets"

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        from newsdesk.outlets.stage import resolve_outlets

        store = _Registry(self.registry)
        for job in batch:
            live = job.live()
            resolve_outlets(
                store,
                [w.article for w in live],
                override=self.override,
                evidence=[w.language_evidence for w in live],  # the clean stage's reading
            )
        return batch


@dataclass(slots=True)
class ReadChunks:
    """The backfill's ``read`` stage (bound in place of ingest's): each chunk of the batch
    read where the executor runs it; only what it gave goes back, never its bytes."""

    settings: Settings
    name: str = "read"

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        for job in batch:
            if job.read or not isinstance(job, ChunkJob) or job.chunk is None:
                continue
            result = read_chunk(job.chunk, self.settings)
            job.errors, job.read = list(result.errors), True
            job.works = [Work(a) for a in result.articles]
            job.chunk = None
        return batch

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """A chunk a worker died on (a crash in a parser) is rejected; the shard goes on."""
        if not job.read:
            job.read, job.works = True, []
            job.errors.append((job.source, f"the chunk could not be read: {reason}"))
            if isinstance(job, ChunkJob):
                job.chunk = None
        return job


def _read_chunks(run: Any) -> ReadChunks:
    return ReadChunks(run.settings)


def backfill_stages(settings: Settings) -> StageList:
    """``ingest``'s declared stages with the chunk reader bound as ``read``: one pass."""
    stages = stage_list("ingest", stories=settings.stories, annotate=settings.annotate)
    bound = [replace(s, make=_read_chunks) if s.name == "read" else s for s in stages.stages]
    return StageList(bound)


def _resolve_outlets(run: Any) -> ResolveOutlets:
    return ResolveOutlets(run.need_store().outlets.outlet_registry(), run.outlet)


def dataset_stages(settings: Settings) -> tuple[StageList, StageList]:
    """The backfill's stages for one Ray Data dataset: (the actors', this process's).

    Every per-article stage that does not need the store, fused, in declared order: read,
    clean, the quality gate, ids, ``outlets`` (against the registry read once, here,
    when the run begins), embed and annotate. Here, on each chunk in order, what reads
    or writes the store: rules (their marks), known ids, copies, the writer, stories and
    the annotation writer. An article already stored is embedded and annotated for
    nothing (the known-id check comes after); a resumed shard starts after the records
    it had stored, so that is at most the one chunk stored just before a stop."""
    stages = backfill_stages(settings).stages
    moved = {"outlets": _resolve_outlets}
    article = [
        replace(s, kind="article", make=moved[s.name]) if s.name in moved else s
        for s in stages
        if s.kind == "article" or s.name in moved
    ]
    here = [s for s in stages if s.kind == "global" and s.name not in moved]
    given = frozenset().union(*(s.assigns for s in article))
    return StageList(article), StageList(here, given=given)


# -- the run -------------------------------------------------------------------


@dataclass(slots=True)
class BackfillReport:
    """What the run did, merged across its passes (``ingest --json``'s shape), and a line
    per shard (its counts include what earlier, interrupted runs stored of it)."""

    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    shards: list[dict[str, Any]] = field(default_factory=list)
    _failed_ids: set[Any] = field(default_factory=set)

    def add(self, run: IngestReport) -> None:
        """One pass's report merged in (the failures it lists: as many as it shows)."""
        self.ingested += run.ingested
        self.duplicates += run.duplicates
        self.rejected.extend(run.rejected)
        self.dropped.update(run.drops.reasons)
        failures = run.failures[:FAILURES_SHOWN]
        listed = {f.get("id") for f in failures}
        # an enrichment retried in a later pass fails there again: one article, counted once
        self.failed += len(listed - self._failed_ids) + max(0, run.failed - len(listed))
        self._failed_ids |= listed
        self.failures.extend(failures)

    def as_json(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "dropped": dict(self.dropped),
            "failed": self.failed,
            "failures": self.failures[:FAILURES_SHOWN],
            "shards": self.shards,
        }


def _merge(before: ShardCounts, now: ShardCounts) -> ShardCounts:
    """Counts of a resumed shard: what the earlier runs gave plus this one."""
    dropped = Counter(before.dropped)
    dropped.update(now.dropped)
    return ShardCounts(
        ingested=before.ingested + now.ingested,
        duplicates=before.duplicates + now.duplicates,
        rejected=[*before.rejected, *now.rejected][:FAILURES_SHOWN],
        dropped=dict(dropped),
        failed=before.failed + now.failed,
        failures=[*before.failures, *now.failures][:FAILURES_SHOWN],
    )


def backfill(
    items: Sequence[str],
    store: SqliteStore,
    *,
    settings: Settings,
    executor: Executor,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
    models: Models | None = None,
) -> BackfillReport:
    """Every shard ``items`` names through the ingest stages on ``executor``; resumable.

    One runner pass (:func:`newsdesk.pipeline.run_stages`) over the chunks of every shard
    in order: read, clean, ids, embed and annotate where the executor runs them, the
    global stages here; a shard is marked done once its last chunk is stored. When the
    pass itself fails (the store, the executor), the shard it was storing is marked
    failed and a new pass goes on with the shards after it.

    ``models``: a :class:`newsdesk.stages.Models` standing in for the models (tests)."""
    report = BackfillReport()
    todo = shard_list(items)
    stages = backfill_stages(settings)
    dataset = callable(getattr(executor, "dataset", None))  # Ray: one Ray Data dataset
    while todo:
        one = _Pass(store, settings=settings, models=models, on_shard=on_shard)
        try:
            if dataset:
                one.dataset(todo, executor)
            else:
                for _ in run_stages(stages, one.run, one.jobs(todo), executor,
                                    after=one.committed):  # fmt: skip
                    pass
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # the store or the executor itself: that shard, then on
            error = describe(exc)
            log.warning("backfill failed: %s", error)
            failed = one.fail(error)
            if failed is None and not one.settled:
                raise  # no shard to blame and none settled: another pass would fail the same
            todo = [p for p in todo if p not in one.settled and p != failed]
        else:
            one.finish()
            todo = []
        report.add(one.run.report)
        report.shards.extend(one.lines)
    return report


@dataclass(slots=True)
class _Shard:
    """Where one shard of a pass stands."""

    path: str
    line: dict[str, Any]  # the report's line for it
    before: ShardCounts = field(default_factory=ShardCounts)  # counts of earlier runs
    counts: ShardCounts = field(default_factory=ShardCounts)  # this run's so far
    sent: int = 0  # chunks sent into the pass, not stored yet
    split: bool = False  # every chunk sent (or the shard needs no work)
    error: str | None = None  # the shard could not be split to the end

    @property
    def running(self) -> bool:
        return self.line["status"] == "running"


class _Pass:
    """One runner pass over shards: the chunk jobs it reads (:meth:`jobs`), and each shard
    settled in order (done, skipped, failed; ``on_shard`` told) once its last chunk is
    stored (:meth:`committed`). What the run's report gained since the last chunk stored
    is counted with that chunk's shard (so are drops and failures of a story or
    annotation update the chunk set off); what the update at the end of the pass gains,
    with the last shard."""

    def __init__(
        self,
        store: SqliteStore,
        *,
        settings: Settings,
        models: Models | None,
        on_shard: Callable[[dict[str, Any]], None] | None,
    ) -> None:
        self.store, self.settings, self.on_shard = store, settings, on_shard
        self.run = IngestRun(settings, store, models=models or Models())
        self.queue: deque[_Shard] = deque()  # shards not settled, in order
        self.chunks: dict[str, tuple[_Shard, int]] = {}  # chunk source -> shard, last record
        self.settled: list[str] = []
        self.lines: list[dict[str, Any]] = []
        self.last: _Shard | None = None  # the last shard settled that had chunks
        self._mark = (0, 0, 0, Counter[str](), 0)  # the report when last counted
        self._failed_ids: set[str] = set()

    def jobs(self, paths: Sequence[str]) -> Iterator[list[SourceJob]]:
        """Each chunk of each shard, one batch each, as the executor asks for them."""
        index = 0
        for path in paths:
            shard = self._open(path)
            self.queue.append(shard)
            if shard.running:
                try:
                    for chunk in split_shard(path, self.settings, skip=shard.line["resumed_at"]):
                        self.chunks[chunk.source] = (shard, chunk.end)
                        shard.sent += 1
                        yield [ChunkJob(index=index, source=chunk.source, chunk=chunk)]
                        index += 1
                except Exception as exc:  # opened once, unreadable now (removed, replaced)
                    shard.error = describe(exc)
            shard.split = True
            self._settle()

    def dataset(self, paths: Sequence[str], executor: Any) -> None:
        """The pass as one Ray Data dataset (``executor.dataset``): every shard opened here
        first (skipped, resumed or begun), the chunks of those to do read, cleaned, gated,
        given ids and outlets, embedded and annotated on the executor's actor pool (one
        fused batch function; embedding on GPU actors of its own where the cluster has
        GPUs), and stored here in order by the stages that read or write the store."""
        from newsdesk.executors import InlineExecutor

        article, here = dataset_stages(self.settings)
        shards: list[_Shard] = []
        for path in paths:
            shards.append(self._open(path))
            self.queue.append(shards[-1])
        tasks = [ShardTask(s.path, s.line["resumed_at"]) for s in shards if s.running]
        self._settle()  # skipped or unreadable shards before the first one to do
        done: Iterable[Any] = ()
        if tasks:  # (with none, the stages here still finish an update a stopped run had due)
            built = [(spec.name, spec.make(self.run)) for spec in article.stages if spec.make]
            names = [name for name, _ in built]
            cut = names.index("embed") if "embed" in names and executor.gpus() else len(built)
            fns = [Composed(part) for part in (built[:cut], built[cut:]) if part]
            split = SplitShards(self.settings, records=backfill_chunks.CHUNK_RECORDS)
            done = executor.dataset(tasks, split, fns)
        jobs = self._taken(done, shards)
        for _ in run_stages(here, self.run, jobs, InlineExecutor(), after=self.committed):
            pass

    def _taken(self, done: Iterable[Any], shards: list[_Shard]) -> Iterator[list[SourceJob]]:
        """The chunks as they come back from the actors, one batch each, in order; a shard's
        end settles it (every chunk before it is stored by then: the stages here take the
        next batch only once the last one is through)."""
        by_path = {shard.path: shard for shard in shards}
        for index, job in enumerate(done):
            if not isinstance(job, ChunkJob) or job.shard not in by_path:
                raise RuntimeError(f"the executor gave back {type(job).__name__}, not a chunk")
            shard = by_path[job.shard]
            if job.last:
                shard.split, shard.error = True, job.shard_error
                self._settle()
                continue
            self.chunks[job.source] = (shard, job.end)
            shard.sent += 1
            job.index = index
            yield [job]

    def _open(self, path: str) -> _Shard:
        """The shard as the store has it: skipped when done with this content, else begun
        (a running one resumes after the records it had stored)."""
        try:
            size, mtime, digest = identity(path)
        except InputError as exc:
            rejected = {"source": path, "error": str(exc)}
            self.run.report.rejected.append(rejected)
            self._count()  # counted here, with this shard
            counts = _merge(ShardCounts(), ShardCounts(rejected=[rejected]))
            line: dict[str, Any] = {"path": path, "status": "failed", "counts": counts.as_json(),
                                    "error": str(exc)}  # fmt: skip
            return _Shard(path, line, split=True)
        row = self.store.shards.shard(path)
        if row is not None and row.status == "done" and row.sha256 == digest:
            line = {"path": path, "status": "skipped", "counts": row.counts.as_json(),
                    "records": row.records_done}  # fmt: skip
            return _Shard(path, line, split=True)
        row = self.store.shards.begin_shard(path, size=size, mtime=mtime, sha256=digest)
        line = {"path": path, "status": "running", "resumed_at": row.records_done,
                "records": row.records_done, "counts": row.counts.as_json()}  # fmt: skip
        return _Shard(path, line, before=row.counts)

    def committed(self, job: SourceJob) -> None:
        """A chunk is in the store (the runner's ``after``): its shard's mark moves on."""
        found = self.chunks.pop(job.source, None)
        if found is None:
            return
        shard, end = found
        shard.counts = _merge(shard.counts, self._count())
        shard.sent -= 1
        shard.line["records"] = end
        counts = _merge(shard.before, shard.counts)
        self.store.shards.shard_progress(shard.path, records_done=end, counts=counts)
        self._settle()

    def _count(self) -> ShardCounts:
        """What the run's report gained since the last time it was counted."""
        report = self.run.report
        ingested, duplicates, rejected, dropped, failures = self._mark
        reasons = Counter(report.drops.reasons)
        new = report.failures[failures:]
        ids = {f["id"] for f in new} - self._failed_ids
        self._failed_ids |= ids
        self._mark = (report.ingested, report.duplicates, len(report.rejected), reasons,
                      len(report.failures))  # fmt: skip
        return ShardCounts(
            ingested=report.ingested - ingested,
            duplicates=report.duplicates - duplicates,
            rejected=report.rejected[rejected:],
            dropped=dict(reasons - dropped),
            failed=len(ids),
            failures=new,
        )

    def _settle(self) -> None:
        """Shards at the head of the queue with every chunk stored: marked, reported."""
        while self.queue and self.queue[0].split and self.queue[0].sent == 0:
            shard = self.queue.popleft()
            if shard.running:
                self._finish(shard, "failed" if shard.error else "done", shard.error)
                self.last = shard
            self._report(shard)

    def _finish(self, shard: _Shard, status: str, error: str | None) -> None:
        counts = _merge(shard.before, shard.counts)
        self.store.shards.finish_shard(shard.path, counts=counts, status=status, error=error)
        shard.line.update(status=status, counts=counts.as_json())
        if error:
            shard.line["error"] = error

    def _report(self, shard: _Shard) -> None:
        self.settled.append(shard.path)
        self.lines.append(shard.line)
        if self.on_shard is not None:
            self.on_shard(shard.line)

    def finish(self) -> None:
        """After the pass: what the last update found is counted with the last shard."""
        gained = self._count()
        shard = self.last
        if shard is not None and gained:
            shard.counts = _merge(shard.counts, gained)
            self._finish(shard, shard.line["status"], shard.line.get("error"))

    def fail(self, error: str) -> str | None:
        """The pass failed: the shard it was storing (the first not settled; the last one,
        when it failed after) is marked failed. Its path, or None."""
        if self.queue:
            shard = self.queue.popleft()
            shard.counts = _merge(shard.counts, self._count())
            self._finish(shard, "failed", error)
            self._report(shard)
            return shard.path
        if self.last is not None:
            self.last.counts = _merge(self.last.counts, self._count())
            self._finish(self.last, "failed", error)
            return self.last.path
        return None
