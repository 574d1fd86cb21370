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


def test_names_store_a_middle_initial_of_the_common_full_name_is_a_style() -> None:
    """Across stories "Mara T. Quint" (one outlet's style) is the "Mara Quint" others write,
    when no other name adds a middle word to it, however often each is written ("Tove
    Dunmore" twice, "Tove R. Dunmore" once); two initials leave the names apart, and so does
    one article (a founder and a later namesake)."""
    assert _names({"Mara Quint": 40, "Mara T. Quint": 6}, across=True) == ["Mara Quint"]
    assert _names({"Mara Quint": 40, "Mara T. Quint": 6}, across=False) == [
        "Mara Quint",
        "Mara T. Quint",
    ]
    two = {"Ivo Lund": 40, "Ivo K. Lund": 3, "Ivo B. Lund": 2}
    assert sorted(_names(two, across=True)) == ["Ivo B. Lund", "Ivo K. Lund", "Ivo Lund"]
    rare = {"Tove Dunmore": 2, "Tove R. Dunmore": 1}
    assert _names(rare, across=True) == ["Tove R. Dunmore"]
    assert sorted(_names(rare, across=False)) == ["Tove Dunmore", "Tove R. Dunmore"]
