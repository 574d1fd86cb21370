"""A bare surname is not the relative a text introduces by it: in "Bush's father, President
George H.W. Bush, signed …", every other "Bush" is the son, so none joins the father's full
name (composed text)."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _canonicals(recognizer: EntityRecognizer, text: str, written: str) -> set[str]:
    found = recognizer.annotate(text)
    return {m.canonical or m.text for m in found.mentions if m.text == written}


@pytest.mark.parametrize(
    ("text", "surname", "relative"),
    [
        (
            'President Harlow lifted the ban on Monday. "This is overdue," Harlow said. '
            "Harlow's father, President Edmund T. Harlow, signed the order in 1990.",
            "Harlow",
            "Edmund T. Harlow",
        ),
        (
            "Mayor Quint opened the bridge on Friday. Quint's sister Mara Quint cut the "
            "ribbon, and Quint thanked the crews.",
            "Quint",
            "Mara Quint",
        ),
    ],
)
def test_names_a_surname_is_not_the_relative_introduced_by_it(
    recognizer: EntityRecognizer, text: str, surname: str, relative: str
) -> None:
    shown = _canonicals(recognizer, text, surname)
    assert shown and relative not in shown, shown


def test_names_the_relative_keeps_the_full_name(recognizer: EntityRecognizer) -> None:
    text = "Quint's sister Mara Quint cut the ribbon. Mara Quint, 41, later spoke to reporters."
    found = recognizer.annotate(text)
    assert {m.canonical for m in found.mentions if m.text == "Mara Quint"} == {"Mara Quint"}
