"""A company's legal suffix: typed, joined and stripped the way a reader reads it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_entities_name_with_legal_suffix_is_an_organisation(
    recognizer: EntityRecognizer,
) -> None:
    """spaCy tags "Brennick LLC" a person here; a name ending in a legal form is a company."""
    text = "Carmaker Brennick LLC has said it will cut 789 dealers. Brennick LLC makes vans."
    found = recognizer.annotate(text)
    brennick = [m for m in found.mentions if m.text.startswith("Brennick")]
    assert brennick and {m.type for m in brennick} == {"ORG"}, found.mentions
    assert {e.type for e in found.entities if e.name.startswith("Brennick")} == {"ORG"}


def test_entities_suffix_tagged_apart_joins_the_name_before_it(
    recognizer: EntityRecognizer,
) -> None:
    """spaCy can tag a suffix on its own ("Chrysler" "LLC"): the mention is the company,
    never an entity named "LLC"."""
    words = ["Carmaker", "Varden", "LLC", "said", "it", "would", "cut", "jobs", "."]
    doc = Doc(recognizer.nlp.vocab, words=words)
    doc.ents = [Span(doc, 1, 2, label="ORG"), Span(doc, 2, 3, label="ORG")]
    found = recognizer.found(doc)
    assert [(item.text, item.type) for item in found] == [("Varden LLC", "ORG")]


def test_entities_quote_marks_are_no_part_of_a_name(recognizer: EntityRecognizer) -> None:
    words = ["Its", "``", "Varden", "Care", "''", "plan", "began", "."]
    doc = Doc(recognizer.nlp.vocab, words=words)
    doc.ents = [Span(doc, 1, 5, label="PRODUCT")]
    assert [item.text for item in recognizer.found(doc)] == ["Varden Care"]
