"""The refinement after a batch (cluster.refine): hand-made features, no model, and the store.

One online pass decides each article against the stories as they stood when it came:
a short first report opens a story its event's later, fuller reports do not join. The
refinement revisits the touched stories' members once the batch is in.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from helpers.stories import fake_features, record
from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.refine import _take_out, refine
from newsdesk.cluster.stories import StoryAssigner
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .test_stories import FILLER, feat, unit

VALLEY = unit(11)


def _event() -> list[ArticleFeatures]:
    """Four full reports of one quake and a short one (two words, a loose vector)."""
    full = [
        feat(
            f"x{i}",
            unit(20 + i, VALLEY, 1.0),
            f"quake Orlen valley Varna rescue aftershock{i} Governor{i}",
            day=None,
        )
        for i in range(4)
    ]
    return [feat("x9", unit(29, VALLEY, 1.5), "quake Orlen", day=None), *full]


def _run(order: list[ArticleFeatures], *, refined: bool) -> StoryAssigner:
    assigner = StoryAssigner()
    for item in [*FILLER, *order]:
        assigner.assign(item)
    if refined:
        known = {f.id: f for f in [*FILLER, *order]}
        refine(assigner, [f.id for f in order], lambda ids: {i: known[i] for i in ids})
    return assigner


def _groups(assigner: StoryAssigner, items: list[ArticleFeatures]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for item in items:
        groups.setdefault(assigner.story_of(item.id), set()).add(item.id)
    return {frozenset(g) for g in groups.values()}


def test_refine_short_first_report_joins_its_event_once_the_batch_is_in() -> None:
    items = _event()  # the short report first: it opens a story the others pass by
    plain = _run(items, refined=False)
    assert plain.story_of("x9") != plain.story_of("x0")
    refined = _run(items, refined=True)
    assert _groups(refined, items) == {frozenset(f.id for f in items)}
    # the story the full reports built keeps its id; the short one's resolves to it
    assert refined.story_of("x9") == plain.story_of("x0")
    assert refined.resolve(plain.story_of("x9")) == refined.story_of("x0")


def test_refine_same_stories_in_every_order() -> None:
    items = _event()
    for seed in range(8):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert _groups(_run(shuffled, refined=True), items) == {frozenset(f.id for f in items)}


def test_refine_is_deterministic() -> None:
    items = _event()
    first, second = _run(items, refined=True), _run(items, refined=True)
    assert first.article_story == second.article_story
    assert sorted(first.stories) == sorted(second.stories)


def test_refine_member_put_in_the_wrong_story_moves_to_its_own() -> None:
    flood = unit(12)
    floods = [
        feat(f"y{i}", unit(40 + i, flood, 0.5), f"flood Selva river levee Mayor{i}", day=None)
        for i in range(4)
    ]
    items = _event()[1:]
    assigner = StoryAssigner()
    for item in [*FILLER, *items, *floods[:3]]:
        assigner.assign(item)
    # an early decision gone wrong: the fourth flood report sits in the quake's story
    assigner._join(assigner.story(assigner.story_of("x0")), floods[3])
    known = {f.id: f for f in [*FILLER, *items, *floods]}
    result = refine(assigner, ["y3"], lambda ids: {i: known[i] for i in ids})
    assert assigner.story_of("y3") == assigner.story_of("y0")
    assert result.moved == {"y3": assigner.story_of("y0")}
    assert {assigner.story_of(f.id) for f in items} == {assigner.story_of("x0")}


def test_refine_touches_only_the_batch_stories() -> None:
    items = _event()
    assigner = _run(items, refined=False)
    known = {f.id: f for f in [*FILLER, *items]}
    asked: list[str] = []

    def features_of(ids: list[str]) -> dict[str, ArticleFeatures]:
        asked.extend(ids)
        return {i: known[i] for i in ids}

    refine(assigner, ["f0"], features_of)  # a filler story alone: nothing to move
    assert set(asked) == {"f0"}
    assert _groups(assigner, items) == _groups(_run(items, refined=False), items)


def _write(folder: Path, name: str, event: str, n: int) -> None:
    (folder / f"{name}.jsonl").write_text(
        json.dumps(record(name, event, n, 0, name.upper())) + "\n", encoding="utf-8"
    )


@pytest.fixture
def two_events(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        _write(folder, f"q{i}", "quake", 5 + 2 * i)
        _write(folder, f"s{i}", "strike", 100 + 2 * i)
    return folder


def _named(store: SqliteStore) -> set[frozenset[str]]:
    """The store's stories as the record names of their members (titles end with them)."""
    name = {}
    for story in store.stories.stories():
        for article_id in story.articles:
            article = store.articles.article(article_id)
            name[article_id] = (article.title or "").rsplit(" ", 1)[-1] if article else "?"
    return {frozenset(name[a] for a in s.articles) for s in store.stories.stories()}


def test_refine_moves_reach_the_store_and_old_ids_resolve(
    store: SqliteStore, two_events: Path
) -> None:
    ingest([str(two_events)], store, settings=Settings(db=store.path, stories=False))
    tracker = StoryTracker(store, featurize=fake_features)
    tracker.update()
    tracker.snapshot()
    events = {frozenset({"q0", "q1", "q2", "q3"}), frozenset({"s0", "s1", "s2", "s3"})}
    assert _named(store) == events
    # a wrong early decision, saved as the tracker saves one: one quake report alone
    assigner = tracker.assigner
    quake_story = next(s for s in store.stories.stories() if len(s.articles) == 4)
    quake = quake_story.id
    moved = sorted(quake_story.articles)[-1]
    if moved == quake[2:]:
        moved = sorted(quake_story.articles)[0]
    item = tracker._stored_features([moved])[moved]
    _take_out(assigner.story(quake), item)
    alone = assigner._open(item)
    store.stories.save_assignments(
        features=[], assignments={moved: alone.id}, merges=[], titles={alone.id: "alone"}
    )
    assert len(store.stories.stories()) == 3
    tracker.touched = [moved]
    tracker.snapshot()  # refines, then saves the state
    assert _named(store) == events
    assert store.stories.resolve_story(alone.id) == quake
    assert store.stories.story(quake).article_count == 4
    reopened = StoryTracker(store, featurize=fake_features)
    assert reopened.assigner.story_of(moved) == quake
