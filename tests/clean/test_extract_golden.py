"""Golden pages for extract_html: fictional HTML in the shapes real outlets print.

Each ``tests/golden/clean/html/<case>.html`` has a ``<case>.expected.json`` saying which
sentences must survive, which furniture must go, and the reasons its removals are recorded
under (``reasons``) or must not be (``removed_none``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.clean.extract import extract_html

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "clean" / "html"
CASES = sorted(p.stem for p in GOLDEN.glob("*.html"))


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{case}.expected.json").read_text("utf-8"))
    return data


def test_extract_golden_has_cases() -> None:
    assert len(CASES) >= 4


@pytest.mark.parametrize("case", CASES)
def test_extract_golden_page(case: str) -> None:
    expected = _expected(case)
    got = extract_html((GOLDEN / f"{case}.html").read_text("utf-8"))
    for sentence in expected["must_contain"]:
        assert sentence in got.text, f"lost article text: {sentence!r}"
    for debris in expected["must_not_contain"]:
        assert debris not in got.text, f"furniture left in: {debris!r}"
    reasons = {reason for _, reason in got.removed}
    assert set(expected.get("reasons", [])) <= reasons, got.removed
    assert not set(expected.get("removed_none", [])) & reasons, got.removed
