"""WARC archives (FastWARC): one Article per HTTP response that carries HTML.

``WARC-Date`` is when the page was captured, so it goes to ``fetched`` and
never to ``published``. A truncated archive keeps the records read before the
damage and reports an error for the rest.
"""

from __future__ import annotations

import io
import zlib
from datetime import datetime

import brotli  # FastWARC's own dependency, for Content-Encoding: br
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, InputError, MalformedInput, TooLarge, UnsupportedFormat
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.compression import gunzip
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.encoding import decode_document
from newsdesk.ingest.html import article_from_html
from newsdesk.settings import Settings

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html(record: WarcRecord, body: bytes) -> bool:
    content_type = (record.http_content_type or "").lower()
    if content_type:
        return content_type.startswith(_HTML_TYPES)
    try:
        return detect_format(body) == "html"
    except InputError:
        return False


def _fetched(record: WarcRecord) -> datetime | None:
    try:
        return record.record_date
    except (ValueError, TypeError, OverflowError):
        return None


def _article(
    record: WarcRecord, body: bytes, index: int, blob: Blob, settings: Settings
) -> Article:
    content_type = record.http_headers.get("Content-Type") if record.http_headers else None
    decoded = decode_document(body, content_type)
    article = article_from_html(
        decoded.text,
        source=f"{blob.source}#{index}",
        settings=settings,
        url=record.headers.get("WARC-Target-URI") or None,
        fetched=_fetched(record),
        fmt="warc",
    )
    article.extras["warc_record_id"] = record.record_id
    decoded.record(article.extras)
    return article


def _too_large(limit: int) -> TooLarge:
    return TooLarge(
        f"the HTTP body is over {limit:,} bytes once its Content-Encoding is undone "
        "(a decompression bomb?); raise NEWSDESK_MAX_RECORD_BYTES if it is genuine"
    )


def _dechunk(raw: bytes) -> bytes:
    """A ``Transfer-Encoding: chunked`` body joined; the bytes as they are if it is not."""
    out = bytearray()
    pos = 0
    while True:
        end = raw.find(b"\r\n", pos, pos + 1024)
        if end < 0:
            break
        try:
            size = int(raw[pos:end].split(b";", 1)[0].strip(), 16)
        except ValueError:
            return raw if pos == 0 else bytes(out)
        if size <= 0:
            break
        out += raw[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2
    return bytes(out) if out or pos else raw


def _inflate(raw: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = bytearray()
    pending: bytes = raw
    while pending and not inflater.eof:
        out += inflater.decompress(pending, 1 << 16)
        if len(out) > limit:
            raise _too_large(limit)
        pending = inflater.unconsumed_tail
    return bytes(out)


def _brotli(raw: bytes, limit: int) -> bytes:
    decoder = brotli.Decompressor()
    out = bytearray()
    for start in range(0, len(raw), 1 << 12):  # small steps: brotli's output is unbounded
        out += decoder.process(raw[start : start + (1 << 12)])
        if len(out) > limit:
            raise _too_large(limit)
    return bytes(out)


def http_body(record: WarcRecord, raw: bytes, limit: int) -> bytes:
    """The payload with Transfer- and Content-Encoding undone, never more than ``limit`` bytes."""
    if len(raw) > limit:
        raise _too_large(limit)
    headers = record.http_headers
    transfer = (headers.get("Transfer-Encoding") or "").lower() if headers else ""
    if "chunked" in transfer:
        raw = _dechunk(raw)
    encoding = (headers.get("Content-Encoding") or "").strip().lower() if headers else ""
    try:
        if encoding in ("", "identity", "none"):
            return raw
        if encoding in ("gzip", "x-gzip"):
            return gunzip(raw, limit=limit, setting="NEWSDESK_MAX_RECORD_BYTES").data
        if encoding == "deflate":  # zlib-wrapped as the RFC says, or raw as IIS sends it
            try:
                return _inflate(raw, zlib.MAX_WBITS, limit)
            except zlib.error:
                return _inflate(raw, -zlib.MAX_WBITS, limit)
        if encoding == "br":
            return _brotli(raw, limit)
    except (zlib.error, brotli.error) as exc:
        raise MalformedInput(f"the HTTP body's {encoding} encoding is corrupt ({exc})") from exc
    raise UnsupportedFormat(f"the HTTP body is in an encoding newsdesk cannot undo: {encoding!r}")


def _truncated(record: WarcRecord) -> bool:
    return bool(record.reader.tell() < record.content_length)


def read_warc(blob: Blob, settings: Settings, truncated: bool = False) -> Readout:
    """Every HTML response in the archive; ``truncated`` when the container was cut short."""
    readout = Readout()
    records = ArchiveIterator(
        io.BytesIO(blob.data),
        record_types=WarcRecordType.response,
        parse_http=True,
        auto_decode="none",  # decoded below, under the cap (FastWARC's decoder has none)
        stream_detect=False,
    )
    index = 0
    try:
        for index, record in enumerate(records, start=1):
            if not record.is_http or not record.http_headers:
                continue
            status = record.http_headers.status_code or 0
            if not 200 <= status < 300:
                continue
            raw = record.reader.read(settings.max_record_bytes + 1)
            if len(raw) <= settings.max_record_bytes and _truncated(record):
                truncated = True
                break
            try:
                # the body as sent is decoded here, a chunk at a time and never past the cap
                body = http_body(record, raw, settings.max_record_bytes)
                if not _is_html(record, body):
                    continue
                readout.articles.append(_article(record, body, index, blob, settings))
            except InputError as exc:
                readout.errors.append((f"{blob.source}#{index}", str(exc)))
    except (OSError, ValueError, RuntimeError) as exc:
        readout.errors.append(
            (blob.source, str(MalformedInput(f"the WARC is damaged after record {index}: {exc}")))
        )
    if truncated:
        message = f"the WARC is truncated: record {index} and anything after it is lost"
        readout.errors.append((blob.source, str(MalformedInput(message))))
    if not readout.articles and not readout.errors:
        raise EmptyInput("the WARC has no HTTP responses with HTML content")
    return readout
