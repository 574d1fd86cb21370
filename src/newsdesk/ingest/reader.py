"""Detect a blob's format and hand it to the reader for that format."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsdesk.errors import MalformedInput, TooLarge
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.compression import gunzip
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.feed import read_feed
from newsdesk.ingest.html import read_html
from newsdesk.ingest.jsonl import read_jsonl
from newsdesk.ingest.text import read_text
from newsdesk.ingest.warc import read_warc
from newsdesk.settings import Settings

__all__ = ["raise_if_empty", "read_blob"]

_MAX_NESTED_GZIP = 2

Reader = Callable[[Blob, Settings], Readout]
_READERS: dict[str, Reader] = {
    "html": read_html,
    "jsonl": read_jsonl,
    "text": read_text,
    "warc": read_warc,
    "rss": read_feed,
    "atom": lambda blob, settings: read_feed(blob, settings, "atom"),
}


def _read_gzip(blob: Blob, settings: Settings, depth: int) -> Readout:
    if depth >= _MAX_NESTED_GZIP:
        raise MalformedInput("gzip inside gzip inside gzip; refusing to expand further")
    expanded = gunzip(blob.data, limit=settings.max_expanded_bytes)
    name = blob.name.removesuffix(".gz").removesuffix(".gzip")
    inner = blob.with_data(expanded.data, name)
    if not expanded.truncated:
        return read_blob(inner, settings, depth=depth + 1)
    cut = "the gzip stream is truncated; re-download the file"
    if expanded.data.startswith(b"WARC/"):
        readout = read_warc(inner, settings, truncated=True)
        readout.errors = [(where, msg) for where, msg in readout.errors if "truncated" not in msg]
        readout.errors.append(
            (blob.source, str(MalformedInput(f"{cut} (kept the records before the damage)")))
        )
        return readout
    raise MalformedInput(cut)


def read_blob(blob: Blob, settings: Settings, *, depth: int = 0) -> Readout:
    """Read one blob of any supported format; raises InputError when nothing can be read."""
    if len(blob.data) > settings.max_file_bytes and depth == 0:
        raise TooLarge(f"the source is over the {settings.max_file_bytes:,}-byte cap")
    fmt = detect_format(blob.data, blob.name, blob.content_type)
    if fmt == "gzip":
        return _read_gzip(blob, settings, depth)
    try:
        return _READERS[fmt](blob, settings)
    except RecursionError as exc:
        raise MalformedInput(f"the {fmt} is nested too deeply to read") from exc


def raise_if_empty(readout: Readout) -> None:
    """Turn a readout with errors and no articles into the first error."""
    if readout.articles or not readout.errors:
        return
    where, message = readout.errors[0]
    message = re.sub(r"\s*\[E\d{3}\]$", "", message)
    more = f" (and {len(readout.errors) - 1} more errors)" if len(readout.errors) > 1 else ""
    raise MalformedInput(f"nothing could be read; {where}: {message}{more}")
