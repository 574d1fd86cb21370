"""'X 대변인' (X's spokesman) makes no person of X where X is a body: a name ending as a
body's does (워싱턴포스트, 긴급구조대, 뉴욕타임즈) is the body the spokesman before it speaks
for, and a known place before another is no part of the spokesman's name (이라크 미국 대사관:
the US embassy in Iraq). The texts are composed for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "제인 밀러 워싱턴포스트 대변인은 “경위를 조사하고 있다”고 밝혔다.",
            {("제인 밀러", "PERSON"), ("워싱턴포스트", "ORG")},
        ),
        (
            "안나 베리 긴급구조대 대변인은 부상자가 30명이라고 밝혔다.",
            {("안나 베리", "PERSON"), ("긴급구조대", "ORG")},
        ),
        (
            "토머스 브라운 이라크 미국 대사관 대변인은 “의원들이 관리들을 만났다”고 말했다.",
            {("토머스 브라운", "PERSON"), ("이라크", "GPE"), ("미국", "GPE")},
        ),
        ("뉴욕타임즈 대변인은 조사하고 있다고 밝혔다.", {("뉴욕타임즈", "ORG")}),
    ],
)
def test_names_korean_spokesman_speaks_for_a_body(
    text: str, expected: set[tuple[str, str]], ko: LanguagePack, reader: PackAnnotator
) -> None:
    found = {(m.text, m.type) for m in reader.annotate(text, ko, published=WHEN).entities}
    assert found == expected
