"""Two spellings of one place are one entity: "Macao" is Macau, as "Britain" is the United
Kingdom (the gazetteer's country_aliases; found split on crosslingual_dev)."""

from __future__ import annotations

from newsdesk.annotate.names import NameIndex


def test_places_macao_is_macau() -> None:
    index = NameIndex()
    for name in ("Macau", "Macau", "Macao", "Hong Kong"):
        index.add(name, "GPE")
    assert index.resolve("Macao", "GPE") == "Macau"
    assert index.resolve("Hong Kong", "GPE") == "Hong Kong"


def test_places_a_place_as_often_a_person_stays_a_place() -> None:
    """A state ("Virginia", 4 mentions) and "Virginia Giuffre" (4): a name typed a place as
    often as the full name is shown a person stays the place when it is the given name; a
    surname still joins ("Narendra Modi … Modi")."""
    index = NameIndex()
    for _ in range(4):
        index.add("Virginia", "GPE")
        index.add("Virginia Giuffre", "PERSON")
    assert index.resolve("Virginia", "GPE") == "Virginia"
    index = NameIndex()
    index.add("Narendra Modi", "PERSON")
    index.add("Modi", "GPE")
    index.add("Modi", "PERSON")
    assert index.resolve("Modi", "GPE") == "Narendra Modi"


def test_names_a_word_in_mixed_case_spells_no_acronym() -> None:
    """A word in mixed case ("Mac", a computer) is no acronym of "Mayo Clinic"; "MAC" may be,
    as "SIA" is Singapore Airlines."""
    index = NameIndex()
    for _ in range(3):
        index.add("Mac", "ORG")
        index.add("Mayo Clinic", "ORG")
    assert index.resolve("Mac", "ORG") == "Mac"
    index = NameIndex()
    index.add("SIA", "ORG")
    index.add("Singapore Airlines", "ORG")
    assert index.resolve("SIA", "ORG") == "Singapore Airlines"
