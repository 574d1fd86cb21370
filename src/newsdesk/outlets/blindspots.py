"""Blindspots: stories covered heavily by one group of outlets and not at all by another
group the reader follows, while that group was publishing (per country or per kind).

A story is *heavy* in a group when the group has at least ``min_articles`` of its original
articles and ``share`` of them all. A followed group is *absent* when it has none of the
story's articles but published something between the story's first and last day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.outlets.model import group_label

__all__ = ["BlindspotConfig", "find_blindspots"]


@dataclass(slots=True, frozen=True)
class BlindspotConfig:
    by: str = "country"  # or "kind"
    min_articles: int = 2
    share: float = 0.6
    limit: int = 50


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def find_blindspots(
    store: Any,
    *,
    config: BlindspotConfig | None = None,
    follow: Sequence[str] = (),
    day: str | None = None,
) -> list[dict[str, Any]]:
    """Blindspot stories, the heaviest first; ``follow`` are the groups the reader follows
    (every group with articles in the store when empty)."""
    config = config or BlindspotConfig()
    coverage = store.outlets.group_coverage(config.by)
    followed = list(follow) or sorted(store.outlets.active_groups(config.by, None, None))
    windows: dict[tuple[str | None, str | None], dict[str, int]] = {}
    found = []
    for story in store.stories.stories(day=day):
        counts = coverage.get(story.id, {})
        total = sum(counts.values())
        if not counts or total < config.min_articles:
            continue
        top_group, top = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if top < config.min_articles or top / total < config.share:
            continue
        window = (_day(story.first_seen), _day(story.last_seen))
        if window not in windows:
            windows[window] = store.outlets.active_groups(config.by, *window)
        active = windows[window]
        missing = [g for g in followed if not counts.get(g) and active.get(g)]
        if not missing:
            continue
        found.append(
            {
                "story_id": story.id,
                "title": story.title,
                "by": config.by,
                "first_seen": story.first_seen,
                "last_seen": story.last_seen,
                "heavy": {
                    "group": top_group,
                    "label": group_label(config.by, top_group),
                    "articles": top,
                },
                "covered_by": [
                    {"group": g, "label": group_label(config.by, g), "articles": n}
                    for g, n in sorted(counts.items(), key=lambda kv: -kv[1])
                ],
                "missing": [{"group": g, "label": group_label(config.by, g)} for g in missing],
            }
        )
    found.sort(key=lambda b: (-b["heavy"]["articles"], b["story_id"]))
    return found[: config.limit]
