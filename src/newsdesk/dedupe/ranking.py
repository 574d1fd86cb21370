"""Which of a group of copies is the original: the earliest published, then the smallest id.

Dates may be naive or aware; a naive date is read as UTC so the two kinds compare.
An article with no date sorts after every dated one.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["Rank", "rank"]

Rank = tuple[int, float, str]


def rank(published: datetime | None, key: str) -> Rank:
    """A sort key: smaller means "more likely the original"."""
    if published is None:
        return (1, 0.0, key)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (0, published.timestamp(), key)
