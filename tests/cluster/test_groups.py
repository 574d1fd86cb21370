"""Different events of one topic joined in one story, parted by the refinement
(cluster.groups): hand-made features.

A president's impeachment hearing and his party's debate share the topic, the president's
name and the capital; each event's reports share their own witnesses or candidates and
words. Joined whole in one story (what a chain of joins through the topic makes), every
member fits the mixed story, and the refinement's moves never part them; the group split
does, in any order of the members. One event told in varied words, and one report that
fits no part well, stay whole.
"""

from __future__ import annotations

import random

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.groups import split_groups
from newsdesk.cluster.refine import refine
from newsdesk.cluster.stories import StoryAssigner

from .test_refine import _groups
from .test_split import _joined_whole
from .test_stories import FILLER, feat, unit

TOPIC = unit(41)
COMMON = "president Voss Washington Congress"


def _event(name: str, seed: int, words: str, extra: list[str]) -> list[ArticleFeatures]:
    centre = unit(seed, TOPIC, 1.2)
    return [
        feat(f"{name}{i}", unit(seed + 10 + i, centre, 0.5), f"{COMMON} {words} {w}", day=None)
        for i, w in enumerate(extra)
    ]


def _hearing() -> list[ArticleFeatures]:
    extra = ["ambassador", "subpoena", "transcript", "committee"]
    return _event("hearing", 42, "hearing testimony witness Keller Marsh envoy", extra)


def _debate() -> list[ArticleFeatures]:
    extra = ["moderator", "healthcare", "rally", "donors"]
    return _event("debate", 43, "debate candidates stage Ortiz Lindqvist polls", extra)


def _refined(items: list[ArticleFeatures], *, groups: bool = True) -> StoryAssigner:
    assigner = _joined_whole(items)
    known = {f.id: f for f in [*FILLER, *items]}
    refine(assigner, [f.id for f in items], lambda ids: {i: known[i] for i in ids}, groups=groups)
    return assigner


def test_groups_two_events_of_one_topic_joined_whole_part_in_every_order() -> None:
    hearing, debate = _hearing(), _debate()
    expected = {frozenset(f.id for f in hearing), frozenset(f.id for f in debate)}
    for seed in range(6):
        items = [*hearing, *debate]
        random.Random(seed).shuffle(items)
        assert _groups(_refined(items), items) == expected, [f.id for f in items]


def test_groups_without_the_split_the_refinement_keeps_them_joined() -> None:
    items = [*_hearing(), *_debate()]
    assert len(_groups(_refined(items, groups=False), items)) == 1


def test_groups_larger_part_keeps_the_story_id() -> None:
    hearing, debate = _hearing(), _debate()[:3]
    items = [*debate, *hearing]
    assigner = _joined_whole(items)
    story = assigner.stories[assigner.story_of(items[0].id)]
    known = {f.id: f for f in items}
    opened = split_groups(assigner, story, known)
    assert [set(s.members) for s in opened] == [{f.id for f in debate}]
    assert set(story.members) == {f.id for f in hearing}
    assert all(assigner.story_of(f.id) == opened[0].id for f in debate)


def test_groups_one_event_in_varied_words_stays_whole() -> None:
    words = ["ambassador subpoena", "transcript", "committee closed door", "aide", "call"]
    items = _event("hearing", 42, "hearing testimony witness Keller", words)
    assigner = _joined_whole(items)
    story = assigner.stories[assigner.story_of(items[0].id)]
    assert split_groups(assigner, story, {f.id: f for f in items}) == []


def test_groups_one_report_fitting_no_part_is_not_split_off_alone() -> None:
    stray = feat("stray", unit(90, TOPIC, 1.5), f"{COMMON} weather storm coast", day=None)
    items = [*_hearing(), stray]
    assigner = _joined_whole(items)
    story = assigner.stories[assigner.story_of(items[0].id)]
    assert split_groups(assigner, story, {f.id: f for f in items}) == []
