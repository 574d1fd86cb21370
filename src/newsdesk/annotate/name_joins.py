"""Which longer name a name joins in a :class:`~newsdesk.annotate.names.NameIndex`: the
tests its merge rules ask of a name's words (a company's trade or division after its name,
a body's unit, a surname two full names share, a person's shape) and the country an entity
is of."""

from __future__ import annotations

from collections import Counter
from functools import cache

from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_keys import (
    PLACE_TYPES,
    _acronym_skip_words,
    _titles,
    place_country,
    role_country,
)
from newsdesk.annotate.name_votes import named_after_someone


def _trade_parent(
    key: tuple[str, ...], orgs: set[tuple[str, ...]], parent: dict[tuple[str, ...], tuple[str, ...]]
) -> tuple[str, ...] | None:
    """ "Apple Computer" is the "Apple" of the index: an organisation's name followed by
    words of its trade ("Computer", "Motors", "Airlines") names the organisation when that
    name alone is one ("Apple Corps" is not: "Corps" is no trade). None otherwise, and
    never back to a name that already joined this one."""
    trade = _trade_words()
    base = key
    while len(base) > 1 and base[-1] in trade:
        base = base[:-1]
    if base == key or base not in orgs or parent.get(base) == key:
        return None
    if place_country(" ".join(base)) is not None or (len(base) == 1 and (base[0],) in _titles()):
        return None  # "General Motors" is no "General"; "Japan Airlines" is no Japan
    return base


def _division(rest: tuple[str, ...]) -> bool:
    """Whether the words after a company's name make it one of its parts: a place or region
    ("Ford Australia", "GM Europe") or a line of business ("Boeing Commercial Airplanes",
    "Airbus Military"): the company is a larger body, never absorbed by it."""
    if place_country(" ".join(rest)) is not None:
        return True
    parts = _data("names_rules.json")["division_words"]
    return any(word in parts for word in rest) or " ".join(rest) in parts


def _unit(rest: tuple[str, ...]) -> bool:
    """Whether the words after a body's name name a unit of it in words of its own: a
    school, an institute, a committee, a room ("NYU School of Law", "Senate Foreign
    Relations Committee", "White House Situation Room": names_rules.json's unit_words) or a
    chapter of a place ("… of Toronto"). One unit word alone is the body's own name
    ("State Department", "Harvard University"), and so are words joined to the name by a
    small word ("Parks and Recreation Department" is what "Parks" shortens)."""
    if len(rest) < 2:
        return False
    if rest[0] in {"of", "in"} and place_country(" ".join(rest[1:])) is not None:
        return True
    if rest[0] in _acronym_skip_words():
        return False
    return any(word in _unit_words() for word in rest)


@cache
def _unit_words() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["unit_words"])


def _shared_surname(
    key: tuple[str, ...], holder: tuple[str, ...] | None, orgs: list[tuple[str, ...]]
) -> bool:
    """Whether the one-word name ``key``, joining the person ``holder`` as the surname, also
    ends a name of two words typed an organisation ("Carly Fiorina", ORG in spaCy's tags,
    beside the person "Frank Fiorina"): a given name and a surname, a person spaCy took
    for a body, so two full names hold the surname and it joins neither. A body's name
    ("Boeing Commercial Airplanes", "Harold Brennan Foundation") is no such rival."""
    if holder is None or len(key) != 1 or holder[-1] != key[0]:
        return False
    return any(
        len(org) == 2 and org[-1] == key[0] and org != holder and not named_after_someone(org)
        for org in orgs
    )


# a generation written after a surname, as name keys fold it ("Brent Bozell III")
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname_of(key: tuple[str, ...]) -> str:
    """The last word of a person's name key that is no generation: "bozell" of "Brent Bozell
    III", "trump" of "Donald Trump Jr."."""
    words = list(key)
    while len(words) > 1 and words[-1] in _GENERATIONS:
        words.pop()
    return words[-1]


def _person_shaped(spellings: Counter[str]) -> bool:
    """Whether a name is always written as two capitalised words with a space between,
    neither in capitals ("Carly Fiorina"): no list ("Carson, Huckabee"), no ticket
    ("Clinton-Kaine"), no acronym."""
    return all(
        len(words := text.split()) == 2
        and all(w[:1].isupper() and not w.isupper() and w.isalpha() for w in words)
        for text in spellings
    )


@cache
def _trade_words() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["trade_words"])


def _case_of(key: tuple[str, ...], laws: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The one court case whose first party is the one-word name ``key`` ("Fisher" of "Fisher
    v. University of Texas", written "the Fisher case" and typed a body): a case's short
    name. None for a longer name, or a party of two cases."""
    cases = [law for law in laws if len(key) == 1 and len(law) > 2 and law[:2] == (key[0], "v")]
    return cases[0] if len(cases) == 1 else None


def entity_country(name: str, kind: str, roles: list[str]) -> str | None:
    if kind in PLACE_TYPES:
        return place_country(name)
    if kind == "NORP":
        return role_country(name)
    votes = Counter(c for c in (role_country(r) for r in roles) if c)
    if not votes:
        return None
    return min(votes.items(), key=lambda item: (-item[1], item[0]))[0]
