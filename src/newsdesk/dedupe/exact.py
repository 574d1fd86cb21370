"""Exact copies: the same text once normalised (NFKC, case-folded, spaces collapsed).

Uses :func:`newsdesk.article.content_hash`, the hash the store keeps, so a copy
found here is the copy the store would find.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.article import content_hash
from newsdesk.dedupe.ranking import Rank, rank

__all__ = ["ExactDeduper"]


class ExactDeduper:
    """Remembers, per content hash, the original: the earliest published article seen.

    ``add`` returns the original of the article's group, which is the article
    itself when it is the first (or earliest published) with that text.
    """

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}  # content_hash -> original id
        self._ranks: dict[str, Rank] = {}  # content_hash -> rank of that original

    def __len__(self) -> int:
        return len(self._seen)

    @staticmethod
    def digest(text: str) -> str | None:
        """The content hash of ``text``, or None for a text with no content (never a copy)."""
        return content_hash(text) if text.strip() else None

    def original_of(self, digest: str) -> str | None:
        """The id of the original with this content hash, if one was seen."""
        return self._seen.get(digest)

    def add(self, key: str, text: str, *, published: datetime | None = None) -> str:
        """Record ``key``'s text; return the id of its original (``key`` when it is one)."""
        digest = self.digest(text)
        if digest is None:
            return key
        return self.add_digest(key, digest, published=published)

    def add_digest(self, key: str, digest: str, *, published: datetime | None = None) -> str:
        """As :meth:`add`, for a content hash already computed (as the store keeps it)."""
        own = rank(published, key)
        known = self._ranks.get(digest)
        if known is None or own < known:
            self._seen[digest] = key
            self._ranks[digest] = own
        return self._seen[digest]

    def seen(self) -> dict[str, str]:
        """A copy of the map content hash -> original id."""
        return dict(self._seen)
