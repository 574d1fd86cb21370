"""The JSON shapes of the command-line contract, in one place.

The CLI's ``--json`` and the web API both serialise through these functions,
so a field has one name everywhere. Fields may be added, never renamed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsdesk.article import Annotations, Article
from newsdesk.store.sqlite import SearchHit
from newsdesk.store.stories import StoryRow
from newsdesk.store.web_queries import DayRow, OutletRow
from newsdesk.summarize.reading import (
    Conflict,
    ConflictValue,
    FactGloss,
    SingleSourceFacts,
    StoryReading,
    SummarySentence,
)

if TYPE_CHECKING:
    from newsdesk.storyview import StoryUnderstanding

__all__ = [
    "annotations_json",
    "article_full",
    "article_row",
    "clean_result",
    "conflicts_from_json",
    "conflicts_json",
    "day_row",
    "only_in_from_json",
    "only_in_json",
    "outlet_row",
    "reading_json",
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


def only_in_json(entries: Sequence[SingleSourceFacts | dict[str, Any]]) -> list[dict[str, Any]]:
    """Single-source facts: ``[{"article_id", "facts": [s]}]``, plus ``"language"`` and
    ``"english": [{"names", "dates"}]`` for an article in another language. An entry read
    back from JSON (an archived brief) is already in this shape and passes as it is."""
    shown: list[dict[str, Any]] = []
    for entry in entries:
        if isinstance(entry, dict):
            shown.append(entry)
            continue
        row: dict[str, Any] = {"article_id": entry.article_id, "facts": list(entry.facts)}
        if entry.language is not None:
            row["language"] = entry.language
            row["english"] = [
                {"names": list(g.names), "dates": list(g.dates)} for g in entry.english or []
            ]
        shown.append(row)
    return shown


def conflicts_json(conflicts: Sequence[Conflict | dict[str, Any]]) -> list[dict[str, Any]]:
    """Disagreements: ``[{"about", "values": [{"value", "article_id"}]}]``, plus
    ``"speaker"`` for a quote (``about`` = ``"quote wording"``)."""
    shown: list[dict[str, Any]] = []
    for conflict in conflicts:
        if isinstance(conflict, dict):
            shown.append(conflict)
            continue
        row: dict[str, Any] = {"about": conflict.about}
        if conflict.is_quote:
            row["speaker"] = conflict.speaker
        row["values"] = [{"value": v.value, "article_id": v.article_id} for v in conflict.values]
        shown.append(row)
    return shown


def only_in_from_json(rows: Sequence[dict[str, Any]]) -> list[SingleSourceFacts]:
    """The typed single-source facts back from their JSON (an archived brief)."""
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
        "entities": understood.entities,
        "quotes": understood.quotes,
        "events": understood.events,
        **reading_json(understood.reading),
        "coverage": understood.coverage,
        "perspectives": understood.perspectives,
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
