"""Whether a capitalised word that opens a sentence is a verb's form, no given name.

spaCy's small model runs the word that opens a sentence, a line or a quotation into a
person's name after it ("Bashing Trump may be job one", "Stated Stone:"): a full name that
is no one's, and that leaves the surname with two people to choose from. The tagger reads
such a word as a proper noun too, so the word itself must say it: the verb lists of the
pipeline's own lemmatizer (WordNet's index and its irregular forms, shipped with the model)
tell a verb's form in -ed or -ing ("Stated", "Bashing") and a word only ever an adverb
("Beneath") from a given name. An adjective
or an adverb says nothing: given names are adjectives too ("Curt", "Frank", "Rich").
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.annotate.nlp import MODEL

__all__ = ["common_opening_word", "epithet_word"]

# the suffixes of a verb's inflected forms the lemmatizer's rules undo: "stated", "bashing"
_INFLECTIONS = frozenset({"ed", "ing"})
# a shorter stem matches too many given names ("Jared": "jar")
_MIN_STEM = 4


@cache
def _tables() -> dict[str, Any]:
    """The lemmatizer's verbs, a verb's irregular forms and the rules of its endings, and
    the words it knows only as adverbs ("beneath", "nevertheless")."""
    from spacy.lookups import Lookups

    package = Path(importlib.import_module(MODEL).__file__ or "").parent
    folder = next(package.glob("*/lemmatizer/lookups"), None)
    if folder is None:
        return {
            "verb": frozenset(),
            "exc": {},
            "rules": [],
            "adverbs": frozenset(),
            "adjectives": frozenset(),
        }
    lookups = Lookups().from_disk(folder)
    index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    others = frozenset(index["noun"]) | frozenset(index["verb"]) | frozenset(index["adj"])
    return {
        "adverbs": frozenset(index["adv"]) - others,
        "adjectives": frozenset(index["adj"]),
        "verb": frozenset(index["verb"]),
        "exc": dict(lookups.get_table("lemma_exc")["verb"]),
        "rules": [(old, new) for old, new in rules["verb"] if old in _INFLECTIONS],
    }


def _inflected_verb(word: str, tables: dict[str, Any]) -> bool:
    if word in tables["exc"] and word.endswith(tuple(_INFLECTIONS)):
        return True  # "abetted", "running"; not "rose", a given name as well as "rise"'s
    for old, new in tables.get("rules", []):
        if word.endswith(old) and len(word) > len(old):
            stem = word[: -len(old)] + new
            if len(stem) >= _MIN_STEM and stem in tables["verb"]:
                return True
    return False


def common_opening_word(word: str) -> bool:
    """Whether ``word``, written capitalised where a sentence opens, is a verb's form in -ed
    or -ing ("Stated", "Bashing") or a word only ever an adverb ("Beneath"), as no given
    name is."""
    lower = word.lower()
    tables = _tables()
    return lower.isalpha() and (lower in tables["adverbs"] or _inflected_verb(lower, tables))


def epithet_word(word: str) -> bool:
    """Whether ``word``, capitalised before a name, is an adjective of the lexicon
    ("Crooked", "Little", "Crazy") or a verb's form in -ing written with its "g" dropped
    ("Lyin'"): a nickname's epithet, as in "Crooked Hillary" or "Lyin' Ted". Given names are
    adjectives too ("Frank", "Rich"): the caller asks more of the name after it."""
    lower = word.lower()
    tables = _tables()
    if lower.endswith(("in'", "in’")):
        return _inflected_verb(lower[:-1] + "g", tables)
    return lower.isalpha() and lower in tables["adjectives"]
