"""Where one name meets another inside a span spaCy found: a possessive, a hyphen, a title."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _doc(recognizer: EntityRecognizer, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    spaces = [
        n + 1 < len(words) and words[n + 1] not in {"'", "'s", ".", ","} for n in range(len(words))
    ]
    doc = Doc(recognizer.nlp.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def test_entities_possessive_between_two_names_splits_them(recognizer: EntityRecognizer) -> None:
    """ "The Beatles' Apple Corps", tagged as one work of art, is the band and its company
    when the article names both on their own."""
    words = ["The", "Beatles", "'", "Apple", "Corps", "sued", ".", "Apple", "Corps", "was"]
    words += ["founded", "by", "the", "Beatles", "."]
    doc = _doc(recognizer, words, [(0, 5, "WORK_OF_ART"), (7, 9, "ORG"), (13, 14, "PERSON")])
    found = [(item.text, item.type) for item in recognizer.found(doc)]
    assert found[:2] == [("Beatles", "PERSON"), ("Apple Corps", "ORG")], found


def test_entities_possessive_inside_one_name_stays(recognizer: EntityRecognizer) -> None:
    words = ["The", "People", "'s", "Bank", "of", "Varnia", "held", "rates", "."]
    doc = _doc(recognizer, words, [(0, 6, "ORG")])
    assert [item.text for item in recognizer.found(doc)] == ["People's Bank of Varnia"]


def test_entities_organisation_ends_before_a_title(recognizer: EntityRecognizer) -> None:
    """ "Norvik Executive Vice President Mara Lind": the company is "Norvik"; a title word
    with no title after it stays ("Health and Safety Executive said")."""
    words = ["Norvik", "Executive", "Vice", "President", "Mara", "Lind", "flew", "to", "Oslo"]
    words += [".", "The", "Safety", "Executive", "said", "no", "."]
    ents = [(0, 2, "ORG"), (4, 6, "PERSON"), (8, 9, "GPE"), (11, 13, "ORG")]
    found = [item.text for item in recognizer.found(_doc(recognizer, words, ents))]
    assert found == ["Norvik", "Mara Lind", "Oslo", "Safety Executive"], found


def test_entities_body_named_elsewhere_is_found_where_missed(recognizer: EntityRecognizer) -> None:
    """spaCy misses "Vantor" in the headline and tags it in the text: the headline's word is a
    mention of the same company; a word it never tagged stays a word."""
    words = ["Automaker", "Vantor", "to", "cut", "jobs", "at", "Halden", "\n", "Vantor", "said"]
    words += ["it", "would", "cut", "4,000", "jobs", "."]
    pos = ["NOUN", "PROPN", "PART", "VERB", "NOUN", "ADP", "PROPN", "SPACE", "PROPN", "VERB"]
    pos += ["PRON", "AUX", "VERB", "NUM", "NOUN", "PUNCT"]
    doc = Doc(recognizer.nlp.vocab, words=words, pos=pos)
    doc.ents = [Span(doc, 8, 9, label="ORG")]
    mentions = recognizer.annotate_group([doc])[0].mentions
    assert [(m.text, m.type, m.start) for m in mentions] == [
        ("Vantor", "ORG", doc[1].idx),
        ("Vantor", "ORG", doc[8].idx),
    ]
