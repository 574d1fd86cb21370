"""A place is never a person's surname: a venue named after its place and tagged PERSON
once keeps none of the place's mentions, while a surname typed a place after the full name
it refers back to is the person's, in one text or over a long text's pieces."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from helpers.tagged import tagged
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import NameIndex


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _tagged(recognizer: EntityRecognizer, pieces: list[tuple[str, str]]) -> Doc:
    return tagged(recognizer.nlp.vocab, pieces)


VENUE = [
    ("Tour operators flew to", ""),
    ("Varnholt", "GPE"),
    ("on Monday . Hotels in", ""),
    ("Varnholt", "GPE"),
    ("were full . The group dined at", ""),
    ("Sands Varnholt", "PERSON"),
    ("and left", ""),
    ("Varnholt", "GPE"),
    ("on Wednesday .", ""),
]
SURNAME = [
    ("The envoy", ""),
    ("Tarek Belhadj", "PERSON"),
    ("arrived . Crowds greeted", ""),
    ("Belhadj", "GPE"),
    ("at the port , and", ""),
    ("Belhadj", "GPE"),
    ("spoke . Later", ""),
    ("Belhadj", "GPE"),
    ("left .", ""),
]


def _canonicals(recognizer: EntityRecognizer, doc: Doc, index: NameIndex) -> set[tuple[str, str]]:
    return {(m.text, m.canonical or "") for m in recognizer.annotate(doc, context=index).mentions}


def test_entities_places_venue_never_takes_the_place_it_is_named_after(
    recognizer: EntityRecognizer,
) -> None:
    found = recognizer.annotate(_tagged(recognizer, VENUE + SURNAME))
    pairs = {(m.text, m.canonical, m.type) for m in found.mentions}
    assert ("Varnholt", "Varnholt", "GPE") in pairs, pairs
    assert ("Sands Varnholt", "Sands Varnholt", "PERSON") in pairs
    assert ("Belhadj", "Tarek Belhadj", "PERSON") in pairs


def test_entities_places_surname_in_a_later_piece_is_the_persons(
    recognizer: EntityRecognizer,
) -> None:
    """A long text is read piece by piece into one index: the full name in the first piece
    was written before the surname in the second."""
    index = NameIndex()
    first = _canonicals(recognizer, _tagged(recognizer, SURNAME[:3]), index)
    second = _canonicals(recognizer, _tagged(recognizer, SURNAME[3:]), index)
    assert ("Tarek Belhadj", "Tarek Belhadj") in first
    assert second == {("Belhadj", "Tarek Belhadj")}


def test_entities_places_two_word_surname_after_the_full_name_is_the_persons(
    recognizer: EntityRecognizer,
) -> None:
    pieces = [("On Monday", ""), ("Marisol Santa Cruz", "PERSON"), ("ruled .", "")]
    pieces += [("Santa Cruz", "GPE"), ("wrote that", ""), ("Santa Cruz", "GPE"), ("agreed .", "")]
    found = recognizer.annotate(_tagged(recognizer, pieces))
    assert {(m.text, m.canonical) for m in found.mentions} == {
        ("Marisol Santa Cruz", "Marisol Santa Cruz"),
        ("Santa Cruz", "Marisol Santa Cruz"),
    }
