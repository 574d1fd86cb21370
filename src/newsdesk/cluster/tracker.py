"""Keeping the store's stories current as articles arrive.

The :class:`StoryTracker` holds a :class:`StoryAssigner` in memory and the store
holds everything needed to rebuild it: each article's features (so nothing is
embedded twice), its story, the merges, and a snapshot of the assigner with the
last feature row it covers. Opening a tracker loads the snapshot and replays the
features stored after it, in the order they were assigned (articles that became
copies since included), so a run killed at any point resumes with exactly the state
it had. Copies never go through the assigner: they follow their original's story
(the store sees to that).

Before each snapshot (every ``SNAPSHOT_EVERY`` assigned articles and when a run closes)
the stories the articles assigned since the last one touched are refined
(:mod:`newsdesk.cluster.refine`: members move to the story that fits them best) and the
moves saved like assignments; articles replayed on open count as assigned since the
snapshot, so a killed run's are refined by the next one.

One article whose features or assignment raise is left without a story and listed
in :attr:`StoryTracker.failed` (id -> error); the rest of the batch goes on.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

import numpy as np

from newsdesk.article import Article
from newsdesk.cluster.embed import widen
from newsdesk.cluster.features import ArticleFeatures, article_language, features_batch
from newsdesk.cluster.refine import Refinement, refine
from newsdesk.cluster.stories import ClusterConfig, StoryAssigner, recluster
from newsdesk.faults import describe
from newsdesk.store import SqliteStore
from newsdesk.store.stories import FeatureRow

__all__ = ["StoryTracker"]

BATCH = 64  # articles embedded and committed together
SNAPSHOT_EVERY = 2000  # assigned articles between snapshots (and at every close)


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _restore(row: FeatureRow) -> ArticleFeatures:
    return ArticleFeatures(
        id=row.article_id,
        vector=widen(np.frombuffer(row.vector, dtype=np.float32).copy()),
        terms=row.terms,
        entities=row.entities,
        published=_when(row.published) or _when(row.fetched),
        outlet=row.outlet,
        title=row.title,
        lead=row.lead,
        language=article_language(row.language, row.lead),
        dated=row.published is not None,
    )


def _pack(state: dict[str, object]) -> tuple[dict[str, object], bytes]:
    arrays = {k: state.pop(k) for k in ("vector_sums", "title_vectors")}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return state, buffer.getvalue()


def _unpack(state: dict[str, object], blob: bytes) -> dict[str, object]:
    with np.load(io.BytesIO(blob)) as arrays:
        state["vector_sums"] = arrays["vector_sums"]
        state["title_vectors"] = arrays["title_vectors"]
    return state


class StoryTracker:
    """Assigns the store's unassigned articles to stories, incrementally."""

    def __init__(
        self,
        store: SqliteStore,
        *,
        config: ClusterConfig | None = None,
        featurize: Callable[[Sequence[Article]], list[ArticleFeatures]] | None = None,
        embedding: str | None = None,
    ) -> None:
        """``embedding`` "use" leaves MiniLM out (the multilingual model alone, with the
        weights fitted for it); None or "minilm+use" (the default) adds MiniLM for English."""
        self.store = store
        english_model = embedding != "use"
        self.config = config or (None if english_model else ClusterConfig.multilingual_only())
        self._featurize = featurize or partial(features_batch, english_model=english_model)
        self.assigner = StoryAssigner(self.config)
        self.through = 0
        self.replayed_through = 0  # the feature rowid the assigner's state covers
        self.failed: dict[str, str] = {}  # article id -> error, this tracker's failures
        self._since_snapshot = 0
        # articles assigned since the last snapshot (replayed ones included): the
        # refinement before the next snapshot revisits their stories
        self.touched: list[str] = []
        self.refined = Refinement()  # the last refinement's moves
        self._load()

    def _load(self) -> None:
        snapshot = self.store.stories.cluster_snapshot()
        if snapshot is not None:
            through, state, blob = snapshot
            replayed = state.pop("features_through", None)
            self.assigner = StoryAssigner.from_state(_unpack(state, blob))
            self.config = self.config or self.assigner.config  # recluster with the same
            self.through = through
            if replayed is None:  # a snapshot from before replay followed feature rows
                for row in self.store.stories.assigned_features(after=self.through):
                    self.assigner.assign(_restore(row))
                    self.through = row.rowid
                self.replayed_through = self.store.stories.features_through()
                return
            self.replayed_through = int(replayed)
        for row in self.store.stories.replay_features(after=self.replayed_through):
            self.assigner.assign(_restore(row))
            self.touched.append(row.article_id)
            self.replayed_through = row.rowid

    def update(self, *, skip: set[str] | frozenset[str] = frozenset()) -> int:
        """Assign every article that has no story yet (but those in ``skip`` and those
        that failed in this tracker); return how many were assigned."""
        pending = [
            (r, i)
            for r, i in self.store.stories.unassigned()
            if i not in skip and i not in self.failed
        ]
        for start in range(0, len(pending), BATCH):
            self._assign(pending[start : start + BATCH])
        if self._since_snapshot >= SNAPSHOT_EVERY:
            self.snapshot()
        return len(pending)

    def _features(self, ids: list[str]) -> tuple[list[ArticleFeatures], set[str]]:
        stored = self.store.stories.features(ids)
        missing = [i for i in ids if i not in stored]
        articles = [a for a in (self.store.articles.article(i) for i in missing) if a is not None]
        try:
            computed = {f.id: f for f in self._featurize(articles)}
        except Exception as exc:  # one article spoils the batch: find it, keep the others
            computed = {}
            if len(articles) == 1:
                self.failed[articles[0].id or ""] = describe(exc)
            for article in articles if len(articles) > 1 else ():
                try:
                    computed.update((f.id, f) for f in self._featurize([article]))
                except Exception as exc:
                    self.failed[article.id or ""] = describe(exc)
        ordered = [
            _restore(stored[i]) if i in stored else computed[i]
            for i in ids
            if i in stored or i in computed
        ]
        return ordered, set(computed)

    def _assign(self, chunk: list[tuple[int, str]]) -> None:
        features, new = self._features([article_id for _, article_id in chunk])
        assignments: dict[str, str] = {}
        merges: list[tuple[str, str]] = []
        for item in features:
            try:
                result = self.assigner.assign(item)
            except Exception as exc:
                self.failed[item.id] = describe(exc)
                new.discard(item.id)
                continue
            assignments[item.id] = result.story_id
            self.touched.append(item.id)
            merges += [(old, result.story_id) for old in self.assigner.last_merged]
        live = {self.assigner.resolve(s) for s in assignments.values()}
        self.store.stories.save_assignments(
            features=[
                (f.id, f.vector.astype(np.float32).tobytes(), f.terms, f.entities, f.lead)
                for f in features
                if f.id in new
            ],
            assignments=assignments,
            merges=merges,
            titles={s: self.assigner.story(s).title for s in live},
        )
        self.through = chunk[-1][0]
        self._since_snapshot += len(chunk)

    def refine(self) -> Refinement:
        """Refine the stories the articles assigned since the last snapshot touched
        (:func:`newsdesk.cluster.refine.refine`) and save the moves; the snapshot that
        follows keeps the refined state."""
        touched, self.touched = self.touched, []
        if not touched:
            return Refinement()
        result = refine(self.assigner, touched, self._stored_features)
        self.refined = result
        if not result.moved and not result.emptied:
            return result
        live = result.changed | {self.assigner.resolve(s) for s in result.emptied.values()}
        live &= set(self.assigner.stories)
        self.store.stories.save_assignments(
            features=[],
            assignments=dict(result.moved),
            merges=sorted(result.emptied.items()),
            titles={s: self.assigner.story(s).title for s in sorted(live)},
        )
        return result

    def _stored_features(self, ids: Sequence[str]) -> dict[str, ArticleFeatures]:
        return {i: _restore(row) for i, row in self.store.stories.features(list(ids)).items()}

    def snapshot(self) -> None:
        """Refine what was assigned since the last snapshot, then save the assigner's
        state; articles after ``through`` are replayed on open."""
        self.refine()
        state, blob = _pack(dict(self.assigner.to_state()))
        state["features_through"] = self.store.stories.features_through()
        self.store.stories.save_cluster_snapshot(through=self.through, state=state, arrays=blob)
        self._since_snapshot = 0

    def recluster(self) -> int:
        """Rebuild every story from scratch, deterministically (published, then id order)."""
        self.update()  # every original has features first
        rows = list(self.store.stories.assigned_features(order="published"))
        old = {s.id for s in self.store.stories.stories()}
        self.store.stories.reset_stories()
        self.assigner = recluster((_restore(r) for r in rows), self.config)
        assignments = {r.article_id: self.assigner.story_of(r.article_id) for r in rows}
        live = set(assignments.values())
        # an old id ("s-<first article>") keeps resolving: to that article's new story
        moved = [
            (story_id, assignments[story_id[2:]])
            for story_id in sorted(old - live)
            if story_id[2:] in assignments
        ]
        self.store.stories.save_assignments(
            features=[],
            assignments=assignments,
            merges=moved,
            titles={s: self.assigner.story(s).title for s in live},
        )
        self.through = max((r.rowid for r in rows), default=0)
        self.touched = [r.article_id for r in rows]  # refined whole, as ingest refines
        self.snapshot()
        return len(rows)
