"""A word that opens a sentence is no given name when another full name ends in the same
surname, even where spaCy's span of that full name holds its possessive ("Dana
Whitfield's"): "Will Whitfield come down?" names Whitfield, whom every bare "Whitfield"
joins. Text composed."""

from __future__ import annotations

from newsdesk.annotate.entities import EntityRecognizer

TEXT = (
    "Game over. Will Whitfield come down off the pique?\n\n"
    "After Tuesday night, Dana Whitfield's chance of winning is gone. Whitfield spent much "
    "of his campaign railing against the rules. Whitfield said he would stay in."
)


def test_names_opening_word_before_possessive_full_name() -> None:
    found = EntityRecognizer().annotate(TEXT)
    pairs = [(m.text, m.canonical) for m in found.mentions if "Whitfield" in m.text]
    assert pairs[0] == ("Whitfield", "Dana Whitfield"), pairs
    assert {c for t, c in pairs if t == "Whitfield"} == {"Dana Whitfield"}, pairs
    assert not any(e.name == "Will Whitfield" for e in found.entities)
