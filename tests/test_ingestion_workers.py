"""Ingest through a real two-worker process pool gives the store an in-process run gives:
the same ids, copy links, story membership, annotations, drops and failure marks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers import pipeline_models
from helpers.stories import record
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore

MODELS = Models(featurize=pipeline_models.featurize, annotate=pipeline_models.annotate)


def _corpus(folder: Path) -> list[str]:
    """Five JSON Lines sources and two HTML pages: three events, a copy, an
    article whose annotation fails, and a notice page (not news)."""
    folder.mkdir()
    outlets = ["Wire", "Ledger", "Post", "Courier", "Herald"]
    for s in range(5):
        lines = [record(f"r{s}-{k}", list(("quake", "strike", "vote"))[(s + k) % 3], 7 * s + k,
                        k % 2, outlets[(s + k) % 5]) for k in range(5)]  # fmt: skip
        if s == 2:
            copy = dict(lines[0], id="copy", url="https://copies.example/one")
            lines.append(copy)
        if s == 3:
            bad = dict(lines[2], id="bad", url="https://bad.example/")
            bad["text"] += f" The {pipeline_models.POISON} council met."
            lines.append(bad)
        path = folder / f"src{s}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    notice = "Page not found. Sorry, the page you were looking for has moved. Return home."
    (folder / "missing.txt").write_text(notice + "\n", encoding="utf-8")  # not news: dropped
    for n, event in enumerate(("quake", "strike")):
        body = record(f"h{n}", event, 40 + n, 0, "Times")["text"]
        page = (
            f"<html><head><title>{event} page {n}</title></head><body><article>"
            f"<h1>{event.title()} page {n}</h1><p>{body}</p><p>{body[::-1]}</p>"
            "</article></body></html>"
        )
        (folder / f"page{n}.html").write_text(page, encoding="utf-8")
    return [str(folder)]


def _state(store: SqliteStore) -> dict[str, Any]:
    articles = sorted(store.articles.articles(), key=lambda a: a.id or "")
    notes = store.annotations.annotations_of([a.id or "" for a in articles])
    return {
        "ids": [a.id for a in articles],
        "texts": [a.text for a in articles],
        "copies": {a.id: a.extras.get("copy_of") for a in articles},
        "annotations": {k: [m.canonical for m in v.entities] for k, v in notes.items()},
        "stories": sorted(sorted(s.articles) for s in store.stories.stories()),
        "failures": sorted((f.article_id, f.stage) for f in store.failures.failures()),
    }


def _ingest(specs: list[str], db: Path, workers: int) -> tuple[dict[str, Any], dict[str, Any]]:
    settings = Settings(db=db, workers=workers)
    executor = LocalExecutor(workers=workers)
    try:
        with SqliteStore(db) as store:
            report = ingest(specs, store, settings=settings, executor=executor, models=MODELS)
            return report.as_json(), _state(store)
    finally:
        executor.close()


def test_ingestion_two_worker_pool_stores_what_one_process_stores(tmp_path: Path) -> None:
    specs = _corpus(tmp_path / "in")
    inline_report, inline = _ingest(specs, tmp_path / "inline.db", workers=1)
    pool_report, pooled = _ingest(specs, tmp_path / "pool.db", workers=2)
    assert pooled == inline
    assert pool_report == inline_report
    assert inline_report["ingested"] == 29  # 25 records, a copy, the failing one, two pages
    assert inline_report["dropped"] == {"not news: notice page": 1}  # the quality gate
    assert inline_report["failed"] == 1 and inline["failures"] == [
        (next(i for i in inline["ids"] if i not in inline["annotations"]), "annotate")
    ]
    assert len(inline["stories"]) >= 3 and any(inline["copies"].values())


def test_ingestion_clean_files_in_a_pool_match_one_process(tmp_path: Path) -> None:
    from newsdesk.errors import NewsdeskError
    from newsdesk.ingestion import clean_files

    folder = Path(_corpus(tmp_path / "in")[0])
    (folder / "empty.txt").write_text("", encoding="utf-8")
    paths = sorted(folder.iterdir())

    def cleaned(workers: int) -> list[Any]:
        with LocalExecutor(workers=workers) as executor:
            found = clean_files(paths, settings=Settings(), executor=executor)
            return [
                (p.name, str(a) if isinstance(a, NewsdeskError) else (a.title, a.text))
                for p, a in found
            ]

    one = cleaned(1)
    assert cleaned(2) == one
    assert [name for name, _ in one] == [p.name for p in paths]  # in the order given
    assert "nothing to read" in dict(one)["empty.txt"]  # the file's error, the rest cleaned
