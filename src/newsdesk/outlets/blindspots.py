"""Blindspots: stories covered heavily by one group of outlets and not at all by another
group the reader follows, while that group was publishing (per country or per kind).

A story is *heavy* in a group when the group has at least ``min_articles`` of its original
articles and ``share`` of them all. A followed group is *absent* when it has none of the
story's articles but published something between the story's first and last day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.keyed import KeyedFields
from newsdesk.outlets.model import group_label

if TYPE_CHECKING:
    from newsdesk.store.protocols import BlindspotStore

__all__ = ["Blindspot", "BlindspotConfig", "GroupArticles", "MissingGroup", "find_blindspots"]


@dataclass(slots=True, frozen=True)
class BlindspotConfig:
    by: str = "country"  # or "kind"
    min_articles: int = 2
    share: float = 0.6
    limit: int = 50


@dataclass(frozen=True, slots=True)
class GroupArticles(KeyedFields):
    """One group of outlets (a country or a kind), its label, and its articles of a story."""

    group: str
    label: str
    articles: int


@dataclass(frozen=True, slots=True)
class MissingGroup(KeyedFields):
    """A followed group that published in the story's days, none of it on the story."""

    group: str
    label: str


@dataclass(frozen=True, slots=True)
class Blindspot(KeyedFields):
    """A story heavy in one group (``heavy``) and missing from followed groups."""

    story_id: str
    title: str | None
    by: str
    first_seen: str | None
    last_seen: str | None
    heavy: GroupArticles
    covered_by: list[GroupArticles] = field(default_factory=list)
    missing: list[MissingGroup] = field(default_factory=list)


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def find_blindspots(
    store: BlindspotStore,
    *,
    config: BlindspotConfig | None = None,
    follow: Sequence[str] = (),
    day: str | None = None,
) -> list[Blindspot]:
    """Blindspot stories, the heaviest first; ``follow`` are the groups the reader follows
    (every group with articles in the store when empty)."""
    config = config or BlindspotConfig()
    coverage = store.outlets.group_coverage(config.by)
    followed = list(follow) or sorted(store.outlets.active_groups(config.by, None, None))
    windows: dict[tuple[str | None, str | None], dict[str, int]] = {}
    found: list[Blindspot] = []
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
            Blindspot(
                story_id=story.id,
                title=story.title,
                by=config.by,
                first_seen=story.first_seen,
                last_seen=story.last_seen,
                heavy=GroupArticles(top_group, group_label(config.by, top_group), top),
                covered_by=[
                    GroupArticles(g, group_label(config.by, g), n)
                    for g, n in sorted(counts.items(), key=lambda kv: -kv[1])
                ],
                missing=[MissingGroup(g, group_label(config.by, g)) for g in missing],
            )
        )
    found.sort(key=lambda b: (-b.heavy.articles, b.story_id))
    return found[: config.limit]
