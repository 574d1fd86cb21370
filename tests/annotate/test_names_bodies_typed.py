"""A body's name spaCy types a person as often as a body is a body's; a people's name that
starts it is no part of it."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from helpers.tagged import nth_span
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import NameIndex

TEXT = (
    "A survey of 500 registered Latino voters, released on Monday by Latino Pulse, a "
    "public opinion research group, found that most of them distrust the mayor. "
    '"People feel that nobody is listening," said Latino Pulse researcher Mara Quintel. '
    "Latino turnout fell by a third, Quintel said.\n\n"
    "The nationalist Swiss Freedom Party has made the same case for years. Swiss voters "
    "backed its referendum, and Swiss politics has not been the same since. The Swiss "
    "Freedom Party says it will campaign again. The SFP won. Lukas Brenner, a spokesman for "
    "the Bern SFP, said the SFP was ready."
)
# the tags spaCy's small model gives such names in real reports: the body a person in one
# mention of two, the body of a region a person
TAGS = [
    ("Latino Pulse", "ORG", 0),
    ("Latino Pulse", "PERSON", 1),
    ("Mara Quintel", "PERSON", 0),
    ("Quintel", "PERSON", 1),
    ("Swiss Freedom Party", "PERSON", 0),
    ("Swiss", "NORP", 1),
    ("Swiss", "NORP", 2),
    ("Swiss Freedom Party", "ORG", 1),
    ("SFP", "ORG", 0),
    ("Lukas Brenner", "PERSON", 0),
    ("Bern SFP", "PERSON", 0),
    ("SFP", "ORG", 2),
]


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _tagged(recognizer: EntityRecognizer) -> object:
    doc = recognizer.nlp(TEXT)

    def span(name: str, label: str, nth: int) -> Span:
        return nth_span(doc, TEXT, name, label, nth, word=True)

    doc.ents = sorted((span(*tag) for tag in TAGS), key=lambda s: s.start)
    return doc


def test_names_bodies_typed_a_person_are_bodies(recognizer: EntityRecognizer) -> None:
    found = recognizer.annotate_group([_tagged(recognizer)])[0]
    types = {e.name: e.type for e in found.entities}
    assert types["Latino Pulse"] == "ORG"  # "Latino Pulse, a public opinion research group"
    assert types["Swiss Freedom Party"] == "ORG"  # a party's name, no person's
    assert types["Bern SFP"] == "ORG"  # the letters of a body the text names alone
    assert types["Mara Quintel"] == "PERSON"
    for mention in found.mentions:
        if mention.text in {"Latino", "Swiss"}:
            assert mention.canonical == mention.text, mention  # a people, no body's part


def test_names_bodies_typed_a_people_is_no_given_name() -> None:
    index = NameIndex()
    index.add("Swiss Freedom Party", "PERSON")
    index.add("Swiss", "NORP", count=3)
    index.add("Mara Quintel", "PERSON")
    index.add("Quintel", "PERSON")
    assert index.resolve("Swiss", "NORP") == "Swiss"
    assert index.resolve("Quintel") == "Mara Quintel"
