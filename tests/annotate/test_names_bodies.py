"""Across stories a body written alone more often than a longer name it starts is a body of
its own: the store's index never lists "Senate" under "Senate Judiciary Committee"."""

from __future__ import annotations

from newsdesk.annotate.names import NameIndex


def _store(names: list[tuple[str, int]]) -> NameIndex:
    """A store's index of organisations, each (canonical name, mentions) as articles kept it."""
    index = NameIndex(across_stories=True)
    for name, mentions in names:
        index.add(name, "ORG", count=mentions)
    return index


def test_names_store_keeps_a_larger_body_apart() -> None:
    index = _store(
        [
            ("Hollin Senate", 15),
            ("Hollin Senate Judiciary Committee", 1),
            ("Marrow House", 21),
            ("Marrow House Security Council", 1),
        ]
    )
    assert index.resolve("Hollin Senate", "ORG") == "Hollin Senate"
    assert index.resolve("Marrow House", "ORG") == "Marrow House"
    assert index.resolve("Marrow House Security Council", "ORG") == "Marrow House Security Council"


def test_names_store_joins_a_short_form_written_less() -> None:
    """A short form the store meets less often than the full name is still that name, one
    word ("Halvorsen") or more ("Pell Grant Trust")."""
    index = _store(
        [
            ("Halvorsen Capital Partners", 9),
            ("Halvorsen", 2),
            ("Pell Grant Trust Fund", 4),
            ("Pell Grant Trust", 4),
        ]
    )
    assert index.resolve("Halvorsen", "ORG") == "Halvorsen Capital Partners"
    assert index.resolve("Pell Grant Trust", "ORG") == "Pell Grant Trust Fund"


def test_names_article_keeps_its_short_forms() -> None:
    """In one article a body's short form, however often written, is the full name given
    first ("Halvorsen" of "Halvorsen Capital Partners"): only the store's index weighs them."""
    index = NameIndex()
    index.add("Halvorsen Capital Partners", "ORG")
    for _ in range(5):
        index.add("Halvorsen", "ORG")
    assert index.resolve("Halvorsen", "ORG") == "Halvorsen Capital Partners"


def test_names_store_body_short_form_is_no_surname_of_another_articles_person() -> None:
    """Across stories a one-word body that starts other bodies' names ("Kestrel" beside
    "Kestrel News") is one of them, never the surname of a person another article names;
    a surname typed a body with no body starting with it still joins its person."""
    index = _store([("Kestrel", 9), ("Kestrel News", 24), ("Kestrel Business Network", 1)])
    index.add("Ana Kestrel", "PERSON")
    index.add("Dunmore", "ORG")
    index.add("Tove Dunmore", "PERSON", count=3)
    assert index.lookup("Kestrel", "ORG") == ("Kestrel", "ORG")
    assert index.resolve("Dunmore", "ORG") == "Tove Dunmore"


def test_names_article_surname_typed_a_body_stays_its_persons() -> None:
    """In one article's index the full name written there is the evidence: its "Kestrel",
    typed ORG and written before "Kestrel University", is Ana Kestrel's."""
    index = NameIndex()
    for text, kind in [("Ana Kestrel", "PERSON"), ("Kestrel University", "ORG")]:
        index.add(text, kind)
    index.add("Kestrel", "ORG", count=3, alone_first=True)
    assert index.resolve("Kestrel", "ORG") == "Ana Kestrel"


def test_names_store_letters_from_word_starts_spell_no_body_of_another_article() -> None:
    """Across stories an acronym joins a body only by its initials: letters taken from the
    starts of its words ("RUN" of "Rutgers University", "BRT" of "Bronx Times") match too
    many names, while in one article "SIA" beside "Singapore Airlines" is that airline."""
    index = _store([("Kell University", 4), ("KUN", 13), ("Marrow Times", 1), ("MRT", 7)])
    index.add("Penske Automotive Group", "ORG")
    index.add("PAG", "ORG", count=2)
    assert index.resolve("KUN", "ORG") == "KUN"
    assert index.resolve("MRT", "ORG") == "MRT"
    assert index.resolve("PAG", "ORG") == "Penske Automotive Group"
    article = NameIndex()
    article.add("Singapore Airlines", "ORG")
    article.add("SIA", "ORG")
    assert article.resolve("SIA", "ORG") == "Singapore Airlines"


def test_names_store_two_letters_spell_no_body_named_once() -> None:
    """Across stories two letters ("IG", "CB") spell the initials of many names: a body the
    store names once ("Ibsen Grants", a person typed a body) is no evidence they are its,
    while a body written again ("Eastern Union", 8 mentions) is the one they shorten. In
    one article "IG" beside "Ibsen Grants" is that body; three letters still join across
    stories ("PAG" of the one "Penske Automotive Group")."""
    index = _store([("Ibsen Grants", 1), ("IG", 3), ("Eastern Union", 8), ("EU", 2)])
    index.add("Penske Automotive Group", "ORG")
    index.add("PAG", "ORG", count=2)
    assert index.resolve("IG", "ORG") == "IG"
    assert index.resolve("EU", "ORG") == "Eastern Union"
    assert index.resolve("PAG", "ORG") == "Penske Automotive Group"
    article = NameIndex()
    article.add("Ibsen Grants", "ORG")
    article.add("IG", "ORG")
    assert article.resolve("IG", "ORG") == "Ibsen Grants"
