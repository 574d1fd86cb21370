"""CSV, JSON Lines and Parquet writers that take rows a batch at a time.

Every export kind has a fixed column list, so a file's shape never depends on
what its first rows happened to hold. Lists (flags, outlets, aliases) are JSON
arrays in CSV, arrays in JSON Lines, and ``list<string>`` in Parquet. Parquet
is written with pyarrow in row groups of :data:`ROW_GROUP` rows: memory stays
flat however large the export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any, Protocol

__all__ = ["COLUMNS", "FORMATS", "ROW_GROUP", "ExportWriter", "open_writer"]

FORMATS = ("csv", "jsonl", "parquet")
ROW_GROUP = 10_000
_S, _I, _L = "string", "int", "list"

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", _S), ("url", _S), ("title", _S), ("author", _S), ("outlet", _S),
        ("published", _S), ("language", _S), ("story_id", _S), ("copy_of", _S),
        ("flags", _L), ("source", _S), ("ingested_at", _S), ("hidden", _S),
        ("hidden_reason", _S), ("text", _S),
    ),
    "stories": (
        ("id", _S), ("title", _S), ("first_seen", _S), ("last_seen", _S),
        ("article_count", _I), ("outlet_count", _I), ("outlets", _L), ("articles", _L),
    ),
    "entities": (
        ("name", _S), ("type", _S), ("mentions", _I), ("articles", _I), ("aliases", _L),
        ("first_seen", _S), ("last_seen", _S),
    ),
    "events": (
        ("article_id", _S), ("outlet", _S), ("published", _S), ("date", _S), ("actor", _S),
        ("action", _S), ("code", _S), ("target", _S), ("sentence", _S),
    ),
}  # fmt: skip


class ExportWriter(Protocol):
    def write(self, rows: Sequence[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class CsvWriter:
    """RFC 4180 CSV with a header row; lists as JSON arrays."""

    def __init__(self, out: IO[str], kind: str) -> None:
        self.columns = COLUMNS[kind]
        self.out = csv.writer(out, lineterminator="\r\n")
        self.out.writerow([name for name, _ in self.columns])

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.out.writerows(
            [
                [
                    json.dumps(row.get(name) or [], ensure_ascii=False)
                    if kind == _L
                    else row.get(name)
                    for name, kind in self.columns
                ]
                for row in rows
            ]
        )

    def close(self) -> None:
        return None


class JsonlWriter:
    """One JSON object per line, keys in the kind's column order."""

    def __init__(self, out: IO[str], kind: str) -> None:
        self.columns = [name for name, _ in COLUMNS[kind]]
        self.out = out

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.out.write(
            "".join(
                json.dumps({c: row.get(c) for c in self.columns}, ensure_ascii=False) + "\n"
                for row in rows
            )
        )

    def close(self) -> None:
        return None


class ParquetWriter:
    """Parquet (zstd) through pyarrow, in row groups of :data:`ROW_GROUP` rows."""

    def __init__(self, out: IO[bytes], kind: str, *, row_group: int = ROW_GROUP) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {_S: pa.string(), _I: pa.int64(), _L: pa.list_(pa.string())}
        self.pa = pa
        self.schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS[kind]])
        self.row_group = row_group
        self.pending: list[Any] = []  # RecordBatches: the dicts are let go batch by batch
        self.pending_rows = 0
        sink = out if hasattr(out, "seekable") and _seekable(out) else pa.PythonFile(out, mode="w")
        self.writer = pq.ParquetWriter(sink, self.schema, compression="zstd")

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        start = 0
        while start < len(rows):
            take = min(len(rows) - start, self.row_group - self.pending_rows)
            chunk = rows[start : start + take]
            self.pending.append(self.pa.RecordBatch.from_pylist(list(chunk), schema=self.schema))
            self.pending_rows += take
            start += take
            if self.pending_rows >= self.row_group:
                self._flush()

    def _flush(self) -> None:
        if not self.pending_rows:
            return
        table = self.pa.Table.from_batches(self.pending, schema=self.schema)
        self.writer.write_table(table, row_group_size=self.pending_rows)
        self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        self._flush()
        self.writer.close()


def _seekable(out: Any) -> bool:
    try:
        return bool(out.seekable())
    except (OSError, ValueError):
        return False


def open_writer(
    fmt: str, kind: str, *, text: IO[str] | None = None, binary: IO[bytes] | None = None
) -> ExportWriter:
    """A writer of ``fmt`` for ``kind``: text formats write to ``text``, Parquet to ``binary``."""
    if fmt == "parquet":
        assert binary is not None
        return ParquetWriter(binary, kind)
    assert text is not None
    return CsvWriter(text, kind) if fmt == "csv" else JsonlWriter(text, kind)
