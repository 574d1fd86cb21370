"""Cross-script joins, fault class by fault class: tests/golden/names/crossscript/*.json,
each a list of cases (names known to the index first, places named together in one
article before (``near``, optional), then names joined, each with the name it must be shown
as and, optionally, the other places of its article). The names are composed for the tests
(or CLDR's, for places)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.merge import CrossScriptIndex

GOLDEN = Path(__file__).parent.parent / "golden" / "names" / "crossscript"
CASES = sorted(GOLDEN.glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_merge_golden_cross_script_joins(path: Path, packs: dict[str, LanguagePack]) -> None:
    found: list[Any] = []
    expected: list[Any] = []
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
        index = CrossScriptIndex()
        for name, kind, language in case["known"]:
            index.entity_of(name, kind, language)
        for places in case.get("near", []):
            index.learn_places(places)
        for name, kind, language, shown, *context in case["joins"]:
            joined = index.canonical(name, kind, language, context=context[0] if context else ())
            found.append((name, joined))
            expected.append((name, shown))
    assert found == expected


def test_merge_golden_cross_script_cases_exist() -> None:
    assert len(CASES) >= 4
