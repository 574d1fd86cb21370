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
