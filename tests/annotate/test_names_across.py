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


def test_names_across_letters_spell_every_word() -> None:
    """Across stories an acronym joins the one body whose every word it spells ("NRTA",
    the Northern Rail Transit Authority); letters that skip a body's small words ("CRPS",
    the Coastal Research and Policy Society) are as likely another body's that a story
    wrote alone, and stay apart. In one article the looser reading stands."""
    names = [
        ("Northern Rail Transit Authority", "ORG", 2),
        ("NRTA", "ORG", 3),
        ("Coastal Research and Policy Society", "ORG", 1),
        ("CRPS", "ORG", 4),
    ]
    assert _entities(names) == {
        "Northern Rail Transit Authority": ["NRTA"],
        "CRPS": [],
        "Coastal Research and Policy Society": [],
    }
    article = NameIndex()
    for text, kind, count in names:
        article.add(text, kind, count=count)
    assert article.resolve("CRPS", "ORG") == "Coastal Research and Policy Society"
