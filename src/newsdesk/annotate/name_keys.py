"""The words that identify a name, and the places a name is.

:func:`name_key` is what :class:`newsdesk.annotate.names.NameIndex` compares: titles
("President", "Dr", a trade before a full name) and a leading "the" off, possessives
dropped, diacritics removed, case folded, a country's spellings one ("U.S.", "the United
States"), an organisation's legal suffix ignored. :func:`as_place` makes a government named
by its place that place; :func:`place_country` and :func:`role_country` read the small
gazetteer (entities_places.json). Split from names.py, which re-exports these names.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsdesk.annotate.name_forms import EDITORIAL, POSSESSIVE, occupation_first
from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_forms import fold as _fold

__all__ = [
    "PLACE_TYPES",
    "as_place",
    "index_words",
    "initials",
    "is_name",
    "name_key",
    "place_country",
    "role_country",
    "split_title",
]

PLACE_TYPES = frozenset({"GPE", "LOC"})


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """Title phrases as word tuples, longest first ("prime minister" before "minister")."""
    phrases = {tuple(t.split()) for t in _data("names_rules.json")["titles"]}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def _org_suffixes() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["org_suffixes"])


@cache
def _places() -> dict[str, str]:
    """Normalised place name -> its country (a country maps to itself)."""
    places = _data("entities_places.json")
    aliases = places["country_aliases"]
    table = {_fold(c): aliases.get(c, c) for c in places["countries"]}
    table.update({_fold(alias): country for alias, country in aliases.items()})
    table.update({_fold(part): country for part, country in places["country_parts"].items()})
    table.update({_fold(city): country for city, country in places["cities"].items()})
    return table


@cache
def _country_aliases() -> dict[str, str]:
    """ "u.s." -> "United States": one key per country, however it is written."""
    aliases = _data("entities_places.json")["country_aliases"]
    return {_fold(alias): country for alias, country in aliases.items()}


@cache
def _demonyms() -> tuple[tuple[str, str], ...]:
    pairs = _data("entities_places.json")["demonyms"].items()
    return tuple(sorted(((a.casefold(), c) for a, c in pairs), key=lambda p: -len(p[0])))


def split_title(text: str, type_: str = "PERSON") -> tuple[str, list[str]]:
    """``"President Lee's"`` -> ``("Lee", ["President"])``: leading titles and "the" off.

    Titles come off a person's name only, and only before a capitalised word
    ("General Motors" keeps its "General"). The name that remains is never empty:
    a title alone ("President") is kept as the name.
    """
    name, titles = _split_title(text, type_)
    return name, list(titles)


@lru_cache(maxsize=65536)
def _split_title(text: str, type_: str) -> tuple[str, tuple[str, ...]]:
    name = POSSESSIVE.sub("", text.strip()).strip()
    titles: list[str] = []
    while True:
        words = name.split()
        lowered = [w.casefold() for w in words]
        if len(words) > 1 and lowered[0] in _data("names_rules.json")["leading_articles"]:
            name = " ".join(words[1:])
            continue
        for phrase in _titles():
            n = len(phrase)
            if type_ != "PERSON" or not words[n:] or not words[n][:1].isupper():
                continue
            if tuple(lowered[:n]) == phrase:
                titles.append(" ".join(words[:n]))
                name = " ".join(words[n:])
                break
        else:
            if not occupation_first(words, type_):
                return name, tuple(titles)
            titles.append(words[0])
            name = " ".join(words[1:])


def name_key(text: str, type_: str = "PERSON") -> tuple[str, ...]:
    """The words that identify a name: ``"Lee Jae-Myung"`` -> ``("lee", "jae", "myung")``;
    an editor's brackets ("[Hillary] Clinton") are no part of it."""
    text, type_ = as_place(" ".join(EDITORIAL.sub("", text).split()), type_)
    name, _ = split_title(text, type_)
    if type_ in PLACE_TYPES and _fold(name) in _country_aliases():
        name = _country_aliases()[_fold(name)]
    words = _fold(name).split()
    if type_ == "ORG":
        while len(words) > 1 and words[-1] in _org_suffixes():
            words.pop()
    return tuple(words)


def initials(key: tuple[str, ...]) -> str:
    """An organisation's initials, small words skipped: ("european", "central", "bank") -> "ecb"."""
    skip = _acronym_skip_words()
    return "".join(w[0] for w in key if w not in skip)


@cache
def _acronym_skip_words() -> frozenset[str]:
    """The small words an acronym skips (made once: initials and _spells ask per pair)."""
    return frozenset(_data("names_rules.json")["acronym_skip_words"])


def index_words(text: str, type_: str) -> tuple[list[str], int]:
    """What the store's entity index files a name under, and how many words its key has:
    each word of its key, ``"="`` + the key's letters (word breaks ignored: "Jae-myung" and
    "Jaemyung" meet) and, for a multi-word organisation, ``"^"`` + its initials."""
    key = name_key(text, type_)
    if not key:
        return [], 0
    words = [*dict.fromkeys(key), "=" + "".join(key)]
    if type_ == "ORG" and len(key) > 1:
        words.append("^" + initials(key))
    return words, len(set(key))


def is_name(text: str | None, type_: str = "PERSON") -> bool:
    """Whether ``text`` has a word to name anything by: ``"’’"`` or ``"..."`` has none and is
    never a speaker or an entity."""
    return bool(text) and bool(name_key(text or "", type_))


_GOVERNMENT_OF = re.compile(
    r"(?:(?:federal|national|central|state|provincial|regional|local)\s+)?governments?\s+of\s+"
    r"(?:the\s+)?(?P<place>.+)",
    re.IGNORECASE,
)
_PLACE_GOVERNMENT = re.compile(
    r"(?P<place>.+?)\s+(?:(?:federal|national|central|state|provincial)\s+)?governments?",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def as_place(text: str, type_: str) -> tuple[str, str]:
    """``(text, type_)``, or the place it names: a government named by its place ("the
    Canadian Government", "the government of Canada", "US Government") is that place, as ACE
    and MEANTIME annotate it (the White House or a ministry stays a body of its own). A
    country's adjective ("Japanese") stays NORP, as spaCy and CoNLL type it: its country is
    the entity's ``country``."""
    if type_ == "PERSON":
        return text, type_
    name = text.strip()
    words = name.split()
    if len(words) > 1 and words[0].casefold() in _data("names_rules.json")["leading_articles"]:
        name = " ".join(words[1:])
    match = _GOVERNMENT_OF.fullmatch(name)
    if match:  # "government of Ontario" tagged a place: the place, gazetteer or not
        place = match.group("place")
        if _place_or_adjective(place) or (type_ in PLACE_TYPES and place[:1].isupper()):
            return _place_or_adjective(place) or place, "GPE"
    match = _PLACE_GOVERNMENT.fullmatch(name)
    place = match and _place_or_adjective(match.group("place"))
    if place:
        return place, "GPE"
    return text, type_


def _place_or_adjective(text: str) -> str | None:
    """``text`` when it is a known place, the country when it is a country's adjective."""
    if place_country(text) is not None:
        return text
    return _adjective_country(text)


def _adjective_country(text: str) -> str | None:
    folded = text.casefold()
    return next((country for adjective, country in _demonyms() if adjective == folded), None)


def place_country(text: str) -> str | None:
    """The country of a known place ("Tokyo" -> "Japan"), or None."""
    return _places().get(_fold(split_title(text)[0]))


def role_country(role: str) -> str | None:
    """The country a role names: "South Korean President" -> "South Korea"."""
    lowered = f" {role.casefold()} "
    for adjective, country in _demonyms():
        if f" {adjective} " in lowered:
            return country
    return None
