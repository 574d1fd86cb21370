"""Detect a blob's format and hand it to the reader for that format.

Whatever a reader does with one source, the caller gets a Readout or an
InputError: an unexpected exception inside a reader (a parser's ValueError, an
OverflowError on a character reference) becomes a MalformedInput for that
source, so a batch never stops on one bad file. Every article that comes out
is made safe here: control characters removed, one-line fields as plain text,
text cut to ``max_text_chars`` (flagged ``long``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from newsdesk.article import Article
from newsdesk.clean.safety import cap_text, plain_line, strip_controls
from newsdesk.errors import InputError, MalformedInput, TooLarge
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.compression import gunzip, gzip_head
from newsdesk.ingest.detect import detect_format
from newsdesk.ingest.feed import read_feed
from newsdesk.ingest.html import read_html
from newsdesk.ingest.jsonl import read_jsonl
from newsdesk.ingest.text import read_text
from newsdesk.ingest.warc import read_warc
from newsdesk.settings import Settings

__all__ = ["finish_article", "raise_if_empty", "read_blob"]

LOGGER = logging.getLogger(__name__)

_MAX_NESTED_GZIP = 2
_LINE_FIELDS = ("title", "author", "outlet", "site")

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
    # an archive may expand to max_expanded_bytes; anything else is one source, and
    # max_file_bytes counts what it expands to
    if gzip_head(blob.data).startswith(b"WARC/"):
        limit, setting = settings.max_expanded_bytes, "NEWSDESK_MAX_EXPANDED_BYTES"
    else:
        limit, setting = (
            min(settings.max_file_bytes, settings.max_expanded_bytes),
            (
                "NEWSDESK_MAX_FILE_BYTES"
                if settings.max_file_bytes <= settings.max_expanded_bytes
                else "NEWSDESK_MAX_EXPANDED_BYTES"
            ),
        )
    expanded = gunzip(blob.data, limit=limit, setting=setting)
    name = blob.name.removesuffix(".gz").removesuffix(".gzip")
    inner = blob.with_data(expanded.data, name)
    if not expanded.truncated:
        return _read(inner, settings, depth + 1)
    cut = "the gzip stream is truncated; re-download the file"
    if expanded.data.startswith(b"WARC/"):
        readout = read_warc(inner, settings, truncated=True)
        readout.errors = [(where, msg) for where, msg in readout.errors if "truncated" not in msg]
        whole = len(readout.articles)
        plural = "s" * (whole != 1)
        kept = f"kept {whole} record{plural} before the damage" if whole else "none kept"
        readout.errors.append((blob.source, str(MalformedInput(f"{cut} ({kept})"))))
        return readout
    raise MalformedInput(cut)


def _read(blob: Blob, settings: Settings, depth: int) -> Readout:
    if (
        depth == 0
        and len(blob.data) > settings.max_file_bytes
        and not blob.data.startswith(b"\x1f\x8b")
    ):
        raise TooLarge(
            f"the source is {len(blob.data):,} bytes, over the {settings.max_file_bytes:,}-byte "
            "cap; raise NEWSDESK_MAX_FILE_BYTES if it is genuine"
        )
    fmt = detect_format(blob.data, blob.name, blob.content_type)
    if fmt == "gzip":
        return _read_gzip(blob, settings, depth)
    try:
        return _READERS[fmt](blob, settings)
    except RecursionError as exc:
        raise MalformedInput(f"the {fmt} is nested too deeply to read") from exc


def finish_article(article: Article, settings: Settings) -> Article:
    """Make one article safe to keep: no control characters, plain one-line fields,
    text at most ``max_text_chars`` characters (cut at a paragraph, flagged ``long``)."""
    article.raw = strip_controls(article.raw)
    text, cut = cap_text(strip_controls(article.text), settings.max_text_chars)
    if cut:
        article.flag("long")
        article.extras["text_chars_read"] = len(article.text)
    article.text = text
    for name in _LINE_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            setattr(article, name, plain_line(value))
    if isinstance(article.url, str):
        article.url = strip_controls(article.url).strip() or None
    return article


def read_blob(blob: Blob, settings: Settings, *, depth: int = 0) -> Readout:
    """Read one blob of any supported format; raises InputError when nothing can be read.

    Never raises anything else: a reader's unexpected exception is reported as a
    MalformedInput naming it.
    """
    try:
        readout = _read(blob, settings, depth)
        for article in readout.articles:
            finish_article(article, settings)
    except InputError:
        raise
    except MemoryError as exc:
        raise TooLarge(
            "ran out of memory reading the source; lower NEWSDESK_MAX_FILE_BYTES"
        ) from exc
    except Exception as exc:  # a reader's bug or a parser's surprise must not stop a batch
        LOGGER.debug("reader failed on %s", blob.source, exc_info=True)
        raise MalformedInput(
            f"the source could not be read ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
    return readout


def raise_if_empty(readout: Readout) -> None:
    """Turn a readout with errors and no articles into the first error."""
    if readout.articles or not readout.errors:
        return
    where, message = readout.errors[0]
    message = re.sub(r"\[E\d{3}\]$", "", message).rstrip()
    more = f" (and {len(readout.errors) - 1} more errors)" if len(readout.errors) > 1 else ""
    raise MalformedInput(f"nothing could be read; {where}: {message}{more}")
