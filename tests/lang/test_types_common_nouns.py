"""A common noun is no person: a Korean word of three syllables that reads as a surname and
a given name but is a noun of a source, a guide dog or a role (정보통, 안내견, 이민자), a
Korean name before the noun of what it names (리히터 규모, a hotel), and a word of Japanese
vocabulary GiNZA labels a person (ダウンタウン, バトル, 蘭); a person's name that is also
such a word stays a person where the text writes it as a name. A Japanese name ending in a
newspaper's word (ワシントン・ポスト) is a body's, one beginning with a place's word
(グレーター・マンチェスター, 서 수마트라, 마운트 버넌) a place's, and 'the same' before an
honorific (同氏) is no name. The texts are composed for the test."""

from __future__ import annotations

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("영국 정보통은 위성 사진을 근거로 북한이 새 미사일을 시험했다고 전했다.", "정보통"),
        ("일본 정보통은 회담이 다음 주에 열린다고 말했다.", "정보통"),
        ("안보통은 기자회견에서 밝혔다.", "안보통"),
        ("그 이민자는 기자회견에서 정부의 새 정책을 비판했다.", "이민자"),
    ],
)
def test_types_korean_noun_of_a_source_is_no_person(
    text: str, noun: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (noun, "PERSON") not in _typed(text, ko, reader)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("이동관 대변인은 기자들에게 회담이 잘 끝났다고 말했다.", "이동관"),
        ("박지원 의원은 회의에서 예산안에 반대한다고 밝혔다.", "박지원"),
    ],
)
def test_types_korean_name_ending_as_a_role_noun_stays_a_person(
    text: str, name: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "PERSON") in _typed(text, ko, reader)


def test_types_korean_name_before_what_it_names_is_no_person(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed("칠레 북부에서 리히터 규모 5.8의 지진이 일어났다고 당국이 밝혔다.", ko, reader)
    assert found == {("칠레", "GPE")}
    found = _typed("시위대는 시내의 그랜드 하얏트 호텔 앞에 모였다.", ko, reader)
    assert found == {("그랜드 하얏트", "FAC")}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ポートランドの抗議活動はダウンタウンが中心になっている。", "ダウンタウン"),
        ("残る降格枠を回避するバトルは最後まで接戦となった。", "バトル"),
        ("もし綺麗に開花したヘザー、蘭、あるいはサボテンが青く輝いていたら。", "蘭"),
        ("試合では、相手をケージ際に追い込んだ。", "ケージ"),
    ],
)
def test_types_japanese_word_of_the_vocabulary_is_no_person(
    text: str, word: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert (word, "PERSON") not in _typed(text, ja, reader)


def test_types_japanese_name_that_is_a_word_stays_a_person_where_written_as_one(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed("ハーバートは、ベテランのタイロッド・テイラーとスタメンを争う。", ja, reader)
    assert ("テイラー", "PERSON") in found
    assert ("ジム・アコスタ", "PERSON") in _typed("CNNのジム・アコスタ記者が質問した。", ja, reader)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "ワシントン・ポストによると、政府は新たな制裁を検討している。",
            "ワシントン・ポスト",
            "ORG",
        ),
        (
            "オーガスタ・クロニクル紙は、火災が土曜に起きたと報じた。",
            "オーガスタ・クロニクル",
            "ORG",
        ),
        (
            "グレーター・マンチェスターの警察は日曜、男を逮捕した。",
            "グレーター・マンチェスター",
            "GPE",
        ),
    ],
)
def test_types_japanese_name_a_newspaper_or_a_place_begins_or_ends_as_is_no_person(
    text: str, name: str, kind: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, kind) in _typed(text, ja, reader)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "경찰은 서 수마트라에 위치한 커피전문점을 노린 테러 음모를 막았다고 밝혔다.",
            "서 수마트라",
        ),
        ("워싱턴은 그의 농장이 있는 마운트 버넌으로 이사했다.", "마운트 버넌"),
    ],
)
def test_types_korean_name_a_place_word_begins_is_a_place(
    text: str, name: str, ko: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "LOC") in _typed(text, ko, reader)


def test_types_japanese_the_same_before_an_honorific_is_no_name(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed("「減税がよかったんですが」と、同氏はCNNの番組で語った。", ja, reader)
    assert found == {("CNN", "ORG")}
