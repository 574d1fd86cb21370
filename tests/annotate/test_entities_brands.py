"""A brand spelled in mixed case ("iTunes") is no group, whatever spaCy typed it."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer

STORE = (
    "Sales on iTunes rose in March. Sales on iTunes fell in April, while the Germans "
    "bought more records and pro-Russian groups protested."
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_entities_brand_in_lower_case_is_no_group(recognizer: EntityRecognizer) -> None:
    types = {(m.text, m.type) for m in recognizer.annotate(STORE).mentions}
    assert ("iTunes", "NORP") not in types
    assert ("iTunes", "ORG") in types
    assert {("Germans", "NORP"), ("pro-Russian", "NORP")} <= types
