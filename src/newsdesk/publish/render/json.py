"""The brief as JSON: the contract's names (summary sentences as ``{"text", "sources"}``);
the story's reading is serialised by :mod:`newsdesk.serialize`, as ``story --json`` is."""

from __future__ import annotations

import json
from typing import Any

from newsdesk.publish.brief import Brief, BriefStory
from newsdesk.serialize import (
    blindspots_json,
    conflicts_json,
    only_in_json,
    perspectives_json,
    summary_json,
)

__all__ = ["brief_json", "render_json"]


def _story(story: BriefStory) -> dict[str, Any]:
    return {
        "id": story.story_id,
        "headline": story.headline,
        "summary": summary_json(story.summary),
        "quote": (
            {"text": story.quote.text, "speaker": story.quote.speaker,
             "article_id": story.quote.article_id}
            if story.quote else None
        ),
        "timeline": [{"date": t.date, "text": t.text, "article_id": t.article_id}
                     for t in story.timeline],
        "only_in": only_in_json(story.only_in),
        "only_in_more": story.only_in_more,
        "conflicts": conflicts_json(story.conflicts),
        "perspectives": perspectives_json(story.perspectives),
        "since_last": story.since_last,
        "sources": [
            {"id": s.article_id, "outlet": s.outlet, "title": s.title, "url": s.url,
             "published": s.published}
            for s in story.sources
        ],
        "score": round(story.signals.score, 4) if story.signals else None,
    }  # fmt: skip


def brief_json(brief: Brief) -> dict[str, Any]:
    """The brief as one JSON-ready dict."""
    return {
        "date": brief.date.isoformat(),
        "intro": brief.intro,
        "stories": [_story(s) for s in brief.stories],
        "coming_up": [
            {"date": c.date, "text": c.text, "story_id": c.story_id, "headline": c.headline,
             "article_id": c.article_id}
            for c in brief.coming_up
        ],
        "blindspots": blindspots_json(brief.blindspots),
        # newsdesk.watch, when the brief shows it
        **({"rising": brief.rising.as_json()} if brief.rising is not None else {}),
    }  # fmt: skip


def render_json(brief: Brief) -> str:
    return json.dumps(brief_json(brief), ensure_ascii=False, indent=2)
