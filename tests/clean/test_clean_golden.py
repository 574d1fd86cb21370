"""Golden cases: fictional scrapes in the shapes aggregators give us.

Each ``tests/golden/clean/<case>.txt`` has a ``<case>.expected.json`` saying which
sentences must survive, which debris must go, and the expected metadata and flags.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk.article import FLAGS, Article
from newsdesk.clean import TextCleaner, clean_text

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "clean"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{case}.expected.json").read_text("utf-8"))
    return data


def _cleaned_article(case: str, expected: dict[str, Any]) -> Article:
    text = (GOLDEN / f"{case}.txt").read_text("utf-8")
    fetched = expected.get("fetched")
    article = Article(
        source=case,
        format="text",
        raw=text,
        text=text,
        fetched=datetime.fromisoformat(fetched) if fetched else None,
    )
    return TextCleaner().clean(article)


def test_golden_has_enough_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_cleaner_golden_text(case: str) -> None:
    expected = _expected(case)
    result = clean_text((GOLDEN / f"{case}.txt").read_text("utf-8"))
    for sentence in expected["must_contain"]:
        assert sentence in result.text, f"lost article text: {sentence!r}"
    for debris in expected["must_not_contain"]:
        assert debris not in result.text, f"debris left in: {debris!r}"
    for sentence in expected.get("once", []):
        assert result.text.count(sentence) == 1, f"not exactly once: {sentence!r}"
    if expected.get("empty"):
        assert result.text == ""
    if "removed_count" in expected:
        assert len(result.removed) == expected["removed_count"], result.removed
    reasons = {item.reason for item in result.removed}
    assert set(expected.get("reasons", [])) <= reasons


@pytest.mark.parametrize("case", CASES)
def test_cleaner_golden_metadata(case: str) -> None:
    expected = _expected(case)
    result = clean_text((GOLDEN / f"{case}.txt").read_text("utf-8"))
    for key in ("title", "author", "outlet", "site"):
        if key in expected:
            assert getattr(result, key) == expected[key], key
    if "flags" in expected:
        assert sorted(result.flags) == sorted(expected["flags"])
    assert set(result.flags) <= set(FLAGS)


@pytest.mark.parametrize("case", CASES)
def test_cleaner_golden_language_and_date(case: str) -> None:
    expected = _expected(case)
    article = _cleaned_article(case, expected)
    if "language" in expected:
        assert article.language == expected["language"]
    if "published" in expected:
        assert article.published is not None
        assert article.published.isoformat().startswith(expected["published"])
    if "published_source" in expected:
        assert article.published_source == expected["published_source"]


@pytest.mark.parametrize("case", CASES)
def test_cleaner_golden_idempotent(case: str) -> None:
    first = clean_text((GOLDEN / f"{case}.txt").read_text("utf-8"))
    second = clean_text(first.text)
    assert second.text == first.text
    assert second.removed == []
