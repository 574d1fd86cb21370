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


def test_entities_words_in_lower_case_name_no_one(recognizer: EntityRecognizer) -> None:
    """A span the tagger took with no capital letter ("moon", "meth", "n’t") is no name."""
    text = (
        "Astronauts will return to the moon by 2024, Jim Bridenstine said.\n"
        "Officials said meth use had doubled in South Dakota since 2016."
    )
    found = [m.text for m in recognizer.mentions(text)]
    assert "Jim Bridenstine" in found and "South Dakota" in found
    assert not [f for f in found if f.islower()], found


def test_entities_a_lone_initial_names_no_one(recognizer: EntityRecognizer) -> None:
    """References cite authors and journals by initials ("Holt J", "J Clin Invest"): a
    lone letter is no one's name, whatever full name holds it."""
    text = (
        "Mara Quint and Jonas Holt described the syndrome in 1988.\n"
        "- 1. Jonas Holt J, Quint M. Anticonvulsant hypersensitivity syndrome. In vitro "
        "assessment of risk. J Clin Investig. 1988;82(6):1826.\n"
        "- 2. Mara Quint J. Drug hypersensitivity syndrome in a coastal population. Eur J "
        "Dermatol. 2003;13(5):478-81."
    )
    found = [m.text for m in recognizer.mentions(text)]
    assert "Mara Quint" in found
    assert not [f for f in found if len(f.rstrip(".")) == 1], found
