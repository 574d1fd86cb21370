"""An occupation no body holds, in lower case before a name of two capitalised words that
spaCy typed ORG ("presidential candidate Carly Fiorina"), makes the name a person's, as a
title only people hold does; an occupation a company holds too ("publisher", "pollster")
leaves a body's name a body's."""

from __future__ import annotations

import pytest

from helpers.tagged import tagged
from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_names_occupation_title_makes_a_person(recognizer: EntityRecognizer) -> None:
    pieces = [("The former chief executive and presidential candidate", "")]
    pieces += [("Mara Quint", "ORG"), ("opened up on the radio , and the novelist", "")]
    pieces += [("Ivo Berglund", "ORG"), ("read from his book .", "")]
    found = recognizer.annotate(tagged(recognizer.nlp.vocab, pieces))
    assert {(m.text, m.type) for m in found.mentions} == {
        ("Mara Quint", "PERSON"),
        ("Ivo Berglund", "PERSON"),
    }


def test_names_occupation_title_leaves_a_company(recognizer: EntityRecognizer) -> None:
    pieces = [("The book came out with publisher", ""), ("Harrow House", "ORG")]
    pieces += [("and the pollster", ""), ("Granite Polling", "ORG"), ("ran the survey .", "")]
    found = recognizer.annotate(tagged(recognizer.nlp.vocab, pieces))
    assert {(m.text, m.type) for m in found.mentions} == {
        ("Harrow House", "ORG"),
        ("Granite Polling", "ORG"),
    }
