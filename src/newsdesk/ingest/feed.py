"""RSS and Atom feeds through feedparser, one Article per item.

Entity declarations are refused before feedparser sees the bytes: a DOCTYPE
with an internal subset or an ``<!ENTITY`` is how billion-laughs and external
entity attacks are built, and no real news feed needs one.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from xml.sax import SAXException

import feedparser

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, MalformedInput, UnsafeInput
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.dates import from_struct_time
from newsdesk.ingest.html import fragment_text
from newsdesk.settings import Settings

__all__ = ["check_xml_safe", "read_feed"]

_ENTITY = re.compile(rb"<!ENTITY", re.I)
_SUBSET = re.compile(rb"<!DOCTYPE[^<>\[]*\[", re.I)  # [^<>: one scan per DOCTYPE, linear
_UTF16 = re.compile(rb"<\x00!\x00|\x00<\x00!")


_CLOSING = re.compile(rb"</(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF)\s*>\s*$")


def _cut_short(data: bytes) -> bool:
    """The document stops before its root element is closed (a download cut short)."""
    return _CLOSING.search(data[-1024:].rstrip(b"\x00")) is None


def check_xml_safe(data: bytes) -> None:
    """Raise UnsafeInput when the XML declares entities (or hides its markup in UTF-16)."""
    if _ENTITY.search(data) or _SUBSET.search(data):
        raise UnsafeInput(
            "the XML declares entities in a DOCTYPE; entity expansion is refused "
            "(billion laughs / external entities). Remove the DOCTYPE subset to read it"
        )
    if _UTF16.search(data[:65536]) and (
        b"E\x00N\x00T\x00I\x00T\x00Y" in data or b"\x00E\x00N\x00T\x00I\x00T\x00Y" in data
    ):
        raise UnsafeInput("the UTF-16 XML declares entities; entity expansion is refused")


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_XML_ENCODING = re.compile(
    rb"""^(\s{0,100}<\?xml[^<>]{0,200}?)encoding\s{0,10}=\s{0,10}(["'])([^"'<>]{0,100})\2"""
)
_LABEL = re.compile(rb"[A-Za-z0-9._:-]{1,40}")


def _safe_char_ref(match: re.Match[bytes]) -> bytes:
    """A numeric character reference as it is, or U+FFFD for one no character has
    (past U+10FFFF, a surrogate, a control): feedparser overflows or fails on those."""
    hexa, decimal = match.groups()
    digits = hexa or decimal
    if len(digits) > 8:
        return b"&#xFFFD;"
    value = int(digits, 16 if hexa else 10)
    bad = value > 0x10FFFF or 0xD800 <= value <= 0xDFFF or value == 0
    bad = bad or (value < 0x20 and value not in (0x09, 0x0A, 0x0D)) or value == 0x7F
    return b"&#xFFFD;" if bad else match.group(0)


def _declared_encoding_usable(label: bytes) -> bool:
    if not _LABEL.fullmatch(label):
        return False
    try:
        codecs.lookup(label.decode("ascii"))
    except LookupError:
        return False
    return True


# feedparser looks for an e-mail address in a byline with a regex that is quadratic in
# its length (28 KB of dots: 10-25 s); no byline is longer than this
_BYLINE_BYTES = 1000
_LONG_BYLINE = re.compile(
    rb"(<(?:[A-Za-z0-9_-]{1,40}:)?(?:creator|author|contributor|managingEditor|webMaster)"
    rb"(?:\s[^<>]{0,500})?>)([^<]{%d}[\x80-\xbf]{0,3})[^<]+" % _BYLINE_BYTES
)  # the cut takes in a UTF-8 character's continuation bytes, so none is split


_DECLARATION_MAX = 1024


def prepare_feed(data: bytes) -> bytes:
    """The feed's bytes with what makes feedparser crash taken out: character references
    to no character, and an XML declaration naming an encoding no codec has (that
    declaration is dropped; the bytes are then read as UTF-8 or by feedparser's guess).
    Bylines are cut to ``_BYLINE_BYTES`` (feedparser reads them in quadratic time)."""
    data = _LONG_BYLINE.sub(rb"\1\2", data)
    if b"&#" in data:
        data = _CHAR_REF.sub(_safe_char_ref, data)
    declared = _XML_ENCODING.match(data)
    if declared is not None and not _declared_encoding_usable(declared.group(3)):
        data = declared.group(1) + data[declared.end() :]
    return _short_first_line(data)


def _short_first_line(data: bytes) -> bytes:
    """The XML declaration on a line of its own. feedparser finds the declared encoding
    with a pattern (``^<?.*encoding=...(.*?)...*?>``) run over the whole first line, which is
    polynomial in that line's length (a 100 KB first line with many ``encoding="``
    never finished); a newline after ``?>`` keeps the line short and changes nothing."""
    start = 3 if data.startswith(codecs.BOM_UTF8) else 0
    if data[start : start + 2] != b"<?":
        return data
    end = data.find(b"?>", start, start + _DECLARATION_MAX)
    if end < 0:
        raise MalformedInput(
            f"the XML declaration is not closed within its first {_DECLARATION_MAX} bytes"
        )
    end += 2
    newline = data.find(b"\n", start, end + 1)
    return data if newline >= 0 else data[:end] + b"\n" + data[end:]


def _content(entry: Any) -> tuple[str, bool]:
    """The item's fullest HTML and whether it is only a summary."""
    contents = entry.get("content") or []
    best = ""
    for content in contents:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    if best.strip():
        return best, False
    return entry.get("summary") or entry.get("description") or "", True


def _article(entry: Any, *, index: int, fmt: str, outlet: str | None, blob: Blob) -> Article:
    body, partial = _content(entry)
    article = Article(
        source=f"{blob.source}#{index}", format=fmt, raw=body, text=fragment_text(body)
    )
    article.url = entry.get("link") or None
    article.title = entry.get("title") or None
    article.author = entry.get("author") or None
    article.outlet = outlet
    article.fetched = blob.fetched
    published = from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published is not None:
        article.published, article.published_source = published, "feed"
    if partial:
        article.flag("partial")
    if entry.get("id"):
        article.extras["guid"] = entry["id"]
    article.extras["raw_format"] = "html"
    return article


def read_feed(blob: Blob, settings: Settings, fmt: str = "rss") -> Readout:
    """Every item of an RSS or Atom feed (source ``path#n`` for the n-th item)."""
    check_xml_safe(blob.data)
    headers = {"content-type": blob.content_type} if blob.content_type else None
    try:
        parsed = feedparser.parse(
            prepare_feed(blob.data), response_headers=headers, sanitize_html=True
        )
    except (ValueError, OverflowError, LookupError, UnicodeError, TypeError) as exc:
        raise MalformedInput(f"the feed cannot be parsed ({type(exc).__name__}: {exc})") from exc
    entries = list(parsed.get("entries") or [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        if problem is not None:
            raise MalformedInput(f"the feed is broken and has no readable items: {problem}")
        raise EmptyInput("the feed has no items")
    version = str(parsed.get("version") or "")
    fmt = "atom" if version.startswith("atom") else fmt
    outlet = parsed.get("feed", {}).get("title") or None
    readout = Readout()
    for index, entry in enumerate(entries, start=1):
        article = _article(entry, index=index, fmt=fmt, outlet=outlet, blob=blob)
        if problem is not None:
            article.extras["feed_problem"] = str(problem)
        readout.articles.append(article)
    if isinstance(problem, SAXException):  # not well-formed: say so when it cost something
        lost = sum(1 for article in readout.articles if not article.text.strip())
        if _cut_short(blob.data):
            kept = len(entries) - lost
            message = f"the feed is truncated (no closing tag); {kept} whole items before the cut"
        elif lost:
            message = f"the feed is broken ({problem}); {lost} of {len(entries)} items have no text"
        else:
            return readout
        readout.errors.append((blob.source, str(MalformedInput(message))))
    return readout
