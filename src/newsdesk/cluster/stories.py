"""Incremental story assignment: each article joins the best open story or starts one.

Candidates come from an approximate-nearest-neighbour index (usearch, cosine) over
story centroids, so assigning one article costs a graph search, not a scan of the
store. The few candidates found are rescored with the combined score::

    score = w_embed * cos(vector, centroid)
          + w_terms * tfidf_cos(words) + w_entities * tfidf_cos(entities)
          - time_weight * (days apart / window days)

A story more than ``window`` away in time is not a candidate. When an article scores
above ``merge_threshold`` with more than one story, those stories are one: they are
merged into the oldest, and the absorbed ids keep resolving (:meth:`resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import numpy as np

from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures, years_of
from newsdesk.cluster.story import Story
from newsdesk.cluster.terms import TermStats

__all__ = ["Assignment", "ClusterConfig", "StoryAssigner", "recluster"]

_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Weights and thresholds of the combined score (fitted on ECB+, see bench/)."""

    w_embed: float = 0.25
    w_terms: float = 0.45
    w_entities: float = 0.30
    threshold: float = 0.35
    merge_threshold: float = 0.60
    window: timedelta = timedelta(days=7)
    time_weight: float = 0.05
    candidates: int = 16
    exact_below: int = 2048  # brute-force search while the index is this small
    story_terms: int = 300  # terms kept per story (the heaviest under current idf)
    w_years: float = 0.15


class Assignment(NamedTuple):
    story_id: str
    score: float
    is_new: bool


class StoryAssigner:
    """In-memory story state: centroids in a usearch index, term statistics, merges."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        from usearch.index import Index

        self.config = config or ClusterConfig()
        self.index = Index(ndim=DIM, metric="cos", dtype="f32")
        self.words = TermStats()
        self.names = TermStats()
        self.stories: dict[str, Story] = {}
        self.by_key: dict[int, Story] = {}
        self.merges: dict[str, str] = {}
        self.article_story: dict[str, str] = {}
        self.next_key = 0
        self.last_merged: list[str] = []
        self._article_norms = (0.0, 0.0)
        self._article_years: tuple[str, ...] = ()

    # -- lookups -------------------------------------------------------------

    def resolve(self, story_id: str) -> str:
        """The live id of a story, following merges (an unknown id comes back as is)."""
        seen = story_id
        while seen in self.merges:
            seen = self.merges[seen]
        return seen

    def story(self, story_id: str) -> Story:
        return self.stories[self.resolve(story_id)]

    def story_of(self, article: str) -> str:
        return self.resolve(self.article_story[article])

    def __len__(self) -> int:
        return len(self.stories)

    # -- assignment ----------------------------------------------------------

    def assign(self, features: ArticleFeatures) -> Assignment:
        """Put one article into the best story within the window, or a new one."""
        if features.id in self.article_story:
            story = self.story(self.article_story[features.id])
            return Assignment(story.id, 1.0, False)
        self.last_merged = []
        scored = self._scored_candidates(features)
        self.words.add(features.terms)
        self.names.add(features.entities)
        if not scored or scored[0][0] < self.config.threshold:
            story = self._open(features)
            return Assignment(story.id, scored[0][0] if scored else 0.0, True)
        best_score, best = scored[0]
        bridged = [s for score, s in scored[1:] if score >= self.config.merge_threshold]
        if best_score >= self.config.merge_threshold and bridged:
            best = self._merge([best, *bridged])
        self._join(best, features)
        return Assignment(best.id, best_score, False)

    def _scored_candidates(self, features: ArticleFeatures) -> list[tuple[float, Story]]:
        if not self.stories:
            return []
        self._article_norms = (
            self.words.norm(features.terms),
            self.names.norm(features.entities),
        )
        self._article_years = years_of(features.entities)
        count = min(self.config.candidates, len(self.index))
        found = self.index.search(
            features.vector, count, exact=len(self.index) < self.config.exact_below
        )
        scored = []
        for key, distance in zip(found.keys, found.distances, strict=True):
            story = self.by_key.get(int(key))
            if story is None:
                continue
            score = self.score(features, story, 1.0 - float(distance))
            if score is not None:
                scored.append((score, story))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        return scored

    def score(self, features: ArticleFeatures, story: Story, similarity: float) -> float | None:
        """The combined score of an article against a story; None outside the window."""
        cfg = self.config
        apart = story.distance(features.published)
        if apart is not None and apart > cfg.window:
            return None
        words = self.words.cosine(
            features.terms,
            story.terms,
            article_norm=self._article_norms[0],
            story_norm=self._story_norm(story, "terms", self.words),
        )
        names = self.names.cosine(
            features.entities,
            story.entities,
            article_norm=self._article_norms[1],
            story_norm=self._story_norm(story, "entities", self.names),
        )
        total = cfg.w_embed * similarity + cfg.w_terms * words + cfg.w_entities * names
        if cfg.w_years:
            total += cfg.w_years * story.year_agreement(self._article_years)
        if apart is not None and cfg.window:
            total -= cfg.time_weight * (apart / cfg.window)
        return total

    def _story_norm(self, story: Story, which: str, stats: TermStats) -> float:
        """A story's idf-weighted norm, recomputed once the corpus grew by 5 % since."""
        cached = story.norms.get(which)
        if cached is not None and stats.docs <= cached[0] * 1.05:
            return cached[1]
        weights = story.terms if which == "terms" else story.entities
        norm = stats.norm(weights)
        story.norms[which] = (stats.docs, norm)
        return norm

    def _open(self, features: ArticleFeatures) -> Story:
        story = Story.start(f"s-{features.id}", self.next_key, features)
        self.next_key += 1
        self.stories[story.id] = story
        self.by_key[story.key] = story
        self.article_story[features.id] = story.id
        self.index.add(story.key, story.centroid())
        return story

    def _join(self, story: Story, features: ArticleFeatures) -> None:
        story.add(features)
        self._prune(story)
        self.article_story[features.id] = story.id
        self.index.remove(story.key)
        self.index.add(story.key, story.centroid())

    def _prune(self, story: Story) -> None:
        keep = self.config.story_terms
        if len(story.terms) > keep * 3 // 2:
            story.terms = self.words.prune(story.terms, keep)
            story.norms.clear()
        if len(story.entities) > keep * 3 // 2:
            story.entities = self.names.prune(story.entities, keep)
            story.norms.clear()

    def _merge(self, stories: list[Story]) -> Story:
        """Fold stories into the oldest; the others' ids now resolve to it."""
        ordered = sorted(stories, key=lambda s: (s.first_seen or _EPOCH, s.id))
        survivor = ordered[0]
        for other in ordered[1:]:
            survivor.absorb(other)
            self.index.remove(other.key)
            del self.stories[other.id]
            del self.by_key[other.key]
            self.merges[other.id] = survivor.id
            self.last_merged.append(other.id)
        self._prune(survivor)
        return survivor

    # -- persistence ---------------------------------------------------------

    def to_state(self) -> dict[str, object]:
        """Everything needed to carry on later: JSON-able dicts plus numpy arrays."""
        from newsdesk.cluster.state import dump_state

        return dump_state(self)

    @classmethod
    def from_state(cls, state: dict[str, object]) -> StoryAssigner:
        """Rebuild an assigner (and its index, in one batch) from :meth:`to_state`."""
        from newsdesk.cluster.state import load_state

        assigner = cls(state_config(state))
        load_state(assigner, state)
        return assigner

    def add_stories(self, stories: Iterable[Story]) -> None:
        """Register ready-made stories (a restore) and index their centroids in one batch."""
        batch = list(stories)
        if not batch:
            return
        for story in batch:
            self.stories[story.id] = story
            self.by_key[story.key] = story
            for member in story.members:
                self.article_story[member] = story.id
            self.next_key = max(self.next_key, story.key + 1)
        keys = np.array([s.key for s in batch], dtype=np.uint64)
        self.index.add(keys, np.stack([s.centroid() for s in batch]))


def state_config(state: dict[str, object]) -> ClusterConfig:
    raw = dict(state.get("config", {}))  # type: ignore[call-overload]
    if "window" in raw:
        raw["window"] = timedelta(seconds=float(raw["window"]))
    return ClusterConfig(**raw)


def _order_key(features: ArticleFeatures) -> tuple[datetime, str]:
    published = features.published
    if published is not None and published.tzinfo is not None:
        published = published.replace(tzinfo=None) - (published.utcoffset() or timedelta())
    return (published or _EPOCH, features.id)


def recluster(
    articles: Iterable[ArticleFeatures], config: ClusterConfig | None = None
) -> StoryAssigner:
    """Rebuild all stories from scratch, in (published, id) order, so the result is fixed."""
    assigner = StoryAssigner(config)
    for features in sorted(articles, key=_order_key):
        assigner.assign(features)
    return assigner
