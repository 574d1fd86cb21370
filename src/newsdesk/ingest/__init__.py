"""Ingest: read articles from files, directories, globs and URLs, in any supported format.

The format is detected from the content (``detect.detect_format``); each reader
lives in its own module. Nothing here raises for a bad source: its errors are
returned beside the articles so a batch always goes on.

The readers (:mod:`newsdesk.ingest.reader`: lxml, feedparser, fastwarc, the cleaner's
extraction) are imported by the first source read: a process that only names what flows
between the stages (:class:`SourceResult`, :class:`SourceSpec`), such as the parent of a
pool whose workers read the files, never imports them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsdesk.article import Article
from newsdesk.errors import InputError, MalformedInput
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.fetch import Response, Transport, Urllib3Transport, fetch_url, header
from newsdesk.ingest.sources import SourceSpec, expand_specs, read_file
from newsdesk.settings import Settings

__all__ = [
    "Response",
    "SourceResult",
    "SourceSpec",
    "Transport",
    "Urllib3Transport",
    "detect_format",
    "expand_specs",
    "read_bytes",
    "read_path",
    "read_sources",
]


@dataclass(slots=True)
class SourceResult:
    """What one file or URL gave: its articles and its errors as ``(where, message)``."""

    source: str
    articles: list[Article] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def read_bytes(
    data: bytes,
    *,
    source: str,
    content_type: str | None = None,
    url: str | None = None,
    fetched: datetime | None = None,
    settings: Settings,
) -> list[Article]:
    """Detect the format of one blob and read it; raises an InputError subclass when unusable.

    Parts that could not be read (a broken JSON line, a truncated WARC tail)
    are dropped here; use :func:`read_sources` to get them reported.
    """
    from newsdesk.ingest.reader import raise_if_empty, read_blob

    blob = Blob(
        data=data, source=source, name=source, content_type=content_type, url=url, fetched=fetched
    )
    readout = read_blob(blob, settings)
    raise_if_empty(readout)
    return readout.articles


def _read_url(url: str, settings: Settings, transport: Transport) -> Readout:
    from newsdesk.ingest.reader import read_blob

    response = fetch_url(url, settings=settings, transport=transport)
    fetched = datetime.now(UTC)
    blob = Blob(
        data=response.body,
        source=url,
        name=urlsplit(response.url).path,
        content_type=header(response.headers, "content-type"),
        url=response.url,
        fetched=fetched,
    )
    readout = read_blob(blob, settings)
    for article in readout.articles:
        article.fetched = article.fetched or fetched
    return readout


def _read_path(path: str, settings: Settings) -> Readout:
    from newsdesk.ingest.reader import read_blob

    data = read_file(path, limit=settings.max_file_bytes, gzip_limit=settings.max_expanded_bytes)
    return read_blob(Blob(data=data, source=path, name=path), settings)


def read_path(path: str, *, settings: Settings) -> list[Article]:
    """Read one file safely (a FIFO, a device or a symlink loop is refused, never read;
    no more than the caps are read); raises an InputError subclass when unusable."""
    from newsdesk.ingest.reader import raise_if_empty

    readout = _read_path(path, settings)
    raise_if_empty(readout)
    return readout.articles


def _read_one(spec: SourceSpec, settings: Settings, transport: Transport | None) -> SourceResult:
    from newsdesk.ingest.reader import raise_if_empty

    result = SourceResult(source=spec.source)
    if spec.kind == "error":
        result.errors.append((spec.source, spec.error or "cannot be read"))
        return result
    try:
        if spec.kind == "url":
            readout = _read_url(spec.source, settings, transport or Urllib3Transport())
        else:
            readout = _read_path(spec.source, settings)
        raise_if_empty(readout)
    except InputError as exc:
        result.errors.append((spec.source, str(exc)))
        return result
    except Exception as exc:  # one source's surprise is that source's error, never the batch's
        message = f"the source could not be read ({type(exc).__name__}: {str(exc)[:200]})"
        result.errors.append((spec.source, str(MalformedInput(message))))
        return result
    result.articles, result.errors = readout.articles, readout.errors
    return result


def read_sources(
    specs: Sequence[str], *, settings: Settings, transport: Transport | None = None
) -> Iterator[SourceResult]:
    """Expand each spec (file, directory, glob, http(s) URL) and read every source it names.

    One SourceResult per file or URL, in the order the specs were given and
    sorted within a directory or glob. Never raises for a bad source.
    """
    if transport is None and any(
        spec.lower().startswith(("http://", "https://")) for spec in specs
    ):
        transport = Urllib3Transport()
    for spec in expand_specs(specs):
        yield _read_one(spec, settings, transport)
