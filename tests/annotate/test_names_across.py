"""The store's name index (``across_stories``): canonical names from many stories grouped."""

from __future__ import annotations

from newsdesk.annotate.names import NameIndex


def _entities(names: list[tuple[str, str, int]]) -> dict[str, list[str]]:
    index = NameIndex(across_stories=True)
    for text, kind, count in names:
        index.add(text, kind, count=count)
    return {e.name: e.aliases for e in index.entities()}


def test_names_across_joined_initials_keep_namesakes_apart() -> None:
    """Across stories a middle initial is an outlet's style ("Walter M. Hale" is the one
    "Walter Hale"), but two namesakes with initials of their own ("Walter M. Hale",
    "Walter K.L. Hale") leave the bare name open, and neither joins the other."""
    found = _entities(
        [
            ("Walter Hale", "PERSON", 3),
            ("Walter M. Hale", "PERSON", 5),
            ("Walter K.L. Hale", "PERSON", 4),
        ]
    )
    assert found == {"Walter M. Hale": [], "Walter K.L. Hale": [], "Walter Hale": []}
    assert _entities([("Walter Hale", "PERSON", 3), ("Walter K.L. Hale", "PERSON", 4)]) == {
        "Walter K.L. Hale": ["Walter Hale"]
    }
