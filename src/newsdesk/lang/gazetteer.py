"""Countries, territories, regions and major cities by their names in each pack's language:
a gazetteer from CLDR (through Babel), so a place joins its English name by what it is
called, not by how it sounds (芬兰, フィンランド, 핀란드 -> Finland; 平壌 -> Pyongyang).

Country and place names across scripts are exonyms: 希腊 is read "xila" and Greece is
not; 芬兰 read the Korean way sounds like Pyongyang. The gazetteer holds CLDR's territory
names (the countries and territories, ``GPE``; the continents and world regions, ``LOC``)
and the exemplar cities of CLDR's time zones (``GPE``), in English and in each pack's
locales (``pack.json`` ``"cldr"``: zh also reads zh_Hant, so 希臘 is Greece too). A name
a country and a city share is the country's (突尼斯: Tunisia, not Tunis); one two
countries share (刚果: Congo-Kinshasa and Congo-Brazzaville) is left out. The hand-kept
alias tables stay beside it and win on a conflict (:func:`newsdesk.lang.merge.alias_of`).

Built once per process, on first use (about a tenth of a second: bench/entity_scripts.py);
``newsdesk --help`` never builds it.

A city's name in another script may name two cities: CLDR knows オークランド as Auckland,
GeoNames' names of the world's cities (the ``cities15000`` table the geotext package ships)
know it as Oakland too. :func:`cities_named` gives the cities of 100,000 people or more
(``WORLD_CITY``) a spelling names; :func:`countries_of` the countries a place name is or
is in (a CLDR country, a CLDR or GeoNames city's, an ISO 3166-2 state's or province's, by
pycountry: California -> United States), the context that tells such cities apart
(``lang/merge.py``). Both load on first use, and only for a name that needs them.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

from newsdesk.lang.pack import pack_for, packs

__all__ = [
    "PLACE_TYPES",
    "cities_named",
    "countries_of",
    "country_of",
    "english_place",
    "names_of",
    "place_of",
    "places",
]

PLACE_TYPES = frozenset({"GPE", "LOC"})  # the mention types the gazetteer answers for
# CLDR codes that are no place one names (the EU and UN are bodies; a currency area; the
# unknown region, pseudo-locales; the world, "世界", is said of everything)
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "001"})
# time zones named after no city a story names: research stations, "Unknown", and small
# US towns that mark where a state's zone boundary runs (Knox, Center, Vevay)
_NOT_CITIES = re.compile(r"^(Antarctica|Arctic|Etc)/|^America/(Indiana|North_Dakota|Kentucky)/")
_BRACKETS = re.compile(r"\s*[(（][^)）]*[)）]\s*")  # ミャンマー (ビルマ), 刚果（金）
_SAR = re.compile(r"\s+SAR China$")  # Hong Kong SAR China -> Hong Kong, as the press writes
WORLD_CITY = 100_000  # people: a GeoNames city the press names, one that may share a name


def _english(name: str) -> str:
    """CLDR's English name as the press writes it: no bracketed gloss, no "SAR China"."""
    return _SAR.sub("", _BRACKETS.sub(" ", name).strip()).replace(" & ", " and ")


def _forms(name: str) -> Iterator[str]:
    """A name as CLDR writes it, and without its bracketed gloss (홍콩(중국 특별행정구));
    never one character alone (놈, Nome: a word before it is a place)."""
    name = unicodedata.normalize("NFKC", name).strip()
    bare = _BRACKETS.sub("", name).strip()
    for form in dict.fromkeys((name, bare)):
        if len(form) > 1:
            yield form


def _entries(locale_id: str) -> Iterator[tuple[str, str, str, int]]:
    """(name in ``locale_id``, English name, type, rank) of every territory and region
    (rank 0), then every city (rank 1)."""
    from babel import Locale  # Babel's locale data loads here, never at import

    english, local = Locale.parse("en"), Locale.parse(locale_id)
    for code, name in local.territories.items():
        if code in _NOT_PLACES or code not in english.territories:
            continue
        kind = "LOC" if code.isdigit() else "GPE"
        for form in _forms(name):
            yield form, _english(english.territories[code]), kind, 0
    english_zones = english.time_zones
    for zone, info in local.time_zones.items():
        city = info.get("city")
        if not city or _NOT_CITIES.search(zone) or "/" not in zone:
            continue
        name_en = english_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[1]
        for form in _forms(city):
            yield form, _english(name_en.replace("_", " ")), "GPE", 1


@cache
def places(language: str) -> Mapping[str, tuple[str, str]]:
    """Place name as written in ``language`` -> (English name, type); ``{}`` for a language
    without a pack. For English, every English name of the other packs' places -> itself."""
    pack = pack_for(language)
    if pack is None:
        return {}
    if pack.annotator == "english":
        return {
            english: (english, kind)
            for other in packs().values()
            if other.annotator != "english"
            for english, kind in places(other.code).values()
        }
    found: dict[str, dict[str, str]] = {}  # name -> English name -> type, best rank only
    ranks: dict[str, int] = {}
    for locale_id in pack.cldr:
        for name, english, kind, rank in _entries(locale_id):
            if rank < ranks.get(name, 2):  # a country before a city (突尼斯: Tunisia, Tunis)
                ranks[name], found[name] = rank, {}
            if rank == ranks[name]:
                found[name].setdefault(english, kind)
    # a name of two countries (刚果: both Congos), or of two cities, names neither; nor
    # does a country's name that begins another country's, word for word (도미니카,
    # 도미니카 공화국: Dominica, the Dominican Republic): a reader that cut the longer
    # name after its first word leaves the shorter, and which one was meant is a guess
    begins = _beginnings({name: englishes for name, englishes in found.items() if not ranks[name]})
    return {
        name: next(iter(englishes.items()))
        for name, englishes in found.items()
        if len(englishes) == 1
        and not (ranks[name] == 0 and begins.get(name, set(englishes)) - set(englishes))
    }


def _beginnings(countries: Mapping[str, Mapping[str, str]]) -> dict[str, set[str]]:
    """The first word or words of each country's name in words -> the English names of
    the countries whose names begin so."""
    found: dict[str, set[str]] = {}
    for name, englishes in countries.items():
        words = name.split(" ")
        for n in range(1, len(words)):
            found.setdefault(" ".join(words[:n]), set()).update(englishes)
    return found


@cache
def _english_names() -> dict[str, str]:
    """Every English place name of the gazetteer, by its lower-case form."""
    return {name.casefold(): name for name, _ in places("en").values()}


def english_place(name: str) -> str | None:
    """The gazetteer's English name for an English spelling (``LONDON`` -> London), or None."""
    return _english_names().get(name.strip().casefold())


@lru_cache(maxsize=65536)
def place_of(name: str, language: str) -> tuple[str, str] | None:
    """(English name, type) of ``name`` written in ``language``, or None when it is no
    place the gazetteer knows (an English name: itself, when it is one). A pack that
    writes one script two ways looks up the other form too (土库曼 as 土庫曼)."""
    pack = pack_for(language)
    if pack is None:
        return None
    if pack.annotator == "english":
        english = english_place(name)
        return None if english is None else places("en")[english]
    table = places(pack.code)
    plain = unicodedata.normalize("NFKC", name).strip()
    found = table.get(name) or table.get(plain)
    other = getattr(pack.module, "traditional", None)
    if found is None and other is not None and len(plain) > 1:
        found = table.get(other(plain))
    return found


@cache
def _city_countries() -> dict[str, str]:
    """English city name -> the English name of the country its CLDR time zone is in
    (Auckland -> New Zealand); a city two countries' zones share is left out."""
    from babel import Locale
    from babel.core import get_global

    english = Locale.parse("en")
    found: dict[str, set[str]] = {}
    for zone, territory in get_global("zone_territories").items():
        if _NOT_CITIES.search(zone) or "/" not in zone or territory not in english.territories:
            continue
        name = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[1]
        city = _english(name.replace("_", " "))
        found.setdefault(city, set()).add(_english(english.territories[territory]))
    return {city: next(iter(c)) for city, c in found.items() if len(c) == 1}


def country_of(english: str) -> str | None:
    """The country a city of the gazetteer is in, by English names (Santiago -> Chile),
    or None for a place that is no such city."""
    return _city_countries().get(english)


@cache
def _territories() -> dict[str, str]:
    """ISO country code -> its English name as the press writes it (NZ -> New Zealand)."""
    from babel import Locale

    return {code: _english(name) for code, name in Locale.parse("en").territories.items()}


@cache
def _world_cities() -> tuple[dict[str, frozenset[tuple[str, str]]], dict[str, frozenset[str]]]:
    """GeoNames' cities of ``WORLD_CITY`` people or more: each name written in a script
    other than Latin letters -> (English name, country) of the cities it names; each
    English name -> the countries of the cities so called. Empty without geotext."""
    spec = importlib.util.find_spec("geotext")  # its data only: importing it builds an index
    if spec is None or not spec.submodule_search_locations:
        return {}, {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cities15000.txt"
    if not path.exists():
        return {}, {}
    territories = _territories()
    written: dict[str, set[tuple[str, str]]] = {}
    english: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            cols = row.rstrip("\n").split("\t")
            if len(cols) < 15 or not cols[14].isdigit() or int(cols[14]) < WORLD_CITY:
                continue
            country = territories.get(cols[8])
            if country is None:
                continue
            english.setdefault(cols[1], set()).add(country)
            for name in cols[3].split(","):
                if name and not name.isascii():
                    written.setdefault(unicodedata.normalize("NFKC", name), set()).add(
                        (cols[1], country)
                    )
    return (
        {name: frozenset(found) for name, found in written.items()},
        {name: frozenset(found) for name, found in english.items()},
    )


def cities_named(name: str) -> frozenset[tuple[str, str]]:
    """(English name, country) of each GeoNames city of ``WORLD_CITY`` people or more that
    ``name``, written in a script other than Latin letters, names (オークランド: Auckland,
    New Zealand and Oakland, United States)."""
    return _world_cities()[0].get(unicodedata.normalize("NFKC", name).strip(), frozenset())


@cache
def _regions() -> dict[str, frozenset[str]]:
    """The English name of each country's first-level division (a state, a province, a
    region: ISO 3166-2 by pycountry) -> the countries it is in. Empty without pycountry."""
    try:
        import pycountry
    except ImportError:
        return {}
    territories = _territories()
    found: dict[str, set[str]] = {}
    for region in pycountry.subdivisions:
        country = territories.get(region.country_code)
        if getattr(region, "parent_code", None) is None and country is not None:
            found.setdefault(region.name, set()).add(country)
    return {name: frozenset(countries) for name, countries in found.items()}


@cache
def _country_names() -> frozenset[str]:
    return frozenset(english for english, kind in places("en").values() if kind == "GPE") & (
        frozenset(_territories().values())
    )


def countries_of(english: str) -> frozenset[str]:
    """The countries a place, by its English name, is or is in: a country itself, the
    country of a CLDR city, of a GeoNames city of ``WORLD_CITY`` people or more, of a
    state or province (California -> United States); none for a place none knows."""
    found = set(_world_cities()[1].get(english, ()))
    found |= _regions().get(english, frozenset())
    city = country_of(english)
    if city is not None:
        found.add(city)
    if english in _country_names():
        found.add(english)
    return frozenset(found)


@cache
def _names_by_english(language: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for name, (english, _) in places(language).items():
        found.setdefault(english, set()).add(name)
    return {english: frozenset(names) for english, names in found.items()}


def names_of(english: str, language: str) -> frozenset[str]:
    """Every name the gazetteer gives the place ``english`` in ``language`` (none for a
    place it does not know)."""
    return _names_by_english(language).get(english, frozenset())
