"""No person where the text says it is something else: what a number counts is a unit
(zh: 100 卢比, rupees), a run of Korean proper nouns set in single quotation marks is a
title (a tour, a house, an album: ‘스티키 앤 스윗’), and a Japanese name ending in 社 is a
company's. A name inside double quotation marks is quoted speech and stays a name. The
texts are composed for the test."""

from __future__ import annotations

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


def test_names_counted_a_currency_after_a_number_is_no_person(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    assert _typed("男孩说，他拒绝交出 100 卢比后，官员就把他的小车掀翻。", zh, reader) == set()
    assert _typed("他还获得了 2,500 卢比的资助。", zh, reader) == set()


def test_names_titled_works_in_single_marks_are_no_person(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    text = "가수는 다음달 시작할 ‘스티키 앤 스윗’ 투어에서 쓰일 영상을 촬영했다."
    assert _typed(text, ko, reader) == set()
    assert _typed("이 저택의 이름은 ‘메종 드 라미티에’로 불린다.", ko, reader) == set()
    # double marks set off quoted words: a name there is still a name
    text = "그는 “빈 라덴의 계획”이라고 쓰인 현수막을 걸었다."
    assert _typed(text, ko, reader) == {("빈 라덴", "PERSON")}


def test_names_company_ending_in_japanese(ja: LanguagePack, reader: PackAnnotator) -> None:
    text = "彼は昨シーズン、AP通信社が選ぶチームに選出された。"
    assert _typed(text, ja, reader) == {("AP通信社", "ORG")}
