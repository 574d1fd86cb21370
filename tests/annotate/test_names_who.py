"""A one-word name followed by ", who" is a person's, whatever spaCy typed it."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from helpers.tagged import nth_span, parsed_span
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_evidence import person_by_who


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ('Kolbeck, who goes by "Ziggy," ran the files.', "Kolbeck", True),
        ("It is a commentator in Nevada, who spoke first.", "Nevada", False),
        (
            "The vote fell in areas with many Mormons, who account for most voters.",
            "Mormons",
            False,
        ),
        ("Kolbeck, which sells tools, grew.", "Kolbeck", False),
        ("Harwick, who start the season at home, drew.", "Harwick", False),
    ],
)
def test_names_who_says_a_person(
    recognizer: EntityRecognizer, text: str, name: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "ORG")
    assert person_by_who(doc, span) is said


def test_names_who_on_a_surname_spacy_missed(recognizer: EntityRecognizer) -> None:
    """The names stage adds a surname spaCy tagged a body elsewhere and missed here; a
    "who" after it says a person, and the full name typed ORG is then a person's too."""
    text = (
        "The data work is run by Matt Breyer and Witek Chrobak, two former party strategists. "
        "Breyer and Chrobak did not respond. "
        'Chrobak, who goes by "Ziggy," was among the party\'s data staff.'
    )
    doc = recognizer.nlp(text)

    def span(name: str, label: str, nth: int = 0) -> Span:
        return nth_span(doc, text, name, label, nth)

    doc.ents = [
        span("Matt Breyer", "PERSON"),
        span("Witek Chrobak", "ORG"),
        span("Breyer", "PERSON", 1),
        span("Chrobak", "ORG", 1),
        span("Ziggy", "PERSON"),
    ]
    found = recognizer.annotate_group([doc])[0]
    chrobak = [m for m in found.mentions if m.text == "Chrobak"]
    assert len(chrobak) == 2
    assert {(m.type, m.canonical) for m in chrobak} == {("PERSON", "Witek Chrobak")}
