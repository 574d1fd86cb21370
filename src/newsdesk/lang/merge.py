"""One canonical entity per person or place, whatever the script.

:class:`CrossScriptIndex` holds known entities (an English name where there is one); a
name in any language is looked up first in its pack's alias table (exonyms, misreadings:
서울 -> Seoul), then by reading: the best match whose sound-alike keys reach the threshold,
of a compatible type, wins. The canonical name shown is the English one where known.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsdesk.article import Annotations, Entity, Mention
from newsdesk.faults import describe, log
from newsdesk.lang.pack import pack_for
from newsdesk.lang.readings import joined, keys_match, skeleton, sound_keys

__all__ = [
    "NAME_TYPES",
    "CrossScriptIndex",
    "KnownEntity",
    "NameJoiner",
    "alias_of",
    "compatible",
    "is_latin_name",
    "named_entities",
]

PLACES = frozenset({"GPE", "LOC", "FAC"})
# readings of two places only alike (New Delhi ~ Washington 0.857, Finland ~ New England)
# name different places: a place joins on a reading only when its keys are equal or near
PLACE_NEAR = 0.9
MAX_CANDIDATES = 64  # entities compared fuzzily with one name
NAME_TYPES = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"})  # what the index takes
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'\-]*$")


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters (what the index takes as an English name)."""
    return bool(_LATIN.match(name))


def _grams(key: str) -> set[str]:
    return {key[i : i + 3] for i in range(max(1, len(key) - 2))}


def compatible(a: str, b: str) -> bool:
    """Two entity types that can name the same thing (GPE and LOC are both places)."""
    return a == b or (a in PLACES and b in PLACES) or "MISC" in (a, b)


def alias_of(name: str, language: str | None) -> tuple[str, str] | None:
    """(English name, type) of ``name`` in its language's alias table, or None."""
    pack = pack_for(language)
    if pack is None:
        return None
    return pack.aliases().get(name)


@dataclass(slots=True)
class KnownEntity:
    """One entity of the index: its shown name, type, and every key it was seen under."""

    name: str
    type: str
    english: bool
    keys: set[str] = field(default_factory=set)
    spellings: set[tuple[str, str]] = field(default_factory=set)  # (name, language)


class CrossScriptIndex:
    """Entities merged across scripts; ``canonical(name, type, language)`` is the name shown.

    ``aliases=False`` leaves the alias tables out (the bench measures readings alone).
    """

    def __init__(self, *, aliases: bool = True, threshold: float = 0.85) -> None:
        self.aliases = aliases
        self.threshold = threshold
        self.entities: list[KnownEntity] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_spelling: dict[tuple[str, str], int] = {}
        # per language of the spelling a key came from: a name is compared with the others
        self._by_gram: dict[str, dict[str, set[int]]] = {}  # letter trigram -> entities
        self._by_skeleton: dict[str, dict[str, set[int]]] = {}  # consonant skeleton -> entities
        self._by_language: dict[str, set[int]] = {}  # entities with a spelling in a language

    def add_known(self, names: Iterable[tuple[str, str]], *, language: str = "en") -> None:
        """Seed the index with names the store already has (English names, usually)."""
        for name, kind in names:
            self.entity_of(name, kind, language)

    def _keys(self, name: str, kind: str, language: str) -> frozenset[str]:
        return sound_keys(name, language, person=kind == "PERSON")

    def _find(self, keys: frozenset[str], kind: str, language: str) -> int | None:
        best, best_score = None, 0.0
        plain = {joined(k) for k in keys}
        candidates = {i for k in plain for i in self._by_key.get(k, ())}
        if not candidates:
            candidates = self._similar(plain, language)
        # an entity already spelled in this language is another one (variants of one
        # script are merged before: names.py, the packs' full names)
        candidates -= self._by_language.get(language, set())
        for i in sorted(candidates):
            known = self.entities[i]
            if not compatible(known.type, kind):
                continue
            score = keys_match(keys, known.keys, threshold=self.threshold)
            if score < PLACE_NEAR and (kind in PLACES or known.type in PLACES):
                continue  # a place whose reading is only similar: another place
            if score > best_score:
                best, best_score = i, score
        return best

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
        found.update(i for i, _ in shared.most_common(MAX_CANDIDATES))
        return found

    def entity_of(self, name: str, kind: str, language: str) -> KnownEntity:
        """The entity ``name`` names: found (by alias, then reading) or added."""
        spelling = (name, language)
        if spelling in self._by_spelling:
            return self.entities[self._by_spelling[spelling]]
        english, found_kind = name, kind
        alias = alias_of(name, language) if self.aliases else None
        if alias is not None:
            english, found_kind = alias
        if alias is not None and (english, "en") in self._by_spelling:
            index: int | None = self._by_spelling[(english, "en")]
        else:
            lookup = (english, "en") if alias is not None else spelling
            keys = self._keys(lookup[0], found_kind, lookup[1])
            index = self._find(keys, found_kind, lookup[1])
            if index is None:
                self.entities.append(
                    KnownEntity(name=english, type=found_kind, english=lookup[1] == "en")
                )
                index = len(self.entities) - 1
            known = self.entities[index]
            known.keys |= keys
            for key in map(joined, keys):
                self._by_key.setdefault(key, []).append(index)
                by_skeleton = self._by_skeleton.setdefault(lookup[1], {})
                by_skeleton.setdefault(skeleton(key), set()).add(index)
                by_gram = self._by_gram.setdefault(lookup[1], {})
                for gram in _grams(key):
                    by_gram.setdefault(gram, set()).add(index)
            if lookup[1] == "en" and not known.english:
                known.name, known.english = english, True
            if alias is not None:
                self._spell(index, (english, "en"))
        assert index is not None
        self._spell(index, spelling)
        return self.entities[index]

    def _spell(self, index: int, spelling: tuple[str, str]) -> None:
        self.entities[index].spellings.add(spelling)
        self._by_spelling[spelling] = index
        self._by_language.setdefault(spelling[1], set()).add(index)

    def canonical(self, name: str, kind: str, language: str) -> str:
        """The name shown for ``name``: the English name where the index has one."""
        return self.entity_of(name, kind, language).name


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
        pairs = zip(written, notes.entities, strict=True)
        joined = [index.canonical(w, m.type, language) for w, m in pairs]
        shown: dict[str, str] = {}  # the name as written -> its canonical name
        for mention, before, after in zip(notes.entities, written, joined, strict=True):
            mention.canonical = after
            shown.setdefault(before, after)
        for quote in notes.quotes:
            if quote.speaker is not None:
                quote.speaker = shown.get(quote.speaker, quote.speaker)
        notes.named = named_entities(notes.entities)


def _route(language: str | None) -> str:
    """``english``, ``pack`` or ``unsupported``, as the annotator routes a language."""
    if not language:
        return "english"
    pack = pack_for(language)
    if pack is None:
        return "unsupported"
    return "english" if pack.annotator == "english" else "pack"
