"""A person spaCy types an organisation in every mention is a person when the sentence gives
her or him their own ("Ilse Varga threw her support behind …") or a title only people hold
stands before the name ("the board's spokeswoman Ilse Varga")."""

from __future__ import annotations

import pytest

from helpers.tagged import tagged
from newsdesk.annotate.entities import EntityRecognizer

ENDORSEMENT = (
    "Ilse Varga threw her support behind the harbour bill on Wednesday. "
    "Varga was upfront about her doubts on the fees, and the council thanked her."
)
BODIES = (
    "The Senate delayed confirming his nomination on Tuesday. "
    "Varga Holdings raised its forecast, and NBC asked his guest about the fees."
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_entities_person_evidence_her_own_makes_a_person(recognizer: EntityRecognizer) -> None:
    found = recognizer.annotate(ENDORSEMENT)
    assert {(m.text, m.type, m.canonical) for m in found.mentions} >= {
        ("Ilse Varga", "PERSON", "Ilse Varga"),
        ("Varga", "PERSON", "Ilse Varga"),
    }
    assert [(e.name, e.type) for e in found.entities] == [("Ilse Varga", "PERSON")]


def test_entities_person_evidence_bodies_keep_their_type(recognizer: EntityRecognizer) -> None:
    """A body after "the", one with "its", and a name in capitals are no person."""
    found = recognizer.annotate(BODIES)
    assert all(m.type != "PERSON" for m in found.mentions), found.mentions


def test_entities_person_evidence_a_persons_title_before_the_name(
    recognizer: EntityRecognizer,
) -> None:
    """The tags spaCy might give: every mention of the spokeswoman typed ORG."""
    pieces = [("The harbour board spokeswoman", ""), ("Ilse Varga", "ORG"), ("said that", "")]
    pieces += [("Varga", "ORG"), ("would stay . The official", ""), ("Kell Daily", "ORG")]
    pieces += [("and lead manager", ""), ("Marrow Brothers International", "ORG")]
    pieces += [("agreed .", "")]
    found = recognizer.annotate(tagged(recognizer.nlp.vocab, pieces))
    assert {(m.text, m.type, m.canonical) for m in found.mentions} == {
        ("Ilse Varga", "PERSON", "Ilse Varga"),
        ("Varga", "PERSON", "Ilse Varga"),
        ("Kell Daily", "ORG", "Kell Daily"),
        ("Marrow Brothers International", "ORG", "Marrow Brothers International"),
    }


def test_entities_person_evidence_a_title_in_capitals_before_the_name(
    recognizer: EntityRecognizer,
) -> None:
    """A title only people hold, capitalised or in capitals ("Former Halvorsen CEO Ilse
    Varga", "Mayor Dana Whitfield"), makes a person of the name spaCy typed ORG; the one
    mention is the vote that makes the article's other mentions hers."""
    pieces = [("Former Halvorsen CEO", ""), ("Ilse Varga", "ORG"), ("named an adviser .", "")]
    pieces += [("Varga", "ORG"), ("spoke later , and", ""), ("Halvorsen", "ORG")]
    pieces += [("thanked her .", "")]
    found = recognizer.annotate(tagged(recognizer.nlp.vocab, pieces))
    assert {(m.text, m.type, m.canonical) for m in found.mentions} == {
        ("Ilse Varga", "PERSON", "Ilse Varga"),
        ("Varga", "PERSON", "Ilse Varga"),
        ("Halvorsen", "ORG", "Halvorsen"),
    }


def test_entities_person_evidence_a_trade_before_the_full_name(
    recognizer: EntityRecognizer,
) -> None:
    """A trade capitalised before a full name ("Filmmaker Jack Marino said …") is her role,
    not her given name, and it is a person's: the name stays hers where spaCy types its
    other mentions a place ("Beverly Bond" read as a place twice), and so do its surnames."""
    pieces = [("Filmmaker Mara Beverly", "PERSON"), ("opened the show .", "")]
    pieces += [("Mara Beverly", "GPE"), ("thanked the crowd , and", "")]
    pieces += [("Mara Beverly", "GPE"), ("left early .", "")]
    pieces += [("Beverly", "PERSON"), ("said the show would go on .", "")]
    found = recognizer.annotate(tagged(recognizer.nlp.vocab, pieces))
    assert {(m.type, m.canonical) for m in found.mentions} == {("PERSON", "Mara Beverly")}
    assert [(e.name, e.type) for e in found.entities] == [("Mara Beverly", "PERSON")]
