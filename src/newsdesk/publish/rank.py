"""Ranking the day's stories: outlets, articles, recency, velocity and novelty.

``score = outlets·log1p(distinct outlets) + articles·log1p(original articles)
        + recency·exp(-hours since the story's last article / recency_hours)
        + velocity·log((articles in the last velocity_hours + 1) / (articles in the
          velocity_hours before + 1))
        + novelty·(1 if the story was not in the previous brief, else the share of its
          articles that are new since that brief)``

Hours are counted back from the latest article of the day. Every weight is a field of
:class:`RankConfig`; set one to 0 to switch that signal off. A first pass scores every
story of the day from its stored row alone (outlets, articles, last seen), and only the
best ``shortlist`` stories are read in full; the previous brief's stories are the first
pass's top stories of the day before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdesk.article import Article
from newsdesk.store.stories import StoryRow

__all__ = ["RankConfig", "StorySignals", "prerank", "score_story"]


@dataclass(slots=True, frozen=True)
class RankConfig:
    """Weights and windows of the story ranking (see the module docstring)."""

    outlets: float = 2.0
    articles: float = 1.0
    recency: float = 1.0
    recency_hours: float = 12.0
    velocity: float = 0.5
    velocity_hours: float = 6.0
    novelty: float = 1.0
    shortlist: int = 3  # times ``top`` stories read in full
    max_members: int = 60  # the most recent members a story is read with


@dataclass(slots=True)
class StorySignals:
    """The measured signals of one story and its score."""

    outlets: int
    articles: int
    hours_since_last: float
    recent: int
    before: int
    novelty: float
    score: float = 0.0


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _aware(datetime.fromisoformat(value))
    except ValueError:
        return None


def prerank(rows: Sequence[StoryRow], config: RankConfig) -> list[StoryRow]:
    """Stories by a first score from their stored rows alone (no article is read)."""
    seen = [d for d in (_parse(r.last_seen) for r in rows) if d is not None]
    latest = max(seen, default=None)

    def first(row: StoryRow) -> float:
        last = _parse(row.last_seen)
        hours = (latest - last).total_seconds() / 3600 if latest and last else 48.0
        return (
            config.outlets * math.log1p(row.outlet_count)
            + config.articles * math.log1p(row.article_count)
            + config.recency * math.exp(-max(hours, 0.0) / config.recency_hours)
        )

    return sorted(rows, key=lambda r: (-first(r), r.id))


def score_story(
    members: Sequence[Article],
    *,
    now: datetime,
    previous: set[str],
    story_id: str,
    since: datetime,
    config: RankConfig,
) -> StorySignals:
    """Signals and score of one story from its members (as of ``now``)."""
    originals = [a for a in members if not a.extras.get("copy_of")]
    outlets = {(a.outlet or a.site or a.url or a.id or "").casefold() for a in members}
    times = [_aware(a.published) for a in members if a.published]
    last = max(times, default=now)
    hours = max((now - last).total_seconds() / 3600, 0.0)
    window = config.velocity_hours * 3600
    recent = sum(1 for t in times if 0 <= (now - t).total_seconds() <= window)
    before = sum(1 for t in times if window < (now - t).total_seconds() <= 2 * window)
    if story_id in previous:
        novelty = sum(1 for t in times if t >= since) / max(len(times), 1)
    else:
        novelty = 1.0
    signals = StorySignals(len(outlets), len(originals), hours, recent, before, novelty)
    signals.score = (
        config.outlets * math.log1p(signals.outlets)
        + config.articles * math.log1p(signals.articles)
        + config.recency * math.exp(-hours / config.recency_hours)
        + config.velocity * math.log((recent + 1) / (before + 1))
        + config.novelty * novelty
    )
    return signals
