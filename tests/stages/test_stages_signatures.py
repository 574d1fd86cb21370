"""The ``signatures`` stage: MinHash signatures made where the per-article stages run; the
copy index in the parent only consumes them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import pipeline_models
from newsdesk.article import Article
from newsdesk.dedupe.minhash import MinhashDeduper, signature, signature_to_bytes
from newsdesk.executors import InlineExecutor
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Models, SourceJob, Work, stage_list
from newsdesk.stages.article import Signatures
from newsdesk.store import SqliteStore

MODELS = Models(featurize=pipeline_models.featurize, annotate=pipeline_models.annotate)

REPORT = " ".join(
    f"Paragraph {n}: the river authority in Castlemere said on Monday that the flood wall on the "
    f"eastern bank would be raised by {n + 2} metres before the autumn rains, and that the "
    f"works on section {n} would close the towpath for {n * 3 + 1} weeks."
    for n in range(12)
)
OTHER = " ".join(
    f"Item {n}: the orchestra of Pellworth announced {n + 4} new concerts for its winter "
    f"season, with the conductor returning after a long illness to lead programme {n}."
    for n in range(10)
)


def _corpus(folder: Path) -> list[str]:
    """Three sources: a report, its truncated copy on another outlet, an unrelated piece."""
    folder.mkdir()
    (folder / "a-report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b-copy.txt").write_text(REPORT[: len(REPORT) * 2 // 3], encoding="utf-8")
    (folder / "c-other.txt").write_text(OTHER, encoding="utf-8")
    return [str(folder)]


def test_stages_signatures_fills_each_live_article() -> None:
    live, dropped = (
        Article(source="a", format="text", raw="", text=REPORT),
        Work(
            Article(source="b", format="text", raw="", text=OTHER), dropped="empty_after_cleaning"
        ),
    )
    job = SourceJob(index=0, source="a", read=True, works=[Work(live), dropped])
    (out,) = Signatures(Settings())([job])
    assert out.works[0].signature == signature_to_bytes(signature(REPORT))
    assert out.works[1].signature is None


def test_stages_signatures_come_before_the_copy_index() -> None:
    stages = stage_list("ingest")
    assert stages.names.index("ids") < stages.names.index("signatures")
    assert stages.names.index("signatures") < stages.names.index("copies")
    spec = next(s for s in stages.stages if s.name == "signatures")
    assert spec.kind == "article" and spec.assigns == {"signature"}


@pytest.mark.parametrize("workers", [1, 2])
def test_stages_signatures_ingest_stores_what_the_copy_index_would_compute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """Ingest links the copy and stores each article's signature, byte for byte what the
    copy index's datasketch MinHash makes; the parent computes none of them."""

    def refuse(self: MinhashDeduper, text: str) -> None:
        raise AssertionError(f"the parent computed a signature (pid {os.getpid()})")

    monkeypatch.setattr(MinhashDeduper, "signature", refuse)
    settings = Settings(db=tmp_path / "db.sqlite", workers=workers)
    executor = InlineExecutor() if workers == 1 else LocalExecutor(workers=workers)
    try:
        with SqliteStore(settings.db) as store:
            specs = _corpus(tmp_path / "in")
            report = ingest(specs, store, settings=settings, executor=executor, models=MODELS)
            articles = {a.id: a for a in store.articles.articles()}
            seeds = {a.id: (a.text, sig) for a, sig in store.articles.copy_seeds()}
    finally:
        executor.close()
    assert report.ingested == 3 and not report.failures
    copies = {a.source.rsplit("/", 1)[-1]: a for a in articles.values()}
    report_, copy = copies["a-report.txt"], copies["b-copy.txt"]  # no dates: the smaller id leads
    links = {copy.extras.get("copy_of"), report_.extras.get("copy_of")}
    assert links == {None, min(copy.id or "", report_.id or "")}
    assert "copy_of" not in copies["c-other.txt"].extras
    for text, stored in seeds.values():
        assert stored == signature_to_bytes(signature(text))


def test_stages_ids_a_worker_death_still_gives_the_ids_stage_ids() -> None:
    """The ids stage is the one place ids are filled: the articles of a source a worker
    died on (kept as read) get theirs from it, the same ids it gives a healthy run."""
    from newsdesk.article import article_id
    from newsdesk.pipeline import Composed
    from newsdesk.stages.article import Clean, Ids, Quality

    def job() -> SourceJob:
        works = [Work(Article(source="s", format="text", raw=t, text="")) for t in (REPORT, "")]
        return SourceJob(index=0, source="s", read=True, works=works)

    settings = Settings()
    first = Composed([("clean", Clean(settings)), ("quality", Quality(settings))])
    died = first.failed(job(), "a worker process died on it")
    assert [w.article.id for w in died.works] == [None, None]  # clean fills no id now
    stages = Composed([*first.stages, ("ids", Ids(settings))])
    died = stages.failed(job(), "a worker process died on it")
    kept, empty = died.works
    assert kept.article.id == article_id(kept.article) and "unclean" in kept.article.flags
    assert empty.dropped == "empty_after_cleaning" and empty.article.id is None
