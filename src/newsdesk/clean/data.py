"""The cleaner's patterns and word lists, read once from ``clean/data/``.

Data is not code: what counts as a cookie notice, a share counter or a
headline lives in JSON and text files beside this module, so a new kind of
debris is a line in a data file, not a code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["CleanData", "DebrisRule", "TitleShape", "load_data"]


@dataclass(frozen=True, slots=True)
class DebrisRule:
    """Whole-line patterns for one kind of debris and the flags it raises."""

    reason: str
    patterns: tuple[re.Pattern[str], ...]
    max_chars: int
    flags: tuple[str, ...] = ()
    tail_flags: tuple[str, ...] = ()
    starts_list: bool = False

    def matches(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        return any(pattern.fullmatch(line) for pattern in self.patterns)


@dataclass(frozen=True, slots=True)
class TitleShape:
    """How short and how capitalised a headline line is."""

    min_words: int
    max_words: int
    max_chars: int
    small_words: frozenset[str]
    min_capitalised_share: float


@dataclass(frozen=True, slots=True)
class CleanData:
    """Everything the cleaner reads from its data files."""

    rules: tuple[DebrisRule, ...]
    common_words: frozenset[str]
    aggregators: tuple[str, ...]
    wires: dict[str, str]
    outlets: tuple[str, ...]
    roles: frozenset[str]
    copyright_noise: re.Pattern[str]
    byline: re.Pattern[str]
    months: dict[str, int]
    relative_units: dict[str, str]
    relative_words: dict[str, int]
    top_lines: int
    title: TitleShape


def _read_text(name: str) -> str:
    return resources.files("newsdesk.clean").joinpath("data", name).read_text(encoding="utf-8")


def _read_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read_text(name))
    return data


def _rule(raw: dict[str, Any]) -> DebrisRule:
    return DebrisRule(
        reason=raw["reason"],
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["patterns"]),
        max_chars=int(raw.get("max_chars", 200)),
        flags=tuple(raw.get("flags", ())),
        tail_flags=tuple(raw.get("tail_flags", ())),
        starts_list=bool(raw.get("starts_list", False)),
    )


def _word_list(name: str) -> frozenset[str]:
    words = (line.strip().casefold() for line in _read_text(name).splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


@cache
def load_data() -> CleanData:
    """Read and compile the data files (once per process)."""
    debris = _read_json("debris.json")
    sources = _read_json("sources.json")
    dates = _read_json("dates.json")
    title = _read_json("title.json")
    noise = "|".join(sources["copyright_noise"])
    return CleanData(
        rules=tuple(_rule(r) for r in debris["rules"]),
        common_words=_word_list("common_words.txt"),
        aggregators=tuple(sources["aggregators"]),
        wires=dict(sources["wires"]),
        outlets=tuple(sources["outlets"]),
        roles=frozenset(sources["roles"]),
        copyright_noise=re.compile(rf"\b(?:{noise})\b\.?", re.IGNORECASE),
        byline=re.compile(sources["byline"]),
        months={k.casefold(): int(v) for k, v in dates["months"].items()},
        relative_units=dict(dates["relative_units"]),
        relative_words={k: int(v) for k, v in dates["relative_words"].items()},
        top_lines=int(dates["top_lines"]),
        title=TitleShape(
            min_words=int(title["min_words"]),
            max_words=int(title["max_words"]),
            max_chars=int(title["max_chars"]),
            small_words=frozenset(title["small_words"]),
            min_capitalised_share=float(title["min_capitalised_share"]),
        ),
    )
