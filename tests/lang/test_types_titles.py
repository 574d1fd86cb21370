"""A person's title decides a name's type before the ending it shares with places: a
Korean name ending as a city's or a state's does (시, 주) is a person's before a title that a
word for the office or 'new' comes before (외무 장관, 신임 총통) and before the body it
leads (부시 행정부); an official's title Kiwi reads into a run of proper nouns is no part of
the name (칼 윌리엄 검시관); a Japanese surname Sudachi reads with its title in one word is
the name without the title. The texts are composed for the test."""

from __future__ import annotations

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "유엔은 성명에서 아흐메드 쿠레시 외무장관이 사무총장과 만났다고 밝혔다.",
            "아흐메드 쿠레시",
        ),
        ("국민당의 마잉주 신임 총통은 취임식에서 연설했다.", "마잉주"),
        ("부시 행정부는 그동안 동유럽에 미사일 방어 기지가 필요하다고 주장해 왔다.", "부시"),
    ],
)
def test_types_korean_name_with_a_place_ending_before_a_person_title_is_a_person(
    text: str, name: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "PERSON") in _typed(text, ko, reader)


def test_types_korean_country_before_a_body_it_leads_stays_a_place(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert _typed("미국 행정부는 새 제재를 발표했다.", ko, reader) == {("미국", "GPE")}


def test_types_japanese_surname_read_with_its_title_is_the_name_alone(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "市長は日曜、ドナルド・トランプ大統領の連邦職員派遣の動機に疑問を呈した。"
    assert ("トランプ大統領", "PERSON") not in _typed(text, ja, reader)
    assert ("トランプ", "PERSON") in _typed(text, ja, reader)


def test_types_korean_official_title_read_into_a_name_is_no_part_of_it(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "칼 윌리엄 검시관은 기자회견에서 현장에서 증거를 발견했다고 말했다."
    assert _typed(text, ko, reader) == {("칼 윌리엄", "PERSON")}
    assert _typed("존 매케인 의원은 기자회견에서 말했다.", ko, reader) == {("존 매케인", "PERSON")}
