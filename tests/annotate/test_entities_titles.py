"""A role title before a name is the person's role, not part of the name, for every title
a quote's speaker is shown without: the entity and the quote's speaker are one name."""

from __future__ import annotations

import pytest

from newsdesk.annotate.annotator import Annotator

TEXT = (
    "Treasurer Daniel Kessler said the county budget was balanced. "
    '"We have done the work," Kessler said. '
    'Rabbi Ana Levin told reporters: "The doors are open."'
)


@pytest.fixture(scope="module")
def notes():  # type: ignore[no-untyped-def]
    return next(iter(Annotator().annotate_texts([TEXT], [None])))


def test_entities_titles_are_roles_not_names(notes) -> None:  # type: ignore[no-untyped-def]
    named = {e.name: e for e in notes.named}
    assert set(named) >= {"Daniel Kessler", "Ana Levin"}
    assert named["Daniel Kessler"].roles == ["Treasurer"]
    assert named["Ana Levin"].roles == ["Rabbi"]


def test_entities_titles_quote_speakers_are_the_entities(notes) -> None:  # type: ignore[no-untyped-def]
    names = {e.name for e in notes.named}
    speakers = {q.speaker for q in notes.quotes if q.kind == "direct"}
    assert speakers == {"Daniel Kessler", "Ana Levin"}
    assert speakers <= names
