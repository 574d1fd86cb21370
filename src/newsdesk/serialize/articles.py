"""The JSON of articles: ``articles``, ``article ID``, ``clean``, ``search`` and ``annotate``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.article import Annotations, Article
    from newsdesk.store.sqlite import SearchHit


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
            {"text": d.text, "value": d.value, "start": d.start, "end": d.end, "type": d.type,
             "anchor": d.anchor}
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
