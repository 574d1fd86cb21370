"""A short lead-in ending in a colon, last in the body, introduces nothing: the links, the
gallery or the posts it introduced are not in the text. It goes, with its reason. The texts
are composed for these tests."""

from __future__ import annotations

import pytest

from newsdesk.clean import clean_text

BODY = (
    "The regional council voted on Thursday to close two rural rail lines by the end of "
    "next year, citing falling passenger numbers and rising repair costs.\n\n"
    "Residents of the valley towns said the decision would leave them with a single bus "
    "a day to the county seat, and several mayors promised to appeal."
)


@pytest.mark.parametrize(
    "ending",
    [
        "The full specifications after the jump:",
        "Mehr Informationen finden Sie unter:",
        "VER TAMBIÉN:",
    ],
)
def test_a_dangling_lead_in_at_the_end_goes(ending: str) -> None:
    result = clean_text(f"{BODY}\n\n{ending}")
    assert result.text.endswith("promised to appeal.")
    assert ("lead_in", ending) in [(r.reason, r.text) for r in result.removed]
    assert clean_text(result.text).removed == []  # idempotent


def test_two_dangling_lead_ins_go_and_a_lead_in_with_its_list_stays() -> None:
    result = clean_text(f"{BODY}\n\nSee more photos:\n\nRead next:")
    assert result.text.endswith("promised to appeal.")
    listed = (
        f"{BODY}\n\nThe lines that close:\n\n- Northbridge to Alder Mill\n- Kessing to Upper Vale"
    )
    assert "The lines that close:" in clean_text(listed).text


def test_a_sentence_ending_in_a_colon_is_no_lead_in() -> None:
    ending = "Residents of the valley were quick to answer the council on social media:"
    result = clean_text(f"{BODY}\n\n{ending}")
    assert result.text.endswith(ending)
