"""How a name is written: its folded form, and which spelling of a group names it.

:mod:`newsdesk.annotate.names` groups names by the words :func:`fold` leaves, and
names each group by :func:`canonical`, types it by :func:`vote` and lists its roles by
:func:`ordered_roles`; :func:`abbreviates` tells whether an acronym takes its letters from
a name's words, :func:`coined` whether a name is spelled as a body's own (in capitals, in
a brand's case), :func:`acronym` whether as an acronym, :func:`chance_initials` whether two
letters may spell a body's initials by chance, and :func:`initial_apart` whether a middle
initial tells two people apart.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "BRAND_CASE",
    "COMMON_FORM",
    "EDITORIAL",
    "POSSESSIVE",
    "abbreviates",
    "acronym",
    "canonical",
    "chance_initials",
    "coined",
    "data",
    "fold",
    "headline_verbs",
    "hyphenated",
    "initial_apart",
    "initial_word",
    "occupation_first",
    "ordered_roles",
    "vote",
    "without_headline_verb",
    "written_within",
]


@cache
def data(name: str) -> dict[str, Any]:
    """A data file of the package's annotate/data folder, read once."""
    text = resources.files("newsdesk.annotate").joinpath("data", name).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# When votes tie, the more specific reading wins.
TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART")
# a possessive at a name's end: "Lee's", "Motors'"
POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_DROP = re.compile(r"[.,'’‘`\"“”„«»‹›()\[\]]")
# an editor's brackets inside a quotation: "[Hillary] Clinton", "[New Jersey Gov. Chris] Christie"
EDITORIAL = re.compile(r"[\[\]]")


@lru_cache(maxsize=131072)  # the same names are folded again and again while grouping
def fold(text: str) -> str:
    """Case-folded, diacritics stripped, separators unified, punctuation dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", _DROP.sub("", plain.casefold())).strip()


def abbreviates(acronym: str, words: list[str]) -> bool:
    """Every word gives the acronym its start: its first letter, maybe more of its first
    letters ("SIA": Singapore Airlines, never Shanghai Airlines by the "i" inside it)."""
    if not words:
        return not acronym
    if len(acronym) < len(words) or not acronym or acronym[0] != words[0][:1]:
        return False
    word, rest = words[0], words[1:]
    for taken in range(1, len(acronym) - len(rest) + 1):
        if word.startswith(acronym[:taken]) and abbreviates(acronym[taken:], rest):
            return True
    return False


# a word in lower case up to a capital: "iTunes", "eBay" (a brand's spelling; never
# "pro-Russian")
BRAND_CASE = re.compile(r"[a-z]+[A-Z]")


def coined(spellings: Counter[str]) -> bool:
    """Whether a one-word name is always written as a coined name, whole in itself: in
    capitals ("NBC", "U.N.") or in a brand's lower case up to a capital ("iTunes"). No
    longer name shortens to it as "Harvard" shortens "Harvard University": a longer name
    it starts adds a part of that body or a product of its ("NBC News", "iTunes Music
    Store")."""
    return bool(spellings) and all(
        text.replace(".", "").isupper() or BRAND_CASE.match(text) is not None for text in spellings
    )


def chance_initials(letters: str, mentions: int) -> bool:
    """Whether two letters written in one story may spell a body's initials in another by
    chance: a body the store names once ("Incubation Grants", "Sood N", a person typed a
    body) shares its initials with many another name ("IG", "SN"; "NM" a state's code),
    where a body written again ("European Union", "Associated Press") is one that outlets
    shorten so. Three letters or more are rarely shared so."""
    return len(letters) <= 2 and mentions < 2


def hyphenated(spellings: Counter[str]) -> bool:
    """Whether a name is always written as one word of capitalised parts joined by hyphens
    ("Glass-Steagall", "Okonkwo-Reyes"), a particle in lower case between them aside
    ("Mar-a-Lago"), never with a space."""
    return bool(spellings) and all(
        " " not in text.strip()
        and "-" in text
        and all(p[:1].isupper() or (0 < n < len(parts) - 1 and p.isalpha()) for n, p in parts)
        for text in spellings
        for parts in [list(enumerate(text.split("-")))]
    )


def acronym(spellings: Counter[str]) -> bool:
    """Whether a name is always written as an acronym: in capitals with its stops ("U.N.")
    or of three letters at most ("NBC"). A surname set in capitals in a headline
    ("HARRISON") is a word in capitals, not one."""
    return bool(spellings) and all(
        text.replace(".", "").isupper() and ("." in text or len(text) <= 3) for text in spellings
    )


def initial_apart(name: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """A full name and a longer one that adds an initial are two people ("John Smith", the
    founder, and "John Q. Smith", a later namesake): a middle initial is written to tell
    them apart, and so are two run together ("George H.W. Bush", keyed "hw", beside
    "George Bush")."""
    return len(name) > 1 and any(initial_word(w, longer) for w in set(longer) - set(name))


_VOWELS = frozenset("aeiouy")


def initial_word(word: str, name: tuple[str, ...]) -> bool:
    """Whether ``word`` of the name key ``name`` is an initial: one letter, or, inside the
    name, two or three initials written together ("H.W." of "George H.W. Bush", keyed
    "hw": letters with no vowel between them, which no given name is). A suffix at the
    end ("Jr") is none."""
    if len(word) == 1:
        return True
    inside = word in name[1:-1]
    return inside and len(word) <= 3 and word.isalpha() and not _VOWELS & set(word)


def _proper_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return any(c.isupper() for c in letters) and any(c.islower() for c in letters)


COMMON_FORM = 4  # a full name written this many times more than a longer form leads it


def canonical(spellings: Counter[str]) -> str:
    """Most complete, proper-case, most frequent; then diacritics kept, fewest capitals.
    A longer form the outlets rarely write gives way to the full name (two words or more)
    inside it that they write :data:`COMMON_FORM` times as often: "Hillary Clinton"
    (299 mentions), not "Crooked Hillary Clinton" (24); "Ted Cruz" (189), the short form of
    a middle name, not "Rafael Edward Cruz" (1); "Marisol Santa Cruz" once and "Santa Cruz"
    twice stays the longer."""

    def rank(item: tuple[str, int]) -> tuple[int, int, int, int, int, str]:
        text, n = item
        capitals = sum(c.isupper() for c in text)
        accents = sum(not c.isascii() and c.isalpha() for c in text)
        return (-len(fold(text).split()), -_proper_case(text), -n, -accents, capitals, text)

    best = _recased(min(spellings.items(), key=rank)[0], spellings)
    words = fold(best).split()
    common = [
        (text, n)
        for text, n in spellings.items()
        if 1 < len(fold(text).split()) < len(words)
        and (_in_order(fold(text).split(), words) or _in_order(_given_in_full(text), words))
        and n >= COMMON_FORM * spellings[best]
    ]
    return min(common, key=rank)[0] if common else best


def _given_in_full(text: str) -> list[str]:
    """The folded words of a name with its given name in full ("edward cruz" of "Ted
    Cruz": names_rules.json's given_name_forms)."""
    words = fold(text).split()
    forms = data("names_rules.json")["given_name_forms"]
    return [forms.get(words[0], words[0]), *words[1:]] if words else words


def _recased(best: str, spellings: Counter[str]) -> str:
    """``best`` in the case its words are written elsewhere, when it is written only in
    capitals (a headline's "WASSERMAN SCHULTZ", run into its paragraph) and another of the
    name's spellings is in proper case ("Schultz"): each word as a proper-case spelling
    writes it, else capitalised ("Wasserman Schultz"). A name no spelling writes in proper
    case stays as written ("USA TODAY", "EDGAR ALLEN POE")."""
    if _proper_case(best) or not any(c.isalpha() for c in best):
        return best
    cased: dict[str, str] = {}
    for text in spellings:
        if _proper_case(text):
            for word in text.split():
                cased.setdefault(fold(word), word)
    words = best.split()
    if not any(fold(word) in cased for word in words):
        return best
    return " ".join(cased.get(fold(w), w.capitalize() if w.isalpha() else w) for w in words)


def _in_order(part: list[str], whole: list[str]) -> bool:
    """Whether every word of ``part`` is in ``whole``, in the same order ("Ilse Varga" in
    "Ilse Maren Varga")."""
    rest = iter(whole)
    return all(word in rest for word in part)


def written_within(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is a shorter form of the name ``whole``: its words in the same order
    ("Ilse Varga" of "Ilse Maren Varga"), or side by side in either order, a name written
    surname first ("Lazar Lehel" of "Marcel Lehel Lazar"). A headline run into one span
    ("Varga Fund Sinks Ilse") holds the words of "Ilse Varga" apart and out of order."""
    if _in_order(part, whole):
        return True
    size = len(part)
    return any(sorted(whole[at : at + size]) == sorted(part) for at in range(len(whole) - size + 1))


def ordered_roles(roles: Counter[str]) -> list[str]:
    """Roles most seen first; a bare title inside a fuller role ("President") is dropped."""
    ordered = sorted(roles, key=lambda r: (-roles[r], r))
    folded = [fold(r) for r in ordered]
    kept: list[str] = []
    for role, low in zip(ordered, folded, strict=True):
        if any(low != other and f" {low} " in f" {other} " for other in folded):
            continue
        if fold(role) not in (fold(k) for k in kept):
            kept.append(role)
    return kept


def vote(votes: Counter[str]) -> str:
    """The type most mentions give a name; a tie goes to the more specific (TYPE_ORDER)."""

    def rank(item: tuple[str, int]) -> tuple[int, int, str]:
        kind, n = item
        order = TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER)
        return (-n, order, kind)

    return min(votes.items(), key=rank)[0]


@cache
def _occupations() -> frozenset[str]:
    return frozenset(data("names_rules.json")["occupations"])


def occupation_first(words: list[str], type_: str) -> bool:
    """A person's trade set capitalised before a full name ("Filmmaker Jack Marino",
    "Moderator Hugh Hewitt"): a role, never a given name. Before one word it stays
    ("Host Hotels"), as a word of a body's name does ("Producer Price Index")."""
    return (
        type_ == "PERSON"
        and len(words) >= 3
        and words[0].casefold() in _occupations()
        and all(w[:1].isupper() for w in words[1:3])
    )


@cache
def headline_verbs() -> frozenset[str]:
    """Verbs of saying or reporting that title-case headlines glue onto a name ("Obama Says",
    "Trump Warns", "Biden Signs"), casefolded."""
    return frozenset(data("names_rules.json")["headline_verbs"])


def without_headline_verb(name: str) -> str:
    """``"Obama Says"`` -> ``"Obama"``: a name cut before the first capitalised headline verb
    after its first word (a name is never "Merkel Tells"); a name without one as written."""
    words = name.split()
    for n, word in enumerate(words[1:], start=1):
        if word[:1].isupper() and word.casefold() in headline_verbs():
            return " ".join(words[:n])
    return name
