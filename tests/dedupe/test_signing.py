"""The numpy signatures (the per-article ``signatures`` stage, and the copy index's own) are
datasketch's, byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest
from datasketch import LeanMinHash, MinHash

from newsdesk.dedupe.minhash import MinhashDeduper, signature, signature_to_bytes
from newsdesk.dedupe.signing import HEADER, shingles, signature_bytes

from .texts import ORIGINAL, SAME_EVENT

TEXTS = [
    ORIGINAL,
    SAME_EVENT,
    ORIGINAL[:400],  # a truncated copy
    "",  # no words: no shingle
    "?! -- ...",  # punctuation only
    "Two words",  # shorter than a shingle
    "Üsküdar'da belediye meclisi Salı günü köprüyü iki yıl erteledi.",
    "東京都議会は火曜日に橋の建設を二年延期した。 Straße ﬁnal ＡＢＣ 412",
    " ".join(f"word{i % 997} other{i % 13}" for i in range(12_000)),  # more shingles than a block
]


def datasketch_bytes(text: str, *, num_perm: int = 128, k: int = 3) -> bytes:
    """What datasketch's affine32 MinHash of ``text``'s shingles is, as the store keeps it."""
    grams = shingles(text, k=k)
    minhash = MinHash(num_perm=num_perm, seed=1, scheme="affine32")
    minhash.update_batch(grams)
    lean = LeanMinHash(minhash)
    buf = bytearray(lean.bytesize("<"))
    lean.serialize(buf, "<")
    return HEADER.pack(1, len(grams)) + bytes(buf)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_signing_bytes_are_datasketchs(text: str) -> None:
    assert signature_bytes(text) == datasketch_bytes(text)
    assert signature_to_bytes(signature(text)) == datasketch_bytes(text)


def test_signing_other_sizes_are_datasketchs() -> None:
    for num_perm, k in [(64, 3), (128, 5), (256, 2)]:
        expected = datasketch_bytes(ORIGINAL, num_perm=num_perm, k=k)
        assert signature_bytes(ORIGINAL, num_perm=num_perm, k=k) == expected
        assert signature_to_bytes(signature(ORIGINAL, num_perm=num_perm, k=k)) == expected


def test_signing_a_copy_is_found_by_its_signature() -> None:
    from newsdesk.dedupe.minhash import signature_from_bytes

    index = MinhashDeduper()
    index.add("original", signature_from_bytes(signature_bytes(ORIGINAL)))
    found = index.matches(signature_from_bytes(signature_bytes(ORIGINAL[:1500])))
    assert [m.key for m in found] == ["original"]


def test_signing_imports_no_datasketch() -> None:
    """Where the per-article stages run (a pool worker, a Ray actor), signing stays light."""
    code = (
        "import sys; from newsdesk.dedupe.signing import signature_bytes; signature_bytes('a b c d')"
        "; print(sorted({'datasketch', 'scipy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
