"""Golden pages for the "not news" gate, one per class of real news it once dropped (a
report with a results table, a standings table, a list of linked headlines, a brief of
short lines, a brief in a language of long words, a report quoting a few words of another
script, a sponsored post) and per class of junk it must still drop (a job board, a menu).

Each ``tests/golden/clean/not_news/<case>.txt`` is cleaned and judged as ``ingest`` does
(``TextCleaner.run``) with the title from ``<case>.expected.json``, which gives the drop
reason (null: kept) and the flags a kept page carries. All text is composed for the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.article import Article
from newsdesk.clean import TextCleaner
from newsdesk.clean.quality import QUALITY_FLAGS
from newsdesk.pipeline import Drops

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "clean" / "not_news"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def test_quality_golden_has_news_and_junk_cases() -> None:
    reasons = [json.loads((GOLDEN / f"{c}.expected.json").read_text())["reason"] for c in CASES]
    assert reasons.count(None) >= 5 and len(reasons) - reasons.count(None) >= 2


@pytest.mark.parametrize("case", CASES)
def test_quality_golden_page(case: str) -> None:
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text("utf-8"))
    text = (GOLDEN / f"{case}.txt").read_text("utf-8")
    article = Article(source=case, format="text", raw=text, text=text, title=expected["title"])
    drops = Drops()
    kept = list(TextCleaner().run([article], drops))
    if expected["reason"] is None:
        assert kept, dict(drops.reasons)
        quality_flags = [f for f in kept[0].flags if f in QUALITY_FLAGS]
        assert quality_flags == expected["flags"]
    else:
        assert not kept
        assert dict(drops.reasons) == {f"not news: {expected['reason']}": 1}
