"""Twin events joined whole, parted by the refinement (cluster.split): hand-made features.

Two ferry sinkings on one lake years apart share the operator, the lake and every word of
the kind; the later one's reports name its year and recall the earlier, the earlier's never
name the later year. Once one story holds both whole, moving members one at a time never
parts them: the split does. One event told on either side of New Year, or whose other reports
name no year at all, does not split.
"""

from __future__ import annotations

import random

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.refine import refine
from newsdesk.cluster.split import split_story
from newsdesk.cluster.stories import StoryAssigner

from .test_refine import _groups
from .test_stories import FILLER, feat, unit

OLD = unit(61)
NEW = unit(62, OLD, 0.9)  # the same kind of event: close vectors
KIND = "ferry capsized Varden Nordvik passengers rescue coastguard divers"
OLD_YEARS = ["#2009", "#2011", "#1998", "", "", ""]
NEW_YEARS = ["#2016 #2021", "#2021", "#2021", "#2016 #2021", "#2021"]


def _older() -> list[ArticleFeatures]:
    return [
        feat(f"old{i}", unit(70 + i, OLD, 0.6), f"{KIND} Selka Holmstad Lunde {y}", day=None)
        for i, y in enumerate(OLD_YEARS)
    ]


def _newer() -> list[ArticleFeatures]:
    return [
        feat(f"new{i}", unit(80 + i, NEW, 0.6), f"{KIND} Tarna Ostby Sandell {y}", day=None)
        for i, y in enumerate(NEW_YEARS)
    ]


def _joined_whole(items: list[ArticleFeatures]) -> StoryAssigner:
    """An assigner whose one story holds every item (as an early bridge report makes)."""
    assigner = StoryAssigner()
    for item in [*FILLER, *items]:
        assigner.assign(item)
    ours = {assigner.story_of(item.id) for item in items}
    merged = assigner._merge([assigner.stories[s] for s in sorted(ours)])
    assert all(assigner.story_of(item.id) == merged.id for item in items)
    return assigner


def _refined(items: list[ArticleFeatures], *, twins: bool = True) -> StoryAssigner:
    assigner = _joined_whole(items)
    known = {f.id: f for f in [*FILLER, *items]}
    refine(assigner, [f.id for f in items], lambda ids: {i: known[i] for i in ids}, twins=twins)
    return assigner


def test_split_twin_events_joined_whole_part_in_two() -> None:
    older, newer = _older(), _newer()
    items = older + newer
    expected = {frozenset(f.id for f in older), frozenset(f.id for f in newer)}
    assert _groups(_refined(items, twins=False), items) == {frozenset(f.id for f in items)}
    assert _groups(_refined(items), items) == expected


def test_split_larger_part_keeps_the_story_id_and_the_other_resolves_alone() -> None:
    older, newer = _older(), _newer()  # six older reports, five newer
    items = older + newer
    joined = _joined_whole(items).story_of("old0")
    assigner = _refined(items)
    assert assigner.story_of("old0") == joined
    assert assigner.story_of("new0") != joined
    assert assigner.story_of("new0") in assigner.stories


def test_split_same_stories_in_every_arrival_order() -> None:
    items = _older() + _newer()
    expected = {frozenset(f.id for f in _older()), frozenset(f.id for f in _newer())}
    for seed in range(6):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert _groups(_refined(shuffled), items) == expected


def _one_event(years: list[str]) -> list[ArticleFeatures]:
    return [
        feat(f"one{i}", unit(90 + i, OLD, 0.6), f"{KIND} Selka Holmstad Lunde {y}", day=None)
        for i, y in enumerate(years)
    ]


def _split_of(items: list[ArticleFeatures]) -> object:
    assigner = _joined_whole(items)
    story = assigner.stories[assigner.story_of(items[0].id)]
    return split_story(assigner, story, {f.id: f for f in items})


def test_split_one_event_over_the_turn_of_a_year_stays_whole() -> None:
    # reports of one sinking written on either side of New Year: 2021 and 2020 are
    # one year apart, no evidence of two events
    years = ["#2021", "#2021", "#2020 #2021", "#2021", "#2020", "#2020", "#2020", "", ""]
    assert _split_of(_one_event(years)) is None


def test_split_reports_naming_no_year_are_no_older_event() -> None:
    # silence about the year means something only from reports that name years
    years = ["#2021", "#2021", "#2016 #2021", "#2021", "#2021", "", "", "", ""]
    assert _split_of(_one_event(years)) is None


def test_split_needs_enough_reports_on_each_side() -> None:
    older, newer = _older()[:3], _newer()  # three older reports: too few to tell
    assigner = _joined_whole(older + newer)
    story = assigner.stories[assigner.story_of("old0")]
    assert split_story(assigner, story, {f.id: f for f in older + newer}) is None
