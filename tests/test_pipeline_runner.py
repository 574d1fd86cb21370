"""The generic runner: the declared stage list is what runs, per-article stages composed
into one batch function (set up once per worker), global stages in the parent, in order."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import newsdesk.stages as stages_module
from helpers import pipeline_models, toy_stages
from helpers.stories import record
from newsdesk.executors import InlineExecutor
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import ingest
from newsdesk.pipeline import Composed, StageList, StageSpec, run_stages
from newsdesk.settings import Settings
from newsdesk.stages import COMMANDS, STAGES, Models
from newsdesk.store import SqliteStore

MODELS = Models(featurize=pipeline_models.featurize, annotate=pipeline_models.annotate)


def _spec(name: str, kind: str, requires: set[str], assigns: set[str], make: Any) -> StageSpec:
    return StageSpec(name, kind, frozenset(requires), frozenset(assigns), "toy", make)  # type: ignore[arg-type]


def _toy_list() -> StageList:
    return StageList(
        [
            _spec("double", "article", set(), {"doubled"}, lambda ctx: toy_stages.Double()),
            _spec("unpack", "article", {"doubled"}, {"value"}, lambda ctx: toy_stages.Unpack()),
            _spec("sum", "global", {"value"}, {"total"}, lambda ctx: ctx),
        ]
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_pipeline_runner_composes_article_stages_and_runs_global_ones_in_the_parent(
    workers: int,
) -> None:
    total = toy_stages.Sum()
    batches = [[1, 2, 3], [4, 5], [6], [7, 8, 9, 10]]
    executor = InlineExecutor() if workers == 1 else LocalExecutor(workers=2)
    try:
        out = [
            item for batch in run_stages(_toy_list(), total, batches, executor) for item in batch
        ]
    finally:
        executor.close()
    assert [item["value"] for item in out] == [2 * n for n in range(1, 11)]
    assert total.totals == [sum(2 * k for k in range(1, n + 1)) for n in range(1, 11)]
    assert {item["parent"] for item in out} == {os.getpid()}  # global: in this process
    assert {item["setups"] for item in out} == {1}  # set up once, wherever it ran
    assert (total.opened, total.closed) == (1, 1)
    if workers == 2:
        assert os.getpid() not in {item["pid"] for item in out}  # per-article: in the pool


def test_pipeline_runner_a_worker_death_asks_each_composed_stage() -> None:
    fn = Composed([("double", toy_stages.Double()), ("unpack", toy_stages.Unpack())])
    assert fn.name == "double+unpack"
    assert fn.failed(3, "died") == ("failed", 3, "died")


def test_pipeline_runner_a_stage_without_implementation_is_refused() -> None:
    from newsdesk.errors import UsageError

    bare = StageList([StageSpec("bare", "global", frozenset(), frozenset())])
    with pytest.raises(UsageError, match="no implementation"):
        list(run_stages(bare, None, [[1]], InlineExecutor()))


def _corpus(folder: Path) -> list[str]:
    folder.mkdir()
    for s in range(3):
        lines = [record(f"r{s}-{k}", ("quake", "strike")[(s + k) % 2], 5 * s + k, k % 2,
                        ("Wire", "Ledger", "Post")[s]) for k in range(4)]  # fmt: skip
        text = "".join(json.dumps(r) + "\n" for r in lines)
        (folder / f"src{s}.jsonl").write_text(text, encoding="utf-8")
    return [str(folder)]


@pytest.mark.parametrize("workers", [1, 2])
def test_pipeline_runner_a_new_stage_is_one_entry_in_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """A toy per-article stage (after ids) and a toy global stage (after known), added to
    STAGES and to ingest's list, run in ingest: the per-article one where the executor
    runs the others, the global one here, seeing every stored article in order."""
    shout = _spec("shout", "article", {"id"}, {"shout"}, lambda run: toy_stages.Shout())
    tally = _spec("tally", "global", {"shout"}, {"tallied"}, toy_stages.Tally)
    names = list(COMMANDS["ingest"])
    names.insert(names.index("ids") + 1, "shout")
    names.insert(names.index("known") + 1, "tally")
    monkeypatch.setattr(stages_module, "STAGES", (*STAGES, shout, tally))
    monkeypatch.setitem(COMMANDS, "ingest", tuple(names))
    specs = _corpus(tmp_path / "in")
    settings = Settings(db=tmp_path / "db.sqlite", workers=workers)
    executor = InlineExecutor() if workers == 1 else LocalExecutor(workers=workers)
    try:
        with SqliteStore(settings.db) as store:
            report = ingest(specs, store, settings=settings, executor=executor, models=MODELS)
            articles = sorted(store.articles.articles(), key=lambda a: a.id or "")
    finally:
        executor.close()
    assert report.ingested == 12 and len(articles) == 12
    assert toy_stages.Tally.seen == report.ids  # every article, in the order stored
    assert toy_stages.Tally.pids == {os.getpid()}
    pids = {f for a in articles for f in a.flags if f.startswith("toy-") and "setups" not in f}
    assert len(pids) >= 1
    assert {f for a in articles for f in a.flags if f.startswith("toy-setups-")} == {"toy-setups-1"}
    if workers == 2:
        assert f"toy-{os.getpid()}" not in pids


def test_pipeline_runner_ingest_reads_back_nothing_it_just_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stories and annotations of a fresh ingest use what the per-article stages found,
    in memory: no article is read back from the store."""
    from newsdesk.store.articles import ArticleRepository

    reads: list[str] = []
    real = ArticleRepository.article

    def counted(self: ArticleRepository, article_id: str) -> Any:
        reads.append(article_id)
        return real(self, article_id)

    monkeypatch.setattr(ArticleRepository, "article", counted)
    specs = _corpus(tmp_path / "in")
    settings = Settings(db=tmp_path / "db.sqlite", workers=1)
    with SqliteStore(settings.db) as store:
        report = ingest(specs, store, settings=settings, executor=InlineExecutor(), models=MODELS)
        assert report.ingested == 12
        assert len(store.stories.stories()) >= 2
        assert len(store.annotations.annotations_of(report.ids)) == 12
    assert reads == []


def test_pipeline_runner_recluster_rebuilds_the_stories_the_tracker_rebuilds(
    tmp_path: Path,
) -> None:
    """``recluster`` runs the ``stories`` stage alone over the stored features: the same
    stories as the tracker's own rebuild of the same store."""
    import shutil

    from newsdesk.cluster.tracker import StoryTracker
    from newsdesk.ingestion import recluster

    specs = _corpus(tmp_path / "in")
    settings = Settings(db=tmp_path / "a.sqlite", workers=1)
    with SqliteStore(settings.db) as store:
        ingest(specs, store, settings=settings, executor=InlineExecutor(), models=MODELS)
    shutil.copy(settings.db, tmp_path / "b.sqlite")
    with SqliteStore(settings.db) as store:
        count = recluster(store, settings=settings)
        ours = sorted(sorted(s.articles) for s in store.stories.stories())
    with SqliteStore(tmp_path / "b.sqlite") as store:
        assert StoryTracker(store).recluster() == count > 0
        assert sorted(sorted(s.articles) for s in store.stories.stories()) == ours


@pytest.mark.parametrize("embedding", ["use", "minilm+use"])
def test_pipeline_runner_recluster_uses_the_embedding_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedding: str
) -> None:
    """Articles stored without stories (``--no-stories``) get their features and stories
    from ``recluster`` with the run's embedding setting, as ingest would give them:
    ``NEWSDESK_EMBEDDING=use`` leaves MiniLM out and weighs the multilingual vectors alone."""
    import newsdesk.cluster.tracker as tracker
    from newsdesk.cluster.stories import ClusterConfig
    from newsdesk.ingestion import recluster

    settings = Settings(db=tmp_path / "a.sqlite", workers=1, embedding=embedding)
    with SqliteStore(settings.db) as store:
        ingest(_corpus(tmp_path / "in"), store, settings=settings.with_(stories=False),
               executor=InlineExecutor(), models=MODELS)  # fmt: skip
    english: list[bool] = []
    configs: list[ClusterConfig] = []
    real = tracker.recluster

    def features(articles: Any, *, english_model: bool = True, **_: Any) -> list[Any]:
        english.append(english_model)
        return pipeline_models.featurize(articles)

    def rebuild(rows: Any, config: ClusterConfig) -> Any:
        configs.append(config)
        return real(rows, config)

    monkeypatch.setattr(tracker, "features_batch", features)
    monkeypatch.setattr(tracker, "recluster", rebuild)
    with SqliteStore(settings.db) as store:
        assert recluster(store, settings=settings) > 0
        assert store.stories.stories()
    multilingual = embedding == "use"
    assert english and set(english) == {not multilingual}
    weights = [c or ClusterConfig() for c in configs]  # None: the default weights
    assert weights == [ClusterConfig.multilingual_only() if multilingual else ClusterConfig()]


def test_pipeline_batches_shrink_towards_the_end_of_a_known_input() -> None:
    """With a known number of sources, the last batches are small (the workers run out of
    work together), cut the same whatever the number of workers (which leads share a batch
    moves the multilingual embedding's floats); a small input stays one batch (run in this
    process)."""
    from newsdesk.ingestion import BATCH_ARTICLES, _batches
    from newsdesk.stages import SourceJob

    def sizes(total: int, workers: int) -> list[int]:
        jobs = [SourceJob(index=i, source=f"s{i}") for i in range(total)]
        return [len(b) for b in _batches(jobs, total=total, workers=workers)]

    two = sizes(120, 2)
    assert sum(two) == 120 and max(two) == BATCH_ARTICLES
    assert two == sorted(two, reverse=True) and two[-1] <= 4
    assert sizes(120, 1) == two == sizes(120, 8)
    assert sizes(BATCH_ARTICLES, 2) == [BATCH_ARTICLES]
