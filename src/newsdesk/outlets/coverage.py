"""Coverage of one story: its articles by country, language and kind of outlet, and who
covered it first (overall and per country).

Every member counts, copies included: a copy is another outlet carrying the story. An
article whose outlet is not in the registry counts under "unknown" country and kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsdesk.article import Article
from newsdesk.outlets.model import KIND_LABELS, country_name, languages
from newsdesk.outlets.registry import OutletRegistry

__all__ = ["article_groups", "story_coverage"]

UNKNOWN = "unknown"


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


def _first(article: Article, groups: dict[str, str]) -> dict[str, Any]:
    when = _when(article)
    return {
        "article_id": article.id,
        "outlet": article.outlet,
        "country": None if groups["country"] == UNKNOWN else groups["country"],
        "kind": None if groups["kind"] == UNKNOWN else groups["kind"],
        "published": when.isoformat() if when else None,
    }


def story_coverage(members: Sequence[Article], registry: OutletRegistry) -> dict[str, Any]:
    """The ``coverage`` field of ``story --json``: counts and article ids per country,
    language and kind, the outlets with their country and kind, and who came first."""
    ordered = sorted(members, key=_sort_key)
    groups = {a.id: article_groups(a, registry) for a in ordered}
    result: dict[str, Any] = {"articles": len(ordered)}
    for by, plural in (("country", "countries"), ("language", "languages"), ("kind", "kinds")):
        buckets: dict[str, list[str]] = {}
        for article in ordered:
            buckets.setdefault(groups[article.id][by], []).append(article.id or "")
        result[plural] = [
            {
                "code" if by != "kind" else "kind": None if key == UNKNOWN else key,
                "name": _label(by, key),
                "count": len(ids),
                "articles": ids,
            }
            for key, ids in sorted(
                buckets.items(), key=lambda kv: (kv[0] == UNKNOWN, -len(kv[1]), kv[0])
            )
        ]
    outlets: dict[str, dict[str, Any]] = {}
    for article in ordered:
        name = article.outlet or "unknown outlet"
        entry = outlets.setdefault(
            name,
            {
                "name": name,
                "registered": registry.get(name) is not None,
                "country": None
                if groups[article.id]["country"] == UNKNOWN
                else groups[article.id]["country"],
                "kind": None
                if groups[article.id]["kind"] == UNKNOWN
                else groups[article.id]["kind"],
                "carrier": article.site,
                "articles": [],
            },
        )
        entry["articles"].append(article.id)
    result["outlets"] = list(outlets.values())
    dated = [a for a in ordered if _when(a)]
    result["first"] = _first(dated[0], groups[dated[0].id]) if dated else None
    firsts: dict[str, dict[str, Any]] = {}
    for article in dated:
        key = groups[article.id]["country"]
        if key != UNKNOWN and key not in firsts:
            firsts[key] = _first(article, groups[article.id])
    result["first_by_country"] = list(firsts.values())
    return result
