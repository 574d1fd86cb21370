"""What the words around a name say of its type, whatever spaCy tagged it: an age or a
member of a family says a person ("Banks, 41,", "Grange's wife"); an apposition headed by a
body's noun says a body ("Ridgeway Coal, one of the region's largest mining companies"); a
contest's title keeps its word out of the winner's name ("Miss Universe Mariela Castillo").
Texts composed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.tagged import parsed_span
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_evidence import (
    body_by_apposition,
    person_by_age,
    person_by_apposition,
    person_by_honorific,
    person_by_kin,
)
from newsdesk.annotate.names import NameIndex

GOLDEN = Path(__file__).parent.parent / "golden" / "entities"
TYPED = sorted(
    case
    for case in GOLDEN.glob("*.txt")
    if "types" in json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize("case", TYPED, ids=[c.stem for c in TYPED])
def test_names_said_golden_types(recognizer: EntityRecognizer, case: Path) -> None:
    """Golden texts with "types": each entity named there has that type."""
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    found = recognizer.annotate(case.read_text(encoding="utf-8"))
    types = {e.name: e.type for e in found.entities}
    for name, kind in expected["types"]:
        assert types.get(name) == kind, (name, kind, types)


def test_names_said_golden_cases_exist() -> None:
    assert len(TYPED) >= 4


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("Police said Grange's wife was in the car.", "Grange", True),
        ("Hollis's relatives, including his son, watched the video.", "Hollis", True),
        ("Vantor's family of brands grew last year.", "Vantor", False),
        ("Vantor's shares fell on Monday.", "Vantor", False),
    ],
)
def test_names_said_kin_says_a_person(
    recognizer: EntityRecognizer, text: str, name: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "ORG")
    assert person_by_kin(doc, span) is said


def test_names_said_age_as_years_old(recognizer: EntityRecognizer) -> None:
    text = "It happened as Tyrell Grange, a 38-year-old bus driver, sat in his car."
    doc, span = parsed_span(recognizer.nlp, text, "Tyrell Grange", "ORG")
    assert person_by_age(doc, span)


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        (
            "It fell to Ridgeway Coal, one of the region's largest mining companies, last year.",
            "Ridgeway Coal",
            True,
        ),
        (
            "Bramford Energy, a Kentucky coal company, told the court it could not pay.",
            "Bramford Energy",
            True,
        ),
        (
            "Tollison Freight, the country's third-largest trucking company, cut jobs.",
            "Tollison Freight",
            True,
        ),
        ("Jane Roe, the company's founder, said she would stay.", "Jane Roe", False),
        ("Jane Roe, a member of the party, said she would stay.", "Jane Roe", False),
        ("Jane Roe, who runs a bank, said she would stay.", "Jane Roe", False),
        ("Jane Roe, a real estate developer in Ohio, said so.", "Jane Roe", False),
    ],
)
def test_names_said_apposition_says_a_body(
    recognizer: EntityRecognizer, text: str, name: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "PERSON")
    assert body_by_apposition(doc, span) is said


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("Organizers picked Dana Holt, the moderator of the forum, on Monday.", "Dana Holt", True),
        ("The death of Holt, 43, a father of seven, stunned the town.", "Holt", False),
        ("Holt, a father of seven, was shot on Tuesday.", "Holt", True),
        ("It sold Holt Freight, a trucking company, in May.", "Holt Freight", False),
    ],
)
def test_names_said_apposition_says_a_person(
    recognizer: EntityRecognizer, text: str, name: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "ORG")
    assert person_by_apposition(doc, span) is said


def test_names_said_surname_evidence_types_the_full_name() -> None:
    """A full name typed ORG is the person its surname's words say ("Banks, 41,"), and the
    surname joins it; without that evidence both stay as spaCy typed them."""
    index = NameIndex()
    index.add("Kerwin Delmont Banks", "ORG")
    index.add("Banks", "ORG", person_said=True)
    index.add("Banks", "ORG")
    assert index.lookup("Banks", "ORG") == ("Kerwin Delmont Banks", "PERSON")
    plain = NameIndex()
    plain.add("Kerwin Delmont Banks", "ORG")
    plain.add("Banks", "ORG")
    assert plain.lookup("Kerwin Delmont Banks", "ORG")[1] == "ORG"


def test_names_said_a_pronoun_after_the_name_is_no_such_evidence() -> None:
    """ "members of Congress echo her concerns": the pronoun is the members', so the body
    spaCy typed ORG keeps its type (a pronoun only votes, as before)."""
    index = NameIndex()
    for _ in range(3):
        index.add("Congress", "ORG")
    index.add("Congress", "PERSON")
    assert index.lookup("Congress", "ORG")[1] == "ORG"


def test_names_said_a_surname_shared_by_full_names_types_neither() -> None:
    """A surname's evidence types no full name typed ORG while another full name ends in
    it ("Donald Trump" beside the run-on "Washington Post Trump")."""
    index = NameIndex()
    index.add("Donald Trump", "PERSON")
    index.add("Washington Post Trump", "ORG")
    index.add("Trump", "PERSON", person_said=True)
    assert index.lookup("Washington Post Trump", "ORG")[1] == "ORG"


def test_names_said_a_body_said_keeps_its_short_form() -> None:
    """A full name an apposition says is a body is an organisation, and its first word
    alone, tagged a person, is its short form."""
    index = NameIndex()
    index.add("Ridgeway Coal", "ORG", its_own=True)
    index.add("Ridgeway Coal", "PERSON")
    index.add("Ridgeway Coal", "PERSON")
    for _ in range(3):
        index.add("Ridgeway", "PERSON")
    assert index.lookup("Ridgeway", "PERSON") == ("Ridgeway Coal", "ORG")


@pytest.mark.parametrize(
    ("text", "name", "said"),
    [
        ("The attacks on Ms. Maitra went on.", "Maitra", True),
        ("Mr. Vask said so.", "Vask", True),
        ("The attacks on Maitra went on.", "Maitra", False),
    ],
)
def test_names_said_honorific_says_a_person(
    recognizer: EntityRecognizer, text: str, name: str, said: bool
) -> None:
    doc, span = parsed_span(recognizer.nlp, text, name, "ORG")
    assert person_by_honorific(doc, span) is said
