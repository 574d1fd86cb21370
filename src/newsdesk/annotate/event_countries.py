"""Actors to countries: names, adjectives and capitals from a data file, and people by the
roles the article gives them ("Japanese Prime Minister Sanae Takaichi" → Japan)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Protocol

from newsdesk.annotate.nlp import doc_text

__all__ = ["CountryMap", "countries"]


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@cache
def countries() -> dict[str, Any]:
    path = resources.files("newsdesk.annotate").joinpath("data/events_countries.json")
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _key(text: str) -> str:
    text = re.sub(r"[’']s?$", "", text.strip()).lower()
    return re.sub(r"^the\s+", "", text)


class CountryMap:
    """Country names for one article's actors."""

    def __init__(self, people: dict[str, str]) -> None:
        self._people = people  # canonical name or surname -> country
        self._names: dict[str, str] = countries()["countries"]

    @classmethod
    def learn(cls, doc: Any, entities: Sequence[_Named]) -> CountryMap:
        """Read "<Adjective> <Role> <Name>" and "<Name>, <Country>'s <role>" in the article."""
        names: dict[str, str] = countries()["countries"]
        roles = {r.split()[-1] for r in countries()["roles"]}
        people: dict[str, str] = {}
        for ent in entities:
            if ent.type != "PERSON":
                continue
            words = re.findall(r"[\w.]+", doc_text(doc)[max(0, ent.start - 60) : ent.start])[-5:]
            if not words or words[-1].lower() not in roles:
                continue  # only "<Country-adjective> <Role> <Name>"
            country = _nearest_country(words[:-1], names)
            if country is not None:
                people.setdefault(ent.name, country)
                for part in (ent.name.split()[-1], ent.name.split()[0]):  # Lee Jae-myung
                    people.setdefault(part, country)
        return cls(people)

    def country_of(self, name: str | None) -> str | None:
        if not name:
            return None
        key = _key(name)
        if key in self._names:
            return self._names[key]
        if name in self._people:
            return self._people[name]
        for part in (name.split()[-1], name.split()[0]):
            if part in self._people:
                return self._people[part]
        for word in re.findall(r"[A-Z][\w.]+(?: [A-Z][\w.]+)?", name):
            found = self._names.get(_key(word))
            if found:
                return found  # "Japan's Foreign Ministry", "Chinese Foreign Ministry"
        return None


def _nearest_country(words: list[str], names: dict[str, str]) -> str | None:
    """The country named closest before the role: "South Korean" before "Korean"."""
    for end in range(len(words), 0, -1):
        for size in (3, 2, 1):
            if end - size < 0:
                continue
            found = names.get(" ".join(words[end - size : end]).lower())
            if found:
                return found
    return None
