"""What a reader gets (a :class:`Blob`) and what it gives back (a :class:`Readout`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from newsdesk.article import Article

__all__ = ["Blob", "Readout"]


@dataclass(frozen=True, slots=True)
class Blob:
    """One source's bytes and what is known about them before reading."""

    data: bytes
    source: str
    name: str = ""  # a file name or URL path, used only as a hint
    content_type: str | None = None
    url: str | None = None
    fetched: datetime | None = None

    def with_data(self, data: bytes, name: str) -> Blob:
        """The same source with other bytes (e.g. what a gzip expanded to)."""
        return replace(self, data=data, name=name)


@dataclass(slots=True)
class Readout:
    """The articles read from one source, and errors for the parts that could not be read.

    ``errors`` holds ``(where, message)`` pairs, ``where`` being the source or a
    part of it (``path:17`` for a JSONL line).
    """

    articles: list[Article] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
