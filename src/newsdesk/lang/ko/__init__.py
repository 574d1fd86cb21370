"""Korean: Kiwi (kiwipiepy) proper nouns, typed by rules; readings with ko-pron.

Kiwi tags proper nouns (NNP) without a type. A name in the alias table takes its type;
a country, region or city of the CLDR gazetteer is a place (파키스탄 총리: Pakistan's
prime minister, not a surname and a given name); one followed by a person's title
(대통령, 총리 …) is a person, as is a three-syllable name that begins with a common
surname; place and organisation endings type the rest; a run of proper nouns not in the
table (다카이치 사나에) is one person; a single proper noun of no known type is left
out. Readings: Revised
Romanisation (ko-pron), and the customary English spelling of a leading surname (이 ->
Lee, 박 -> Park) from ``surnames.tsv``.
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import Any

from newsdesk.lang.gazetteer import place_of
from newsdesk.lang.pack import pack_for
from newsdesk.lang.pieces import pieces

__all__ = ["entities", "han_readings", "load", "readings"]


@cache
def load() -> Any:
    """The Kiwi analyser (its model ships in kiwipiepy-model), loaded once per process.

    One thread: a pool worker has one core, not all of them. Without the typo dictionary
    (common misspellings and chat-style endings): 0.4 of the 2.2 CPU s a load and first
    call cost, and the same tokens on every Korean news report of the crosslingual dev set
    (127 reports, 29,688 tokens compared).
    """
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=1, load_typo_dict=False)


@cache
def _tables() -> tuple[dict[str, tuple[str, str]], frozenset[str], dict[str, list[str]], Any]:
    pack = pack_for("ko")
    assert pack is not None
    surnames: dict[str, list[str]] = {}
    for row in pack.words("surnames.tsv"):
        hangul, *spellings = row.split("\t")
        surnames[hangul] = spellings
    return pack.aliases(), frozenset(pack.words("titles.txt")), surnames, pack.data("types.json")


def _type(name: str, following: str) -> str:
    aliases, titles, surnames, types = _tables()
    if name in aliases:
        return aliases[name][1]
    known = place_of(name, "ko")
    if known is not None:  # before a title, the title's country (파키스탄 총리)
        return known[1]
    if following in titles:
        return "PERSON"
    place = any(name.endswith(e) for e in types["GPE"])
    if len(name) == 3 and name[0] in surnames and not place:
        return "PERSON"
    for kind, endings in types.items():
        if any(name.endswith(e) for e in endings):
            return str(kind)
    return "MISC"


def _known(word: str) -> bool:
    """Whether a proper noun is a name of its own: in the alias table or a place of the
    gazetteer."""
    return word in _tables()[0] or place_of(word, "ko") is not None


def _place_before_noun(tokens: Any, i: int) -> bool:
    """Whether token ``i`` is a known name or place that a common noun follows: the country
    or city written between a person's name and the title it holds ("알바로 우리베 콜롬비아
    대통령": Colombia's president Álvaro Uribe; "베를린 경찰": Berlin's police), no part of
    the name. One that a particle follows ends the name: a surname that is also a city's
    name ("존 다윈은": John Darwin)."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return _known(tokens[i].form) and following is not None and following.tag == "NNG"


def entities(text: str, doc: Any = None) -> list[tuple[int, int, str]]:
    """``(start, end, TYPE)`` of each proper noun in ``text``."""
    del doc
    found: list[tuple[int, int, str]] = []
    parts = pieces(text, MAX_PIECE)
    for (offset, piece), tokens in zip(parts, load().tokenize(p for _, p in parts), strict=True):
        found += [(s + offset, e + offset, k) for s, e, k in _names(piece, tokens)]
    return found


def _names(text: str, tokens: Any) -> list[tuple[int, int, str]]:
    aliases = _tables()[0]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.tag != "NNP":
            i += 1
            continue
        start, end, j = token.start, token.start + token.len, i
        while (  # a run of proper nouns, none a known name or a place's before a noun
            j + 1 < len(tokens)
            and tokens[j + 1].tag == "NNP"
            and tokens[j + 1].start - end <= 1
            and text[start:end] not in aliases
            and not _place_before_noun(tokens, j + 1)
        ):
            j += 1
            end = tokens[j].start + tokens[j].len
        following = tokens[j + 1].form if j + 1 < len(tokens) else ""
        if _known(following) and j + 2 < len(tokens):  # the title after a person's country
            following = tokens[j + 2].form
        kind = _type(text[start:end], following)
        if kind == "MISC" and j > i:
            kind = "PERSON"  # a foreign name written in two words (다카이치 사나에)
        if kind != "MISC":  # an untyped single proper noun is too often a common word
            found.append((start, end, kind))
        i = j + 1
    return found


@cache
def _hanja() -> dict[str, list[str]]:
    """Sino-Korean readings of Han characters (``hanja.tsv``, from Unicode's Unihan)."""
    pack = pack_for("ko")
    assert pack is not None
    return {row[0]: row.split("\t")[1].split() for row in pack.words("hanja.tsv")}


MAX_PIECE = 2000  # characters Kiwi reads at once (one long text is much slower)
MAX_HANJA_FORMS = 8  # hangul spellings tried for one name in Han characters


def han_readings(name: str) -> list[str]:
    """How Korean reads a name in Han characters (文在寅 -> 문재인 -> Moon Jae-in)."""
    table = _hanja()
    options = [table.get(c) for c in name]
    if not name or any(o is None for o in options):
        return []
    found: list[str] = []
    for spelling in itertools.islice(itertools.product(*options), MAX_HANJA_FORMS):  # type: ignore[arg-type]
        found += readings("".join(spelling))
    return found


@cache
def readings(name: str) -> list[str]:
    """Revised Romanisation of a Korean name; with a known surname, its English spellings."""
    from ko_pron import romanise

    surnames = _tables()[2]
    found = [str(romanise(name, "rr"))]
    if len(name) in (2, 3, 4) and name[0] in surnames and " " not in name:
        given = str(romanise(name[1:], "rr"))
        found += [f"{spelling} {given}" for spelling in surnames[name[0]]]
    return [r for r in dict.fromkeys(found) if r.strip()]
