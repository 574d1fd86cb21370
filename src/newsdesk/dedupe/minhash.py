"""Near-duplicate copies: MinHash signatures over word shingles, found with LSH.

A signature is computed once from the cleaned text and kept as bytes
(:func:`signature_to_bytes`), so the store never recomputes it. Two texts are
near-duplicates when the LSH index offers one as a candidate for the other and
the signatures confirm it: their estimated Jaccard similarity is at least
``threshold``, or, for a truncated copy, the estimated containment of the
shorter text in the longer one is at least ``containment``.

Signatures and the LSH index are numpy and dicts, not datasketch: importing datasketch
imports scipy (for the one integral that picks the LSH bands), about 0.4 CPU s the parent
of a pool spent on every ingest. The bytes are datasketch's ``LeanMinHash`` layout, the
signatures its ``affine32`` MinHash (:mod:`newsdesk.dedupe.signing`), the bands those
its ``MinHashLSH`` picks, and a key is a candidate exactly when it shares a band with
the query, as there (tests/dedupe holds each beside datasketch's).

The defaults (``DEFAULT_*``) were chosen by ``bench/near_duplicates.py``; see
``bench/results/near_duplicates.md`` for the measurement.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsdesk.dedupe.ranking import Rank, rank
from newsdesk.dedupe.signing import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE_SIZE,
    FORMAT_VERSION,
    HEADER,
    SEED,
    hashvalues,
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
# per-article ``signatures`` stage makes the same signatures.
DEFAULT_THRESHOLD = 0.5  # estimated Jaccard of the two shingle sets
DEFAULT_CONTAINMENT = 0.8  # estimated share of the shorter text's shingles found in the longer
DEFAULT_CANDIDATE_THRESHOLD = 0.3  # LSH threshold: how similar a pair must be to be looked at
DEFAULT_MIN_SHINGLES = 8  # texts with fewer shingles are only ever exact copies
DEFAULT_MIN_CONTAINMENT_SHINGLES = 30  # containment alone needs this much text in the shorter

_HEADER = HEADER  # format version, shingle count
_FORMAT_VERSION = FORMAT_VERSION
_LEAN = struct.Struct("<qi")  # datasketch LeanMinHash: seed, hash value count (negated: a scheme)
_SCHEMES = {1: ("affine32", "<u4"), 2: ("affine64", "<u8")}  # scheme byte -> name, value type
_LEGACY = ("legacy", "<u4")  # datasketch before 2.0: no scheme byte, a non-negative count
_CODES = {name: code for code, (name, _) in _SCHEMES.items()}
_VALUES = {"affine32": np.uint32, "affine64": np.uint64, "legacy": np.uint64}  # as datasketch
# The bands (b, r) datasketch's MinHashLSH picks for (threshold, num_perm) with its default
# weights, minimising an integral of false positives and negatives (scipy's ``quad``):
# the default's here, any other computed by datasketch (tests hold this one to it).
_BANDS = {(DEFAULT_CANDIDATE_THRESHOLD, DEFAULT_NUM_PERM): (37, 3)}


class Signature:
    """A MinHash signature (datasketch's lean MinHash: seed, scheme, hash values) that also
    remembers how many shingles it was made from.

    The count lets containment (for truncated copies) be estimated from two
    signatures without the texts.
    """

    __slots__ = ("hashvalues", "scheme", "seed", "size")

    def __init__(self, hashvalues: np.ndarray, size: int, *, seed: int = SEED) -> None:
        self.hashvalues, self.size, self.seed, self.scheme = hashvalues, size, seed, "affine32"

    def __len__(self) -> int:
        return len(self.hashvalues)


def signature(
    text: str, *, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE_SIZE
) -> Signature:
    """The MinHash signature of ``text``'s word shingles."""
    grams = shingles(text, k=k)
    return Signature(hashvalues(grams, num_perm=num_perm), len(grams))


def signatures(
    texts: Iterable[str], *, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE_SIZE
) -> list[Signature]:
    """Signatures of many texts."""
    return [signature(text, num_perm=num_perm, k=k) for text in texts]


def signature_to_bytes(sig: Signature) -> bytes:
    """Bytes to store a signature in (little-endian, portable between machines)."""
    head = _HEADER.pack(_FORMAT_VERSION, sig.size)
    if sig.scheme == _LEGACY[0]:
        lean = _LEAN.pack(sig.seed, len(sig))
        return head + lean + sig.hashvalues.astype(_LEGACY[1]).tobytes()
    code = _CODES[sig.scheme]
    lean = _LEAN.pack(sig.seed, -len(sig)) + bytes([code])
    return head + lean + sig.hashvalues.astype(_SCHEMES[code][1]).tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    """A signature back from :func:`signature_to_bytes`."""
    if len(data) < _HEADER.size + _LEAN.size:
        raise ValueError(f"not a newsdesk signature: {len(data)} bytes is too short")
    version, size = _HEADER.unpack_from(data, 0)
    if version != _FORMAT_VERSION:
        raise ValueError(
            f"signature format {version} is not {_FORMAT_VERSION}; recompute the signature"
        )
    seed, count = _LEAN.unpack_from(data, _HEADER.size)
    start = _HEADER.size + _LEAN.size
    if count >= 0:
        scheme, dtype = _LEGACY
    elif data[start] in _SCHEMES:
        (scheme, dtype), count, start = _SCHEMES[data[start]], -count, start + 1
    else:
        raise ValueError(f"unknown permutation scheme code: {data[start]}")
    values = np.frombuffer(data, dtype=dtype, count=count, offset=start)
    sig = Signature(values.astype(_VALUES[scheme]), size, seed=seed)
    sig.scheme = scheme
    return sig


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller set in the larger) of two signatures."""
    jaccard = float(np.mean(np.asarray(a.hashvalues) == np.asarray(b.hashvalues)))
    small, large = sorted((a.size, b.size))
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
    sig: Signature
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
        self._lsh = _Bands(*_bands(lsh_threshold, num_perm), num_perm=num_perm)
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def signature(self, text: str) -> Signature:
        """The signature of ``text`` with this index's shingle size and permutations."""
        return signature(text, num_perm=self.num_perm, k=self.shingle_size)

    def usable(self, sig: Signature) -> bool:
        """Whether ``sig`` has enough shingles to be compared at all."""
        return sig.size >= self.min_shingles

    def add(self, key: str, sig: Signature, *, published: datetime | None = None) -> None:
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
            self._lsh.insert(key, sig)

    def remove(self, key: str) -> None:
        """Forget ``key``; unknown keys are ignored."""
        entry = self._entries.pop(key, None)
        if entry is not None and key in self._lsh:
            self._lsh.remove(key)

    def candidates(self, sig: Signature) -> list[str]:
        """Keys the LSH index offers for ``sig``, unverified, sorted."""
        if not self.usable(sig):
            return []
        return sorted(str(key) for key in self._lsh.query(sig))

    def verify(self, a: Signature, b: Signature) -> Match | None:
        """How ``a`` and ``b`` match, or None when they are not near-duplicates."""
        if not (self.usable(a) and self.usable(b)):
            return None
        jaccard, contained = similarity(a, b)
        if jaccard >= self.threshold:
            return Match(key="", similarity=jaccard, measure="jaccard")
        small = min(a.size, b.size)
        if contained >= self.containment and small >= self.min_containment_shingles:
            return Match(key="", similarity=contained, measure="containment")
        return None

    def matches(self, sig: Signature, *, exclude: str | None = None) -> list[Match]:
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
        self, key: str, sig: Signature, *, published: datetime | None = None
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

    def get(self, key: str) -> Signature | None:
        """The signature indexed under ``key``."""
        entry = self._entries.get(key)
        return entry.sig if entry is not None else None


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """How many bands of how many rows the LSH index cuts a signature into."""
    known = _BANDS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch.lsh import _optimal_param  # scipy: only for a threshold never measured

    b, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(b), int(r)


class _Bands:
    """The LSH index: each signature cut into ``b`` bands of ``r`` hash values; a key is a
    candidate for a query when one of its bands equals the query's (datasketch's
    ``MinHashLSH`` over a dict). Signatures of two permutation schemes never meet in one
    index (their values mean different things): the first one decides."""

    def __init__(self, b: int, r: int, *, num_perm: int) -> None:
        if b * r > num_perm or b < 2:
            raise ValueError(f"{b} bands of {r} do not fit {num_perm} permutations")
        self.num_perm = num_perm
        self.ranges = [(i * r, (i + 1) * r) for i in range(b)]
        self.tables: list[dict[bytes, set[str]]] = [{} for _ in range(b)]
        self.keys: dict[str, list[bytes]] = {}
        self.scheme: str | None = None

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def _cut(self, sig: Signature) -> list[bytes]:
        if len(sig) != self.num_perm:
            raise ValueError(f"expecting a signature of {self.num_perm}, got {len(sig)}")
        if self.scheme is None:
            self.scheme = sig.scheme
        elif sig.scheme != self.scheme:
            raise ValueError(f"scheme {sig.scheme!r} does not match this index's {self.scheme!r}")
        values = sig.hashvalues
        return [values[start:end].tobytes() for start, end in self.ranges]

    def insert(self, key: str, sig: Signature) -> None:
        cuts = self._cut(sig)
        self.keys[key] = cuts
        for cut, table in zip(cuts, self.tables, strict=True):
            table.setdefault(cut, set()).add(key)

    def remove(self, key: str) -> None:
        for cut, table in zip(self.keys.pop(key), self.tables, strict=True):
            bucket = table[cut]
            bucket.discard(key)
            if not bucket:
                del table[cut]

    def query(self, sig: Signature) -> set[str]:
        found: set[str] = set()
        for cut, table in zip(self._cut(sig), self.tables, strict=True):
            found.update(table.get(cut, ()))
        return found
