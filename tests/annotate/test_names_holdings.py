"""A name that owns a company's shares or stock is a company's, whatever spaCy typed it."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from helpers.tagged import nth_span, parsed_span
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_evidence import body_by_holdings


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("With a 51 percent plunge in Kelvane's stock price, the pressure grew.", True),
        ("Mr. Ackman first bought Kelvane shares in 2014.", True),
        ("The shareholders of Kelvane met on Monday.", True),
        ("Kelvane shares a long border with its neighbour.", False),  # a verb
        ("A seat on the board of Kelvane is open.", False),  # a state has a board too
        ("It would be listed on the Kelvane stock exchange.", False),  # a place's market
    ],
)
def test_names_holdings_say_a_company(recognizer: EntityRecognizer, text: str, said: bool) -> None:
    doc, span = parsed_span(recognizer.nlp, text, "Kelvane", "GPE")
    assert body_by_holdings(doc, span) is said


def test_names_holdings_type_every_mention(recognizer: EntityRecognizer) -> None:
    """spaCy's small model types a company it does not know a place in most mentions; one
    mention owning its stock makes every one the company's."""
    text = (
        "Investors lost heavily on Kelvane this year. With a 51 percent plunge in Kelvane's "
        "stock price on Tuesday, the pressure grew. Ackman joined the board of Kelvane last "
        "week, and Kelvane said it would report in May. Paris was calm."
    )
    doc = recognizer.nlp(text)

    def span(name: str, label: str, nth: int) -> Span:
        return nth_span(doc, text, name, label, nth)

    tags = [("Kelvane", "GPE", 0), ("Kelvane", "ORG", 1), ("Ackman", "PERSON", 0)]
    tags += [("Kelvane", "GPE", 2), ("Kelvane", "GPE", 3), ("Paris", "GPE", 0)]
    doc.ents = sorted((span(*tag) for tag in tags), key=lambda s: s.start)
    found = recognizer.annotate_group([doc])[0]
    kinds = {(m.text, m.type) for m in found.mentions if m.text in {"Kelvane", "Paris"}}
    assert kinds == {("Kelvane", "ORG"), ("Paris", "GPE")}
