"""Renderers of the brief: Markdown, HTML, plain text, JSON, and the Atom feed."""

from __future__ import annotations

from newsdesk.publish.brief import Brief
from newsdesk.publish.render.atom import atom_feed
from newsdesk.publish.render.html import render_html
from newsdesk.publish.render.json import brief_json, render_json
from newsdesk.publish.render.text import render_markdown, render_text

__all__ = ["FORMATS", "atom_feed", "brief_json", "render"]

FORMATS = ("md", "html", "text", "json")


def render(brief: Brief, format: str = "md") -> str:
    """The brief in one of :data:`FORMATS`; ValueError names the formats on a bad one."""
    if format == "md":
        return render_markdown(brief)
    if format == "html":
        return render_html(brief)
    if format == "text":
        return render_text(brief)
    if format == "json":
        return render_json(brief)
    raise ValueError(f"unknown brief format {format!r}; use one of {', '.join(FORMATS)}")
