"""The data model that flows through every stage.

An :class:`Article` is made by a reader (ingest), filled by the stages after it
(clean, dedupe, annotate, cluster) and kept by the store. Every field a stage
fills is typed here; anything a reader finds that has no field of its own goes
into the one open ``extras`` dict.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "Article",
    "PublishedSource",
    "Removed",
    "article_id",
    "content_hash",
    "normalise_for_hash",
]

# Where a publication date came from. Stored beside the date so a reader can
# judge how far to trust it.
PublishedSource = str  # "override" | "metadata" | "feed" | "text" | "relative"

FLAGS = (
    "truncated_start",  # the first word is cut mid-word ("outh Korea")
    "truncated_end",  # "Lee........", "Continue reading", cut mid-sentence
    "paywall",  # a paywall teaser replaced the body
    "consent_page",  # the page is a cookie/consent wall, not an article
    "partial",  # only a summary was available (feed item without content)
    "duplicate_paragraphs",  # a paragraph was printed twice and collapsed
)


@dataclass(slots=True)
class Removed:
    """A piece of debris the cleaner took out, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One article from one outlet, as read and as cleaned.

    ``raw`` is the input exactly as decoded (HTML for HTML, the scraped text
    for text); ``text`` is the cleaned article body. ``source`` names where it
    came from (a path, a URL, ``path#record``) and is what error reports use.
    """

    source: str
    format: str
    raw: str
    text: str = ""
    id: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    site: str | None = None  # the aggregator it was scraped from (QOSHE), if any
    published: datetime | None = None
    published_source: PublishedSource | None = None
    fetched: datetime | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    story_id: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def flag(self, name: str) -> None:
        """Add a flag once, keeping the order flags were raised in."""
        if name not in self.flags:
            self.flags.append(name)

    def remove(self, text: str, reason: str) -> None:
        """Record a piece of debris the cleaner took out."""
        self.removed.append(Removed(text=text, reason=reason))

    @property
    def body(self) -> str:
        """The cleaned text when there is one, else the raw input."""
        return self.text or self.raw


_SPACE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """Text as compared for exact copies: NFKC, case-folded, spaces collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text, hex."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def article_id(article: Article) -> str:
    """A stable id: from the URL when there is one, else from the cleaned text.

    The same article ingested twice gets the same id, which is what makes
    ingest idempotent.
    """
    key = f"url:{article.url}" if article.url else f"text:{content_hash(article.body)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
