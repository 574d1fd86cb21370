"""A given name spaCy left untagged before a known surname it missed makes the full name the
text names elsewhere: the daughter's, never the father's or an open surname."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from helpers.tagged import nth_span
from newsdesk.annotate.entities import EntityRecognizer

TEXT = (
    "Talia Kessler champions working parents.\n\n"
    "On the last night of the convention, Talia Kessler strode across the stage. "
    "Oren Kessler's eldest daughter has built her label around the cause. "
    "As Talia Kessler spoke, the crowd rose. A representative for the Talia Kessler brand "
    "said it was not involved. Through a spokeswoman, Kessler declined to comment. "
    "Analysts said Kessler had gained from the speech, and Kessler told reporters she was "
    "proud of it."
)
# what spaCy's small model gives such a text: the given name a brand once, the surname
# alone a body as often as a person, both words untagged elsewhere
TAGS = [
    ("Talia", "PRODUCT", 1),
    ("Oren Kessler", "PERSON", 0),
    ("Kessler", "ORG", 5),
    ("Kessler", "ORG", 6),
    ("Kessler", "PERSON", 7),
]


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_names_untagged_given_makes_the_named_full_name(recognizer: EntityRecognizer) -> None:
    doc = recognizer.nlp(TEXT)

    def span(name: str, label: str, nth: int) -> Span:
        return nth_span(doc, TEXT, name, label, nth)

    doc.ents = sorted((span(*tag) for tag in TAGS), key=lambda s: s.start)
    found = recognizer.annotate_group([doc])[0]
    named = Counter((m.text, m.canonical) for m in found.mentions)
    # the headline's, the convention's, "As Talia Kessler spoke" and the brand's
    assert named[("Talia Kessler", "Talia Kessler")] == 4, named
    assert ("Kessler", "Oren Kessler") not in named
    # the surname alone, of two people of the text, stays open and a person's
    kinds = {m.type for m in found.mentions if m.text == "Kessler"}
    assert kinds == {"PERSON"}, found.mentions
