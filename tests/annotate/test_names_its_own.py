"""A one-word name spaCy takes for a person in most of its mentions is a body when the text
gives it its own ("Brixley has struggled since its public offering"), as it gives a person
hers or his: no person is the subject of a verb that goes on to "its"."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer

PLATFORM = (
    "Brixley steps up its fight against extremist accounts.\n\n"
    "For years, Brixley has positioned itself as an open forum for everyone. Brixley added "
    "fewer users than expected over the last quarter, an issue with which Brixley has "
    "struggled since its public offering in 2013.\n\n"
    '"The bottom line is that Brixley is not doing enough," Ms. Adair said. In response, '
    "Brixley said it was reviewing reports more quickly, and Brixley suspended thousands "
    "of accounts in a week.\n"
)
FOUNDER = (
    "Ilse Varga threw her support behind the harbour bill on Wednesday. Varga has built "
    "its first office in the port, and Varga said the fees would stay.\n"
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_names_its_own_makes_a_body_of_a_one_word_name(recognizer: EntityRecognizer) -> None:
    found = recognizer.annotate(PLATFORM)
    kinds = {m.type for m in found.mentions if m.text == "Brixley"}
    assert kinds == {"ORG"}, found.mentions
    assert ("Brixley", "ORG") in [(e.name, e.type) for e in found.entities]


def test_names_its_own_leaves_a_person_named_in_full(recognizer: EntityRecognizer) -> None:
    """A surname of a full name the article writes stays a person's, whatever "its" follows."""
    found = recognizer.annotate(FOUNDER)
    assert {(m.text, m.type) for m in found.mentions if "Varga" in m.text} == {
        ("Ilse Varga", "PERSON"),
        ("Varga", "PERSON"),
    }
