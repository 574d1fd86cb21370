"""A Korean run of proper nouns is no person where the words around it say what it is: the
kind of place after it (공항, 사원, 카운티), the kind of body before it (록그룹, 업체인), an
event's word it ends in (에어쇼), a state's ending before the title of the person named
after it (조지아주 전 하원의원), and an older name of a country CLDR now writes anew (터키).
The texts are composed for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("여객기는 광저우 바이윈 공항을 이륙했다.", "광저우 바이윈", "FAC"),
        ("캄보디아와 태국은 프레아 비헤아르 사원 지역에 병력을 보냈다.", "프레아 비헤아르", "FAC"),
        ("미국 마이애미 데이드 카운티 법원에 소송을 제기했다.", "마이애미 데이드", "GPE"),
        ("미국 록그룹 롤링 스톤즈의 기타리스트가 입원했다.", "롤링 스톤", "ORG"),
        ("계약업체인 해밀턴 선스트랜드가 화장실을 만들었다.", "해밀턴 선스트랜드", "ORG"),
        ("올해 판버러 에어쇼에는 많은 항공기가 전시됐다.", "판버러 에어쇼", "EVENT"),
    ],
)
def test_names_korean_said_to_be_a_place_body_or_event(
    text: str, name: str, kind: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed(text, ko, reader)
    assert (name, kind) in found
    assert not any(k == "PERSON" for _, k in found)


def test_names_korean_state_before_a_title_is_a_place(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "녹색당은 12일 조지아주 전 하원의원 신시아 매키니를 후보로 지명했다."
    found = _typed(text, ko, reader)
    assert ("조지아주", "GPE") in found
    assert ("신시아 매키니", "PERSON") in found


def test_names_korean_older_country_name_is_the_country(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "터키 경찰은 터키 이스탄불 미국 영사관 앞에서 괴한 3명을 체포했다."
    found = _typed(text, ko, reader)
    assert {("터키", "GPE"), ("이스탄불", "GPE")} <= found
    assert not any(k == "PERSON" for _, k in found)


def test_names_korean_said_once_holds_for_every_mention(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    # the second 롤링 스톤즈 has no word around it to say what it is: the first one's does
    text = "미국 록그룹 롤링 스톤즈의 기타리스트가 입원했다. 그는 롤링 스톤즈 활동 시절에도 술을 끊지 못했다."
    found = reader.annotate(text, ko, published=WHEN).entities
    assert [m.type for m in found if m.text == "롤링 스톤"] == ["ORG", "ORG"]
