"""The JSON of outlets: the outlets list, a story's coverage and perspectives, blindspots,
and the typed perspectives and blindspots back from an archived brief's JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.outlets.blindspots import Blindspot
    from newsdesk.outlets.coverage import CoverageGroup, FirstReport, StoryCoverage
    from newsdesk.outlets.perspectives import Perspectives
    from newsdesk.store.web_queries import OutletRow


def outlet_row(outlet: OutletRow) -> dict[str, Any]:
    """One outlet (web API ``/api/v1/outlets``)."""
    return {
        "name": outlet.name,
        "articles": outlet.articles,
        "stories": outlet.stories,
        "latest": outlet.latest,
    }


def _coverage_groups(rows: Sequence[CoverageGroup], key: str) -> list[dict[str, Any]]:
    return [
        {key: g.code, "name": g.name, "count": g.count, "articles": list(g.articles)} for g in rows
    ]


def _first_json(first: FirstReport) -> dict[str, Any]:
    return {
        "article_id": first.article_id,
        "outlet": first.outlet,
        "country": first.country,
        "kind": first.kind,
        "published": first.published,
    }


def coverage_json(coverage: StoryCoverage | None) -> dict[str, Any] | None:
    """A story's ``coverage``: counts and article ids per country, language and kind (a
    kind's code is ``"kind"``), its outlets, and who came first (overall, per country)."""
    if coverage is None:
        return None
    return {
        "articles": coverage.articles,
        "countries": _coverage_groups(coverage.countries, "code"),
        "languages": _coverage_groups(coverage.languages, "code"),
        "kinds": _coverage_groups(coverage.kinds, "kind"),
        "outlets": [
            {"name": o.name, "registered": o.registered, "country": o.country, "kind": o.kind,
             "carrier": o.carrier, "articles": list(o.articles)}
            for o in coverage.outlets
        ],
        "first": _first_json(coverage.first) if coverage.first else None,
        "first_by_country": [_first_json(f) for f in coverage.first_by_country],
    }  # fmt: skip


def perspectives_json(found: Perspectives | None) -> dict[str, Any] | None:
    """A story's ``perspectives``: ``{"by", "groups", "only_in", "disagreements"}``."""
    if found is None:
        return None
    return {
        "by": found.by,
        "groups": [
            {"key": g.key, "label": g.label, "articles": list(g.articles),
             "outlets": list(g.outlets)}
            for g in found.groups
        ],
        "only_in": [
            {"group": o.group, "label": o.label,
             "facts": [{"text": f.text, "sources": list(f.sources)} for f in o.facts]}
            for o in found.only_in
        ],
        "disagreements": [
            {"about": d.about,
             "values": [{"group": v.group, "label": v.label, "value": v.value,
                         "sources": list(v.sources)} for v in d.values]}
            for d in found.disagreements
        ],
    }  # fmt: skip


def blindspots_json(found: Sequence[Blindspot]) -> list[dict[str, Any]]:
    """Blindspot stories (``stories --blindspot --json``, the brief's ``blindspots``): the
    story, the group it is heavy in, every group covering it, the followed groups missing."""
    return [
        {
            "story_id": b.story_id,
            "title": b.title,
            "by": b.by,
            "first_seen": b.first_seen,
            "last_seen": b.last_seen,
            "heavy": {"group": b.heavy.group, "label": b.heavy.label,
                      "articles": b.heavy.articles},
            "covered_by": [{"group": c.group, "label": c.label, "articles": c.articles}
                           for c in b.covered_by],
            "missing": [{"group": m.group, "label": m.label} for m in b.missing],
        }
        for b in found
    ]  # fmt: skip


def perspectives_from_json(data: dict[str, Any] | None) -> Perspectives | None:
    """A story's typed perspectives back from :func:`perspectives_json` (an archived brief)."""
    from newsdesk.outlets.perspectives import (
        GroupDisagreement,
        GroupFact,
        GroupFacts,
        GroupValue,
        OutletGroup,
        Perspectives,
    )

    if data is None:
        return None
    return Perspectives(
        str(data["by"]),
        [OutletGroup(g["key"], str(g["label"]), list(g.get("articles", [])),
                     list(g.get("outlets", [])))
         for g in data.get("groups", [])],
        [GroupFacts(o["group"], str(o["label"]),
                    [GroupFact(str(f["text"]), list(f.get("sources", []))) for f in o["facts"]])
         for o in data.get("only_in", [])],
        [GroupDisagreement(str(d["about"]),
                           [GroupValue(v["group"], str(v["label"]), str(v["value"]),
                                       list(v.get("sources", []))) for v in d["values"]])
         for d in data.get("disagreements", [])],
    )  # fmt: skip


def blindspots_from_json(rows: Sequence[dict[str, Any]]) -> list[Blindspot]:
    """The typed blindspot stories back from :func:`blindspots_json` (an archived brief)."""
    from newsdesk.outlets.blindspots import Blindspot, GroupArticles, MissingGroup

    def group(g: dict[str, Any]) -> GroupArticles:
        return GroupArticles(str(g["group"]), str(g["label"]), int(g["articles"]))

    return [
        Blindspot(
            str(b["story_id"]), b.get("title"), str(b["by"]), b.get("first_seen"),
            b.get("last_seen"), group(b["heavy"]), [group(c) for c in b.get("covered_by", [])],
            [MissingGroup(str(m["group"]), str(m["label"])) for m in b.get("missing", [])],
        )
        for b in rows
    ]  # fmt: skip
