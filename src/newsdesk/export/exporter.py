"""``newsdesk export``: what to export, checked; then rows streamed from the store to a writer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from newsdesk.errors import UsageError
from newsdesk.export.writers import FORMATS, ExportWriter
from newsdesk.store.exports import EXPORT_KINDS, ExportFilter
from newsdesk.store.search import parse_query

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SqliteStore

__all__ = ["ExportRequest", "export_rows", "jsonl_lines", "parse_since"]


def parse_since(value: str | None, *, name: str = "--since") -> str | None:
    """``--since``: a day (2026-03-10) or an ISO 8601 date-time, as stored dates compare."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(
            f"{name} {value!r} is not a date: write YYYY-MM-DD or an ISO 8601 date-time"
        ) from None


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One export: kind, format and selection, each checked (UsageError naming the bad part)."""

    kind: str
    fmt: str
    selection: ExportFilter

    @classmethod
    def build(
        cls,
        kind: str,
        fmt: str,
        *,
        query: str | None = None,
        since: str | None = None,
        include_hidden: bool = False,
    ) -> ExportRequest:
        if kind not in EXPORT_KINDS:
            raise UsageError(f"cannot export {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        if query is not None and query.strip():
            parse_query(query)  # SearchSyntaxError naming the bad token, before any output
        selection = ExportFilter(
            query=query.strip() if query and query.strip() else None,
            since=parse_since(since),
            include_hidden=include_hidden,
        )
        return cls(kind=kind, fmt=fmt, selection=selection)


def export_rows(
    store: SqliteStore,
    request: ExportRequest,
    writer: ExportWriter,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Stream the rows of ``request`` into ``writer`` (closed at the end); return how many."""
    written = 0
    try:
        for batch in store.exports.export_rows(request.kind, request.selection):
            writer.write(batch)
            written += len(batch)
            if progress is not None:
                progress(len(batch))
    finally:
        writer.close()
    return written


def jsonl_lines(store: SqliteStore, request: ExportRequest) -> Iterator[bytes]:
    """The export as JSON Lines, a batch of lines per chunk (for a streamed HTTP answer)."""
    from newsdesk.export.writers import COLUMNS

    columns = [name for name, _ in COLUMNS[request.kind]]
    for batch in store.exports.export_rows(request.kind, request.selection):
        yield "".join(
            json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in batch
        ).encode("utf-8")
