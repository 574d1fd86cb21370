"""An apposition ends where its own clause begins: "Chirpster, the social networking site
that lets users post short notes," is headed by "site", a body's noun, whatever spaCy typed
the name; "Lester Holt, the moderator who asked the questions," by a person's. A clause word
right after the comma still says nothing ("Zenith, who runs a bank"). Texts composed."""

from __future__ import annotations

import pytest

from helpers.tagged import parsed_span
from newsdesk.annotate import nlp
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_evidence import body_by_apposition, person_by_apposition


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer(nlp=nlp.load())  # with the parser, as ingest runs it


@pytest.mark.parametrize(
    ("text", "name", "body", "person"),
    [
        (
            "Chirpster, the social networking site that lets users post short notes, was quiet.",
            "Chirpster",
            True,
            False,
        ),
        (
            "Dana Kessler, the moderator who asked the questions, smiled.",
            "Dana Kessler",
            False,
            True,
        ),
        ("Zenith, who runs a bank in Ohio, said sales fell.", "Zenith", False, False),
    ],
)
def test_names_apposition_clause(
    recognizer: EntityRecognizer, text: str, name: str, body: bool, person: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "PERSON")
    assert body_by_apposition(doc, span) is body
    assert person_by_apposition(doc, span) is person
