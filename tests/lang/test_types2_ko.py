"""Korean names whose endings misled their type: a country's name with 군 glued on is its
armed forces, not a county (양평군 stays a county); a run that ends in a word for a faith's
members (교도, 신자) is a people, not a province by its 도; and a proper noun that a bare
value follows (진도 4의: a scale's reading) is no place (not a count or a date: 워싱턴
8일). The texts are composed for the test."""

from __future__ import annotations

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("나토는 리투아니아군의 현대화를 돕기로 했다.", "리투아니아군", "ORG"),
        ("이 지역의 힌두 교도들이 모였다.", "힌두 교도", "NORP"),
        ("양평군의 주민들이 모였다.", "양평군", "GPE"),
        ("워싱턴 8일 AP 연합뉴스는 전했다.", "워싱턴", "GPE"),
    ],
)
def test_types2_ko_ending_gives_its_type(
    text: str, name: str, kind: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, kind) in _typed(text, ko, reader)


def test_types2_ko_scale_before_its_value_is_no_name(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed("규모 5.8의 지진 이후 진도 4의 여진이 이어졌다.", ko, reader)
    assert not any(name == "진도" for name, _ in typed)
