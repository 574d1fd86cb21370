"""A one-word name after a preposition the parse hangs on a verb, or after "took to", is a
medium's vote, not a person's ("mocked Trump on Twitter", "took to Twitter")."""

from __future__ import annotations

import pytest

from helpers.tagged import parsed_span
from newsdesk.annotate import nlp
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_edges import as_determined


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer(nlp=nlp.load())  # with the parser, as ingest runs it


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lewandowski took to Chirper to call the report delusional.", "ORG"),
        ("The rapper mocked Trump on Chirper last week.", "ORG"),
        ("She criticized the attack on Chirper yesterday.", "PERSON"),  # the noun's
        ("He talked to Chirper about the report.", "PERSON"),  # "to" after no "take"
    ],
)
def test_names_platform_verbs(recognizer: EntityRecognizer, text: str, kind: str) -> None:
    doc, span = parsed_span(recognizer.nlp, text, "Chirper", "PERSON")
    assert as_determined(doc, span, {}).label_ == kind
