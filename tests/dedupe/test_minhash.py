from __future__ import annotations

import pytest

from newsdesk.dedupe.minhash import (
    MinhashDeduper,
    Signature,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    signatures,
    similarity,
)

from .texts import ORIGINAL, SAME_EVENT, syndicated_copy, truncated_copy


def test_minhash_shingles_ignore_case_punctuation_and_spacing() -> None:
    assert shingles("The  Bridge, was DELAYED.", k=3) == shingles("the bridge was delayed", k=3)
    assert shingles("the bridge was delayed", k=3) == {b"the bridge was", b"bridge was delayed"}


def test_minhash_shingles_of_short_and_empty_text() -> None:
    assert shingles("Two words", k=3) == {b"two words"}
    assert shingles("  ", k=3) == set()
    with pytest.raises(ValueError, match="shingle size"):
        shingles("text", k=0)


def test_minhash_signature_roundtrips_through_bytes() -> None:
    sig = signature(ORIGINAL)
    data = signature_to_bytes(sig)
    back = signature_from_bytes(data)
    assert isinstance(back, Signature)
    assert back.size == sig.size == len(shingles(ORIGINAL))
    assert list(back.hashvalues) == list(sig.hashvalues)
    assert similarity(back, sig) == (1.0, 1.0)
    assert signature_to_bytes(back) == data


def test_minhash_signature_from_bytes_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="too short"):
        signature_from_bytes(b"\x01")
    with pytest.raises(ValueError, match="recompute"):
        signature_from_bytes(b"\x09" + signature_to_bytes(signature(ORIGINAL))[1:])


def test_minhash_bulk_signatures_equal_single_ones() -> None:
    texts = [ORIGINAL, SAME_EVENT, ""]
    bulk = signatures(texts)
    for text, sig in zip(texts, bulk, strict=True):
        single = signature(text)
        assert list(sig.hashvalues) == list(single.hashvalues) and sig.size == single.size


def test_minhash_deduper_finds_syndicated_and_truncated_copies() -> None:
    deduper = MinhashDeduper()
    deduper.add("orig", signature(ORIGINAL))
    deduper.add("other", signature(SAME_EVENT))
    syndicated = deduper.matches(signature(syndicated_copy()))
    assert [(m.key, m.measure) for m in syndicated] == [("orig", "jaccard")]
    truncated = deduper.matches(signature(truncated_copy(0.6)))
    assert [m.key for m in truncated] == ["orig"]
    shorter = deduper.matches(signature(truncated_copy(0.4)))  # Jaccard alone is too low
    assert [(m.key, m.measure) for m in shorter] == [("orig", "containment")]
    assert shorter[0].similarity >= deduper.containment


def test_minhash_deduper_does_not_match_same_event_in_other_words() -> None:
    deduper = MinhashDeduper()
    deduper.add("orig", signature(ORIGINAL))
    assert deduper.matches(signature(SAME_EVENT)) == []


def test_minhash_deduper_remove_and_find_original() -> None:
    from datetime import datetime

    deduper = MinhashDeduper()
    deduper.add("late", signature(ORIGINAL), published=datetime(2024, 5, 3))
    deduper.add("early", signature(ORIGINAL), published=datetime(2024, 5, 1))
    copy = signature(syndicated_copy())
    found = deduper.find_original("copy", copy, published=datetime(2024, 5, 2))
    assert found is not None and found.key == "early"
    assert (
        deduper.find_original("early", signature(ORIGINAL), published=datetime(2024, 5, 1)) is None
    )
    deduper.remove("early")
    deduper.remove("unknown")
    assert deduper.candidates(copy) == ["late"]
    assert "early" not in deduper and len(deduper) == 1


def test_minhash_deduper_rejects_mismatched_permutations() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        MinhashDeduper(num_perm=64).add("a", signature(ORIGINAL))
