"""MinHash signatures in numpy alone: what the per-article ``signatures`` stage computes.

The copy index (:mod:`newsdesk.dedupe.minhash`) compares signatures in the parent; the
signatures themselves are made where the other per-article stages run (a pool worker, a
Ray actor), which never imports datasketch or scipy. So this module makes,
from numpy and hashlib, exactly the bytes :func:`newsdesk.dedupe.minhash.signature_to_bytes`
writes for datasketch's ``MinHash(num_perm, seed=1, scheme="affine32")`` over the same
shingles (tests/dedupe/test_signing.py holds the two side by side): SHA-1's first four
bytes of each shingle (little-endian), MurmurHash3's 32-bit finalizer, then
``a * h + b`` modulo 2**32 per permutation (``a`` odd, ``a`` and ``b`` drawn from
``numpy.random.RandomState(seed)`` as datasketch draws them) and the minimum per
permutation.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

import numpy as np

from newsdesk.article import normalise_for_hash

__all__ = [
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_SIZE",
    "HEADER",
    "SEED",
    "shingles",
    "signature_bytes",
]

# Chosen by bench/near_duplicates.py (see bench/results/near_duplicates.md).
DEFAULT_SHINGLE_SIZE = 3
DEFAULT_NUM_PERM = 128

# Fixed so signatures made today compare with signatures read back from the store later.
SEED = 1
HEADER = struct.Struct("<BI")  # newsdesk's format version, shingle count
FORMAT_VERSION = 1
_LEAN = struct.Struct("<qiB")  # datasketch LeanMinHash: seed, -num_perm, scheme code
_AFFINE32 = 1  # datasketch's code for the "affine32" scheme
_MAX = np.uint32(0xFFFFFFFF)
_ROWS = 4096  # shingles hashed against the permutations at once (bounded memory)
_WORD = re.compile(r"\w+")


def shingles(text: str, *, k: int = DEFAULT_SHINGLE_SIZE) -> set[bytes]:
    """The word ``k``-shingles of ``text`` after normalisation (NFKC, case-folded).

    Words are runs of letters and digits; punctuation and spacing do not count.
    A text shorter than ``k`` words gives one shingle of all its words, an
    empty text none.
    """
    if k < 1:
        raise ValueError(f"shingle size must be at least 1, got {k}; use 3 to 5 for prose")
    words = _WORD.findall(normalise_for_hash(text))
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations (a odd), drawn as datasketch draws them for "affine32"."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (wrapping uint32 arithmetic)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def hashvalues(grams: set[bytes] | list[bytes], *, num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    """The MinHash of ``grams``: ``num_perm`` uint32 minima (all 2**32-1 for no shingle)."""
    a, b = _permutations(num_perm)
    out = np.full(num_perm, _MAX, dtype=np.uint32)
    items = list(grams)
    for start in range(0, len(items), _ROWS):
        part = items[start : start + _ROWS]
        digests = b"".join(hashlib.sha1(g).digest()[:4] for g in part)
        h = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32).reshape(-1, 1))
        np.minimum(out, (h * a + b).min(axis=0), out=out)
    return out


def signature_bytes(
    text: str, *, num_perm: int = DEFAULT_NUM_PERM, k: int = DEFAULT_SHINGLE_SIZE
) -> bytes:
    """``text``'s signature as the store keeps it (the bytes ``signature_to_bytes`` writes)."""
    grams = shingles(text, k=k)
    values = hashvalues(grams, num_perm=num_perm)
    head = HEADER.pack(FORMAT_VERSION, len(grams)) + _LEAN.pack(SEED, -num_perm, _AFFINE32)
    return head + values.astype("<u4").tobytes()
