"""Names across scripts with the real annotators: the store is the same on a local two-worker
Ray instance as in this process, whatever the chunk size (the join happens in the parent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from executors import fakes
from newsdesk.backfill import backfill
from newsdesk.executors import InlineExecutor, make_executor
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore

# two stories, each told in English and in Chinese, Japanese or Korean (composed for this test)
PAGES = [
    ("zh-1", "中国国家主席习近平星期二在北京会见日本首相高市早苗。习近平表示，两国应在贸易和投资"
     "方面加强合作。高市早苗说，日本希望与中国保持稳定的关系。双方还讨论了地区安全问题。"),
    ("en-1", "Chinese President Xi Jinping met Japanese Prime Minister Sanae Takaichi in Beijing "
     "on Tuesday. Xi said the two countries should work together on trade and investment, and "
     "Takaichi said Japan wanted stable relations with China. They also discussed security."),
    ("ja-1", "習近平国家主席は火曜日、北京で高市早苗首相と会談した。高市首相は中国との安定した"
     "関係を望むと述べた。両首脳は貿易と投資の協力についても話し合った。"),
    ("ko-1", "이재명 대통령은 월요일 서울에서 기자회견을 열고 새로운 경제 대책을 발표했다. "
     "이재명 대통령은 물가 안정과 일자리 창출을 최우선 과제로 삼겠다고 말했다."),
    ("en-2", "South Korean President Lee Jae-myung held a news conference in Seoul on Monday, "
     "where Lee announced new economic measures to steady prices and create jobs."),
    ("ja-2", "李在明大統領は月曜日、ソウルで記者会見を開き、物価の安定と雇用の創出に向けた"
     "新たな経済対策を発表した。"),
]  # fmt: skip


def _shard(folder: Path) -> Path:
    lines = [
        {"id": key, "title": text[:24], "text": text, "url": f"https://names.example/{key}",
         "published": "2026-03-10T08:00:00"}
        for key, text in PAGES
    ]  # fmt: skip
    shard = folder / "pages.jsonl"
    shard.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return shard


def _names(db: Path, listing: Path, executor: Any) -> dict[str, Any]:
    settings = Settings(db=db, keep_not_news=True)
    models = Models(featurize=fakes.featurize)  # real annotators, stand-in embeddings
    with SqliteStore(db) as store:
        backfill([str(listing)], store, settings=settings, executor=executor, models=models)
        articles = store.articles.articles()
        notes = store.annotations.annotations_of([a.id or "" for a in articles])
        by_url = {a.id: (a.url or "").rsplit("/", 1)[-1] for a in articles}
        return {
            by_url[key]: sorted((m.text, m.canonical) for m in found.entities)
            for key, found in notes.items()
        }


def test_ray_names_joined_the_same_as_inline_whatever_the_chunks(
    ray_local: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = _shard(tmp_path)
    monkeypatch.setattr("newsdesk.backfill_chunks.CHUNK_RECORDS", 6)
    inline = _names(tmp_path / "inline.db", listing, InlineExecutor())
    monkeypatch.setattr("newsdesk.backfill_chunks.CHUNK_RECORDS", 1)  # other batch cuts on Ray
    executor = make_executor("ray", workers=2)
    try:
        on_ray = _names(tmp_path / "ray.db", listing, executor)
    finally:
        executor.close()
    assert on_ray == inline
    assert ("习近平", "Xi Jinping") in inline["zh-1"]  # its English twin came after it
    assert ("李在明", "Lee Jae-myung") in inline["ja-2"]
