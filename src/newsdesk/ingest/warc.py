"""WARC archives (FastWARC): one Article per HTTP response that carries HTML.

``WARC-Date`` is when the page was captured, so it goes to ``fetched`` and
never to ``published``. A truncated archive keeps the records read before the
damage and reports an error for the rest.
"""

from __future__ import annotations

import io
from datetime import datetime

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, InputError, MalformedInput
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.encoding import decode
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
    html = decode(body, content_type)
    article = article_from_html(
        html,
        source=f"{blob.source}#{index}",
        settings=settings,
        url=record.headers.get("WARC-Target-URI") or None,
        fetched=_fetched(record),
        fmt="warc",
    )
    article.extras["warc_record_id"] = record.record_id
    return article


def _truncated(record: WarcRecord) -> bool:
    return bool(record.reader.tell() < record.content_length)


def read_warc(blob: Blob, settings: Settings, truncated: bool = False) -> Readout:
    """Every HTML response in the archive; ``truncated`` when the container was cut short."""
    readout = Readout()
    records = ArchiveIterator(
        io.BytesIO(blob.data),
        record_types=WarcRecordType.response,
        parse_http=True,
        auto_decode="all",
        stream_detect=False,
    )
    index = 0
    try:
        for index, record in enumerate(records, start=1):
            if not record.is_http or not record.http_headers:
                continue
            status = record.http_headers.status_code or 0
            body = record.reader.read()
            if _truncated(record):
                truncated = True
                break
            if not 200 <= status < 300 or not _is_html(record, body):
                continue
            try:
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
