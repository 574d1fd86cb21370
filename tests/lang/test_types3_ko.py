"""Korean runs that name no person: a country's name with the word for its armed forces
written apart (콜롬비아 군: the army, as 폴란드군 glued), a run a count of animals follows
(a species: … 30마리) or that a kind of living thing is said to be before it (바이러스인 …).
A county written apart (양평 군) and a person before a count of people stay as they are.
The texts are composed for the test."""

from __future__ import annotations

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("터키 군 당국은 국경 지역에서 훈련을 시작했다고 밝혔다.", "터키 군"),
        ("그는 페루 군 소속 장교로 알려졌다.", "페루 군"),
    ],
)
def test_types3_ko_forces_written_apart_are_a_body(
    text: str, name: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "ORG") in _typed(text, ko, reader)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("밀수꾼은 아메리카산 악어거북 8마리를 숨겼다.", "악어거북"),
        ("세관은 유라시아산 살무사 15마리를 찾아냈다.", "살무사"),
        ("환자들은 변종 박테리아인 살모넬라 하이델베르크에 감염됐다.", "하이델베르크"),
    ],
)
def test_types3_ko_species_is_no_person(
    text: str, words: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert not [n for n, k in _typed(text, ko, reader) if words in n and k == "PERSON"]


def test_types3_ko_county_and_people_stay(ko: LanguagePack, reader: PackAnnotator) -> None:
    typed = _typed("존 스미스 대변인은 양평 군 의회에서 말했다.", ko, reader)
    assert ("존 스미스", "PERSON") in typed
