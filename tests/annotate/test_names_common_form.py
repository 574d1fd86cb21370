"""An entity is named by the full name outlets write, not by a rare longer form: an
epithet one article put before it ("Crooked Mara Quint") or a middle name written once.
A longer name written about as often (a given name before a two-word surname) leads."""

from __future__ import annotations

from newsdesk.annotate.names import NameIndex


def _names(counts: dict[str, int], *, across: bool) -> list[str]:
    index = NameIndex(across_stories=across)
    for name, count in counts.items():
        index.add(name, "PERSON", count=count)
    return [e.name for e in index.entities()]


def test_names_a_rare_longer_form_gives_way_to_the_full_name_outlets_write() -> None:
    counts = {"Mara Quint": 40, "Crooked Mara Quint": 6, "Quint": 12}
    assert _names(counts, across=True) == ["Mara Quint"]
    assert _names({"Ilse Varga": 9, "Ilse Maren Varga": 1}, across=False) == ["Ilse Varga"]


def test_names_a_longer_name_written_about_as_often_still_leads() -> None:
    counts = {"Marisol Santa Cruz": 1, "Santa Cruz": 2}
    assert _names(counts, across=False) == ["Marisol Santa Cruz"]
    assert _names({"Sanae Takaichi": 1, "Takaichi": 9}, across=False) == ["Sanae Takaichi"]
