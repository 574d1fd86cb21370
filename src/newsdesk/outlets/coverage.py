"""Coverage of one story: its articles by country, language and kind of outlet, and who
covered it first (overall and per country).

Every member counts, copies included: a copy is another outlet carrying the story. An
article whose outlet is not in the registry counts under "unknown" country and kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.article import Article
from newsdesk.keyed import KeyedFields
from newsdesk.outlets.model import KIND_LABELS, country_name, languages
from newsdesk.outlets.registry import OutletRegistry

__all__ = [
    "CoverageGroup",
    "FirstReport",
    "OutletCoverage",
    "StoryCoverage",
    "article_groups",
    "story_coverage",
]

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CoverageGroup(KeyedFields):
    """The articles of one country, language or kind of outlet (``code`` None: unknown;
    for a kind, the code is the kind, ``"kind"`` in JSON)."""

    code: str | None
    name: str
    count: int
    articles: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return self.code


@dataclass(frozen=True, slots=True)
class OutletCoverage(KeyedFields):
    """One outlet carrying the story: whether the registry knows it, its country and kind
    (None: unknown), the site it came from, and its articles."""

    name: str
    registered: bool
    country: str | None
    kind: str | None
    carrier: str | None
    articles: list[str | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FirstReport(KeyedFields):
    """Who reported first (overall, or in one country), and when."""

    article_id: str | None
    outlet: str | None
    country: str | None
    kind: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class StoryCoverage(KeyedFields):
    """A story's coverage: its article count, the articles by country, language and kind
    (largest first, unknown last), the outlets, and who came first (overall, per country).
    The story page's coverage chart draws ``countries`` and ``kinds``."""

    articles: int
    countries: list[CoverageGroup] = field(default_factory=list)
    languages: list[CoverageGroup] = field(default_factory=list)
    kinds: list[CoverageGroup] = field(default_factory=list)
    outlets: list[OutletCoverage] = field(default_factory=list)
    first: FirstReport | None = None
    first_by_country: list[FirstReport] = field(default_factory=list)


def article_groups(article: Article, registry: OutletRegistry) -> dict[str, str]:
    """{"country", "kind", "language"} of an article (``unknown`` where not known)."""
    outlet = registry.get(article.outlet) if article.outlet else None
    language = article.language or (outlet.languages[0] if outlet and outlet.languages else None)
    return {
        "country": (outlet.country if outlet else None) or UNKNOWN,
        "kind": outlet.kind if outlet else UNKNOWN,
        "language": language or UNKNOWN,
    }


def _when(article: Article) -> datetime | None:
    return article.published or article.fetched


def _sort_key(article: Article) -> tuple[int, str, str]:
    when = _when(article)
    return (0 if when else 1, when.isoformat() if when else "", article.id or "")


def _label(by: str, key: str) -> str:
    if key == UNKNOWN:
        return "unknown"
    if by == "country":
        return country_name(key)
    if by == "kind":
        return KIND_LABELS.get(key, key)
    return languages().get(key, key)


def _known(key: str) -> str | None:
    return None if key == UNKNOWN else key


def _first(article: Article, groups: dict[str, str]) -> FirstReport:
    when = _when(article)
    return FirstReport(
        article_id=article.id,
        outlet=article.outlet,
        country=_known(groups["country"]),
        kind=_known(groups["kind"]),
        published=when.isoformat() if when else None,
    )


def _buckets(
    by: str, ordered: Sequence[Article], groups: dict[str | None, dict[str, str]]
) -> list[CoverageGroup]:
    buckets: dict[str, list[str]] = {}
    for article in ordered:
        buckets.setdefault(groups[article.id][by], []).append(article.id or "")
    return [
        CoverageGroup(code=_known(key), name=_label(by, key), count=len(ids), articles=ids)
        for key, ids in sorted(
            buckets.items(), key=lambda kv: (kv[0] == UNKNOWN, -len(kv[1]), kv[0])
        )
    ]


def story_coverage(members: Sequence[Article], registry: OutletRegistry) -> StoryCoverage:
    """The ``coverage`` field of ``story --json``: counts and article ids per country,
    language and kind, the outlets with their country and kind, and who came first."""
    ordered = sorted(members, key=_sort_key)
    groups = {a.id: article_groups(a, registry) for a in ordered}
    outlets: dict[str, OutletCoverage] = {}
    for article in ordered:
        name = article.outlet or "unknown outlet"
        if name not in outlets:
            outlets[name] = OutletCoverage(
                name=name,
                registered=registry.get(name) is not None,
                country=_known(groups[article.id]["country"]),
                kind=_known(groups[article.id]["kind"]),
                carrier=article.site,
            )
        outlets[name].articles.append(article.id)
    dated = [a for a in ordered if _when(a)]
    firsts: dict[str, FirstReport] = {}
    for article in dated:
        key = groups[article.id]["country"]
        if key != UNKNOWN and key not in firsts:
            firsts[key] = _first(article, groups[article.id])
    return StoryCoverage(
        articles=len(ordered),
        countries=_buckets("country", ordered, groups),
        languages=_buckets("language", ordered, groups),
        kinds=_buckets("kind", ordered, groups),
        outlets=list(outlets.values()),
        first=_first(dated[0], groups[dated[0].id]) if dated else None,
        first_by_country=list(firsts.values()),
    )
