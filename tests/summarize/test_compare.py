"""Disagreements only about the same fact: golden stories composed for each class
(tests/golden/compare/*.json and tests/golden/disagreements/*.json: the articles and the
conflicts a reader must see)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsdesk.annotate.annotator import Annotator
from newsdesk.article import Annotations, Article
from newsdesk.summarize import compare_story

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "compare"
ONE_FACT = Path(__file__).resolve().parents[1] / "golden" / "disagreements"
CASES = sorted(GOLDEN.glob("*.json")) + sorted(ONE_FACT.glob("*.json"))
T0 = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)


def _articles(case: dict[str, Any]) -> list[Article]:
    return [
        Article(source=a["id"], format="text", raw=a["text"], text=a["text"], id=a["id"],
                outlet=a.get("outlet"), url=a.get("url"), published=T0 + timedelta(hours=n))
        for n, a in enumerate(case["articles"])
    ]  # fmt: skip


@pytest.fixture(scope="module")
def annotator() -> Iterator[Annotator]:
    yield Annotator()


def _annotations(
    case: dict[str, Any], articles: list[Article], annotator: Annotator
) -> dict[str, Annotations]:
    """A case marked ``"annotate"`` is read by the annotate stage first, as ingest reads
    it (places and dates anchor its facts); the others compare text alone."""
    if not case.get("annotate"):
        return {}
    read = annotator.annotate_texts([a.body for a in articles], [a.published for a in articles])
    return {a.id or "": notes for a, notes in zip(articles, read, strict=True)}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_compare_golden_disagreements_only_about_the_same_fact(
    path: Path, request: pytest.FixtureRequest
) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    articles = _articles(case)
    notes = _annotations(case, articles, request.getfixturevalue("annotator"))
    _, conflicts = compare_story(articles, notes)
    found = [(c.about, sorted((v.value, v.article_id) for v in c.values)) for c in conflicts]
    expected = [(c["about"], sorted(tuple(v) for v in c["values"])) for c in case["conflicts"]]
    assert found == expected, case["about"]


def test_compare_golden_cases_exist() -> None:
    assert len(CASES) >= 6
    assert len(list(ONE_FACT.glob("*.json"))) >= 10
