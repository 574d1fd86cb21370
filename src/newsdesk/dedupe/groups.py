"""Copy groups: articles joined by exact or near-duplicate links, one original per group.

Every pair that the exact or the near-duplicate test links is an edge; a group
is a connected component, so copies of copies land in one group. The
original of a group is its earliest published member (no date sorts last),
ties broken by the smaller id. Edges do not depend on the order articles
arrive in (the tests are symmetric and every new article is compared with all
before it), so neither do the groups nor their originals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.dedupe.exact import ExactDeduper
from newsdesk.dedupe.links import CopyLink
from newsdesk.dedupe.minhash import MinhashDeduper, Signature, similarity
from newsdesk.dedupe.ranking import Rank, rank

__all__ = ["CopyIndex"]


@dataclass(slots=True)
class _Member:
    key: str
    rank: Rank
    digest: str | None
    sig: Signature | None = None


@dataclass(slots=True)
class _Group:
    members: list[str] = field(default_factory=list)
    original: str = ""


class CopyIndex:
    """Holds what was seen (exact map, LSH index, groups) and answers "copy of what?"."""

    def __init__(self, *, near: MinhashDeduper | None = None) -> None:
        self.exact = ExactDeduper()
        self.near = near if near is not None else MinhashDeduper()
        self._members: dict[str, _Member] = {}
        self._parent: dict[str, str] = {}
        self._groups: dict[str, _Group] = {}  # root -> group

    def __contains__(self, key: object) -> bool:
        return key in self._members

    def __len__(self) -> int:
        return len(self._members)

    def add(
        self,
        key: str,
        text: str,
        *,
        published: datetime | None = None,
        sig: Signature | None = None,
    ) -> list[str]:
        """Add an article and join it to its copies; return the keys added before whose
        original changed (the new article is earlier, or two groups merged), sorted.

        A key seen before is ignored. ``sig`` is the stored signature, when there
        is one, so it is not recomputed.
        """
        if key in self._members:
            return []
        digest = ExactDeduper.digest(text)
        member = _Member(key=key, rank=rank(published, key), digest=digest)
        self._members[key] = member
        self._parent[key] = key
        self._groups[key] = _Group(members=[key], original=key)
        if digest is None:
            return []
        changed: set[str] = set()
        first = self.exact.original_of(digest)
        self.exact.add_digest(key, digest, published=published)
        if first is not None:  # an exact copy: same shingles, so the same near-duplicates
            member.sig = self._members[first].sig
            changed.update(self._union(key, first))
        else:
            member.sig = sig if sig is not None else self.near.signature(text)
            for match in self.near.matches(member.sig, exclude=key):
                changed.update(self._union(key, match.key))
            self.near.add(key, member.sig, published=published)
        changed.discard(key)
        return sorted(changed)

    def original(self, key: str) -> str:
        """The original of ``key``'s group (``key`` itself when it is the original)."""
        return self._groups[self._find(key)].original

    def signature(self, key: str) -> Signature | None:
        """The signature ``key`` was compared by (None for an empty text or unknown key)."""
        member = self._members.get(key)
        return member.sig if member is not None else None

    def group(self, key: str) -> list[str]:
        """Every key in ``key``'s group, sorted."""
        return sorted(self._groups[self._find(key)].members)

    def link(self, key: str) -> CopyLink | None:
        """How ``key`` is a copy of its group's original, or None when it is the original."""
        original = self.original(key)
        if original == key:
            return None
        copy, orig = self._members[key], self._members[original]
        if copy.digest == orig.digest:
            return CopyLink(copy_id=key, original_id=original, kind="exact", similarity=1.0)
        return CopyLink(
            copy_id=key, original_id=original, kind="near", similarity=self._similarity(copy, orig)
        )

    def links(self) -> list[CopyLink]:
        """Every copy link, sorted by copy id."""
        found = (self.link(key) for key in sorted(self._members))
        return [link for link in found if link is not None]

    def _similarity(self, a: _Member, b: _Member) -> float:
        """The direct similarity of two members (lower for a copy linked only through others)."""
        if a.sig is None or b.sig is None:
            return 0.0
        match = self.near.verify(a.sig, b.sig)
        if match is not None:
            return round(match.similarity, 4)
        return round(similarity(a.sig, b.sig)[0], 4)

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> list[str]:
        """Join two groups; return the members whose original changed."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return []
        ga, gb = self._groups[ra], self._groups[rb]
        if len(ga.members) < len(gb.members):
            ra, rb, ga, gb = rb, ra, gb, ga
        self._parent[rb] = ra
        if self._members[gb.original].rank < self._members[ga.original].rank:
            changed, ga.original = list(ga.members), gb.original
        else:
            changed = list(gb.members)
        ga.members.extend(gb.members)
        del self._groups[rb]
        return changed
