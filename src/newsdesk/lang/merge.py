"""One canonical entity per person or place, whatever the script.

:class:`CrossScriptIndex` holds known entities (an English name where there is one); a
name in any language is looked up first in its pack's alias table (exonyms, misreadings:
서울 -> Seoul), then, for a place, in the CLDR gazetteer (``lang/gazetteer.py``: 芬兰 ->
Finland), then by reading: the best match whose sound-alike keys reach the threshold, of a
compatible type, wins. The canonical name shown is the English one where known.

Places are exonyms more than sounds, so a place joins another on a reading only when
- the keys are equal or near (``PLACE_NEAR``: New Delhi ~ Washington are only alike);
- a short name (two syllables or fewer, or keys too short to be fuzzy) meets an entity
  with an English name (湖北 ~ Hubei, 도쿄 ~ Tokyo, 광저우 ~ Guangzhou and 広州), or one
  written in the same characters (中国 in ja and zh), never one known only in other
  scripts, where both readings are guesses (希腊 xila ~ シエラ shiera, 波斯 bosi ~ 부시);
- neither is a place the gazetteer (or an alias table) knows under another English name
  or calls otherwise in that language (Pyongyang is 平壤 in Chinese, not 芬兰, which read
  the Korean way, bunnan, sounds like it).

A place name the gazetteer knows may still name two places: two English names that sound
alike are written alike in another script (Auckland and Oakland are both オークランド and
奥克兰; Santiago and San Diego both 圣地亚哥). When the index knows, in English, a place
whose name sounds like the gazetteer's answer, a city (``RIVAL_NEAR``), that the name reads as
(``RIVAL_READING``) and that the gazetteer does not call otherwise in that language, the
name is a guess between them (:meth:`CrossScriptIndex.choices`): it joins the one the
article's other places point to (a place named beside it in the index's English articles,
a city's country: 加利福尼亚 beside 奥克兰 -> Oakland, 新西兰 -> Auckland), and stays as
written when none or both are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from newsdesk.article import Annotations, Entity, Mention
from newsdesk.faults import describe, log
from newsdesk.lang.gazetteer import (
    PLACE_TYPES,
    cities_named,
    countries_of,
    country_of,
    english_place,
    names_of,
    place_of,
)
from newsdesk.lang.pack import pack_for, packs
from newsdesk.lang.readings import (
    SHORT_KEY,
    end_words,
    joined,
    keys_match,
    one_word,
    short_name,
    skeleton,
    sound_keys,
    syllables,
    word_fits,
    word_skeleton,
    words_match,
)

__all__ = [
    "NAME_TYPES",
    "CrossScriptIndex",
    "KnownEntity",
    "NameJoiner",
    "alias_of",
    "body_kind",
    "compatible",
    "is_latin_name",
    "named_entities",
    "other_place",
]

PLACES = frozenset({"GPE", "LOC", "FAC"})
# readings of two places only alike (New Delhi ~ Washington 0.857, Finland ~ New England)
# name different places: a place joins on a reading only when its keys are equal or near
PLACE_NEAR = 0.9
MAX_CANDIDATES = 64  # entities compared fuzzily with one name
# a reading joins only when no other entity reads nearly as alike: a name between two
# (one a little nearer) is a guess between them
MARGIN = 0.03
SHORT_SYLLABLES = 2  # a name of so few syllables read by guess meets unrelated names
# two English place names this alike (Auckland ~ Oakland 0.86, Santiago ~ San Diego 0.93)
# are written alike in another script: the gazetteer's answer for that spelling is a guess
RIVAL_NEAR = 0.85
RIVAL_READING = 0.6  # ... when the name, read, is about as like the other place's name
NEAR_PLACES = 32  # places of one article taken as named beside each other
NEAR_KEPT = 256  # places kept as named beside one place (a run's memory stays bounded)
# the heads of names of bodies (parties, associations, companies, universities): a name
# that ends in one names a body, whatever the reader typed it (민주당 read as a person
# with the surname 민: the Democratic Party); a person's name never joins it by sound
BODY_HEADS: dict[str, tuple[str, ...]] = {
    "ko": ("당", "협회", "연합", "위원회", "그룹", "은행", "대학교", "대학", "방송", "신문",
           "통신", "공사", "기구"),
    "zh": ("党", "协会", "委员会", "集团", "银行", "大学", "公司", "联盟", "政府", "电视台"),
    "ja": ("党", "協会", "委員会", "銀行", "大学", "新聞", "放送", "政府", "連盟"),
}  # fmt: skip
NAME_TYPES = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"})  # what the index takes
# a body's or a person's initials (ICE, BBC): read letter by letter, not as a word, so no
# reading of another script's name (英超 yingchao) is theirs
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,5}$")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'\-]*$")


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters (what the index takes as an English name)."""
    return bool(_LATIN.match(name))


@dataclass(frozen=True, slots=True)
class _Lookup:
    """A name being looked up: as written, the English name of the place it is known as
    (gazetteer, alias table), whether it is short, and whether in Latin letters."""

    spelling: tuple[str, str]
    place: str | None
    short: bool
    latin: bool  # written in Latin letters: its reading is its spelling


def _long(keys: Iterable[str]) -> set[str]:
    """The keys long enough to match fuzzily."""
    return {k for k in keys if len(joined(k)) >= SHORT_KEY}


@cache
def _hand_english() -> frozenset[str]:
    """The English names of the places in the hand-kept alias tables."""
    return frozenset(e for pack in packs().values() for e in _hand_places(pack.code))


def _one_name(a: KnownEntity, b: KnownEntity) -> bool:
    """Two entries that are one name shown in two forms (Obama, Barack Obama): they share
    a word; a reading between them is no guess between two people."""
    words = set(a.name.casefold().split())
    return bool(words & set(b.name.casefold().split()))


def _grams(key: str) -> set[str]:
    return {key[i : i + 3] for i in range(max(1, len(key) - 2))}


def compatible(a: str, b: str) -> bool:
    """Two entity types that can name the same thing (GPE and LOC are both places)."""
    return a == b or (a in PLACES and b in PLACES) or "MISC" in (a, b)


def body_kind(name: str, kind: str, language: str) -> str:
    """``kind``, or ORG for a name typed PERSON that ends in the head of a body's name
    (민주당, 共产党: a party), with at least a character before it."""
    if kind != "PERSON":
        return kind
    plain = name.strip()
    for head in BODY_HEADS.get(language, ()):
        if plain.endswith(head) and len(plain) > len(head) + 1:
            return "ORG"
    return kind


def alias_of(
    name: str,
    language: str | None,
    kind: str | None = None,
    *,
    hand: bool = True,
    gazetteer: bool = True,
) -> tuple[str, str] | None:
    """(English name, type) of ``name`` in its language's hand-kept alias table, else, for
    a place (``kind`` GPE or LOC: never a person), in the CLDR gazetteer; or None."""
    pack = pack_for(language)
    if pack is None:
        return None
    found = pack.aliases().get(name) if hand else None
    if found is None and gazetteer and kind in PLACE_TYPES and pack.annotator != "english":
        found = place_of(name, pack.code)
    return found


@cache
def _hand_places(language: str) -> dict[str, frozenset[str]]:
    """English name -> the names the hand-kept alias table gives that place."""
    pack = pack_for(language)
    found: dict[str, set[str]] = {}
    for name, (english, kind) in (pack.aliases() if pack is not None else {}).items():
        if kind in PLACES:
            found.setdefault(english, set()).add(name)
    return {english: frozenset(names) for english, names in found.items()}


def other_place(name: str, language: str, english: str) -> bool:
    """``name`` written in ``language`` is known to name a place other than ``english``:
    the alias table or gazetteer gives it another English name, or calls ``english``
    otherwise in that language (Pyongyang is 平壤 in Chinese: 芬兰 is another place), and
    ``name`` is no variant of what it calls it (:func:`_variant`)."""
    pack = pack_for(language)
    if pack is None:
        return False
    if pack.annotator == "english":
        own = english_place(name)
        return own is not None and own != english
    alias = alias_of(name, pack.code, "GPE")
    if alias is not None:
        return alias[0] != english
    names = names_of(english, pack.code) | _hand_places(pack.code).get(english, frozenset())
    return bool(names) and not any(_variant(name, n) for n in names)


def _variant(name: str, known: str) -> bool:
    """``name`` is ``known`` written a little otherwise: one character added (ソウル市), or,
    in a name of three or more, one changed (内罗比 for 内罗毕: transliterations vary)."""
    if name.startswith(known) and len(name) - len(known) <= 1:
        return True
    if len(name) != len(known) or len(name) < 3:
        return False
    return sum(a != b for a, b in zip(name, known, strict=True)) == 1


@dataclass(slots=True)
class KnownEntity:
    """One entity of the index: its shown name, type, and every key it was seen under."""

    name: str
    type: str
    english: bool
    keys: set[str] = field(default_factory=set)
    spellings: set[tuple[str, str]] = field(default_factory=set)  # (name, language)
    place: str | None = None  # the English name the gazetteer or an alias table gives it


class CrossScriptIndex:
    """Entities merged across scripts; ``canonical(name, type, language)`` is the name shown.

    ``aliases=False`` leaves the alias tables out (the bench measures readings alone);
    ``gazetteer`` (by default as ``aliases``) the CLDR place names.
    """

    def __init__(
        self, *, aliases: bool = True, gazetteer: bool | None = None, threshold: float = 0.85
    ) -> None:
        self.aliases = aliases
        self.gazetteer = aliases if gazetteer is None else gazetteer
        self.threshold = threshold
        self.entities: list[KnownEntity] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_spelling: dict[tuple[str, str], int] = {}
        # per language of the spelling a key came from: a name is compared with the others
        self._by_gram: dict[str, dict[str, set[int]]] = {}  # letter trigram -> entities
        self._by_skeleton: dict[str, dict[str, set[int]]] = {}  # consonant skeleton -> entities
        self._by_language: dict[str, set[int]] = {}  # entities with a spelling in a language
        self._near: dict[str, set[str]] = {}  # English place -> places named beside it
        self._as_written: dict[tuple[str, str], KnownEntity] = {}  # ambiguous, unjoined
        # people's full names by their last word, the surname a short form of them keeps
        self._by_end_word: dict[str, set[int]] = {}  # word skeleton -> entities
        self._end_words: dict[int, set[str]] = {}  # entity -> keys of those words

    def add_known(self, names: Iterable[tuple[str, str]], *, language: str = "en") -> None:
        """Seed the index with names the store already has (English names, usually)."""
        for name, kind in names:
            self.entity_of(name, kind, language)

    def learn_places(self, names: Iterable[str]) -> None:
        """Places (English names) one article names together: the context that tells
        which of two places an ambiguous name means (:meth:`choices`)."""
        places = list(dict.fromkeys(n for n in names if is_latin_name(n.strip())))
        places = places[:NEAR_PLACES]
        for name in places:
            near = self._near.setdefault(name, set())
            for place in places:
                if len(near) >= NEAR_KEPT:
                    break
                if place != name:
                    near.add(place)

    def choices(self, name: str, kind: str, language: str) -> tuple[str, ...]:
        """The English places ``name`` (a place in a pack's language) may mean when it is
        ambiguous: the gazetteer's answer, then each city of another country GeoNames
        writes so (:func:`cities_named`: 奥克兰 is Oakland too), then each place the index
        knows in English that is written alike in that script (:meth:`_rivals`); ``()``
        when it means one place or none the gazetteer knows. Only a city's name is: a
        country's name in another
        script is an exonym of its own (ポーランド is Poland, Portland ポートランド), a city's
        its sounds written down, which two cities may share. A name of the hand-kept alias
        table is never a guess."""
        if not self.gazetteer or kind not in PLACE_TYPES or is_latin_name(name.strip()):
            return ()
        pack = pack_for(language)
        if pack is None or pack.annotator == "english":
            return ()
        if self.aliases and name in pack.aliases():
            return ()
        found = place_of(name, pack.code)
        home = country_of(found[0]) if found is not None else None
        if found is None or home is None:
            return ()
        rivals = sorted({y for y, country in cities_named(name) if country != home} - {found[0]})
        rivals += [y for y in self._rivals(found[0], name, pack.code, home) if y not in rivals]
        return (found[0], *rivals) if rivals else ()

    def _rivals(self, english: str, name: str, language: str, home: str) -> list[str]:
        """The places the index knows in English, other than ``english``, whose names
        sound like it (``RIVAL_NEAR``), that ``name`` reads as (``RIVAL_READING``), and that
        neither share a word with it (Santiago de Chile is Santiago), nor are known in its
        country ``home`` (Kiev is Kyiv), nor have a name of their own in ``language`` (the
        gazetteer's, an alias table's: Australia is not 奥地利, Austria)."""
        keys = self._keys(english, "GPE", "en")
        plain = {joined(k) for k in keys}
        by_skeleton = self._by_skeleton.get("en", {})
        near = {i for k in plain for i in self._by_key.get(k, ())}
        near.update(i for k in plain for i in by_skeleton.get(skeleton(k), ()))
        reading = self._keys(name, "GPE", language)
        words = set(english.casefold().split())
        rivals: list[str] = []
        for i in sorted(near):
            known = self.entities[i]
            other = known.name
            if not known.english or known.type not in PLACES or other in (english, *rivals):
                continue
            if words & set(other.casefold().split()) or known.place == english:
                continue
            if names_of(other, language) or other in _hand_places(language):
                continue
            if home in countries_of(other):
                continue
            theirs = self._keys(other, "GPE", "en")
            if keys_match(keys, theirs, threshold=0.0) < RIVAL_NEAR:
                continue
            if reading and keys_match(reading, theirs, threshold=0.0) < RIVAL_READING:
                continue
            rivals.append(other)
        return rivals

    def _choose(
        self, name: str, kind: str, language: str, choices: tuple[str, ...], context: frozenset[str]
    ) -> KnownEntity:
        """The entity of the one place of ``choices`` the article's other places point
        to: itself, a place named beside it before (:meth:`learn_places`), or its country
        (named, or the country of a place named: California -> United States: Oakland);
        ``name`` as written when none or several are."""
        countries = {c for p in context for c in self._countries_named(p, language)}
        pointed = [
            c
            for c in choices
            if c in context
            or context & self._near.get(c, set())
            or countries & self._countries(c, name, choices[0])
        ]
        if len(pointed) == 1:
            found = place_of(name, language) if pointed[0] == choices[0] else None
            return self.entity_of(pointed[0], found[1] if found else kind, "en")
        key = (name, language)
        if key not in self._as_written:
            self._as_written[key] = KnownEntity(name=name, type=kind, english=False)
        return self._as_written[key]

    @staticmethod
    def _countries_named(place: str, language: str) -> frozenset[str]:
        """The countries a place of the article's context is or is in: by its English
        name, or, written in ``language``, by the gazetteer's (CLDR's, GeoNames' cities':
        ミネアポリス -> Minneapolis, United States)."""
        if is_latin_name(place.strip()):
            return countries_of(place)
        found = {country for _, country in cities_named(place)}
        known = place_of(place, language)
        if known is not None:
            found |= countries_of(known[0])
        return frozenset(found)

    @staticmethod
    def _countries(choice: str, name: str, first: str) -> frozenset[str]:
        """The country of the city ``choice`` of ``name``'s choices: the CLDR city's (the
        gazetteer's answer, ``first``), the GeoNames city's, else any its name is in."""
        if choice == first:
            home = country_of(choice)
            return frozenset({home} if home is not None else ())
        found = frozenset(country for y, country in cities_named(name) if y == choice)
        return found or countries_of(choice)

    def _keys(self, name: str, kind: str, language: str) -> frozenset[str]:
        if kind not in PLACES and _ACRONYM.match(name.strip()):
            return frozenset()  # spelled letter by letter: joins by its alias table only
        return sound_keys(name, language, person=kind == "PERSON")

    def _find(self, keys: frozenset[str], kind: str, language: str, lookup: _Lookup) -> int | None:
        """The entity ``keys`` read as, of a compatible type; None when none reads alike
        enough, or when another reads nearly as alike (``MARGIN``: a guess between two)."""
        plain = {joined(k) for k in keys}
        candidates = {i for k in plain for i in self._by_key.get(k, ())}
        if not candidates:
            candidates = self._similar(plain, language)
        # an entity already spelled in this language is another one (variants of one
        # script are merged before: names.py, the packs' full names)
        candidates -= self._by_language.get(language, set())
        scored: list[tuple[float, int]] = []
        for i in sorted(candidates):
            known = self.entities[i]
            if not compatible(known.type, kind):
                continue
            score = keys_match(keys, known.keys, threshold=self.threshold)
            if not score:
                continue
            if kind in PLACES or known.type in PLACES:
                if score < PLACE_NEAR or not self._same_place(keys, known, lookup):
                    continue  # a place whose reading is only alike, or one known as another
            elif not self._not_guessed(keys, known, lookup, score):
                continue
            scored.append((score, i))
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0], item[1]))  # ties to the entity known first
        best_score, best = scored[0]
        if best_score < 1.0 and any(
            score >= best_score - MARGIN and not _one_name(self.entities[best], self.entities[i])
            for score, i in scored[1:]
        ):
            return None  # two entities read about as alike: a guess between them
        return best

    def _not_guessed(
        self, keys: frozenset[str], known: KnownEntity, lookup: _Lookup, score: float
    ) -> bool:
        """A name that is no place may join ``known`` on a reading: always when either
        is written in Latin letters (one reading is the spelling; a Latin name in a
        Chinese text too) or both in the same characters. When both readings are
        guesses, never when either name has two syllables or fewer (蔡奇 caiqi ~ ケージ
        keeji, 리히터 ~ リード: a short reading meets unrelated names), and only on
        equal keys or keys that agree word by word
        (ドナルド・トランプ, 도널드 트럼프): a likeness of two runs of sounds is none
        (공화당 gonghwadang ~ 共产党 gongchandang)."""
        if lookup.latin or known.english:
            return True
        if any(
            name == lookup.spelling[0] or is_latin_name(name.strip()) for name, _ in known.spellings
        ):
            return True  # the same characters, or Latin letters in a zh text (Bowen)
        few = [syllables(n) for n in (lookup.spelling[0], *(n for n, _ in known.spellings))]
        if any(n is not None and n <= SHORT_SYLLABLES for n in few):
            return False
        return score >= 1.0 or words_match(keys, known.keys, threshold=self.threshold) > 0

    def _same_place(self, keys: frozenset[str], known: KnownEntity, lookup: _Lookup) -> bool:
        """Whether a place whose keys meet ``known``'s may be it: a short name only when
        spelled the same letter for letter; never when either is known (gazetteer, alias
        table) as another place."""
        short = lookup.short or not keys_match(_long(keys), _long(known.keys))
        if short and not lookup.latin and not known.english:
            written = lookup.spelling[0]  # the same characters are no guess (中国 ja, zh)
            if not any(name == written for name, _ in known.spellings):
                return False  # two guessed readings of short names (xila, shiera)
        if not self.gazetteer:
            return True
        if lookup.place is not None and any(
            other_place(n, lang, lookup.place) for n, lang in known.spellings
        ):
            return False
        return known.place is None or not other_place(*lookup.spelling, known.place)

    def _similar(self, plain: set[str], language: str) -> set[int]:
        """Entities spelled in other languages that may match fuzzily: the same consonant
        skeleton, or a good share of the same letter trigrams (at most ``MAX_CANDIDATES`` of
        those, the most shared)."""
        others = [lang for lang in self._by_gram if lang != language]
        found = {
            i
            for k in plain
            for lang in others
            for i in self._by_skeleton[lang].get(skeleton(k), ())
        }
        shared: Counter[int] = Counter()
        for key in plain:
            grams = _grams(key)
            counts: Counter[int] = Counter()
            for gram in grams:
                for lang in others:
                    counts.update(self._by_gram[lang].get(gram, ()))
            least = max(2, len(grams) // 3)
            for i, n in counts.items():
                if n >= least:
                    shared[i] = max(shared[i], n)
        # the most shared first, ties to the entity known first: never to the order the
        # keys' and trigrams' sets iterate in, which follows the process's string hash
        # seed (the same page was joined to another name in one run of six)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        found.update(i for i, _ in ranked[:MAX_CANDIDATES])
        return found

    def entity_of(
        self, name: str, kind: str, language: str, *, context: Iterable[str] = ()
    ) -> KnownEntity:
        """The entity ``name`` names: found (by alias, then reading) or added. A place
        that may name two (:meth:`choices`) is decided by ``context``, the names of the
        other places in its article (as written and as joined)."""
        choices = self.choices(name, kind, language)
        if choices:
            return self._choose(name, kind, language, choices, frozenset(context) - {name})
        spelling = (name, language)
        kind = body_kind(name, kind, language)  # a party typed PERSON is no person
        alias = self._alias(name, kind, language)
        if kind == "PERSON" and alias is None:
            full = self._full_name_of(name, language)
            if full is not None:
                return self.entities[full]
        if spelling in self._by_spelling:
            return self.entities[self._by_spelling[spelling]]
        english, found_kind = name, kind
        if alias is not None:
            english, found_kind = alias
        index = self._by_spelling.get((english, "en")) if alias is not None else None
        if index is not None and not compatible(self.entities[index].type, found_kind):
            index = None  # the English spelling is another kind of thing's (a person)
        if index is None:
            lookup_name, lookup_lang = (english, "en") if alias is not None else spelling
            keys = self._keys(lookup_name, found_kind, lookup_lang)
            lookup = _Lookup(
                spelling=spelling,
                place=self._place(english if alias is not None else name, found_kind, language),
                short=short_name(lookup_name, keys),
                latin=is_latin_name(lookup_name.strip()),
            )
            index = self._find(keys, found_kind, lookup_lang, lookup)
            if index is None:
                self.entities.append(
                    KnownEntity(name=english, type=found_kind, english=lookup_lang == "en")
                )
                index = len(self.entities) - 1
            self._learn(index, keys, lookup_lang)
            known = self.entities[index]
            if lookup_lang == "en" and not known.english:
                known.name, known.english = english, True
            if alias is not None and (english, "en") not in self._by_spelling:
                self._spell(index, (english, "en"))
        self._spell(index, spelling)
        return self.entities[index]

    def _full_name_of(self, name: str, language: str) -> int | None:
        """The one person's full name a name of one word is the surname of (ボーエン,
        Bowen -> Mark Bowen, マーク・ボーエン), in any script written in sounds; None when no
        full name or two fit (Mark Bowen, Chris Bowen: a guess between them). Asked at each
        lookup, never remembered: which full names fit is whatever the index knows then,
        whichever came first, the short form or the full name."""
        keys = one_word(name, language)
        candidates = {i for k in keys for i in self._by_end_word.get(word_skeleton(k), ())}
        fits = {
            i
            for i in candidates
            if self.entities[i].type == "PERSON"
            and any(word_fits(k, w) for k in keys for w in self._end_words[i])
        }
        if len(fits) != 1:
            return None
        found = fits.pop()
        known = self.entities[found]
        # one side read as spelled, or the same characters (ハリントン, グレース・ハリントン):
        # two guessed readings of kana and Hangul (サベージ, 스티브 잡스) meet unrelated names
        written = name.strip()
        if is_latin_name(written) or known.english:
            return found
        spelled = any(
            is_latin_name(n.strip()) or n.strip().endswith(written) for n, _ in known.spellings
        )
        return found if spelled else None

    def _alias(self, name: str, kind: str, language: str) -> tuple[str, str] | None:
        return alias_of(name, language, kind, hand=self.aliases, gazetteer=self.gazetteer)

    def _place(self, name: str, kind: str, language: str) -> str | None:
        """The English name of a place the gazetteer or an alias table knows, or None."""
        if not self.gazetteer or kind not in PLACES:
            return None
        if pack_for(language) is None or language == "en" or is_latin_name(name):
            return english_place(name) or (name if name in _hand_english() else None)
        alias = alias_of(name, language, "GPE")
        return alias[0] if alias is not None else None

    def _learn(self, index: int, keys: frozenset[str], language: str) -> None:
        known = self.entities[index]
        known.keys |= keys
        for key in map(joined, keys):
            self._by_key.setdefault(key, []).append(index)
            by_skeleton = self._by_skeleton.setdefault(language, {})
            by_skeleton.setdefault(skeleton(key), set()).add(index)
            by_gram = self._by_gram.setdefault(language, {})
            for gram in _grams(key):
                by_gram.setdefault(gram, set()).add(index)

    def _spell(self, index: int, spelling: tuple[str, str]) -> None:
        known = self.entities[index]
        known.spellings.add(spelling)
        self._by_spelling[spelling] = index
        self._by_language.setdefault(spelling[1], set()).add(index)
        if known.type == "PERSON":
            for key in end_words(*spelling):
                self._end_words.setdefault(index, set()).add(key)
                self._by_end_word.setdefault(word_skeleton(key), set()).add(index)
        if known.place is None:
            known.place = self._place(spelling[0], known.type, spelling[1])

    def canonical(self, name: str, kind: str, language: str, *, context: Iterable[str] = ()) -> str:
        """The name shown for ``name``: the English name where the index has one."""
        return self.entity_of(name, kind, language, context=context).name


def named_entities(mentions: Iterable[Mention]) -> list[Entity]:
    """The entities ``mentions`` name (by canonical name, first mention's type), each with
    its mention count and the other spellings it was written in, in order of first mention."""
    named: dict[str, Entity] = {}
    for mention in mentions:
        name = mention.canonical or mention.text
        entity = named.setdefault(name, Entity(name=name, type=mention.type))
        entity.mentions += 1
        if mention.text != entity.name and mention.text not in entity.aliases:
            entity.aliases.append(mention.text)
    return list(named.values())


class NameJoiner:
    """The cross-script join as a global stage: one index for the whole run, in the parent.

    The per-article annotators leave a name in a pack's language under the name as written
    (the full form of a short one); ``join`` then gives it its canonical name here, in store
    order, so what an article is annotated with never depends on which worker read it, on
    what that worker read before, or on where the batches were cut. The index knows the names
    ``known()`` gives (the store's, read once, when the first article in a pack's language
    comes) and every English name joined before, and learns the names it is given.

    In one call the English articles are learned first (the English twin of a page in the
    same group names it), then the others are joined in order.
    """

    def __init__(
        self,
        known: Callable[[], Iterable[tuple[str, str]]] | None = None,
        *,
        index: CrossScriptIndex | None = None,
    ) -> None:
        self.index = index if index is not None else CrossScriptIndex()
        self._known = known
        self._pending: list[tuple[str, str]] = []  # English names not in the index yet
        self._seeded = known is None

    def join(self, found: Iterable[tuple[Annotations, str | None]]) -> None:
        """Each ``(annotations, language)`` in place: English ones taught, others joined."""
        group = list(found)
        for notes, language in group:
            if _route(language) == "english":
                self._pending += [(e.name, e.type) for e in notes.named]
                self.index.learn_places(e.name for e in notes.named if e.type in PLACES)
        for notes, language in group:
            if _route(language) == "pack" and notes.entities:
                try:
                    self._join_one(notes, language or "")
                except Exception as exc:  # that article keeps its names as written
                    log.warning("names not joined across scripts: %s", describe(exc))

    def _ready(self) -> CrossScriptIndex:
        """The index with the store's names and the English names met so far, in order."""
        if not self._seeded:
            self._seeded = True
            assert self._known is not None
            self._pending[:0] = list(self._known())
        if self._pending:
            self.index.add_known(
                (n, t) for n, t in self._pending if t in NAME_TYPES and is_latin_name(n)
            )
            self._pending = []
        return self.index

    def _join_one(self, notes: Annotations, language: str) -> None:
        index = self._ready()
        written = [m.canonical or m.text for m in notes.entities]
        # a place that may name two is joined last, by the article's other places
        later = {
            (w, m.type)
            for w, m in zip(written, notes.entities, strict=True)
            if index.choices(w, m.type, language)
        }
        first: dict[tuple[str, str], str] = {}
        for w, m in zip(written, notes.entities, strict=True):
            if (w, m.type) not in later and (w, m.type) not in first:
                first[(w, m.type)] = index.canonical(w, m.type, language)
        places = [(w, first.get((w, k))) for w, k in first if k in PLACES]
        context = {n for pair in places for n in pair if n is not None}
        joined = [
            first.get((w, m.type)) or index.canonical(w, m.type, language, context=context)
            for w, m in zip(written, notes.entities, strict=True)
        ]
        shown: dict[str, str] = {}  # the name as written -> its canonical name
        for mention, before, after in zip(notes.entities, written, joined, strict=True):
            mention.canonical = after
            shown.setdefault(before, after)
        for quote in notes.quotes:
            if quote.speaker is not None:
                quote.speaker = shown.get(quote.speaker, quote.speaker)
        notes.named = named_entities(notes.entities)
        index.learn_places(e.name for e in notes.named if e.type in PLACES)


def _route(language: str | None) -> str:
    """``english``, ``pack`` or ``unsupported``, as the annotator routes a language."""
    if not language:
        return "english"
    pack = pack_for(language)
    if pack is None:
        return "unsupported"
    return "english" if pack.annotator == "english" else "pack"
