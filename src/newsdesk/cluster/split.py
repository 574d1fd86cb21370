"""Parting twin events joined whole: a story whose reports form an older and a newer event.

The refinement (:mod:`newsdesk.cluster.refine`) moves members one at a time, so a story
that holds two events of one kind whole (two quakes in one country years apart, the same
browser's emergency patch five years apart, an actor cast in a role and his successor
cast years later) never parts: each report, taken out, still fits the mixed story best.
What tells such twins apart is the follow-up's asymmetry: the later event's reports name
its year (and often recall the earlier event and its year), while the earlier event's
reports, written before, never name the later year.

:func:`split_story` looks for that in one story. For each year that at least
``min_part`` members name as their latest, newest-first among the most named: the members
whose latest year it is seed the newer part, the members that name years but none later
than two years before it seed the older part (at least two of them: silence about a year
means something only from reports that name years). The rest join the seed they score
better against (the assigner's own score), and every member is then put, twice, with the
part it fits best without it. The story splits when, after that:

- both parts have ``min_part`` members or more;
- the newer part still names the year as latest in ``min_part`` members, two thirds of
  those naming any; the older part still has two members naming years, and none of its
  members names a year later than two years before it;
- each part's members fit their own part better than the other on what they say (the
  embedding, word and name part of the score, :meth:`StoryAssigner.content`, without the
  year agreement, days and places; the numbers a report names, years among them, are
  part of its names, so they weigh there as any other name).

The larger part keeps the story and its id (the part holding the story's first member on a
tie); the smaller opens ``s-<its first member>`` (``~N`` appended when taken). Members are
visited in story order and ties go the same way each time, so the same story gives the
same split. A story of one event whose reports name only background years ("the 2001
title fight") mostly meets the year test but not the content test. ``min_part`` is 4: with
3, two stories of one event split off three reports naming only an older background year
(ECB+, bench/results/clustering_issue13_splits.md, section 8, with the figures).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsdesk.cluster.features import ArticleFeatures, years_of
from newsdesk.cluster.story import Story

if TYPE_CHECKING:
    from newsdesk.cluster.stories import StoryAssigner

__all__ = ["MIN_PART", "build_part", "fit_part", "part_story", "split_story"]

MIN_PART = 4  # members each part needs (and the newer part's members naming its year)
_ROUNDS = 2  # times every member is put with the part it fits best
OLDER_NAMING = 2  # members of the older part that name years (silence means something)


def _years(item: ArticleFeatures) -> tuple[int, ...]:
    return tuple(int(y) for y in years_of(item.entities))


def build_part(story_id: str, key: int, items: Sequence[ArticleFeatures]) -> Story:
    story = Story.start(story_id, key, items[0])
    for item in items[1:]:
        story.add(item)
    return story


def fit_part(
    assigner: StoryAssigner, item: ArticleFeatures, part: Story, *, content: bool = False
) -> float:
    """``item`` against ``part`` (without it when it is a member), by the full score or
    by what they say only."""
    assigner.prepare(item)
    inside = item.id in part.members
    if inside:
        if len(part.members) == 1:
            return float("-inf")
        kept = (list(part.members), list(part.titles), part.lead)
        part.remove(item)
    try:
        if content:
            return assigner.content(item, part)
        score = assigner.score(item, part)
        return float("-inf") if score is None else score
    finally:
        if inside:
            part.add(item)
            part.members, part.titles, part.lead = kept


def _parts(
    assigner: StoryAssigner,
    items: list[ArticleFeatures],
    older: set[str],
    newer: set[str],
) -> tuple[list[ArticleFeatures], list[ArticleFeatures]] | None:
    """Seeds grown into two parts: the rest join the seed they fit, then everyone is put
    where they fit best without themselves (older first on a tie)."""
    seeds = (
        build_part("older", -1, [i for i in items if i.id in older]),
        build_part("newer", -1, [i for i in items if i.id in newer]),
    )
    side: dict[str, int] = {i.id: 0 for i in items if i.id in older}
    side.update({i.id: 1 for i in items if i.id in newer})
    for item in items:
        if item.id not in side:
            fits = [fit_part(assigner, item, seed) for seed in seeds]
            side[item.id] = 1 if fits[1] > fits[0] else 0
    for _ in range(_ROUNDS):
        groups = [[i for i in items if side[i.id] == k] for k in (0, 1)]
        if not groups[0] or not groups[1]:
            return None
        built = [build_part("older", -1, groups[0]), build_part("newer", -1, groups[1])]
        moved = {}
        for item in items:
            fits = [fit_part(assigner, item, part) for part in built]
            moved[item.id] = 1 if fits[1] > fits[0] else 0 if fits[0] > fits[1] else side[item.id]
        if moved == side:
            break
        side = moved
    groups = [[i for i in items if side[i.id] == k] for k in (0, 1)]
    if not groups[0] or not groups[1]:
        return None
    return groups[0], groups[1]


def _older_and_newer(
    older: list[ArticleFeatures], newer: list[ArticleFeatures], year: int, min_part: int
) -> bool:
    """The year test on the grown parts (see the module docstring)."""
    latest = [ys[-1] for ys in map(_years, newer) if ys]
    named = sum(1 for y in latest if y == year)
    if named < min_part or 3 * named < 2 * len(latest):
        return False
    naming = [ys for ys in map(_years, older) if ys]
    return len(naming) >= OLDER_NAMING and all(ys[-1] <= year - 2 for ys in naming)


def _apart(
    assigner: StoryAssigner, older: list[ArticleFeatures], newer: list[ArticleFeatures]
) -> bool:
    """Each part's members fit their own part better than the other, on what they say."""
    built = (build_part("older", -1, older), build_part("newer", -1, newer))
    for own, other, items in ((0, 1, older), (1, 0, newer)):
        mine = sum(fit_part(assigner, i, built[own], content=True) for i in items)
        theirs = sum(fit_part(assigner, i, built[other], content=True) for i in items)
        if mine <= theirs:
            return False
    return True


def _twins(
    assigner: StoryAssigner, items: list[ArticleFeatures], min_part: int
) -> tuple[list[ArticleFeatures], list[ArticleFeatures]] | None:
    years = {i.id: _years(i) for i in items}
    latest = Counter(ys[-1] for ys in years.values() if ys)
    for year, count in sorted(latest.items(), key=lambda kv: (-kv[1], -kv[0])):
        if count < min_part:
            break
        newer = {i.id for i in items if years[i.id] and years[i.id][-1] == year}
        older = {i.id for i in items if years[i.id] and years[i.id][-1] <= year - 2}
        if len(older) < OLDER_NAMING:
            continue
        parts = _parts(assigner, items, older, newer)
        if parts is None:
            continue
        old, new = parts
        if min(len(old), len(new)) < min_part:
            continue
        if _older_and_newer(old, new, year, min_part) and _apart(assigner, old, new):
            return old, new
    return None


def split_story(
    assigner: StoryAssigner,
    story: Story,
    features: dict[str, ArticleFeatures],
    *,
    min_part: int = MIN_PART,
) -> Story | None:
    """Part ``story`` into an older and a newer event when its members show two (see the
    module docstring): the larger part keeps the story, the smaller becomes the story
    returned (registered and indexed in ``assigner``); None when it stays whole."""
    items = [features[m] for m in story.members if m in features]
    if len(items) < 2 * min_part or len(items) < len(story.members):
        return None
    found = _twins(assigner, items, min_part)
    if found is None:
        return None
    return part_story(assigner, story, found)


def part_story(
    assigner: StoryAssigner,
    story: Story,
    parts: tuple[list[ArticleFeatures], list[ArticleFeatures]],
) -> Story:
    """Replace ``story`` by two parts of its members: the larger part keeps the story and
    its id (the part holding its first member on a tie), the smaller opens
    ``s-<its first member>`` (``~N`` appended when taken), registered and indexed in
    ``assigner``, and is returned."""
    first = story.members[0]
    keep, leave = sorted(parts, key=lambda part: (-len(part), all(i.id != first for i in part)))
    new_id = f"s-{leave[0].id}"
    n = 1
    while new_id in assigner.stories or new_id in assigner.merges:
        new_id = f"s-{leave[0].id}~{n}"
        n += 1
    kept = build_part(story.id, story.key, keep)
    for name in Story.__slots__:
        setattr(story, name, getattr(kept, name))
    assigner._prune(story)
    opened = build_part(new_id, assigner.next_key, leave)
    assigner.next_key += 1
    assigner._prune(opened)
    assigner.stories[opened.id] = opened
    assigner.by_key[opened.key] = opened
    for item in leave:
        assigner.article_story[item.id] = opened.id
    assigner._index(story)
    assigner._index(opened)
    return opened
