"""A story's reading as typed values: the cited summary, the single-source facts and the
disagreements between outlets.

These flow from :mod:`newsdesk.summarize` to the brief (:mod:`newsdesk.publish`), the
story views and the web; only :mod:`newsdesk.serialize` turns them into the contract's JSON
(``story --json``, ``brief --format json``, the API), so a field has one name everywhere.

Templates and the few readers that still index by key (``o["article_id"]``) read them
through :class:`~newsdesk.keyed.KeyedFields`: a value is read by its field name, nothing is
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.keyed import KeyedFields

__all__ = [
    "Conflict",
    "ConflictValue",
    "FactGloss",
    "KeyedFields",
    "SingleSourceFacts",
    "StoryReading",
    "SummarySentence",
]


@dataclass(slots=True)
class SummarySentence(KeyedFields):
    """One sentence of a story summary and the ids of every article that supports it."""

    text: str
    sources: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "sources": list(self.sources)}


@dataclass(slots=True)
class FactGloss(KeyedFields):
    """What a reader of English is told beside an other-language fact: its names in English
    and the ISO dates it gives."""

    names: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SingleSourceFacts(KeyedFields):
    """What one article alone reports (its sentences, in article order). ``language`` and
    ``english`` (one gloss per fact) only for an article in another language than the
    story's English reading."""

    article_id: str
    facts: list[str] = field(default_factory=list)
    language: str | None = None
    english: list[FactGloss] | None = None


@dataclass(slots=True, frozen=True)
class ConflictValue(KeyedFields):
    """One report's value of a disputed fact."""

    value: str
    article_id: str


@dataclass(slots=True)
class Conflict(KeyedFields):
    """One fact given differently by different outlets: ``about`` names it ("death toll",
    "which round", "date", "quote wording"); ``speaker`` only for a quote."""

    about: str
    values: list[ConflictValue] = field(default_factory=list)
    speaker: str | None = None

    @property
    def is_quote(self) -> bool:
        return self.about == "quote wording"


@dataclass(slots=True)
class StoryReading(KeyedFields):
    """A story read across its outlets: the cited summary, every single-source fact, the
    conflicts."""

    summary: list[SummarySentence] = field(default_factory=list)
    only_in: list[SingleSourceFacts] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
