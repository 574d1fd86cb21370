"""A ", who" whose verb shows no number says a person only of a name that could be one."""

from __future__ import annotations

import pytest

from helpers.tagged import parsed_span
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_evidence import person_by_who


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("text", "name", "label", "said"),
    [
        # a club or a firm takes "who" too; a past verb does not tell one from a person
        (
            "The draw paired Harwick, who beat Dunmore in the final, with Alcester.",
            "Harwick",
            "ORG",
            False,
        ),
        ("Tollmarsh, who will host the final, drew.", "Tollmarsh", "ORG", False),
        ("Harwick, who were leading at the break, lost.", "Harwick", "PERSON", False),
        # a person's pronoun in the clause, or spaCy's own PERSON, still says a person
        ("Kolbeck, who said he was tired, left early.", "Kolbeck", "ORG", True),
        ("Kolbeck, who beat the odds, left early.", "Kolbeck", "PERSON", True),
        # a singular verb says one, whatever spaCy typed the name
        ("Kolbeck, who was tired, left early.", "Kolbeck", "ORG", True),
        ("Kolbeck, who also runs the shop, left early.", "Kolbeck", "ORG", True),
        # a no-break space the tokenizer keeps between the comma and "who"
        ("Meanwhile Kolbeck,\u00a0who was honored, spoke.", "Kolbeck", "GPE", True),
    ],
)
def test_names_who_tense_a_verb_of_no_number(
    recognizer: EntityRecognizer, text: str, name: str, label: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, label)
    assert person_by_who(doc, span) is said
