"""A name's span ends on no figure and no function word: spaCy's small model takes in the
counts of a results table ("Dana Whitcombe 1 goal") and the word that opens the clause after
a name ("the Associated Press that …"); a thing's number written the same each time
("Thunderbolt 3") stays, and names no person."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _retagged(recognizer: EntityRecognizer, text: str, spans: list[tuple[str, str]]) -> Doc:
    """``text`` through the model (its words' parts of speech), its entities then set by
    hand: each (words, label) where the words are first written."""
    doc = recognizer.nlp(text)
    doc.ents = [
        doc.char_span(text.index(words), text.index(words) + len(words), label=label)
        for words, label in spans
    ]
    return doc


def _mentions(recognizer: EntityRecognizer, doc: Doc) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in recognizer.annotate(doc).mentions]


def test_entities_no_name_ends_in_a_function_word(recognizer: EntityRecognizer) -> None:
    text = (
        "Her lawyer said in an email to The Associated Press that her client meant no harm. "
        "The club confirmed the move of Rafael Quintero to Real Madrid on Friday."
    )
    spans = [
        ("Associated Press that", "ORG"),
        ("Rafael Quintero to", "PERSON"),
        ("Real Madrid", "ORG"),
    ]
    assert _mentions(recognizer, _retagged(recognizer, text, spans)) == [
        ("Associated Press", "ORG"),
        ("Rafael Quintero", "PERSON"),
        ("Real Madrid", "ORG"),
    ]


def test_entities_indefinite_article_is_no_part_of_a_name(recognizer: EntityRecognizer) -> None:
    """ "An" before a vowel is the article; before a consonant it may be a given name."""
    text = "An Associated Press review found nothing. An Marchal won the sprint in Ghent."
    spans = [("An Associated Press", "ORG"), ("An Marchal", "PERSON"), ("Ghent", "GPE")]
    assert _mentions(recognizer, _retagged(recognizer, text, spans)) == [
        ("Associated Press", "ORG"),
        ("An Marchal", "PERSON"),
        ("Ghent", "GPE"),
    ]


def test_entities_figures_split_a_results_line(recognizer: EntityRecognizer) -> None:
    """Two teams and their scores tagged as one name are the two teams."""
    text = "Ravensholt United 1 Port Ellery Rovers 4 on Saturday."
    doc = _retagged(recognizer, text, [("Ravensholt United 1 Port Ellery Rovers 4", "ORG")])
    assert _mentions(recognizer, doc) == [
        ("Ravensholt United", "ORG"),
        ("Port Ellery Rovers", "ORG"),
    ]


def test_entities_a_things_number_names_no_person(recognizer: EntityRecognizer) -> None:
    text = "The dock has two Vextra 4 ports. Vextra 4 is faster than the old cable."
    doc = _retagged(recognizer, text, [("Vextra 4", "PRODUCT")])
    second = text.index("Vextra 4 is")
    doc.ents = [*doc.ents, doc.char_span(second, second + len("Vextra 4"), label="PERSON")]
    assert _mentions(recognizer, doc) == [("Vextra 4", "PRODUCT"), ("Vextra 4", "PRODUCT")]


def test_entities_a_name_after_the_is_no_persons(recognizer: EntityRecognizer) -> None:
    """A one-word name written after a determiner or a possessive ("the Quillo feed", "its
    Quillo account") votes as a body, however spaCy tagged it: a brand typed PERSON in every
    mention is an organisation. A word of a person's name after "the" ("the Lindqvist
    campaign", "the Mara problem") stays the person's when the text names her in full."""
    text = (
        "Fans flooded the Quillo feed on Monday. Some Quillo users left, and its Quillo "
        "account went quiet. Quillo said it would return. Mara Lindqvist spoke for the "
        "Lindqvist campaign. Aides called it the Mara problem."
    )
    spans = [("Quillo", "PERSON"), ("Mara Lindqvist", "PERSON")]
    doc = _retagged(recognizer, text, spans)
    at = [i for i in range(len(text)) if text.startswith("Quillo", i)][1:]
    doc.ents = [
        *doc.ents,
        *(doc.char_span(i, i + len("Quillo"), label="PERSON") for i in at),
        doc.char_span(text.index("Lindqvist campaign"), text.index(" campaign"), label="PERSON"),
        doc.char_span(text.index("Mara problem"), text.index(" problem"), label="PERSON"),
    ]
    found = recognizer.annotate(doc)
    assert {(m.text, m.type) for m in found.mentions} == {
        ("Quillo", "ORG"),
        ("Mara Lindqvist", "PERSON"),
        ("Lindqvist", "PERSON"),
        ("Mara", "PERSON"),
    }


def test_entities_what_a_person_leads_keeps_the_person(recognizer: EntityRecognizer) -> None:
    """ "the Halloran administration" is a person's, even in a text that never names him in
    full; "the Halloran account" votes as a body."""
    text = "Doctors wrote to the Halloran administration on Monday."
    doc = _retagged(recognizer, text, [("Halloran", "PERSON")])
    assert _mentions(recognizer, doc) == [("Halloran", "PERSON")]
    text = "Fans wrote to the Halloran account on Monday."
    doc = _retagged(recognizer, text, [("Halloran", "PERSON")])
    assert _mentions(recognizer, doc) == [("Halloran", "ORG")]


def test_entities_a_name_after_a_verbs_on_is_no_persons(recognizer: EntityRecognizer) -> None:
    """A one-word name a verb or an adjective puts "on" ("wrote on Quillo", "silent on
    Quillo") is a medium, a platform: typed PERSON in every mention, it votes as a body. A
    noun's "on" takes a person as often ("the attack on Brandt"), and so does a name the
    text writes in full ("relying on Lindqvist" after "Mara Lindqvist")."""
    text = (
        "The senator wrote on Quillo that the vote would go ahead. She stayed silent on "
        "Quillo for a week, then posted on Quillo again. Mara Lindqvist spoke on Monday; "
        "aides kept relying on Lindqvist. The attack on Brandt came at night."
    )
    doc = _retagged(recognizer, text, [("Mara Lindqvist", "PERSON")])
    names = [("Quillo", "PERSON"), ("Lindqvist.", "PERSON"), ("Brandt", "PERSON")]
    at = [(i, n) for n, kind in names for i in range(len(text)) if text.startswith(n, i)]
    doc.ents = sorted(
        [*doc.ents, *(doc.char_span(i, i + len(n.rstrip(".")), label="PERSON") for i, n in at)],
        key=lambda span: span.start,
    )
    found = recognizer.annotate(doc)
    assert {(m.text, m.type) for m in found.mentions} == {
        ("Quillo", "ORG"),
        ("Mara Lindqvist", "PERSON"),
        ("Lindqvist", "PERSON"),
        ("Brandt", "PERSON"),
    }
