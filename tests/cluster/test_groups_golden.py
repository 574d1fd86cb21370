"""Different events of one topic through the real models (tests/golden/stories/
topic_groups.jsonl, composed): an impeachment hearing and the opposition's debate the same
night, both naming the president and his capital, each told by three outlets in their own
words. Joined whole in one story (what a chain of joins through the topic makes), the
refinement's moves never part them; the group split (cluster.groups) does, in every order.
"""

from __future__ import annotations

import random

import pytest

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.refine import refine
from newsdesk.cluster.stories import StoryAssigner

from .test_stories_golden import ORDERS, _load


@pytest.fixture(scope="module")
def topic_groups() -> tuple[list[ArticleFeatures], set[frozenset[str]]]:
    return _load("topic_groups.jsonl")


def _joined_whole_then_refined(
    features: list[ArticleFeatures], *, groups: bool
) -> set[frozenset[str]]:
    assigner = StoryAssigner()
    for item in features:
        assigner.assign(item)
    assigner._merge(list(assigner.stories.values()))  # one story holds both events whole
    known = {f.id: f for f in features}
    refine(assigner, list(known), lambda ids: {i: known[i] for i in ids}, groups=groups)
    stories: dict[str, set[str]] = {}
    for item in features:
        stories.setdefault(assigner.story_of(item.id), set()).add(item.id)
    return {frozenset(story) for story in stories.values()}


def test_groups_golden_two_events_of_one_topic_joined_whole_part_in_every_order(
    topic_groups: tuple[list[ArticleFeatures], set[frozenset[str]]],
) -> None:
    features, expected = topic_groups
    whole = {frozenset(f.id for f in features)}
    for seed in range(ORDERS):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        # moving members one at a time never parts events joined whole
        assert _joined_whole_then_refined(shuffled, groups=False) == whole
        assert _joined_whole_then_refined(shuffled, groups=True) == expected, [
            f.id for f in shuffled
        ]
