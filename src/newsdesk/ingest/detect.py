"""Which format a blob is in, judged by its content first and its name second."""

from __future__ import annotations

import re

from newsdesk.errors import EmptyInput, UnsupportedFormat

__all__ = ["FORMATS", "detect_format", "sniff_binary"]

FORMATS = ("gzip", "warc", "html", "rss", "atom", "jsonl", "text")

_SAMPLE = 8192
_XML_PROLOG = 1 << 20  # how far to look past a DOCTYPE for the feed's root element

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"BM", None),  # BMP only with a plausible header; checked below
    (b"II*\x00", "an image (TIFF)"),
    (b"MM\x00*", "an image (TIFF)"),
    (b"\x00\x00\x01\x00", "an image (ICO)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"BZh", None),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable (ELF)"),
)

_FEED_ROOT = re.compile(rb"<(rss|rdf:RDF|feed|channel)[\s>/]", re.I)
_ATOM_NS = re.compile(rb"<feed[^<>]*http://www\.w3\.org/2005/Atom", re.I)
# Leading comments are skipped in code: the pattern r"^(<!--.*?-->\s*)*<html..." was
# exponential in the number of comments (22 empty comments: 2 s; each one doubled it).
_HTML_OPEN = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title)[\s>]", re.I)
_HTML_TAG = re.compile(
    rb"<(html|head|body|div|p|article|section|h[1-6]|span|a|br|table)[\s>/]", re.I
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")  # \x1b (ESC) is ISO-2022


def _html_start(head: bytes) -> bool:
    """The head starts (after comments) like an HTML document."""
    pos = 0
    while head.startswith(b"<!--", pos):
        end = head.find(b"-->", pos + 4)
        if end < 0:
            return False
        pos = end + 3
        while pos < len(head) and head[pos : pos + 1].isspace():
            pos += 1
    return _HTML_OPEN.match(head, pos) is not None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"BM":
                if len(data) > 14 and data[6:10] == b"\x00\x00\x00\x00":
                    return "an image (BMP)"
                continue
            return kind or "a bzip2 archive"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "an image (WebP)"
    if data[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1"):
        return "an image (AVIF/HEIC)"
    return None


def sniff_binary(data: bytes) -> None:
    """Raise UnsupportedFormat when the bytes are a known binary format or not text at all."""
    kind = _binary_kind(data)
    if kind is not None:
        raise UnsupportedFormat(
            f"the content is {kind}, not an article; newsdesk reads only text formats"
        )
    sample = data[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text carries NUL bytes legitimately
    if b"\x00" in sample:
        raise UnsupportedFormat("the content has NUL bytes: it is binary data, not text")
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise UnsupportedFormat(
            f"the content looks like binary data ({controls} control bytes in the first "
            f"{len(sample)}), not text"
        )


def _head(data: bytes) -> bytes:
    """The start of the document without BOM or leading space, as ASCII-compatible bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
        return data[: _SAMPLE * 2].decode(codec, "ignore").encode("utf-8", "ignore").lstrip()
    return data[:_SAMPLE].removeprefix(b"\xef\xbb\xbf").lstrip()


def _markup_format(head: bytes, data: bytes, name: str, content_type: str) -> str | None:
    xml_like = head.startswith((b"<?xml", b"<!DOCTYPE", b"<!doctype"))
    if xml_like and not _html_start(head):
        feed = _FEED_ROOT.search(head) or _FEED_ROOT.search(data[:_XML_PROLOG])
        if feed:
            return "atom" if feed.group(1).lower() == b"feed" else "rss"
        if b"<html" in head.lower():
            return "html"
    elif head.startswith((b"<rss", b"<feed", b"<rdf:RDF")):
        return "atom" if head.startswith(b"<feed") else "rss"
    if _html_start(head):
        return "html"
    if "html" in content_type or name.endswith((".html", ".htm", ".xhtml")):
        return "html" if head.startswith(b"<") or _HTML_TAG.search(head) else None
    if head.startswith(b"<") and _HTML_TAG.search(head):
        return "html"
    if xml_like:
        raise UnsupportedFormat("the content is XML but neither RSS, Atom nor HTML")
    return None


def detect_format(data: bytes, name: str = "", content_type: str | None = None) -> str:
    """One of :data:`FORMATS` for these bytes; raises for binary, empty or unknown content.

    ``name`` (a file name or URL) and ``content_type`` only break ties: a PNG
    named ``page.html`` is still an image.
    """
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if not data.strip():
        raise EmptyInput("the source is empty or only whitespace; nothing to read")
    if data.startswith(b"WARC/"):
        return "warc"
    sniff_binary(data)
    name = name.lower()
    ctype = (content_type or "").lower()
    head = _head(data)
    if not head:
        raise EmptyInput("the source has no text after its byte-order mark")
    markup = _markup_format(head, data, name, ctype)
    if markup is not None:
        return markup
    if head.startswith(b"{") or name.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl"
    if "rss" in ctype or "atom" in ctype:
        raise UnsupportedFormat(f"served as {ctype} but the content is not a feed")
    return "text"
