"""A title's abbreviation before a name is the person's role, no word of the name ("AG
Halloran", "Atty. Gen. Loretta Vance", "Cpl. Ana Ruiz"): kept in the name, it made a second
full name holding the surname, so every bare surname of the text stayed open. Texts
composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import split_title


@pytest.mark.parametrize(
    ("written", "name", "titles"),
    [
        ("AG Halloran", "Halloran", ["AG"]),
        ("Atty. Gen. Loretta Vance", "Loretta Vance", ["Atty. Gen."]),
        ("Cpl. Ana Ruiz", "Ana Ruiz", ["Cpl."]),
        ("Maj. Gen. Tom Hale", "Tom Hale", ["Maj.", "Gen."]),
        ("Siemens AG", "Siemens AG", []),
    ],
)
def test_names_title_abbreviations_come_off(written: str, name: str, titles: list[str]) -> None:
    assert split_title(written) == (name, titles)


def test_names_title_abbreviations_leave_the_surname_one_person() -> None:
    text = (
        "Former AG Halloran at rally: the emails disqualify her.\n\n"
        "Former Attorney General Michael Halloran told the crowd on Tuesday that the "
        "emails were careless. Halloran said the case was clear."
    )
    found = EntityRecognizer().annotate(text)
    canonical = {m.text: m.canonical for m in found.mentions}
    assert canonical.get("Halloran") == "Michael Halloran", canonical
