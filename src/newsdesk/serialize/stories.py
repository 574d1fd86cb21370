"""The JSON of stories: ``stories`` and ``story ID`` (its members, entities, quotes, events,
reading, coverage and perspectives)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsdesk.serialize.articles import _iso
from newsdesk.serialize.briefs import reading_json
from newsdesk.serialize.entities import entity_json
from newsdesk.serialize.outlets import coverage_json, perspectives_json

if TYPE_CHECKING:
    from newsdesk.annotate.views import StoryEvent, StoryQuote
    from newsdesk.article import Article
    from newsdesk.store.stories import StoryRow
    from newsdesk.storyview import StoryUnderstanding


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
