"""Readings of names and a rough sound-alike key, so one person or place merges across
scripts: 高市早苗, 다카이치 사나에, Sanae Takaichi.

Each pack's module gives the romanised readings of a name written in its language
(Sudachi readings for Japanese, ko-pron for Korean, pinyin for Chinese, the name itself for
English); :func:`sound_keys` folds them into keys where voiced and unvoiced consonants,
long vowels and romanisation habits (ou/oo/uu, eo, x/sh/s, l/r) coincide.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from newsdesk.lang.pack import pack_for

__all__ = ["SHORT_KEY", "keys_match", "readings", "sound_key", "sound_keys"]

SHORT_KEY = 6  # keys shorter than this must match exactly: short names collide
THRESHOLD = 0.85

# applied in order to a lower-case ASCII reading
_FOLDS: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("sch", "sh"),
    ("zh", "j"),
    ("ch", "j"),
    ("sh", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("x", "s"),
    ("q", "j"),
    ("c", "k"),
    ("ph", "p"),
    ("f", "h"),  # fu = hu (Fukuoka, 후쿠오카)
    ("v", "b"),
    ("w", ""),
    ("h", ""),
    ("y", ""),
    ("ee", "i"),
    ("eo", "o"),
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("ae", "e"),
    ("ai", "e"),
    ("ei", "e"),
    ("ie", "i"),
    ("r", "l"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("z", "s"),
    ("j", "s"),
)
_VOICE = re.compile(r"(.)\1+")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()


@lru_cache(maxsize=65536)
def sound_key(reading: str) -> str:
    """The sound-alike key of one romanised reading (spaces and marks dropped)."""
    key = _ascii(reading)
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = re.sub(r"l(?=[^aeiou]|$)", "", key)  # a non-rhotic r/l: Park ~ Bak
    key = re.sub(r"t(?=[kpst])", "", key)  # a closed syllable's t (홋카이도 hotkaido)
    key = key.replace("nk", "n").replace("mp", "np")  # -ng ~ -n (Hong Kong, ホンコン)
    return _VOICE.sub(r"\1", key)


def readings(name: str, language: str) -> list[str]:
    """Romanised readings of ``name`` as written in ``language`` (the name itself without
    a pack)."""
    pack = pack_for(language)
    if pack is None:
        return [name]
    found: list[str] = pack.module.readings(name)
    return found


def sound_keys(name: str, language: str, *, person: bool = False) -> frozenset[str]:
    """Every sound-alike key of ``name``; for a person written with spaces, each order of
    its words too (Sanae Takaichi ~ Takaichi Sanae)."""
    keys: set[str] = set()
    found = readings(name, language)
    for reading in list(found):
        if "eo" in reading:  # Korean eo is written o and e alike (서울 Seoul, 선전 Shenzhen)
            found.append(reading.replace("eo", "e"))
    for reading in found:
        words = [w for w in re.split(r"[\s·・]+", reading) if w]
        orders = [words]
        if person and 1 < len(words) <= 3:
            orders = [list(p) for p in itertools.permutations(words)]
        for order in orders:
            key = sound_key("".join(order))
            if key:
                keys.add(key)
    return frozenset(keys)


def keys_match(a: frozenset[str], b: frozenset[str], *, threshold: float = THRESHOLD) -> float:
    """The best similarity of two key sets (0 when none reaches ``threshold``); keys
    shorter than ``SHORT_KEY`` count only when equal."""
    if a & b:
        return 1.0
    best = 0.0
    for x in a:
        for y in b:
            if min(len(x), len(y)) < SHORT_KEY:
                continue
            score = SequenceMatcher(None, x, y, autojunk=False).ratio()
            if score >= threshold and score > best:
                best = score
    return best
