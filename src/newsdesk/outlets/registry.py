"""The outlet registry in memory: outlets by name, alias and host.

A host is looked up from the most specific name down (``sports.espn.go.com`` tries
itself, then ``espn.go.com``, ``go.com``), so one outlet can own a domain and another a
sub-domain of it. Names and aliases match case-, accent- and punctuation-insensitively,
with or without a leading "The".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

from newsdesk.outlets.csvio import normalise_host, read_outlets_csv
from newsdesk.outlets.model import Outlet

__all__ = ["OutletRegistry", "bundled_outlets", "bundled_text", "name_key"]

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def name_key(text: str) -> str:
    """``"The Asahi Shimbun"`` and ``"asahi shimbun"`` -> one key."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = _PUNCT.sub(" ", folded).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


@cache
def bundled_text() -> str:
    """The bundled data file, as shipped."""
    data = resources.files("newsdesk.outlets") / "data" / "outlets.csv"
    return data.read_text(encoding="utf-8")


def bundled_outlets() -> list[Outlet]:
    """The outlets of the bundled data file (a bad row there is a bug: it raises)."""
    read = read_outlets_csv(bundled_text(), origin="seed")
    if read.errors:
        raise ValueError(f"the bundled outlets file has bad rows: {read.errors[:3]}")
    return read.outlets


class OutletRegistry:
    """Outlets by name, alias and host."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._by_name: dict[str, Outlet] = {}
        self._by_key: dict[str, Outlet] = {}
        self._by_host: dict[str, Outlet] = {}
        for outlet in outlets:
            self.add(outlet)

    @classmethod
    def bundled(cls) -> OutletRegistry:
        return cls(bundled_outlets())

    def add(self, outlet: Outlet) -> None:
        self._by_name[outlet.name.casefold()] = outlet
        for text in (outlet.name, *outlet.aliases):
            self._by_key.setdefault(name_key(text), outlet)
        self._by_key[name_key(outlet.name)] = outlet
        for host in outlet.hosts:
            self._by_host[normalise_host(host)] = outlet

    def __iter__(self) -> Iterator[Outlet]:
        return iter(sorted(self._by_name.values(), key=lambda o: o.name.casefold()))

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Outlet | None:
        """By exact name (any case)."""
        return self._by_name.get(name.casefold())

    def by_name(self, text: str | None) -> Outlet | None:
        """By name or alias, loosely ("the guardian", "Asahi")."""
        if not text:
            return None
        found = self._by_name.get(text.strip().casefold())
        return found or self._by_key.get(name_key(text))

    def by_host(self, host: str | None) -> Outlet | None:
        """By host, the most specific registered name first."""
        if not host:
            return None
        labels = normalise_host(host).split(".")
        for start in range(len(labels) - 1):
            found = self._by_host.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None
