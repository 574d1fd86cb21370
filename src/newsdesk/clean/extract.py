"""Main text and metadata out of an HTML page.

trafilatura finds the article body; the metadata (title, author, date, site
name) is read from the page's own markup where it is explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import trafilatura

__all__ = ["Extracted", "extract_html"]


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    extras: dict[str, str] = field(default_factory=dict)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article body and metadata; ``text`` is "" when there is none."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return Extracted(text="", url=url)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return Extracted(
        text=data.get("text") or "",
        title=data.get("title"),
        author=data.get("author"),
        published=_parse_date(data.get("date")),
        site_name=data.get("sitename"),
        language=data.get("language"),
        url=data.get("url") or url,
    )
