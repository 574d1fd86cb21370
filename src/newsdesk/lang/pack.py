"""Language packs: what is specific to one language, kept in one folder under ``lang/``.

A folder ``lang/<code>/`` holding a ``pack.json`` is a pack; nothing else registers it.
Its module (``newsdesk.lang.<code>``) offers the pipeline (``entities(text)``) and the
readings of names (``readings(name)``); its data files hold date words (``dates.json``),
quote marks and speech cues (``quotes.json``), stopwords (``stopwords.txt``) and the
hand-kept alias table (``aliases.tsv``: a name as written, its English name, its type);
``pack.json`` names the CLDR locales its place names come from (``"cldr"``, default the
code: ``lang/gazetteer.py``).
Models load lazily, once per process, inside the module's functions.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["LanguagePack", "pack_for", "packs", "supported"]

FOLDER = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """One language's folder: its code, name, scripts and sentence ends (``pack.json``)."""

    code: str
    name: str
    folder: Path
    annotator: str  # "english" (the spaCy English annotator) or "pack" (this pack's rules)
    sentence_ends: str  # characters that end a sentence
    cldr: tuple[str, ...] = ()  # the CLDR locales of its place names (lang/gazetteer.py)

    def data(self, name: str) -> Any:
        """A JSON data file of this pack (``{}`` when the pack has none)."""
        return _json(self.folder / name)

    def words(self, name: str) -> tuple[str, ...]:
        """A word list of this pack, one a line, ``#`` comments skipped."""
        return _lines(self.folder / name)

    def stopwords(self) -> frozenset[str]:
        """The pack's stopwords (``stopwords.txt``: one a line, or several a line by spaces)."""
        return frozenset(w for line in self.words("stopwords.txt") for w in line.split())

    def aliases(self) -> dict[str, tuple[str, str]]:
        """The alias table: name as written -> (English name, type)."""
        return _aliases(self.folder / "aliases.tsv")

    @property
    def module(self) -> ModuleType:
        """``newsdesk.lang.<code>``: ``entities(text)`` and ``readings(name)``."""
        return importlib.import_module(f"newsdesk.lang.{self.code}")


@cache
def _json(path: Path) -> Any:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _lines(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    rows = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(r for r in rows if r and not r.startswith("#"))


@cache
def _aliases(path: Path) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for row in _lines(path):
        parts = row.split("\t")
        if len(parts) >= 3:
            table[parts[0]] = (parts[1], parts[2])
    return table


@cache
def packs() -> dict[str, LanguagePack]:
    """Every pack, by ISO 639-1 code: each folder under ``lang/`` with a ``pack.json``."""
    found: dict[str, LanguagePack] = {}
    for meta in sorted(FOLDER.glob("*/pack.json")):
        info = json.loads(meta.read_text(encoding="utf-8"))
        code = meta.parent.name
        found[code] = LanguagePack(
            code=code,
            name=str(info.get("name", code)),
            folder=meta.parent,
            annotator=str(info.get("annotator", "pack")),
            sentence_ends=str(info.get("sentence_ends", ".!?")),
            cldr=tuple(info.get("cldr", [code])),
        )
    return found


def supported() -> tuple[str, ...]:
    """The codes of the languages that have a pack."""
    return tuple(packs())


def pack_for(language: str | None) -> LanguagePack | None:
    """The pack of ``language`` (``ja``, ``ja-JP``, ``zh-Hant`` …), or None without one."""
    if not language:
        return None
    return packs().get(language.replace("_", "-").split("-")[0].lower())
