"""Near-duplicate copies: MinHash signatures over word shingles, found with LSH.

A signature is computed once from the cleaned text and kept as bytes
(:func:`signature_to_bytes`), so the store never recomputes it. Two texts are
near-duplicates when the LSH index offers one as a candidate for the other and
the signatures confirm it: their estimated Jaccard similarity is at least
``threshold``, or, for a truncated copy, the estimated containment of the
shorter text in the longer one is at least ``containment``.

The defaults (``DEFAULT_*``) were chosen by ``bench/near_duplicates.py``; see
``bench/results/near_duplicates.md`` for the measurement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsdesk.dedupe.ranking import Rank, rank
from newsdesk.dedupe.signing import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE_SIZE,
    FORMAT_VERSION,
    HEADER,
    SEED,
    shingles,
)

__all__ = [
    "DEFAULT_CANDIDATE_THRESHOLD",
    "DEFAULT_CONTAINMENT",
    "DEFAULT_MIN_CONTAINMENT_SHINGLES",
    "DEFAULT_MIN_SHINGLES",
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_SIZE",
    "DEFAULT_THRESHOLD",
    "Match",
    "MinhashDeduper",
    "Signature",
    "shingles",
    "signature",
    "signature_from_bytes",
    "signature_to_bytes",
    "signatures",
    "similarity",
]

# Chosen by bench/near_duplicates.py (see bench/results/near_duplicates.md); the shingle
# size, permutation count, seed and byte header live in newsdesk.dedupe.signing, where the
# per-article ``signatures`` stage makes the same signatures without datasketch.
DEFAULT_THRESHOLD = 0.5  # estimated Jaccard of the two shingle sets
DEFAULT_CONTAINMENT = 0.8  # estimated share of the shorter text's shingles found in the longer
DEFAULT_CANDIDATE_THRESHOLD = 0.3  # LSH threshold: how similar a pair must be to be looked at
DEFAULT_MIN_SHINGLES = 8  # texts with fewer shingles are only ever exact copies
DEFAULT_MIN_CONTAINMENT_SHINGLES = 30  # containment alone needs this much text in the shorter

_SEED = SEED
_SCHEME = "affine32"
_BYTEORDER = "<"
_HEADER = HEADER  # format version, shingle count
_FORMAT_VERSION = FORMAT_VERSION


class Signature(LeanMinHash):
    """A lean MinHash that also remembers how many shingles it was made from.

    The count lets containment (for truncated copies) be estimated from two
    signatures without the texts.
    """

    __slots__ = ("size",)
    size: int


def _lean(minhash: MinHash, size: int) -> Signature:
    sig = Signature.__new__(Signature)
    sig._initialize_slots(minhash.seed, minhash.hashvalues, minhash.scheme)
    sig.size = size
    return sig


def signature(
    text: str, *, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE_SIZE
) -> Signature:
    """The MinHash signature of ``text``'s word shingles."""
    grams = shingles(text, k=k)
    minhash = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(grams)
    return _lean(minhash, len(grams))


def signatures(
    texts: Iterable[str], *, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE_SIZE
) -> list[Signature]:
    """Signatures of many texts at once (``MinHash.bulk``: the permutations are set up once)."""
    grams = [shingles(text, k=k) for text in texts]
    hashed = MinHash.bulk(grams, num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    return [_lean(m, len(g)) for m, g in zip(hashed, grams, strict=True)]


def signature_to_bytes(sig: LeanMinHash) -> bytes:
    """Bytes to store a signature in (little-endian, portable between machines)."""
    size = sig.size if isinstance(sig, Signature) else 0
    buf = bytearray(_HEADER.size + sig.bytesize(_BYTEORDER))
    _HEADER.pack_into(buf, 0, _FORMAT_VERSION, size)
    sig.serialize(memoryview(buf)[_HEADER.size :], _BYTEORDER)
    return bytes(buf)


def signature_from_bytes(data: bytes) -> Signature:
    """A signature back from :func:`signature_to_bytes`."""
    if len(data) < _HEADER.size:
        raise ValueError(f"not a newsdesk signature: {len(data)} bytes is too short")
    version, size = _HEADER.unpack_from(data, 0)
    if version != _FORMAT_VERSION:
        raise ValueError(
            f"signature format {version} is not {_FORMAT_VERSION}; recompute the signature"
        )
    lean = LeanMinHash.deserialize(memoryview(data)[_HEADER.size :], _BYTEORDER)
    sig = Signature.__new__(Signature)
    sig._initialize_slots(lean.seed, lean.hashvalues, lean.scheme)
    sig.size = size
    return sig


def _size(sig: LeanMinHash) -> int:
    """The shingle count: exact when known, else MinHash's own estimate."""
    if isinstance(sig, Signature):
        return sig.size
    return max(1, round(sig.count()))


def similarity(a: LeanMinHash, b: LeanMinHash) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller set in the larger) of two signatures."""
    jaccard = float(np.mean(np.asarray(a.hashvalues) == np.asarray(b.hashvalues)))
    small, large = sorted((_size(a), _size(b)))
    if small == 0:
        return jaccard, 0.0
    inter = jaccard * (small + large) / (1.0 + jaccard)
    return jaccard, min(1.0, inter / small)


@dataclass(frozen=True, slots=True)
class Match:
    """A verified near-duplicate: which key, how similar, and by which measure."""

    key: str
    similarity: float
    measure: str  # "jaccard" | "containment"


@dataclass(slots=True)
class _Entry:
    sig: LeanMinHash
    rank: Rank


class MinhashDeduper:
    """An LSH index of signatures that finds the near-duplicates of a text.

    Holds its own index and signatures; ``add`` and ``remove`` keep them in step.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        containment: float = DEFAULT_CONTAINMENT,
        candidate_threshold: float = DEFAULT_CANDIDATE_THRESHOLD,
        min_shingles: int = DEFAULT_MIN_SHINGLES,
        min_containment_shingles: int = DEFAULT_MIN_CONTAINMENT_SHINGLES,
    ) -> None:
        if not 0.0 < threshold <= 1.0 or not 0.0 < containment <= 1.0:
            raise ValueError("threshold and containment must be in (0, 1]; the default is measured")
        self.threshold = threshold
        self.containment = containment
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_shingles = min_shingles
        self.min_containment_shingles = min_containment_shingles
        lsh_threshold = min(candidate_threshold, threshold)
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def signature(self, text: str) -> Signature:
        """The signature of ``text`` with this index's shingle size and permutations."""
        return signature(text, num_perm=self.num_perm, k=self.shingle_size)

    def usable(self, sig: LeanMinHash) -> bool:
        """Whether ``sig`` has enough shingles to be compared at all."""
        return _size(sig) >= self.min_shingles

    def add(self, key: str, sig: LeanMinHash, *, published: datetime | None = None) -> None:
        """Index ``sig`` under ``key`` (adding a key again replaces its signature)."""
        if len(sig) != self.num_perm:
            raise ValueError(
                f"signature has {len(sig)} permutations, this index {self.num_perm}; "
                "recompute it with the index's num_perm"
            )
        if key in self._entries:
            self.remove(key)
        self._entries[key] = _Entry(sig=sig, rank=rank(published, key))
        if self.usable(sig):
            self._lsh.insert(key, sig, check_duplication=False)

    def remove(self, key: str) -> None:
        """Forget ``key``; unknown keys are ignored."""
        entry = self._entries.pop(key, None)
        if entry is not None and key in self._lsh:
            self._lsh.remove(key)

    def candidates(self, sig: LeanMinHash) -> list[str]:
        """Keys the LSH index offers for ``sig``, unverified, sorted."""
        if not self.usable(sig):
            return []
        return sorted(str(key) for key in self._lsh.query(sig))

    def verify(self, a: LeanMinHash, b: LeanMinHash) -> Match | None:
        """How ``a`` and ``b`` match, or None when they are not near-duplicates."""
        if not (self.usable(a) and self.usable(b)):
            return None
        jaccard, contained = similarity(a, b)
        if jaccard >= self.threshold:
            return Match(key="", similarity=jaccard, measure="jaccard")
        small = min(_size(a), _size(b))
        if contained >= self.containment and small >= self.min_containment_shingles:
            return Match(key="", similarity=contained, measure="containment")
        return None

    def matches(self, sig: LeanMinHash, *, exclude: str | None = None) -> list[Match]:
        """Verified near-duplicates of ``sig`` among the indexed keys, sorted by key."""
        found = []
        for key in self.candidates(sig):
            if key == exclude:
                continue
            match = self.verify(sig, self._entries[key].sig)
            if match is not None:
                found.append(Match(key=key, similarity=match.similarity, measure=match.measure))
        return found

    def find_original(
        self, key: str, sig: LeanMinHash, *, published: datetime | None = None
    ) -> Match | None:
        """The earliest published indexed near-duplicate, if it is earlier than ``key`` itself.

        "Earliest" is by publication date (unknown dates last), then by key.
        """
        own = rank(published, key)
        best: tuple[Rank, Match] | None = None
        for match in self.matches(sig, exclude=key):
            other = self._entries[match.key].rank
            if other < own and (best is None or other < best[0]):
                best = (other, match)
        return best[1] if best is not None else None

    def get(self, key: str) -> LeanMinHash | None:
        """The signature indexed under ``key``."""
        entry = self._entries.get(key)
        return entry.sig if entry is not None else None
