"""Backfill: many WARC/JSONL shards through the ingest stages, resumable shard by shard.

``newsdesk backfill LIST`` calls :func:`backfill`. Each shard (a WARC or JSONL
file, gzipped or not) is split here, cheaply, into chunks of
:data:`CHUNK_RECORDS` records (WARC responses or JSONL lines; nothing is parsed
but the record boundaries). The chunks travel, as bytes, to the executor, where
:class:`ReadChunks` reads them (HTML extraction is the reader's work, so it runs
on the workers, not here); what they give goes through the ingest stages
(:func:`newsdesk.ingestion.ingest_results`) on the same executor: clean, ids,
embed and annotate on the workers, the global stages (outlets and rules, copies,
the store writer, story assignment) in this process, the only writer.

Each chunk is one source for the store (committed in one transaction, named
``PATH#FIRST-LAST``); after each, the shard's progress (records done) is written
to the ``shards`` table. A rerun skips a shard marked done with the same content
(SHA-256) and resumes a running one after the records it had committed; ids come
from the URL or the text, so a chunk committed just before a kill and read again
is counted as duplicates, never stored twice.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError, UsageError
from newsdesk.executors import Executor
from newsdesk.faults import describe, log
from newsdesk.ingest import SourceResult
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

__all__ = ["CHUNK_RECORDS", "BackfillReport", "Chunk", "ReadChunks", "backfill", "shard_list"]

CHUNK_RECORDS = 16  # records per chunk: one store transaction, one executor batch
FAILURES_SHOWN = 50


@dataclass(slots=True)
class Chunk:
    """Records ``start+1 .. end`` of a shard (1-based, as the readers number them), as bytes."""

    shard: str
    kind: str  # "warc" | "jsonl" | "file" (anything else: the whole file, one chunk)
    start: int
    end: int
    data: bytes
    error: str | None = None  # the shard could not be split past this chunk

    @property
    def source(self) -> str:
        return f"{self.shard}#{self.start + 1}-{self.end}"


def _renumber(where: str, shard: str, offset: int) -> str:
    """``shard#3`` / ``shard:3`` in a chunk starting at ``offset`` → the shard's own numbering."""
    for mark in ("#", ":"):
        head, sep, tail = where.rpartition(mark)
        if sep and head == shard and tail.isdigit():
            return f"{shard}{mark}{int(tail) + offset}"
    return where


def read_chunk(chunk: Chunk, settings: Settings) -> SourceResult:
    """What one chunk gives, numbered as if the whole shard had been read; never raises."""
    from newsdesk.ingest.blob import Blob
    from newsdesk.ingest.reader import read_blob

    result = SourceResult(source=chunk.source)
    if chunk.data:
        suffix = {"warc": ".warc", "jsonl": ".jsonl"}.get(chunk.kind, "")
        blob = Blob(data=chunk.data, source=chunk.shard, name=chunk.shard + suffix)
        try:
            readout = read_blob(blob, settings)
            result.articles = readout.articles
            result.errors = list(readout.errors)
        except InputError as exc:
            if chunk.kind == "file" or "no HTTP responses" not in str(exc):
                result.errors.append((chunk.source, str(exc)))
        except Exception as exc:  # one chunk's surprise is that chunk's error, never the shard's
            result.errors.append((chunk.source, f"the chunk could not be read: {describe(exc)}"))
    for article in result.articles:
        article.source = _renumber(article.source, chunk.shard, chunk.start)
    result.errors = [(_renumber(w, chunk.shard, chunk.start), e) for w, e in result.errors]
    if chunk.error:
        result.errors.append((chunk.shard, chunk.error))
    return result


@dataclass(slots=True)
class ReadChunks:
    """The read stage for backfill (a ``newsdesk.executors.BatchFn``): chunks → sources."""

    settings: Settings
    name: str = "read"

    def setup(self) -> None:
        """Nothing to load: the readers are plain functions."""

    def __call__(self, batch: list[Chunk]) -> list[SourceResult]:
        return [read_chunk(chunk, self.settings) for chunk in batch]


# -- shards --------------------------------------------------------------------


def shard_kind(path: str) -> str:
    name = path.lower().removesuffix(".gz")
    if name.endswith((".warc", ".arc")):
        return "warc"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return "file"


def _open_regular(path: str) -> io.BufferedReader:
    """A regular file, opened for reading (a FIFO, device or directory is refused unread)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("not a regular file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def identity(path: str) -> tuple[int, float, str]:
    """(size, mtime, SHA-256) of a shard: a rerun skips it only when the content is the same."""
    digest = hashlib.sha256()
    with _open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return info.st_size, info.st_mtime, digest.hexdigest()


def split_shard(path: str, settings: Settings, *, skip: int = 0) -> Iterator[Chunk]:
    """The shard's chunks after the first ``skip`` records, in order (records aren't parsed)."""
    kind = shard_kind(path)
    if kind == "warc":
        yield from _split_warc(path, skip)
    elif kind == "jsonl":
        yield from _split_jsonl(path, skip)
    elif skip == 0:
        from newsdesk.ingest.sources import read_file

        try:
            data = read_file(
                path, limit=settings.max_file_bytes, gzip_limit=settings.max_expanded_bytes
            )
        except InputError as exc:
            yield Chunk(path, kind, 0, 1, b"", error=str(exc))
            return
        yield Chunk(path, kind, 0, 1, data)


def _split_warc(path: str, skip: int) -> Iterator[Chunk]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    parts: list[bytes] = []
    index = 0
    start = skip
    error: str | None = None
    with _open_regular(path) as handle:
        records = ArchiveIterator(
            handle, record_types=WarcRecordType.response, parse_http=False, strict_mode=False
        )
        try:
            for index, record in enumerate(records, start=1):
                if index <= skip:
                    continue
                buffer = io.BytesIO()
                record.write(buffer)
                parts.append(buffer.getvalue())
                if len(parts) == CHUNK_RECORDS:
                    yield Chunk(path, "warc", start, index, b"".join(parts))
                    parts, start = [], index
        except (OSError, ValueError, RuntimeError) as exc:
            error = f"the WARC is damaged after record {index}: {describe(exc)}"
    if parts or error:
        yield Chunk(path, "warc", start, max(index, start), b"".join(parts), error=error)


def _split_jsonl(path: str, skip: int) -> Iterator[Chunk]:
    lines: list[bytes] = []
    number = 0
    start = skip
    error: str | None = None
    with _open_regular(path) as raw:
        gzipped = raw.peek(2)[:2] == b"\x1f\x8b"
        handle: Any = gzip.GzipFile(fileobj=raw) if gzipped else raw
        try:
            for number, line in enumerate(handle, start=1):
                if number <= skip:
                    continue
                lines.append(line if line.endswith(b"\n") else line + b"\n")
                if len(lines) == CHUNK_RECORDS:
                    yield Chunk(path, "jsonl", start, number, b"".join(lines))
                    lines, start = [], number
        except (OSError, EOFError, ValueError) as exc:
            error = f"the file is damaged after line {number}: {describe(exc)}"
    if lines or error:
        yield Chunk(path, "jsonl", start, max(number, start), b"".join(lines), error=error)


def shard_list(items: Sequence[str]) -> list[str]:
    """The shards LIST names: a file of paths (one a line, ``#`` comments), or the paths themselves.

    A WARC or JSONL path is a shard; any other file is read as a list of paths
    (relative ones resolved against the list's folder). Each shard once, in order.
    """
    found: list[str] = []
    for item in items:
        if shard_kind(item) != "file":
            found.append(item)
            continue
        try:
            with _open_regular(item) as handle:
                text = handle.read(16 * 1024 * 1024).decode("utf-8", errors="replace")
        except InputError as exc:
            raise UsageError(f"{item}: {exc}") from None
        folder = Path(item).parent
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                path = Path(line)
                found.append(str(path if path.is_absolute() else folder / path))
    return list(dict.fromkeys(found))


# -- the run -------------------------------------------------------------------


@dataclass(slots=True)
class BackfillReport:
    """What the run did, merged across shards and workers (``ingest --json``'s shape)."""

    ingested: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    shards: list[dict[str, Any]] = field(default_factory=list)
    _failed_ids: set[Any] = field(default_factory=set)

    def add(self, counts: dict[str, Any]) -> None:
        self.ingested += int(counts.get("ingested", 0))
        self.duplicates += int(counts.get("duplicates", 0))
        self.rejected.extend(counts.get("rejected", []))
        self.dropped.update(counts.get("dropped", {}))
        failures = counts.get("failures", [])
        listed = {f.get("id") for f in failures}
        # an enrichment retried in a later shard fails there again: one article, counted once
        self.failed += len(listed - self._failed_ids) + max(
            0, int(counts.get("failed", 0)) - len(listed)
        )
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


def _merge(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """Counts of a resumed shard: what the earlier runs gave plus this one."""
    dropped = Counter(before.get("dropped", {}))
    dropped.update(now.get("dropped", {}))
    return {
        "ingested": int(before.get("ingested", 0)) + int(now.get("ingested", 0)),
        "duplicates": int(before.get("duplicates", 0)) + int(now.get("duplicates", 0)),
        "rejected": [*before.get("rejected", []), *now.get("rejected", [])][:FAILURES_SHOWN],
        "dropped": dict(dropped),
        "failed": int(before.get("failed", 0)) + int(now.get("failed", 0)),
        "failures": [*before.get("failures", []), *now.get("failures", [])][:FAILURES_SHOWN],
    }


def backfill(
    items: Sequence[str],
    store: SqliteStore,
    *,
    settings: Settings,
    executor: Executor,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
    models: Any = None,
) -> BackfillReport:
    """Every shard ``items`` names through the ingest stages on ``executor``; resumable.

    ``models``: a :class:`newsdesk.stages.Models` standing in for the models (tests)."""
    report = BackfillReport()
    reader = ReadChunks(settings)
    for path in shard_list(items):
        line = _shard(
            path, store, settings=settings, executor=executor, reader=reader, models=models
        )
        report.add(line["counts"] if line["status"] != "skipped" else {})
        report.shards.append(line)
        if on_shard is not None:
            on_shard(line)
    return report


def _shard(
    path: str,
    store: SqliteStore,
    *,
    settings: Settings,
    executor: Executor,
    reader: ReadChunks,
    models: Any,
) -> dict[str, Any]:
    from newsdesk.ingestion import ingest_results

    try:
        size, mtime, digest = identity(path)
    except InputError as exc:
        counts = {"rejected": [{"source": path, "error": str(exc)}]}
        return {"path": path, "status": "failed", "counts": _merge({}, counts), "error": str(exc)}
    row = store.shards.shard(path)
    if row is not None and row.status == "done" and row.sha256 == digest:
        return {
            "path": path,
            "status": "skipped",
            "counts": row.counts,
            "records": row.records_done,
        }
    row = store.shards.begin_shard(path, size=size, mtime=mtime, sha256=digest)
    resumed_at = row.records_done
    ends: dict[str, int] = {}

    def chunks() -> Iterator[list[Chunk]]:
        for chunk in split_shard(path, settings, skip=resumed_at):
            ends[chunk.source] = chunk.end
            yield [chunk]

    def sources() -> Iterable[SourceResult]:
        for batch in executor.map_batches(reader, chunks()):
            yield from batch

    progress = dict(row.counts)

    def committed(result: SourceResult) -> None:  # the chunk is in the store: move the mark
        if result.source not in ends:
            return
        stored, duplicates = store.shards.source_counts(result.source)
        progress["ingested"] = int(progress.get("ingested", 0)) + stored
        progress["duplicates"] = int(progress.get("duplicates", 0)) + duplicates
        store.shards.shard_progress(path, records_done=ends.pop(result.source), counts=progress)

    try:
        found = ingest_results(
            sources(),
            store,
            settings=settings,
            executor=executor,
            on_source=committed,
            models=models,
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # the store or the executor itself: this shard failed, next one
        log.warning("%s: backfill failed: %s", path, describe(exc))
        store.shards.finish_shard(path, counts=row.counts, status="failed", error=describe(exc))
        return {"path": path, "status": "failed", "counts": row.counts, "error": describe(exc)}
    counts = _merge(row.counts, found.as_json())
    done = store.shards.shard(path)
    store.shards.finish_shard(path, counts=counts)
    return {
        "path": path,
        "status": "done",
        "resumed_at": resumed_at,
        "records": done.records_done if done else resumed_at,
        "counts": counts,
    }
