"""The copy index's LSH without datasketch: the same bands, the same candidates, the same bytes."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from datasketch import LeanMinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from newsdesk.dedupe.minhash import (
    DEFAULT_CANDIDATE_THRESHOLD,
    DEFAULT_NUM_PERM,
    MinhashDeduper,
    signature,
    signature_from_bytes,
    signature_to_bytes,
)
from newsdesk.dedupe.signing import HEADER

from .texts import ORIGINAL, SAME_EVENT


def test_minhash_lsh_default_bands_are_datasketchs() -> None:
    from newsdesk.dedupe.minhash import _bands

    expected = _optimal_param(DEFAULT_CANDIDATE_THRESHOLD, DEFAULT_NUM_PERM, 0.5, 0.5)
    assert _bands(DEFAULT_CANDIDATE_THRESHOLD, DEFAULT_NUM_PERM) == expected
    assert _bands(0.6, 64) == _optimal_param(0.6, 64, 0.5, 0.5)  # a threshold never measured


def _variants(count: int) -> list[str]:
    """Texts that share more or less of one text's words: every degree of overlap."""
    rng = random.Random(11)
    words = (ORIGINAL + " " + SAME_EVENT).split()
    out = []
    for i in range(count):
        kept = list(words)
        for j in rng.sample(range(len(kept)), k=(i * 7) % len(kept)):
            kept[j] = f"word{rng.randrange(500)}"
        start = rng.randrange(len(kept) // 3)
        out.append(" ".join(kept[start:]))
    return out


def _lean(text: str) -> LeanMinHash:
    sig = signature(text)
    return LeanMinHash(seed=sig.seed, hashvalues=sig.hashvalues, scheme=sig.scheme)


def test_minhash_lsh_candidates_are_datasketchs() -> None:
    texts = _variants(60)
    ours = MinhashDeduper(min_shingles=0)
    theirs = MinHashLSH(threshold=DEFAULT_CANDIDATE_THRESHOLD, num_perm=DEFAULT_NUM_PERM)
    for i, text in enumerate(texts[:40]):
        ours.add(f"k{i}", signature(text))
        theirs.insert(f"k{i}", _lean(text), check_duplication=False)
    for i in range(0, 40, 3):
        ours.remove(f"k{i}")
        theirs.remove(f"k{i}")
    found = 0
    for text in texts:
        expected = sorted(theirs.query(_lean(text)))
        assert ours.candidates(signature(text)) == expected
        found += len(expected)
    assert 40 < found < 60 * 26  # some texts share a band and some do not


def test_minhash_reads_and_writes_datasketchs_legacy_bytes() -> None:
    """A signature datasketch wrote before 2.0 (no scheme byte) reads and writes back as it
    was, and never meets a newer one in one index (datasketch refuses the mix too)."""
    values = signature(ORIGINAL).hashvalues
    lean = LeanMinHash(seed=1, hashvalues=values, scheme="legacy")
    buf = bytearray(lean.bytesize("<"))
    lean.serialize(buf, "<")
    data = HEADER.pack(1, 90) + bytes(buf)
    back = signature_from_bytes(data)
    assert (back.scheme, back.size, list(back.hashvalues)) == ("legacy", 90, list(values))
    assert signature_to_bytes(back) == data
    index = MinhashDeduper()
    index.add("old", back)
    with pytest.raises(ValueError, match="scheme"):
        index.add("new", signature(ORIGINAL))


def test_minhash_copy_index_imports_no_datasketch() -> None:
    """The parent's copy index stays off datasketch and scipy (their import cost about 0.4
    CPU s that the two workers of a pool on two cores paid for)."""
    code = (
        "import sys; from newsdesk.dedupe.detector import CopyDetector"
        "; from newsdesk.dedupe.minhash import signature; from newsdesk.pipeline import Drops"
        "; from newsdesk.article import Article"
        "; d = CopyDetector(); a = Article(source='s', format='text', raw='', text='a b c d e')"
        "; list(d.run([a], Drops())); d.signature_bytes(a)"
        "; print(sorted({'datasketch', 'scipy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
