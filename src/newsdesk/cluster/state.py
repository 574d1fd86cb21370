"""Saving and restoring a :class:`StoryAssigner`: a JSON-able dict plus numpy arrays.

The dict keeps config, document frequencies, stories (members, outlets, times, terms,
title candidates), merges and the article-to-story map; the arrays keep the story
vector sums and title vectors. :func:`save` / :func:`load` put both in one folder.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsdesk.cluster.embed import DIM, widen
from newsdesk.cluster.story import Story

__all__ = ["Assigner", "dump_state", "load_state", "read", "save"]


class Assigner(Protocol):
    """What saving and restoring read and fill: a ``cluster.stories.StoryAssigner``."""

    stories: dict[str, Story]
    config: Any
    words: Any
    names: Any
    merges: dict[str, str]
    article_story: dict[str, str]
    next_key: int

    def add_stories(self, stories: Iterable[Story]) -> None: ...


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _story_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "key": story.key,
        "terms": story.terms,
        "entities": story.entities,
        "members": story.members,
        "outlets": dict(story.outlets),
        "first_seen": _iso(story.first_seen),
        "last_seen": _iso(story.last_seen),
        "titles": [title for title, _ in story.titles],
        "lead": story.lead,
        "years": [[list(sig), n] for sig, n in story.years.items()],
        "languages": dict(story.languages),
        "dated": story.dated,
        "places": dict(story.places),
    }


def dump_state(assigner: Assigner) -> dict[str, Any]:
    stories = sorted(assigner.stories.values(), key=lambda s: s.key)
    config = asdict(assigner.config)
    config["window"] = assigner.config.window.total_seconds()
    title_vectors = [vec for s in stories for _, vec in s.titles]
    dim = DIM
    return {
        "config": config,
        "words": {"docs": assigner.words.docs, "df": dict(assigner.words.df)},
        "names": {"docs": assigner.names.docs, "df": dict(assigner.names.df)},
        "stories": [_story_dict(s) for s in stories],
        "merges": dict(assigner.merges),
        "article_story": dict(assigner.article_story),
        "next_key": assigner.next_key,
        "vector_sums": np.stack([s.vector_sum for s in stories])
        if stories
        else np.zeros((0, dim), np.float32),
        "title_vectors": np.stack(title_vectors) if title_vectors else np.zeros((0, dim)),
    }


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def load_state(assigner: Assigner, state: dict[str, Any]) -> None:
    for stats, name in ((assigner.words, "words"), (assigner.names, "names")):
        stats.docs = int(state[name]["docs"])
        stats.df = Counter(state[name]["df"])
    sums = widen(np.asarray(state["vector_sums"], dtype=np.float32))
    title_vectors = widen(np.asarray(state["title_vectors"], dtype=np.float32))
    used = 0
    stories = []
    for row, raw in enumerate(state["stories"]):
        titles = [(t, title_vectors[used + i]) for i, t in enumerate(raw["titles"])]
        used += len(titles)
        stories.append(
            Story(
                id=raw["id"],
                key=int(raw["key"]),
                vector_sum=sums[row].copy(),
                terms=dict(raw["terms"]),
                entities=dict(raw["entities"]),
                members=list(raw["members"]),
                outlets=Counter(raw["outlets"]),
                first_seen=_when(raw["first_seen"]),
                last_seen=_when(raw["last_seen"]),
                titles=titles,
                lead=raw["lead"],
                years=Counter({tuple(sig): int(n) for sig, n in raw.get("years", [])}),
                languages=Counter(raw.get("languages", {})),
                # a snapshot from before "dated": its times were taken as dates
                dated=int(raw.get("dated", len(raw["members"]) if raw["first_seen"] else 0)),
                # a snapshot from before places: none known, so no evidence either way
                places=Counter(raw.get("places", {})),
            )
        )
    assigner.add_stories(stories)
    assigner.merges = dict(state["merges"])
    assigner.article_story = dict(state["article_story"])
    assigner.next_key = max(assigner.next_key, int(state["next_key"]))


def save(assigner: Assigner, folder: Path) -> None:
    """Write ``state.json`` and ``vectors.npz`` under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    state = dump_state(assigner)
    arrays = {k: state.pop(k) for k in ("vector_sums", "title_vectors")}
    np.savez(folder / "vectors.npz", **arrays)
    (folder / "state.json").write_text(json.dumps(state), encoding="utf-8")


def read(folder: Path) -> dict[str, Any]:
    """The state :func:`save` wrote to ``folder`` (``StoryAssigner.load`` rebuilds it)."""
    state: dict[str, Any] = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    with np.load(folder / "vectors.npz") as arrays:
        state["vector_sums"] = arrays["vector_sums"]
        state["title_vectors"] = arrays["title_vectors"]
    return state
