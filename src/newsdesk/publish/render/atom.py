"""An Atom 1.0 feed of briefs (RFC 4287): one entry per brief, its HTML as the content."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime, time

from newsdesk.publish.brief import Brief
from newsdesk.publish.render.html import render_html

__all__ = ["atom_feed"]

_NS = "http://www.w3.org/2005/Atom"


def _updated(brief: Brief) -> str:
    return datetime.combine(brief.date, time(23, 59, 59), tzinfo=UTC).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(briefs: Sequence[Brief], base_url: str, *, title: str = "newsdesk brief") -> str:
    """The feed; ``base_url`` is the public URL of the web desk (links start with it)."""
    base = base_url.rstrip("/")
    ordered = sorted(briefs, key=lambda b: b.date, reverse=True)
    feed = ET.Element("feed", {"xmlns": _NS})
    _sub(feed, "title", title)
    _sub(feed, "id", f"{base}/feeds/brief.atom")
    _sub(feed, "link", rel="self", href=f"{base}/feeds/brief.atom")
    _sub(feed, "link", rel="alternate", href=f"{base}/")
    now = datetime(1970, 1, 1, tzinfo=UTC).isoformat()
    _sub(feed, "updated", _updated(ordered[0]) if ordered else now)
    author = _sub(feed, "author")
    _sub(author, "name", "newsdesk")
    for brief in ordered:
        day = brief.date.isoformat()
        entry = _sub(feed, "entry")
        _sub(entry, "title", f"Brief for {day}")
        _sub(entry, "id", f"{base}/brief/{day}")
        _sub(entry, "link", rel="alternate", href=f"{base}/brief/{day}")
        _sub(entry, "updated", _updated(brief))
        _sub(entry, "summary", brief.intro)
        _sub(entry, "content", render_html(brief, standalone=False), type="html")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
