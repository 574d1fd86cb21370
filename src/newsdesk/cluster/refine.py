"""Order-robust refinement: after a batch is assigned, members move to the story that fits best.

Assignment is one online pass: each article is compared with the stories as they
stood when it arrived, so what came first shapes the rest (an early follow-up that
names an earlier event seeds a story both events' reports join; a short first report
leaves later ones alone). After a batch, :func:`refine` revisits the members of the
stories the batch touched, medoid-style, for up to ``rounds`` rounds: each member is
taken out of its story and scored, by the assigner's own score (its thresholds, its
word, name, year, day and place evidence), against its story without it and the
stories the index finds near it. It moves to the best when that beats its own story by
``margin`` and clears the threshold; else it stays. Given ``split_below``, a member is
split off alone when its story (without it) scores below that and no other story clears
the threshold; off by default: replayed on ECB+ (dev topics, four orders), splitting
below the threshold lost 0.001 of mean B-cubed F1 against moving alone. The work is
bounded by the touched stories: their members (stories of more than ``max_members``
are left as they are) and the assigner's ``candidates`` neighbours each.

After the rounds, each touched story is offered to :func:`newsdesk.cluster.split.split_story`
(``twins``): a story holding an older and a newer event of one kind whole (the later
reports name a year the earlier never do, and each part fits itself better on what it
says) parts in two, the larger part keeping the id; when one did, the rounds run once
more, so the members around the parts find their place. Replayed on ECB+ (four orders), this
is what lifted every order's B-cubed F1 above 0.92 (bench/results/clustering_issue13_splits.md,
section 8). Then (``groups``) each is offered to :func:`newsdesk.cluster.groups.split_groups`:
a story whose members form groups of different events of one topic, which only its centroid
holds together, parts into those groups (bench/results/clustering_issue13_groups.md).

Deterministic: members are visited in id order, ties go to the lower story id, so the
same assigner state and the same batch give the same stories. A story keeps its id
while any member stays; a story left empty resolves to the story that took most of its
members (:attr:`StoryAssigner.merges`), and a member split off opens ``s-<id>`` (or
``s-<id>~N`` when that id was taken).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.groups import split_groups
from newsdesk.cluster.split import split_story
from newsdesk.cluster.story import Story

if TYPE_CHECKING:
    import numpy as np

    from newsdesk.cluster.stories import StoryAssigner

__all__ = ["Refinement", "refine", "scored_without"]

FeaturesOf = Callable[[Sequence[str]], dict[str, ArticleFeatures]]
_Kept = tuple[list[str], list[tuple[str, "np.ndarray"]], str]  # what add() does not restore


@dataclass(slots=True)
class Refinement:
    """What a refinement changed: article -> its new story, emptied story -> where it went."""

    moved: dict[str, str] = field(default_factory=dict)
    emptied: dict[str, str] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # live stories whose members changed
    examined: int = 0


def _take_out(story: Story, features: ArticleFeatures) -> None:
    """The reverse of :meth:`Story.add` for the sums the score reads (the title list,
    lead and span are rebuilt after the refinement)."""
    story.remove(features)


def _rebuild(assigner: StoryAssigner, story: Story, feats: dict[str, ArticleFeatures]) -> None:
    """Recompute a story's sums from its members' features, in member order (exact)."""
    members = [feats[m] for m in story.members if m in feats]
    if not members:
        return
    fresh = Story.start(story.id, story.key, members[0])
    for item in members[1:]:
        fresh.add(item)
    for name in Story.__slots__:
        setattr(story, name, getattr(fresh, name))
    assigner._prune(story)


def refine(
    assigner: StoryAssigner,
    touched: Iterable[str],
    features_of: FeaturesOf,
    *,
    rounds: int = 2,
    margin: float = 0.0,
    split_below: float | None = None,
    max_members: int = 400,
    twins: bool = True,
    groups: bool = True,
) -> Refinement:
    """Move the members of the stories holding ``touched`` articles to where they fit best.

    ``features_of(ids)`` gives the stored features of articles (those it has)."""
    cfg = assigner.config
    result = Refinement()
    live = sorted(
        {assigner.story_of(a) for a in touched if a in assigner.article_story}
        & set(assigner.stories)
    )
    working = [s for s in live if len(assigner.stories[s].members) <= max_members]
    if not working:
        return result
    feats: dict[str, ArticleFeatures] = {}
    origin: dict[str, str] = {}  # member -> its story before the refinement

    def load(story_ids: Iterable[str]) -> None:
        want = [
            m
            for s in story_ids
            if s in assigner.stories
            for m in assigner.stories[s].members
            if m not in feats
        ]
        if want:
            feats.update(features_of(want))

    load(working)
    for story_id in working:
        for member in assigner.stories[story_id].members:
            origin.setdefault(member, story_id)
        _rebuild(assigner, assigner.stories[story_id], feats)
    changed: set[str] = set()

    def settle() -> None:
        nonlocal changed
        for _ in range(max(0, rounds)):
            members = sorted(
                m
                for s in working
                if s in assigner.stories
                for m in assigner.stories[s].members
                if m in feats
            )
            result.examined += len(members)
            moves = 0
            for member in members:
                item = feats[member]
                own = assigner.stories[assigner.story_of(member)]
                if len(own.members) <= 1:
                    target = _best_elsewhere(assigner, item, own)
                    if target is None:
                        continue
                    _move(assigner, item, own, target)
                    changed |= {own.id, target.id}
                    moves += 1
                    continue
                kept = (list(own.members), list(own.titles), own.lead)
                _take_out(own, item)
                scored = _scored_against(assigner, item, own)
                own_score = next((s for s, story in scored if story is own), None)
                best_score, best = scored[0] if scored else (None, None)
                if best is not None and best is not own and best_score is not None:
                    beats = own_score is None or best_score > own_score + margin
                    if best_score >= cfg.threshold and beats:
                        _put(assigner, item, own, best)
                        changed |= {own.id, best.id}
                        moves += 1
                        continue
                if (
                    split_below is not None
                    and (own_score is None or own_score < split_below)
                    and (best is own or best_score is None or best_score < cfg.threshold)
                ):
                    alone = _open_alone(assigner, item)
                    changed |= {own.id, alone.id}
                    moves += 1
                    continue
                _put_back(own, item, kept)  # stays: back where it was, as it was
            for story_id in sorted(changed):
                if story_id in assigner.stories and story_id not in working:
                    working.append(story_id)
                    for other in assigner.stories[story_id].members:
                        origin.setdefault(other, story_id)
            load(working)
            for story_id in sorted(changed):
                if story_id in assigner.stories:
                    _rebuild(assigner, assigner.stories[story_id], feats)
            if not moves:
                break

    settle()
    opened_any = False
    if twins:
        for story_id in sorted(working):
            story = assigner.stories.get(story_id)
            if story is None or len(story.members) > max_members:
                continue
            opened = split_story(assigner, story, feats)
            if opened is not None:
                changed |= {story.id, opened.id}
                working.append(opened.id)
                opened_any = True
    if groups:
        for story_id in sorted(working):
            story = assigner.stories.get(story_id)
            if story is None:
                continue
            parts = split_groups(assigner, story, feats)
            for opened in parts:
                changed |= {story.id, opened.id}
                working.append(opened.id)
                opened_any = True
    if opened_any:  # the members around the parts find their place again
        settle()
    _finish(assigner, changed, origin, result)
    return result


def scored_without(
    assigner: StoryAssigner, item: ArticleFeatures, own: Story
) -> list[tuple[float, Story]]:
    """The stories ``item`` would fit by the assigner's score if it were not in ``own``
    (``own`` scored without it), best first; ``own`` is left as it was."""
    kept = (list(own.members), list(own.titles), own.lead)
    _take_out(own, item)
    try:
        return _scored_against(assigner, item, own)
    finally:
        _put_back(own, item, kept)


def _scored_against(
    assigner: StoryAssigner, item: ArticleFeatures, own: Story
) -> list[tuple[float, Story]]:
    """The index's candidates for ``item`` (out of ``own``) and ``own`` itself, best first."""
    scored = assigner._scored_candidates(item)
    if all(story is not own for _, story in scored):
        mine = assigner.score(item, own)
        if mine is not None:
            scored.append((mine, own))
            scored.sort(key=lambda pair: (-pair[0], pair[1].id))
    return scored


def _put_back(own: Story, item: ArticleFeatures, kept: _Kept) -> None:
    own.add(item)
    own.members, own.titles, own.lead = kept


def _best_elsewhere(assigner: StoryAssigner, item: ArticleFeatures, own: Story) -> Story | None:
    """The best other story for a member alone in its story, when it clears the bar."""
    for score, story in assigner._scored_candidates(item):
        if story is own:
            continue
        return story if score >= assigner.config.threshold else None
    return None


def _put(assigner: StoryAssigner, item: ArticleFeatures, own: Story, target: Story) -> None:
    """A member already taken out of ``own`` joins ``target``."""
    target.add(item)
    assigner.article_story[item.id] = target.id
    if not own.members:
        _drop(assigner, own, target.id)


def _move(assigner: StoryAssigner, item: ArticleFeatures, own: Story, target: Story) -> None:
    _take_out(own, item)
    _put(assigner, item, own, target)


def _drop(assigner: StoryAssigner, story: Story, into: str) -> None:
    for index in (assigner.index, assigner.xindex):
        if story.key in index:
            index.remove(story.key)
    del assigner.stories[story.id]
    del assigner.by_key[story.key]
    assigner.merges[story.id] = into


def _open_alone(assigner: StoryAssigner, item: ArticleFeatures) -> Story:
    story_id = f"s-{item.id}"
    n = 1
    while story_id in assigner.stories or story_id in assigner.merges:
        story_id = f"s-{item.id}~{n}"
        n += 1
    story = Story.start(story_id, assigner.next_key, item)
    assigner.next_key += 1
    assigner.stories[story.id] = story
    assigner.by_key[story.key] = story
    assigner.article_story[item.id] = story.id
    return story


def _finish(
    assigner: StoryAssigner, changed: set[str], origin: dict[str, str], result: Refinement
) -> None:
    """Re-index what changed, note moves, and point each emptied story where most of its
    members went."""
    for story_id in sorted(changed):
        story = assigner.stories.get(story_id)
        if story is not None:
            assigner._index(story)
    went: dict[str, Counter[str]] = {}
    for member, before in origin.items():
        now = assigner.story_of(member)
        if now != before:
            result.moved[member] = now
        went.setdefault(before, Counter())[now] += 1
    for story_id, counts in sorted(went.items()):
        if story_id in assigner.stories:
            continue
        into = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        assigner.merges[story_id] = into
        result.emptied[story_id] = into
    result.changed = {s for s in changed if s in assigner.stories}
