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
class Mention:
    """A name in an article's cleaned text, and the entity it refers to.

    ``start``/``end`` are character offsets into ``Article.text`` (into the raw
    text when annotating with ``--no-clean``). ``type`` is PERSON, ORG, GPE,
    LOC, NORP, FAC, EVENT, …; ``canonical`` the entity's canonical name.
    """

    text: str
    type: str
    start: int
    end: int
    canonical: str | None = None


@dataclass(slots=True)
class Entity:
    """One person, organisation or place, however outlets spell it."""

    name: str  # canonical, e.g. "Lee Jae-myung"
    type: str
    aliases: list[str] = field(
        default_factory=list
    )  # other spellings seen ("Lee", "President Lee")
    roles: list[str] = field(default_factory=list)  # "South Korean President"
    country: str | None = None  # where known: Takaichi -> Japan
    mentions: int = 0


@dataclass(slots=True)
class Quote:
    """Something a person said: ``direct`` in quotation marks, or ``indirect`` (said that …)."""

    text: str
    start: int
    end: int
    speaker: str | None = None  # the canonical entity name
    speaker_start: int | None = None  # the speaker's mention (or pronoun) in the text
    speaker_end: int | None = None
    cue: str | None = None  # "said", "says", "according to", …
    kind: str = "direct"  # "direct" | "indirect"


@dataclass(slots=True)
class TimeExpression:
    """A temporal expression normalised TIMEX3-style: 2026-01-13, 2025-10, 2026-W02, PAST_REF."""

    text: str
    value: str
    start: int
    end: int
    type: str = "DATE"  # DATE | TIME | DURATION | SET
    # what the sentence says of the dated event: "past" | "present" | "future" (will, is to,
    # is due to, scheduled) | "void" (cancelled, called off, moved from, a plan in a past or
    # counterfactual frame) | "hypothetical" (an if-clause, could/might/may); None where no
    # reading was made (older annotations, some packs)
    frame: str | None = None
    # the point a length counted from a told day lands on ("three days later" after Monday
    # 12 Jan: value P3D, anchor 2026-01-15); the desk dates events and "Coming up" by it
    # (newsdesk.timex.point); None where the value places the expression itself
    anchor: str | None = None


@dataclass(slots=True)
class Event:
    """Who did what to whom, and when: an actor–action–target triple from one sentence."""

    action: str  # the verb as written ("summoned")
    code: str  # the action class: meet, statement, appeal, cooperate, aid, demand, protest,
    # reject, threaten, sanction, expel, mobilise, fight
    sentence: str
    actor: str | None = None  # canonical entity
    target: str | None = None
    date: str | None = None  # TIMEX3 value
    start: int = 0  # the sentence's offsets in the text
    end: int = 0
    actor_country: str | None = None
    target_country: str | None = None


@dataclass(slots=True)
class Annotations:
    """What the annotate stage read in one article."""

    entities: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    named: list[Entity] = field(default_factory=list)  # what the mentions name: aliases, roles
    skipped: str | None = None  # why the article was not read ("unsupported_language")


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
    annotations: Annotations | None = None
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
