"""The JSON shapes of the command-line contract, in one place.

The CLI's ``--json`` and the web API both serialise through these functions,
so a field has one name everywhere. Fields may be added, never renamed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: `entity NAME --json` imports none of the summariser's models
    from newsdesk.annotate.views import (
        CountryRelation,
        EntityProfile,
        EntityView,
        StoryEvent,
        StoryQuote,
    )
    from newsdesk.article import Annotations, Article
    from newsdesk.outlets.blindspots import Blindspot
    from newsdesk.outlets.coverage import CoverageGroup, FirstReport, StoryCoverage
    from newsdesk.outlets.perspectives import Perspectives
    from newsdesk.store.sqlite import SearchHit
    from newsdesk.store.stories import StoryRow
    from newsdesk.store.web_queries import DayRow, OutletRow
    from newsdesk.storyview import StoryUnderstanding
    from newsdesk.summarize.reading import (
        Conflict,
        SingleSourceFacts,
        StoryReading,
        SummarySentence,
    )

__all__ = [
    "annotations_json",
    "article_full",
    "article_row",
    "blindspots_from_json",
    "blindspots_json",
    "clean_result",
    "conflicts_from_json",
    "conflicts_json",
    "coverage_json",
    "day_row",
    "entity_json",
    "entity_profile_json",
    "event_json",
    "only_in_from_json",
    "only_in_json",
    "outlet_row",
    "perspectives_from_json",
    "perspectives_json",
    "quote_json",
    "reading_json",
    "relations_json",
    "search_hit",
    "story_full",
    "story_row",
    "summary_json",
]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_row(article: Article) -> dict[str, Any]:
    """One line of ``newsdesk articles --json``."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "story_id": article.story_id,
        "flags": list(article.flags),
        "copy_of": article.extras.get("copy_of"),
        "record_id": article.extras.get("record_id"),  # the id a JSONL record carried
        "language": article.language,
    }


def clean_result(article: Article) -> dict[str, Any]:
    """``newsdesk clean FILE --json``."""
    return {
        "title": article.title,
        "author": article.author,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "flags": list(article.flags),
        "site": article.site,
        "url": article.url,
        "language": article.language,
        "published_source": article.published_source,
        "format": article.format,
    }


def article_full(article: Article, *, copies: Sequence[Article] = ()) -> dict[str, Any]:
    """``newsdesk article ID --json``: everything the store keeps about one article.

    ``copies`` are the articles that repeat this one ("also published by").
    """
    return {
        **article_row(article),
        **clean_result(article),
        "source": article.source,
        "fetched": _iso(article.fetched),
        "copy_kind": article.extras.get("copy_kind"),
        "also_published_by": [
            {"id": c.id, "outlet": c.outlet, "title": c.title, "url": c.url} for c in copies
        ],
        "extras": article.extras,
    }


def search_hit(hit: SearchHit) -> dict[str, Any]:
    """One result of ``newsdesk search --json``."""
    return {
        "id": hit.id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published,
        "snippet": hit.snippet,
        "score": round(-hit.score, 6),
        "story_id": hit.story_id,
    }


def story_row(story: StoryRow) -> dict[str, Any]:
    """One line of ``newsdesk stories --json``."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "outlets": list(story.outlets),
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "article_count": story.article_count,
        "outlet_count": story.outlet_count,
    }


def annotations_json(found: Annotations) -> dict[str, Any]:
    """``newsdesk annotate FILE --json``: offsets index the text annotated."""
    return {
        "entities": [
            {"text": m.text, "type": m.type, "start": m.start, "end": m.end,
             "canonical": m.canonical}
            for m in found.entities
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_start": q.speaker_start,
             "speaker_end": q.speaker_end, "start": q.start, "end": q.end, "cue": q.cue,
             "kind": q.kind}
            for q in found.quotes
        ],
        "dates": [
            {"text": d.text, "value": d.value, "start": d.start, "end": d.end, "type": d.type}
            for d in found.dates
        ],
        "events": [
            {"date": e.date, "actor": e.actor, "action": e.action, "target": e.target,
             "code": e.code, "sentence": e.sentence, "actor_country": e.actor_country,
             "target_country": e.target_country}
            for e in found.events
        ],
        **({"skipped": found.skipped} if found.skipped else {}),
    }  # fmt: skip


def summary_json(summary: Sequence[SummarySentence]) -> list[dict[str, Any]]:
    """A cited summary: ``[{"text", "sources": [article_id]}]``."""
    return [{"text": s.text, "sources": list(s.sources)} for s in summary]


def only_in_json(entries: Sequence[SingleSourceFacts]) -> list[dict[str, Any]]:
    """Single-source facts: ``[{"article_id", "facts": [s]}]``, plus ``"language"`` and
    ``"english": [{"names", "dates"}]`` for an article in another language."""
    shown: list[dict[str, Any]] = []
    for entry in entries:
        row: dict[str, Any] = {"article_id": entry.article_id, "facts": list(entry.facts)}
        if entry.language is not None:
            row["language"] = entry.language
            row["english"] = [
                {"names": list(g.names), "dates": list(g.dates)} for g in entry.english or []
            ]
        shown.append(row)
    return shown


def conflicts_json(conflicts: Sequence[Conflict]) -> list[dict[str, Any]]:
    """Disagreements: ``[{"about", "values": [{"value", "article_id"}]}]``, plus
    ``"speaker"`` for a quote (``about`` = ``"quote wording"``)."""
    shown: list[dict[str, Any]] = []
    for conflict in conflicts:
        row: dict[str, Any] = {"about": conflict.about}
        if conflict.is_quote:
            row["speaker"] = conflict.speaker
        row["values"] = [{"value": v.value, "article_id": v.article_id} for v in conflict.values]
        shown.append(row)
    return shown


def only_in_from_json(rows: Sequence[dict[str, Any]]) -> list[SingleSourceFacts]:
    """The typed single-source facts back from their JSON (an archived brief)."""
    from newsdesk.summarize.reading import FactGloss, SingleSourceFacts

    return [
        SingleSourceFacts(
            str(row["article_id"]),
            [str(f) for f in row.get("facts", [])],
            language=row.get("language"),
            english=[
                FactGloss(list(g.get("names", [])), list(g.get("dates", [])))
                for g in row["english"]
            ]
            if row.get("english") is not None
            else None,
        )
        for row in rows
    ]


def conflicts_from_json(rows: Sequence[dict[str, Any]]) -> list[Conflict]:
    """The typed conflicts back from their JSON (an archived brief)."""
    from newsdesk.summarize.reading import Conflict, ConflictValue

    return [
        Conflict(
            str(row["about"]),
            [ConflictValue(str(v["value"]), str(v["article_id"])) for v in row.get("values", [])],
            speaker=row.get("speaker"),
        )
        for row in rows
    ]


def reading_json(reading: StoryReading) -> dict[str, Any]:
    """``{"summary", "only_in", "conflicts"}`` of one story."""
    return {
        "summary": summary_json(reading.summary),
        "only_in": only_in_json(reading.only_in),
        "conflicts": conflicts_json(reading.conflicts),
    }


def story_full(
    story: StoryRow,
    members: Sequence[Article],
    understanding: StoryUnderstanding | None = None,
) -> dict[str, Any]:
    """``newsdesk story ID --json``: the story, its members, and what ``understanding`` holds
    (entities, quotes, events, summary, only_in, conflicts; empty lists where absent).
    """
    from newsdesk.storyview import StoryUnderstanding

    understood = understanding or StoryUnderstanding()
    return {
        **story_row(story),
        "articles": [
            {
                "id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "published": _iso(a.published),
                "url": a.url,
                "copy_of": a.extras.get("copy_of"),
            }
            for a in members
        ],
        "entities": [entity_json(e) for e in understood.entities],
        "quotes": [quote_json(q) for q in understood.quotes],
        "events": [event_json(e) for e in understood.events],
        **reading_json(understood.reading),
        "coverage": coverage_json(understood.coverage),
        "perspectives": perspectives_json(understood.perspectives),
    }


def day_row(day: DayRow) -> dict[str, Any]:
    """One day of the briefs archive (web API ``/api/v1/briefs``)."""
    return {"date": day.day, "articles": day.articles, "stories": day.stories}


def outlet_row(outlet: OutletRow) -> dict[str, Any]:
    """One outlet (web API ``/api/v1/outlets``)."""
    return {
        "name": outlet.name,
        "articles": outlet.articles,
        "stories": outlet.stories,
        "latest": outlet.latest,
    }


def entity_json(entity: EntityView) -> dict[str, Any]:
    """One entity (``entities --json``, a story's ``entities``)."""
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "roles": list(entity.roles),
        "country": entity.country,
    }


def entity_profile_json(profile: EntityProfile) -> dict[str, Any]:
    """``newsdesk entity NAME --json`` (and ``/api/v1/entities/NAME``)."""
    return {
        "name": profile.name,
        "type": profile.type,
        "aliases": list(profile.aliases),
        "mentions": profile.mentions,
        "roles": list(profile.roles),
        "country": profile.country,
        "first_seen": profile.first_seen,
        "last_seen": profile.last_seen,
        "articles": list(profile.articles),
        "stories": list(profile.stories),
        "quotes": [
            {"text": q.text, "article_id": q.article_id, "kind": q.kind} for q in profile.quotes
        ],
    }


def quote_json(quote: StoryQuote) -> dict[str, Any]:
    """One quote of a story: ``{"speaker", "text", "article_id", "kind", "cue"}``."""
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "article_id": quote.article_id,
        "kind": quote.kind,
        "cue": quote.cue,
    }


def event_json(event: StoryEvent) -> dict[str, Any]:
    """One dated event of a story's timeline."""
    return {
        "date": event.date,
        "actor": event.actor,
        "action": event.action,
        "target": event.target,
        "article_id": event.article_id,
        "code": event.code,
        "sentence": event.sentence,
    }


def relations_json(relations: Sequence[CountryRelation]) -> list[dict[str, Any]]:
    """``newsdesk relations --json``: ``[{"from", "to", "events": [...]}]``."""
    return [
        {
            "from": r.from_country,
            "to": r.to_country,
            "events": [
                {"date": e.date, "code": e.code, "actor": e.actor, "action": e.action,
                 "target": e.target, "article_id": e.article_id}
                for e in r.events
            ],
        }
        for r in relations
    ]  # fmt: skip


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
