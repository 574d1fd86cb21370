"""Parting a story whose members form groups that only its centroid holds together.

A story is compared with an article through its centroid, the mean of its members. When
reports of different events of one topic meet in one story (three speeches and meetings of
one party's leaders; protests in three cities), each joined through what the members before
it had in common, the centroid drifts to the topic: every member fits the mixed story,
while the reports of one event score low against each report of the others. Neither the
refinement's moves (a member taken out still fits the mixed story best) nor the twin split
(:mod:`newsdesk.cluster.split`, which needs years) parts them.

:func:`split_groups` looks at the members pairwise: each member scored against each other
member alone (the assigner's own score, years, days and places included; the mean of both
ways). Groups are built by average linkage: the two groups with the highest mean link join
while that mean reaches ``ClusterConfig.group_link`` (0.3). A member left in a group of its
own goes with the group it links to best: one report that fits no part well says nothing
of how the story divides, and on ECB+ every member that fits its story below the threshold
and links to no member above it belongs there (two in doc-id order). The story parts when
two or more groups of two or more members remain; the largest keeps the story and its id
(:func:`newsdesk.cluster.split.part_story`).

``group_link`` was chosen on the tune halves (ECB+ odd topics, crosslingual_dev's dev
half), replayed from stored features in four orders (bench/results/
clustering_issue13_groups.md): 0.25 left both as they were, 0.3 raised crosslingual dev and
left ECB+ dev as it was, 0.35 cost ECB+ dev 0.004. Stories of more than ``max_members``
(100) are left whole: the pairwise scores grow with the square of the members.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.split import build_part, fit_part, part_story
from newsdesk.cluster.story import Story

if TYPE_CHECKING:
    from newsdesk.cluster.stories import StoryAssigner

__all__ = ["split_groups"]


def _links(assigner: StoryAssigner, items: Sequence[ArticleFeatures]) -> np.ndarray:
    """The score of each member against each other member alone, the mean of both ways."""
    alone = [build_part("alone", -1, [item]) for item in items]
    n = len(items)
    links = np.zeros((n, n))
    for i, item in enumerate(items):
        for j in range(n):
            if i != j:
                links[i, j] = max(-1.0, fit_part(assigner, item, alone[j]))
    return (links + links.T) / 2


def _groups(links: np.ndarray, bar: float) -> list[list[int]]:
    """Average-linkage groups: the two groups with the highest mean link join while it
    reaches ``bar``."""
    groups = [[i] for i in range(len(links))]
    sums = links.copy()  # sums[a, b]: the links between groups a and b, summed
    alive = list(range(len(groups)))
    while len(alive) > 1:
        best, pair = -np.inf, (0, 0)
        for x, a in enumerate(alive):
            for b in alive[x + 1 :]:
                mean = sums[a, b] / (len(groups[a]) * len(groups[b]))
                if mean > best:
                    best, pair = mean, (a, b)
        if best < bar:
            break
        a, b = pair
        groups[a] += groups[b]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        alive.remove(b)
    return [sorted(groups[a]) for a in alive]


def _attach_singles(links: np.ndarray, groups: list[list[int]]) -> list[list[int]]:
    """A member in a group of its own goes with the group it links to best: one report
    that fits no part of its story well says nothing of how the story divides."""
    parts = [g for g in groups if len(g) > 1]
    if not parts:
        return [sorted(i for g in groups for i in g)]
    for group in groups:
        if len(group) == 1:
            best = max(parts, key=lambda part: float(links[group[0], part].mean()))
            best.append(group[0])
    return [sorted(part) for part in parts]


def split_groups(
    assigner: StoryAssigner,
    story: Story,
    features: dict[str, ArticleFeatures],
    *,
    max_members: int = 100,
) -> list[Story]:
    """Part ``story`` into the groups of its members that no pairwise link holds together
    (see the module docstring); the largest keeps the story, the others become the
    stories returned (registered and indexed in ``assigner``)."""
    items = [features[m] for m in story.members if m in features]
    if not 2 <= len(items) <= max_members or len(items) < len(story.members):
        return []
    links = _links(assigner, items)
    found = _attach_singles(links, _groups(links, assigner.config.group_link))
    if len(found) < 2:
        return []
    found.sort(key=lambda group: (-len(group), group[0]))
    largest = items[found[0][0]].id
    opened: list[Story] = []
    holder = story  # the story holding the largest group (it keeps the id)
    for group in found[1:]:
        leave = [items[i] for i in group]
        left = {item.id for item in leave}
        rest = [features[m] for m in holder.members if m not in left]
        opened.append(part_story(assigner, holder, (rest, leave)))
        if largest in opened[-1].members:
            holder = opened[-1]
    return opened
