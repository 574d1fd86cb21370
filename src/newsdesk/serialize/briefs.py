"""The JSON of a story's reading (cited summary, single-source facts, disagreements) and of
the briefs archive, and the typed reading back from an archived brief's JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: `entity NAME --json` imports none of the summariser's models
    from newsdesk.store.web_queries import DayRow
    from newsdesk.summarize.reading import (
        Conflict,
        SingleSourceFacts,
        StoryReading,
        SummarySentence,
    )


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


def day_row(day: DayRow) -> dict[str, Any]:
    """One day of the briefs archive (web API ``/api/v1/briefs``)."""
    return {"date": day.day, "articles": day.articles, "stories": day.stories}
