"""What GiNZA labels a person in Japanese but a reader knows is none: one word Sudachi
knows as a place's name (スコットランド, イングランド), a virus or a disease (コロナウイルス),
a seat of government the press names for the government in it (ホワイトハウス). The texts
are composed for the test."""

from __future__ import annotations

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


def test_names_japanese_a_place_word_is_a_place(ja: LanguagePack, reader: PackAnnotator) -> None:
    found = _typed("ニコラ・スタージョン スコットランド首席大臣は会見した。", ja, reader)
    assert found == {("ニコラ・スタージョン", "PERSON"), ("スコットランド", "GPE")}
    found = _typed("パキスタンとイングランドは３つの試合で対戦する。", ja, reader)
    assert ("イングランド", "GPE") in found


def test_names_japanese_a_virus_is_no_name(ja: LanguagePack, reader: PackAnnotator) -> None:
    assert _typed("同国では新たにコロナウイルスの感染者が確認された。", ja, reader) == set()


def test_names_japanese_seat_of_government_is_a_body(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed("ホワイトハウス報道官は会見で質問に答えた。", ja, reader)
    assert found == {("ホワイトハウス", "ORG")}


def test_names_japanese_a_person_introduced_by_name_stays_a_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    # Sudachi knows ダコタ as a place's name; here it is the name a girl goes by
    text = "「湖で泳ぐのが好き」と、ダコタという名前の女の子は言った。"
    assert _typed(text, ja, reader) == {("ダコタ", "PERSON")}
