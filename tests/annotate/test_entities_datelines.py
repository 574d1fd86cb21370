"""A dateline's place ("LAS CRUCES, N.M. (AP) —") is a place, whatever spaCy typed it."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer

SHELTER = (
    "LAS CRUCES, N.M. (AP) — A dog missing for two years was found in Las Cruces, New Mexico.\n"
    "The Las Cruces Animal Shelter said the dog was healthy."
)
BOARD = "ACME CORP said on Monday it would sell its stake, Reuters reported."


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_entities_dateline_place_is_a_place(recognizer: EntityRecognizer) -> None:
    types = {(m.text, m.type) for m in recognizer.annotate(SHELTER).mentions}
    assert {("LAS CRUCES", "GPE"), ("Las Cruces", "GPE")} <= types
    assert ("Las Cruces Animal Shelter", "ORG") in types


def test_entities_name_in_capitals_without_a_region_keeps_its_type(
    recognizer: EntityRecognizer,
) -> None:
    types = {m.type for m in recognizer.annotate(BOARD).mentions if m.text.startswith("ACME")}
    assert "GPE" not in types
