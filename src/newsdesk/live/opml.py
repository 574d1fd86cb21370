"""OPML 2.0 reading lists in and out: ``newsdesk sources import|export``.

Reading refuses any DOCTYPE (so no entity is ever declared, let alone expanded)
before a tree is built: defusedxml parses first with DTDs, entities and external
references forbidden, and names the line of a malformed file; lxml (entities not
resolved, no network) then gives each outline its line for reports. Outlines with
an ``xmlUrl`` are feeds; the outlines around them are folders, kept as the feed's
category (``"News/World"``); a feed's ``title`` (or ``text``) becomes its outlet.
A bad URL in one outline is reported by line and the rest are imported. Writing
nests feeds in folder outlines by category, as Miniflux and FreshRSS do.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.live.sources import check_source_url

__all__ = ["OpmlFeed", "OpmlList", "parse_opml", "write_opml"]

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed outline: where it is, what it is called, which folders hold it."""

    url: str
    title: str | None = None
    html_url: str | None = None
    category: str | None = None
    line: int | None = None


@dataclass(slots=True)
class OpmlList:
    """What an OPML file held: its feeds, and the outlines that could not be used."""

    title: str | None = None
    feeds: list[OpmlFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: what is wrong"


def _refuse_unsafe(data: bytes, name: str) -> None:
    """UsageError for a DOCTYPE/ENTITY declaration or malformed XML, naming the line."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        line = _line_of(data, (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype"))
        raise UsageError(
            f"{name}: line {line}: refused: the file declares a DOCTYPE or an XML entity "
            f"({type(exc).__name__}); OPML needs neither, and entities are never expanded here"
        ) from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", None) or (1, 0)
        reason = str(exc).split(":", 1)[0]
        raise UsageError(
            f"{name}: line {line}, column {column + 1}: not well-formed XML ({reason}); "
            "is it an OPML file?"
        ) from None


def _line_of(data: bytes, needles: Iterable[bytes]) -> int:
    found = [data.find(n) for n in needles]
    at = min((i for i in found if i >= 0), default=0)
    return data.count(b"\n", 0, at) + 1


def _attr(element: Any, name: str) -> str | None:
    """An attribute whatever its case (xmlUrl, xmlurl, XMLURL occur in the wild)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if str(key).lower() == wanted and str(value).strip():
            return str(value).strip()
    return None


def parse_opml(data: bytes, *, name: str = "OPML") -> OpmlList:
    """Read an OPML file; UsageError (naming the line) when it cannot be used at all."""
    if len(data) > MAX_OPML_BYTES:
        raise UsageError(f"{name}: over {MAX_OPML_BYTES // 1024 // 1024} MB; not a reading list")
    _refuse_unsafe(data, name)
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UsageError(f"{name}: line {exc.lineno}: not well-formed XML ({exc.msg})") from None
    if etree.QName(root).localname.lower() != "opml":
        raise UsageError(
            f"{name}: line {root.sourceline}: the root element is <{root.tag}>, not <opml>"
        )
    body = next((c for c in root if _local(c) == "body"), None)
    if body is None:
        raise UsageError(f"{name}: line {root.sourceline}: <opml> has no <body> with outlines")
    head = next((c for c in root if _local(c) == "head"), None)
    title = next((c.text for c in head if _local(c) == "title"), None) if head is not None else None
    found = OpmlList(title=(title or "").strip() or None)
    _walk(body, [], found, depth=0)
    return found


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _walk(parent: Any, folders: list[str], found: OpmlList, *, depth: int) -> None:
    for outline in parent:
        if _local(outline) != "outline":
            continue
        label = _attr(outline, "title") or _attr(outline, "text")
        xml_url = _attr(outline, "xmlUrl")
        if xml_url is None:
            if depth >= MAX_DEPTH:
                found.problems.append(f"line {outline.sourceline}: folders nested too deep")
                continue
            if len(outline):
                _walk(outline, [*folders, label or "untitled"], found, depth=depth + 1)
            continue
        try:
            url = check_source_url(xml_url)
        except UsageError as exc:
            what = f"outline {label!r}" if label else "outline"
            found.problems.append(f"line {outline.sourceline}: {what}: {exc}")
            continue
        category = "/".join(folders) or _category_attr(outline)
        found.feeds.append(
            OpmlFeed(
                url=url,
                title=label,
                html_url=_attr(outline, "htmlUrl"),
                category=category or None,
                line=outline.sourceline,
            )
        )


def _category_attr(outline: Any) -> str | None:
    """OPML 2.0's own ``category`` attribute: the first slash-delimited path given."""
    value = _attr(outline, "category")
    if not value:
        return None
    first = value.split(",", 1)[0].strip().strip("/")
    return first or None


def write_opml(feeds: Iterable[OpmlFeed], *, title: str = "newsdesk sources") -> bytes:
    """An OPML 2.0 document: feeds in folder outlines by category, in the order given."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for feed in feeds:
        path = tuple(p for p in (feed.category or "").split("/") if p.strip())
        for depth in range(1, len(path) + 1):
            if path[:depth] not in folders:
                folder = ET.SubElement(folders[path[: depth - 1]], "outline")
                folder.set("text", path[depth - 1])
                folder.set("title", path[depth - 1])
                folders[path[:depth]] = folder
        outline = ET.SubElement(folders[path], "outline")
        label = feed.title or feed.url
        outline.set("type", "rss")
        outline.set("text", label)
        outline.set("title", label)
        outline.set("xmlUrl", feed.url)
        if feed.html_url:
            outline.set("htmlUrl", feed.html_url)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
