"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 from one feed description."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from newsdesk.article import Article
from newsdesk.clean.titles import lead_title
from newsdesk.web.text import utc

__all__ = ["FORMATS", "Entry", "Feed", "render_feed"]

FORMATS = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
_ATOM = "http://www.w3.org/2005/Atom"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000\ue001]")


@dataclass(slots=True)
class Entry:
    id: str  # an absolute URL
    title: str
    url: str
    updated: datetime
    summary: str = ""
    author: str | None = None
    content_html: str | None = None  # the whole entry as HTML (a brief); escaped as text


@dataclass(slots=True)
class Feed:
    title: str
    page_url: str  # the HTML page this feed follows
    feed_url: str  # this feed, without its extension
    updated: datetime
    query: str = ""  # "?q=..." for a search feed, after the extension
    entries: list[Entry] = field(default_factory=list)


def _clean(value: str | None) -> str:
    return _CONTROL.sub("", value or "")


def article_entry(article: Article, base: str, *, fallback: datetime) -> Entry:
    when = utc(article.published) or utc(article.fetched) or fallback
    return Entry(
        id=f"{base}/article/{article.id}",
        title=article.title or lead_title(article.text or "") or "(untitled)",
        url=f"{base}/article/{article.id}",
        updated=when,
        summary=(article.text or "")[:400],
        author=article.outlet,
    )


def _rfc3339(value: datetime) -> str:
    return (utc(value) or datetime.now(UTC)).isoformat(timespec="seconds")


def _atom(feed: Feed) -> bytes:
    ET.register_namespace("", _ATOM)
    root = ET.Element(f"{{{_ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _clean(text)
        return node

    sub(root, "id", f"{feed.feed_url}.atom{feed.query}")
    sub(root, "title", feed.title)
    sub(root, "updated", _rfc3339(feed.updated))
    sub(
        root,
        "link",
        rel="self",
        href=f"{feed.feed_url}.atom{feed.query}",
        type="application/atom+xml",
    )
    sub(root, "link", rel="alternate", href=feed.page_url, type="text/html")
    sub(sub(root, "author"), "name", "newsdesk")
    for entry in feed.entries:
        node = sub(root, "entry")
        sub(node, "id", entry.id)
        sub(node, "title", entry.title)
        sub(node, "link", rel="alternate", href=entry.url, type="text/html")
        sub(node, "updated", _rfc3339(entry.updated))
        if entry.author:
            sub(sub(node, "author"), "name", entry.author)
        sub(node, "summary", entry.summary, type="text")
        if entry.content_html is not None:
            sub(node, "content", entry.content_html, type="html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _rss(feed: Feed) -> bytes:
    ET.register_namespace("atom", _ATOM)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, tag, attrs)
        if text is not None:
            node.text = _clean(text)
        return node

    sub(channel, "title", feed.title)
    sub(channel, "link", feed.page_url)
    sub(channel, "description", feed.title)
    sub(
        channel,
        f"{{{_ATOM}}}link",
        rel="self",
        href=f"{feed.feed_url}.rss{feed.query}",
        type="application/rss+xml",
    )
    sub(channel, "lastBuildDate", format_datetime(utc(feed.updated) or datetime.now(UTC)))
    for entry in feed.entries:
        item = sub(channel, "item")
        sub(item, "title", entry.title)
        sub(item, "link", entry.url)
        sub(item, "guid", entry.id, isPermaLink="true")
        sub(item, "pubDate", format_datetime(utc(entry.updated) or feed.updated))
        # RSS descriptions are HTML by convention: escape plain text, so markup stays text
        if entry.content_html is not None:
            sub(item, "description", entry.content_html)
        else:
            sub(item, "description", html.escape(_clean(entry.summary)))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _json_feed(feed: Feed) -> bytes:
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": _clean(entry.title),
            "content_text": _clean(entry.summary),
            "date_published": _rfc3339(entry.updated),
        }
        if entry.content_html is not None:
            item["content_html"] = _clean(entry.content_html)
            item["summary"] = _clean(entry.summary)
        if entry.author:
            item["authors"] = [{"name": _clean(entry.author)}]
        items.append(item)
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _clean(feed.title),
        "home_page_url": feed.page_url,
        "feed_url": f"{feed.feed_url}.json{feed.query}",
        "items": items,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def render_feed(feed: Feed, fmt: str) -> bytes:
    if fmt == "atom":
        return _atom(feed)
    if fmt == "rss":
        return _rss(feed)
    return _json_feed(feed)
