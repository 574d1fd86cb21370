"""Backfill shards split into chunks, cheaply: records are not parsed, only found.

A shard (a WARC or JSONL file, gzipped or not; any other file is one chunk) is split
here into chunks of :data:`CHUNK_RECORDS` records (WARC responses or JSONL lines), as
bytes, for :mod:`newsdesk.backfill` to send through its one runner pass;
:func:`read_chunk` reads one where the executor runs it (HTML extraction is the
reader's work), numbering what it finds as if the whole shard had been read.
:func:`identity` says whether a shard changed since a run marked it done.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError, UsageError
from newsdesk.faults import describe
from newsdesk.ingest import SourceResult
from newsdesk.settings import Settings

__all__ = [
    "CHUNK_RECORDS",
    "Chunk",
    "identity",
    "read_chunk",
    "shard_kind",
    "shard_list",
    "split_shard",
]

CHUNK_RECORDS = 16  # records per chunk: one store transaction, one executor batch


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


def split_shard(
    path: str, settings: Settings, *, skip: int = 0, records: int | None = None
) -> Iterator[Chunk]:
    """The shard's chunks after the first ``skip`` records, in order (records aren't parsed);
    ``records`` a chunk (:data:`CHUNK_RECORDS` unless said)."""
    kind = shard_kind(path)
    size = max(1, records or CHUNK_RECORDS)
    if kind == "warc":
        yield from _split_warc(path, skip, size)
    elif kind == "jsonl":
        yield from _split_jsonl(path, skip, size)
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


def _split_warc(path: str, skip: int, size: int) -> Iterator[Chunk]:
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
                if len(parts) == size:
                    yield Chunk(path, "warc", start, index, b"".join(parts))
                    parts, start = [], index
        except (OSError, ValueError, RuntimeError) as exc:
            error = f"the WARC is damaged after record {index}: {describe(exc)}"
    if parts or error:
        yield Chunk(path, "warc", start, max(index, start), b"".join(parts), error=error)


def _split_jsonl(path: str, skip: int, size: int) -> Iterator[Chunk]:
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
                if len(lines) == size:
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
