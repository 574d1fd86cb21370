"""A name's span starts at the name: a sentence adverb ("Maybe Instagram likes it") or a
common word in lower case ("a 2015 or older MacBook Pro") before it is not part of it,
while a name's own particles ("van", "al-") stay (composed sentences)."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The new port is an adjustment if you come from a 2015 or older MacBook Pro.",
            "MacBook Pro",
        ),
        ("The ruling was a blow, he said.\nMaybe Instagram likes it that way.", "Instagram"),
        ("Perhaps Angela Merkel will speak at the summit in Berlin on Tuesday.", "Angela Merkel"),
        ("The portrait was painted by Vincent van Gogh in the summer of 1889.", "Vincent van Gogh"),
    ],
)
def test_entities_span_starts_at_the_name(
    recognizer: EntityRecognizer, text: str, name: str
) -> None:
    found = [m.text for m in recognizer.mentions(text)]
    assert name in found, found
    assert not [f for f in found if f != name and f.endswith(name) and len(f) > len(name)], found
