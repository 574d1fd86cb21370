"""A name spaCy typed a place is a person's where the words around it say so, unless the
gazetteer knows the place."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # spaCy's small model types a singer it does not know a place in every mention
        (
            "Fans cheered Kaliyah. Kaliyah, who was honored with the award, thanked them.",
            "Kaliyah",
            "PERSON",
        ),
        (
            "Voters backed Dorrance. Mr. Dorrance said the ruling would be appealed.",
            "Dorrance",
            "PERSON",
        ),
        ("Voters backed Brevard. Brevard, which votes on Tuesday, is close.", "Brevard", "GPE"),
        ("Voters backed Georgia. Georgia, who was 12, ran to the square.", "Georgia", "GPE"),
        (
            "Voters in Brevard backed her, said a nurse from Lorton, Brevard, who was polled.",
            "Brevard",
            "GPE",
        ),
    ],
)
def test_names_place_typed_person(
    recognizer: EntityRecognizer, text: str, name: str, kind: str
) -> None:
    doc = recognizer.nlp(text)
    spans: list[Span] = []
    at = text.find(name)
    while at >= 0:
        span = doc.char_span(at, at + len(name), label="GPE")
        assert span is not None
        spans.append(span)
        at = text.find(name, at + 1)
    doc.ents = spans
    found = recognizer.annotate_group([doc])[0]
    assert {m.type for m in found.mentions if m.text == name} == {kind}
