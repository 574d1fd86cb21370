"""A person is a person: a product's model and a group of a place that spaCy tagged PERSON
are typed by what their words say, in an article and over the store's canonical names."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from helpers.tagged import tagged
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import NameIndex


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _tagged(recognizer: EntityRecognizer, pieces: list[tuple[str, str]]) -> Doc:
    return tagged(recognizer.nlp.vocab, pieces)


REVIEW = [
    ("The new", ""),
    ("Velora Book Pro", "PERSON"),
    ("ships with four ports . The", ""),
    ("Pro", "PERSON"),
    ("is thinner , and", ""),
    ("Velora", "ORG"),
    ("says the", ""),
    ("Pro", "PERSON"),
    ("lasts a day . Reviewer", ""),
    ("Ines Halloway", "PERSON"),
    ("liked it ;", ""),
    ("Halloway", "PERSON"),
    ("tested the", ""),
    ("Strato RX7", "PERSON"),
    ("too .", ""),
]
CAUCUS = [
    ("The", ""),
    ("Ohio Democrats", "PERSON"),
    ("met on Monday .", ""),
    ("Democrats", "PERSON"),
    ("hold the Senate , and", ""),
    ("Democrats", "NORP"),
    ("want more seats ;", ""),
    ("Democrats", "NORP"),
    ("won two . Senator", ""),
    ("Rosa Mathers", "PERSON"),
    ("spoke .", ""),
]


def _types(recognizer: EntityRecognizer, pieces: list[tuple[str, str]]) -> dict[str, str]:
    doc = _tagged(recognizer, pieces)
    return {m.text: m.type for m in recognizer.annotate(doc).mentions}


def test_entities_types_a_products_model_is_no_person(recognizer: EntityRecognizer) -> None:
    types = _types(recognizer, REVIEW)
    assert types["Velora Book Pro"] == "PRODUCT"
    assert types["Pro"] == "PRODUCT"  # no surname of a person
    assert types["Strato RX7"] == "PRODUCT"
    assert types["Ines Halloway"] == types["Halloway"] == "PERSON"


def test_entities_types_a_group_of_a_place_is_no_person(recognizer: EntityRecognizer) -> None:
    types = _types(recognizer, CAUCUS)
    assert types["Ohio Democrats"] == "NORP"
    assert types["Democrats"] == "NORP"  # no longer the surname of "Ohio Democrats"
    assert types["Rosa Mathers"] == "PERSON"


def test_entities_types_a_score_after_a_name_is_no_model() -> None:
    # a number after a name is a score ("Crawley 106"), a code only when glued to letters
    index = NameIndex()
    for text in ("J. Crawley 106", "Crawley", "Max Brandt"):
        index.add(text, "PERSON")
    assert index.resolve_type("J. Crawley 106", "PERSON") == "PERSON"
    assert index.resolve_type("Max Brandt", "PERSON") == "PERSON"


def test_entities_types_store_names_retyped_by_their_words() -> None:
    # the store's index over canonical names saved before: counts, not mentions
    index = NameIndex()
    index.add("Nintendo Switch Lite", "PERSON", count=24)
    index.add("Nintendo Switch", "PERSON", count=3)
    index.add("Virginia Democrats", "PERSON", count=20)
    index.add("Democrats", "NORP", count=12)
    assert index.lookup("Nintendo Switch Lite", "PERSON") == ("Nintendo Switch Lite", "PRODUCT")
    assert index.lookup("Nintendo Switch", "PERSON") == ("Nintendo Switch", "PRODUCT")
    assert index.lookup("Virginia Democrats", "PERSON") == ("Virginia Democrats", "NORP")


def test_entities_types_two_companies_joined_by_a_hyphen_are_no_surname(
    recognizer: EntityRecognizer,
) -> None:
    # "the Halvern-Brightwater merger" tagged ORG; "Halvern" tagged PERSON on its own (as
    # spaCy tagged "Gannett" in real news), "Brightwater" ORG: the span is split into the
    # two, and the person's span takes no "-Brightwater" as a double-barrelled surname
    words = ["Halvern", "cut", "jobs", ".", "Brightwater", "agreed", "to", "the"]
    words += ["Halvern", "-", "Brightwater", "merger", "."]
    spaces = [True] * len(words)
    spaces[8] = spaces[9] = False
    doc = Doc(recognizer.nlp.vocab, words=words, spaces=spaces)
    doc.ents = [
        Span(doc, 0, 1, label="PERSON"),
        Span(doc, 4, 5, label="ORG"),
        Span(doc, 8, 11, label="ORG"),
    ]
    found = {(m.text, m.type) for m in recognizer.annotate(doc).mentions}
    assert ("Halvern-Brightwater", "PERSON") not in found
    assert ("Brightwater", "ORG") in found


def test_entities_types_a_persons_span_owns_no_company(recognizer: EntityRecognizer) -> None:
    # "Dana Velk’s Harrow Launch" tagged PERSON whole, "Harrow Launch" ORG on its own (as
    # "Jeff Bezos’s Blue Origin" in real news): the owner and the company, each its own
    words = ["Rockets", "from", "Dana", "Velk", "’s", "Harrow", "Launch", "flew", "."]
    words += ["Later", "Harrow", "Launch", "said", "so", "."]
    spaces = [True] * len(words)
    spaces[3] = False  # "Velk’s", split as spaCy's tokenizer splits it
    doc = Doc(recognizer.nlp.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, 2, 7, label="PERSON"), Span(doc, 10, 12, label="ORG")]
    found = {(m.text, m.type) for m in recognizer.annotate(doc).mentions}
    assert ("Dana Velk", "PERSON") in found
    assert ("Harrow Launch", "ORG") in found
    assert not any(kind == "PERSON" and "Harrow" in text for text, kind in found)


def test_entities_two_names_joined_by_and_are_two(recognizer: EntityRecognizer) -> None:
    # "iPad Pro and MacBook Pro wall chargers" tagged ORG whole, and "iPad Pro and" with its
    # conjunction (AEB), both names written alone too: two names, and no name ends in "and"
    doc = _tagged(
        recognizer,
        [
            ("The", ""), ("Velora Pad", "ORG"), ("charges fast , and the", ""),
            ("Velora Book", "ORG"), ("too .", ""), ("Buy", ""), ("Velora Pad and", "ORG"),
            ("Velora Book", "ORG"), ("chargers .", ""), ("Fans of", ""),
            ("Velora Pad and Velora Book", "ORG"), ("wait .", ""),
        ],
    )  # fmt: skip
    found = [m.text for m in recognizer.annotate(doc).mentions]
    assert found.count("Velora Pad") == 3 and found.count("Velora Book") == 3, found
