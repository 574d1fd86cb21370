"""The outlet record and the vocabularies it is checked against.

An outlet is who publishes: a name, the hosts and feeds it publishes on, its country
(ISO 3166-1 alpha-2), its languages (ISO 639-1), its kind and owner, and a note saying
where the facts come from. Bad input (an unknown country, language or kind) is refused
with the valid values, so a typo never becomes a new country.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from newsdesk.errors import UsageError

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Outlet",
    "OutletInputError",
    "check_country",
    "check_kind",
    "check_language",
    "countries",
    "country_adjective",
    "country_name",
    "group_label",
    "languages",
]

KINDS = ("wire", "public_broadcaster", "state", "private", "aggregator", "blog")
KIND_LABELS = {
    "wire": "wires and agencies",
    "public_broadcaster": "public broadcasters",
    "state": "state media",
    "private": "private outlets",
    "aggregator": "aggregators",
    "blog": "blogs",
}
# babel's territories that are not ISO 3166-1 countries (regions, groupings, test codes)
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


class OutletInputError(UsageError):
    """An outlet field that is not one of the valid values (the message lists them)."""

    code = "E430"


@dataclass(slots=True, frozen=True)
class Outlet:
    """One outlet of the registry."""

    name: str
    hosts: tuple[str, ...] = ()
    country: str | None = None
    languages: tuple[str, ...] = ()
    kind: str = "private"
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    source: str | None = None
    origin: str = "seed"  # "seed" (the bundled file) | "user" (set or imported)
    feeds: tuple[str, ...] = field(default=())

    def with_(self, **changes: object) -> Outlet:
        return replace(self, **changes)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "hosts": list(self.hosts),
            "country": self.country,
            "country_name": country_name(self.country) if self.country else None,
            "languages": list(self.languages),
            "kind": self.kind,
            "owner": self.owner,
            "aliases": list(self.aliases),
            "notes": self.notes,
            "source": self.source,
            "origin": self.origin,
        }


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name (from CLDR, through babel)."""
    from babel import Locale

    names = Locale("en").territories
    return {
        code: names[code]
        for code in sorted(names)
        if len(code) == 2 and code.isalpha() and code not in _NOT_ISO
    }


@cache
def languages() -> dict[str, str]:
    """ISO 639-1 code -> English name (from CLDR, through babel)."""
    from babel import Locale

    names = Locale("en").languages
    return {code: names[code] for code in sorted(names) if len(code) == 2 and code.isalpha()}


@cache
def _adjectives() -> dict[str, str]:
    data = resources.files("newsdesk.outlets") / "data" / "adjectives.json"
    loaded: dict[str, str] = json.loads(data.read_text(encoding="utf-8"))
    return loaded


def country_name(code: str | None) -> str:
    if not code:
        return "unknown country"
    return countries().get(code.upper(), code.upper())


def country_adjective(code: str) -> str | None:
    """ "Japanese" for JP, where known."""
    return _adjectives().get(code.upper())


def group_label(by: str, key: str) -> str:
    """How a reader names a group of outlets: "Japanese outlets", "state media"."""
    if by == "country":
        adjective = country_adjective(key)
        return f"{adjective} outlets" if adjective else f"outlets from {country_name(key)}"
    if by == "kind":
        return KIND_LABELS.get(key, key)
    if by == "language":
        return f"{languages().get(key, key)}-language outlets"
    if by == "country_kind":
        country, _, kind = key.partition("/")
        adjective = country_adjective(country) or country_name(country)
        noun = KIND_LABELS.get(kind, kind)
        return f"{adjective} {noun}"
    return key


def _listing(values: list[str], limit: int = 0) -> str:
    shown = values if not limit or len(values) <= limit else [*values[:limit], "…"]
    return ", ".join(shown)


def check_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased; OutletInputError listing the valid codes."""
    code = value.strip().upper()
    if code not in countries():
        raise OutletInputError(
            f"unknown country code {value!r}: use an ISO 3166-1 alpha-2 code, one of "
            f"{_listing(list(countries()))}"
        )
    return code


def check_language(value: str) -> str:
    """An ISO 639-1 code, lower-cased; OutletInputError listing the valid codes."""
    code = value.strip().lower()
    if code not in languages():
        raise OutletInputError(
            f"unknown language code {value!r}: use an ISO 639-1 code, one of "
            f"{_listing(list(languages()))}"
        )
    return code


def check_kind(value: str) -> str:
    kind = value.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in KINDS:
        raise OutletInputError(f"unknown kind {value!r}: use one of {', '.join(KINDS)}")
    return kind
