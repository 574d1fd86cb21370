"""One article a stage raises on is marked, kept, counted, retried a bounded number of
times, and listed; the rest of the batch goes on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from helpers.stories import fake_features, record
from newsdesk.article import Annotations, Article
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.articles import ArticleRepository

POISON = "Zzyzx"  # a word only the poisoned article carries


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """No models: hashed-word features and empty annotations; both raise on POISON."""
    calls = {"annotate": 0, "featurize": 0}

    def annotate(self: Any, texts: Sequence[str], *args: Any, **kwargs: Any) -> Iterator[Any]:
        for text in texts:
            if POISON in text:
                calls["annotate"] += len(texts) == 1  # the article tried on its own
                raise RecursionError("maximum recursion depth exceeded")
            yield Annotations()

    def featurize(articles: Sequence[Article], **kwargs: Any) -> list[Any]:
        if any(POISON in a.body for a in articles):
            calls["featurize"] += 1
            raise ValueError("tokenizer gave up")
        return fake_features(articles)

    monkeypatch.setattr("newsdesk.annotate.annotator.Annotator.annotate_texts", annotate)
    monkeypatch.setattr("newsdesk.cluster.tracker.features_batch", featurize)
    return calls


def _corpus(folder: Path, *, poison: bool = True) -> Path:
    folder.mkdir(exist_ok=True)
    lines = []
    for i, outlet in enumerate(["Wire", "Ledger", "Post"]):
        lines.append(record(f"q{i}", "quake", 5 + 2 * i, 0, outlet))
        lines.append(record(f"s{i}", "strike", 100 + 2 * i, 0, outlet))
    if poison:
        bad = record("bad", "vote", 80, 0, "Courier")
        bad["text"] += f" {POISON} said the {POISON} council."
        lines.insert(2, bad)
    path = folder / "day.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


def _settings(tmp_path: Path, **changes: Any) -> Settings:
    return Settings(db=tmp_path / "s.db").with_(**changes)


def test_ingestion_faults_enrichment_failure_is_kept_marked_and_counted(
    tmp_path: Path, models: dict[str, int]
) -> None:
    path = _corpus(tmp_path / "in")
    settings = _settings(tmp_path)
    with SqliteStore(settings.db) as store:
        report = ingest([str(path)], store, settings=settings)
        data = report.as_json()
        assert data["ingested"] == 7 and data["failed"] == 1
        assert {f["stage"] for f in data["failures"]} == {"stories", "annotate"}
        bad = next(a for a in store.articles.articles() if POISON in a.body)
        assert bad.story_id is None  # stored, without a story
        assert bad.id not in store.annotations.annotations_of([bad.id or ""])
        others = [a for a in store.articles.articles() if a.id != bad.id]
        assert all(a.story_id for a in others)
        assert len(store.annotations.annotations_of([a.id or "" for a in others])) == 6
        marks = {(f.stage, f.attempts) for f in store.failures.failures()}
        assert marks == {("stories", 1), ("annotate", 1)}


def test_ingestion_faults_retries_are_bounded(tmp_path: Path, models: dict[str, int]) -> None:
    path = _corpus(tmp_path / "in")
    settings = _settings(tmp_path, enrich_attempts=3)
    with SqliteStore(settings.db) as store:
        for _ in range(5):  # later ingests (nothing new) retry the failed enrichment
            ingest([str(path)], store, settings=settings)
        assert {(f.stage, f.attempts) for f in store.failures.failures()} == {
            ("stories", 3),
            ("annotate", 3),
        }
    assert models["annotate"] == 3  # tried on three ingests, then left


def test_ingestion_faults_a_retry_that_succeeds_clears_the_mark(
    tmp_path: Path, models: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _corpus(tmp_path / "in")
    settings = _settings(tmp_path)
    with SqliteStore(settings.db) as store:
        ingest([str(path)], store, settings=settings)
        assert len(store.failures.failures()) == 2
        monkeypatch.setitem(globals(), "POISON", "no such word")  # the fault went away
        ingest([str(path)], store, settings=settings)
        assert store.failures.failures() == []
        assert all(a.story_id for a in store.articles.articles())


def test_ingestion_faults_clean_failure_keeps_the_text_as_read(
    tmp_path: Path, models: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.clean import TextCleaner

    real = TextCleaner.clean

    def clean(self: TextCleaner, article: Article) -> Article:
        if "Ledger" in (article.outlet or ""):
            raise ValueError("ESC at the end of the markup")
        return real(self, article)

    monkeypatch.setattr(TextCleaner, "clean", clean)
    path = _corpus(tmp_path / "in", poison=False)
    settings = _settings(tmp_path, stories=False, annotate=False)
    with SqliteStore(settings.db) as store:
        report = ingest([str(path)], store, settings=settings)
        assert report.ingested == 6 and report.failed == 2
        ledger = [a for a in store.articles.articles() if a.outlet == "Ledger"]
        assert len(ledger) == 2 and all("unclean" in a.flags and a.body for a in ledger)
        assert {(f.stage, f.stored) for f in store.failures.failures()} == {("clean", True)}


def test_ingestion_faults_copy_and_store_failures_spare_the_others(
    tmp_path: Path, models: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.dedupe import CopyDetector

    real_run, real_add = CopyDetector.run, ArticleRepository.add_source

    def run(self: CopyDetector, articles: Any, drops: Any, **given: Any) -> Iterator[Article]:
        for article in articles:
            if article.outlet == "Post":
                raise OverflowError("signature")
            yield from real_run(self, [article], drops, **given)

    def add_source(self: ArticleRepository, source: str, articles: Any, **kwargs: Any) -> Any:
        if any("q0" in (a.url or "") for a in articles):
            raise sqlite3.DataError("string or blob too big")
        return real_add(self, source, articles, **kwargs)

    monkeypatch.setattr(CopyDetector, "run", run)
    monkeypatch.setattr(ArticleRepository, "add_source", add_source)
    path = _corpus(tmp_path / "in", poison=False)
    settings = _settings(tmp_path, stories=False, annotate=False)
    with SqliteStore(settings.db) as store:
        report = ingest([str(path)], store, settings=settings)
        assert report.ingested == 5 and report.failed == 3
        stages = {(f.stage, f.stored) for f in store.failures.failures()}
        assert stages == {("copies", True), ("store", False)}


def test_ingestion_faults_cli_counts_and_lists(
    cli: Any, tmp_path: Path, models: dict[str, int]
) -> None:
    path = _corpus(tmp_path / "in")
    result = cli("ingest", str(path), "--json")
    assert result.code == 0, result.stderr
    assert result.json()["failed"] == 1 and result.json()["ingested"] == 7
    listed = cli("articles", "--failed", "--json")
    assert listed.code == 0
    assert {(f["stage"], f["attempts"]) for f in listed.json()} == {
        ("stories", 1),
        ("annotate", 1),
    }
    human = cli("articles", "--failed")
    assert "annotate" in human.stdout and "RecursionError" in human.stdout
    assert human.stdout.count("\n") == 4


def test_ingestion_faults_long_article_is_flagged(tmp_path: Path, models: dict[str, int]) -> None:
    text = "The council met again to talk about the harbour. " * 400
    path = tmp_path / "long.txt"
    path.write_text("Long report\n\n" + text, encoding="utf-8")
    settings = _settings(tmp_path, stories=False, annotate=False, annotate_chunk_chars=5000)
    with SqliteStore(settings.db) as store:
        ingest([str(path)], store, settings=settings)
        assert "long" in store.articles.articles()[0].flags


def test_ingestion_faults_human_output_names_the_failures(
    cli: Any, tmp_path: Path, models: dict[str, int]
) -> None:
    result = cli("ingest", str(_corpus(tmp_path / "in")))
    assert result.code == 0
    assert "7 ingested, 0 duplicates, 0 rejected, 1 failed" in result.stdout
    assert "failed annotate" in result.stderr and "failed stories" in result.stderr
