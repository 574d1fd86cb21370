"""Korean names as a reader of the text knows them: a loanword or a body's name that begins
with a surname is no person, a person's name ends before the place, body or person written
after it and before a particle, and a surname alone is the person the text names in full.
Every text here is composed for the test."""

from __future__ import annotations

from datetime import datetime

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _people(text: str, pack: LanguagePack, reader: PackAnnotator) -> set[str]:
    return {name for name, kind in _typed(text, pack, reader) if kind == "PERSON"}


def test_names_korean_loanword_or_body_after_a_surname_is_no_person(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    # 유(Yu), 민(Min), 백(Baek), 나(Na) are surnames; 튜브, 주당, 악관, 스닥 are no given names
    text = (
        "김민수 씨는 어제 유튜브에 영상을 올렸다. 민주당은 성명을 냈고 백악관도 답했다. "
        "나스닥 지수가 올랐다."
    )
    found = _typed(text, ko, reader)
    assert ("김민수", "PERSON") in found
    assert ("민주당", "ORG") in found
    assert not {"유튜브", "민주당", "백악관", "나스닥"} & _people(text, ko, reader)


def test_names_korean_person_ends_before_the_body_or_person_spoken_for(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = (
        "마크 저커버그 페이스북 최고경영자는 10일 신제품을 발표했다. "
        "페이스북은 올해 매출이 늘었다고 밝혔다."
    )
    assert _people(text, ko, reader) == {"마크 저커버그"}


def test_names_korean_place_or_party_before_a_name_is_no_part_of_it(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = (
        "공화당 미트 롬니 후보는 유세를 이어갔다. 캐나다 토론토에서 온 관광객들이 환호했다. "
        "폭격기가 태평양 사이판에서 추락했다. 미국 미시간 디어본에 사는 주민들이 모였다."
    )
    found = _typed(text, ko, reader)
    assert ("캐나다", "GPE") in found and ("미시간", "GPE") in found
    people = _people(text, ko, reader)
    assert not {"캐나다 토론토", "태평양 사이판", "미시간 디어본"} & people


def test_names_korean_particle_left_on_a_name_ends_it(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "프랑스의 아르노 클레망과 스위스의 스타니슬라스 바브링카가 맞붙었다."
    found = _typed(text, ko, reader)
    assert ("아르노 클레망", "PERSON") in found
    assert ("스타니슬라스 바브링카", "PERSON") in found
    assert ("스위스", "GPE") in found


def test_names_korean_surname_alone_is_the_person_named_in_full(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "노박 조코비치가 우승했다. 조코비치는 “정말 기쁘다”고 말했다."
    found = reader.annotate(text, ko, published=WHEN)
    short = [m for m in found.entities if m.text == "조코비치"]
    assert short and short[0].type == "PERSON" and short[0].canonical == "노박 조코비치"


def test_names_korean_state_or_province_leading_a_run_is_a_place(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    # 주 (state) and 성 (province) end the first word: the city after it is no given name
    text = "미국 텍사스주 휴스턴에 사는 주민들이 모였다. 중국 산시성 시안 인근의 공장이 멈췄다."
    found = _typed(text, ko, reader)
    assert ("텍사스주", "GPE") in found and ("산시성", "GPE") in found
    assert not _people(text, ko, reader)
