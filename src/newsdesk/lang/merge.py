"""One canonical entity per person or place, whatever the script.

:class:`CrossScriptIndex` holds known entities (an English name where there is one); a
name in any language is looked up first in its pack's alias table (exonyms, misreadings:
서울 -> Seoul), then by reading: the best match whose sound-alike keys reach the threshold,
of a compatible type, wins. The canonical name shown is the English one where known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdesk.lang.pack import pack_for
from newsdesk.lang.readings import joined, keys_match, sound_keys

__all__ = ["CrossScriptIndex", "KnownEntity", "alias_of", "compatible"]

PLACES = frozenset({"GPE", "LOC", "FAC"})


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
        self._by_prefix: dict[str, set[int]] = {}  # first two letters of a key -> entities

    def add_known(self, names: Iterable[tuple[str, str]], *, language: str = "en") -> None:
        """Seed the index with names the store already has (English names, usually)."""
        for name, kind in names:
            self.entity_of(name, kind, language)

    def _keys(self, name: str, kind: str, language: str) -> frozenset[str]:
        return sound_keys(name, language, person=kind == "PERSON")

    def _find(self, keys: frozenset[str], kind: str, language: str) -> int | None:
        best, best_score = None, 0.0
        plain = {joined(k) for k in keys}
        candidates = {i for k in plain for i in self._by_key.get(k, ())} or {
            i for k in plain for i in self._by_prefix.get(k[:2], ())
        }
        for i in sorted(candidates):
            known = self.entities[i]
            if not compatible(known.type, kind):
                continue
            if any(lang == language for _, lang in known.spellings):
                continue  # same script, different spelling: not this index's call
            score = keys_match(keys, frozenset(known.keys), threshold=self.threshold)
            if score > best_score:
                best, best_score = i, score
        return best

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
                self._by_prefix.setdefault(key[:2], set()).add(index)
            if lookup[1] == "en" and not known.english:
                known.name, known.english = english, True
            if alias is not None:
                known.spellings.add((english, "en"))
                self._by_spelling[(english, "en")] = index
        assert index is not None
        self.entities[index].spellings.add(spelling)
        self._by_spelling[spelling] = index
        return self.entities[index]

    def canonical(self, name: str, kind: str, language: str) -> str:
        """The name shown for ``name``: the English name where the index has one."""
        return self.entity_of(name, kind, language).name
