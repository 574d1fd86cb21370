"""A name with an age in apposition ("Marlon Tyree Banks, 43, was shot …") is a person's,
whatever spaCy typed its mentions: no body is written with an age. Text composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer

TEXT = (
    "Police in Kell said Marlon Tyree Banks, 43, was shot on Tuesday after officers stopped "
    "his car near the harbour. Protests followed the shooting of Marlon Tyree Banks, and the "
    "mayor met the family on Wednesday."
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_a_name_with_an_age_after_it_is_a_person(recognizer: EntityRecognizer) -> None:
    found = recognizer.annotate(TEXT)
    types = {m.type for m in found.mentions if m.canonical == "Marlon Tyree Banks"}
    assert types == {"PERSON"}, [(m.text, m.type) for m in found.mentions]


def test_a_number_after_a_body_is_no_age(recognizer: EntityRecognizer) -> None:
    """A count or a year after a body's name ("Harbour Lines, 2026,") is no age."""
    found = recognizer.annotate(
        "The ferry firm Harbour Lines Group, 2026, said on Tuesday that its fares would rise."
    )
    assert not [m for m in found.mentions if m.type == "PERSON" and "Harbour" in m.text]
