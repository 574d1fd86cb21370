from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.dedupe.exact import ExactDeduper

from .texts import ORIGINAL, SAME_EVENT, whitespace_case_copy


def test_exact_copy_points_to_first_seen() -> None:
    deduper = ExactDeduper()
    assert deduper.add("a", ORIGINAL) == "a"
    assert deduper.add("b", ORIGINAL) == "a"
    assert deduper.add("c", SAME_EVENT) == "c"


def test_exact_whitespace_and_case_change_is_a_copy() -> None:
    deduper = ExactDeduper()
    deduper.add("a", ORIGINAL)
    assert deduper.add("b", whitespace_case_copy()) == "a"


def test_exact_earlier_published_copy_becomes_the_original() -> None:
    deduper = ExactDeduper()
    deduper.add("a", ORIGINAL, published=datetime(2024, 5, 2, tzinfo=UTC))
    assert deduper.add("b", ORIGINAL, published=datetime(2024, 5, 1)) == "b"
    digest = deduper.digest(ORIGINAL)
    assert digest is not None and deduper.original_of(digest) == "b"


def test_exact_empty_text_is_never_a_copy() -> None:
    deduper = ExactDeduper()
    assert deduper.add("a", "  \n") == "a"
    assert deduper.add("b", "") == "b"
    assert len(deduper) == 0


@given(
    text=st.text(min_size=1).filter(lambda t: t.strip() != ""),
    keys=st.lists(
        st.text(alphabet="abcdef", min_size=1, max_size=4), min_size=2, max_size=6, unique=True
    ),
)
def test_exact_copy_is_always_caught(text: str, keys: list[str]) -> None:
    """Undated copies: the smallest id seen so far is the original, whatever the order."""
    deduper = ExactDeduper()
    for n, key in enumerate(keys, start=1):
        assert deduper.add(key, text) == min(keys[:n])
    digest = deduper.digest(text)
    assert digest is not None and deduper.original_of(digest) == min(keys)
