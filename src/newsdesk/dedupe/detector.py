"""The dedupe stage and its batch form.

:class:`CopyDetector` streams: each article is marked against everything seen
before it (``extras["copy_of"]``, ``["copy_kind"]``, ``["copy_similarity"]``)
and nothing is dropped. When a later article turns out to be the earlier
published original, the articles already passed on are reported by
:meth:`CopyDetector.relinks` so the store can update them.
:func:`link_copies` takes a whole batch and gives the same answer in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from newsdesk.article import Article, article_id, content_hash
from newsdesk.dedupe.groups import CopyIndex
from newsdesk.dedupe.links import CopyLink
from newsdesk.dedupe.minhash import MinhashDeduper, signature_from_bytes, signature_to_bytes
from newsdesk.dedupe.ranking import rank
from newsdesk.pipeline import Drops
from newsdesk.settings import Settings

__all__ = ["COPY_KEYS", "CopyDetector", "link_copies", "mark"]

COPY_KEYS = ("copy_of", "copy_kind", "copy_similarity")


def key_of(article: Article) -> str:
    """The article's id, or the id the store will give it when it has none yet."""
    return article.id if article.id is not None else article_id(article)


def mark(article: Article, link: CopyLink | None) -> None:
    """Write ``link`` into the article's extras, or clear them when it is an original."""
    for name in COPY_KEYS:
        article.extras.pop(name, None)
    if link is not None:
        article.extras["copy_of"] = link.original_id
        article.extras["copy_kind"] = link.kind
        article.extras["copy_similarity"] = link.similarity


class CopyDetector:
    """Marks exact and near-duplicate copies; never drops an article (the ``copies`` stage)."""

    def __init__(self, *, near: MinhashDeduper | None = None) -> None:
        self.index = CopyIndex(near=near)
        self._relinks: set[str] = set()

    @classmethod
    def from_settings(cls, settings: Settings) -> CopyDetector:
        del settings  # nothing configurable yet: the defaults are the measured ones
        return cls()

    def seed(self, article: Article, *, signature: bytes | None = None) -> None:
        """Add an article seen in an earlier run (from the store) without marking it."""
        sig = signature_from_bytes(signature) if signature is not None else None
        self.index.add(key_of(article), article.text, published=article.published, sig=sig)

    def run(
        self,
        articles: Iterable[Article],
        drops: Drops,
        *,
        signatures: Mapping[str, bytes | None] | None = None,
    ) -> Iterator[Article]:
        """Each article marked against everything seen before it; ``signatures`` (id ->
        stored bytes, the per-article ``signatures`` stage's) are used instead of
        computing them here (one missing is computed)."""
        del drops  # copies are marked, never dropped
        given = signatures or {}
        for article in articles:
            key = key_of(article)
            data = given.get(key)
            sig = signature_from_bytes(data) if data is not None else None
            changed = self.index.add(key, article.text, published=article.published, sig=sig)
            self._relinks.update(changed)
            mark(article, self.index.link(key))
            yield article

    def relinks(self) -> list[CopyLink | tuple[str, None]]:
        """Articles passed on (or seeded) earlier whose original has changed since, and
        clears the list: a :class:`CopyLink`, or ``(id, None)`` for one that is now an
        original itself.
        """
        out: list[CopyLink | tuple[str, None]] = []
        for key in sorted(self._relinks):
            link = self.index.link(key)
            out.append(link if link is not None else (key, None))
        self._relinks.clear()
        return out

    def signature_bytes(self, article: Article) -> bytes | None:
        """The article's signature as stored bytes (None for an empty text)."""
        sig = self.index.signature(key_of(article))
        return signature_to_bytes(sig) if sig is not None else None


def link_copies(
    articles: Sequence[Article], *, near: MinhashDeduper | None = None
) -> list[CopyLink]:
    """Every copy link among ``articles``, sorted by copy id; the same for any order.

    The original of a group of copies is its earliest published article (no
    date sorts last), ties broken by the smaller id; copies of copies belong
    to one group with one original. An id given twice counts once (the
    earliest, then the smallest text hash, wins).
    """
    entries = []
    for article in articles:
        key = key_of(article)
        entries.append((rank(article.published, key), content_hash(article.text), key, article))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    index = CopyIndex(near=near)
    for _rank, _digest, key, article in entries:
        index.add(key, article.text, published=article.published)
    return index.links()
