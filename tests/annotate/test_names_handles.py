"""A social-media handle is a name of its own: spaCy's span that runs it into the words
around it ("the @DanaKessler Chirper feed", "replied to @DanaKessler w a photo") is the
handle alone, so the platform's name never becomes a full name that every "Chirper" of the
store joins. Docs tagged by hand; names composed."""

from __future__ import annotations

import pytest

from helpers.tagged import tagged
from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.mark.parametrize(
    ("pieces", "written"),
    [
        (
            [("The senator's", ""), ("@DanaKessler Chirper", "PERSON"), ("feed grew .", "")],
            "@DanaKessler",
        ),
        (
            [("Critics replied to", ""), ("@DanaKessler w", "PERSON"), ("a photo .", "")],
            "@DanaKessler",
        ),
        ([("She wrote to", ""), ("Dana Kessler", "PERSON"), ("on Monday .", "")], "Dana Kessler"),
    ],
)
def test_names_handle_is_a_name_of_its_own(
    recognizer: EntityRecognizer, pieces: list[tuple[str, str]], written: str
) -> None:
    doc = tagged(recognizer.nlp.vocab, pieces)
    assert [m.text for m in recognizer.annotate(doc).mentions] == [written]


def test_names_only_handle_offsets() -> None:
    from newsdesk.annotate.name_leads import only_handle

    text = "the @DanaKessler Chirper feed"
    assert only_handle(text, 4, 24) == (4, 16)
    assert only_handle(text, 4, 16) == (4, 16)  # the handle alone stays
    assert only_handle("Dana Kessler", 0, 12) == (0, 12)  # no handle: as written
