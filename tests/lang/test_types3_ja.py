"""Japanese names that GiNZA cut or read with what goes before them: a host's or a
reporter's role in Han characters read into the name is no part of it (司会者ミカ), and a
given name cut at the ・ of a foreign name runs on over the rest of it (ミカ|・…: the full
name, which joins its English spelling). Surnames in a list stay apart. A name of
katakana words, each a person's name or unknown, is a person's whatever GiNZA labelled it
(a body, an event); a club's name of a place and a common noun stays no person's. A
name GiNZA labelled a place with 氏 on it is the person (金氏), not 'the same' (同氏).
The texts are composed for the test."""

from __future__ import annotations

import pytest

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "CNBCの司会者ミカ・ブジェジンスカさえも「ひどい」と呼ぶほどだった。",
            "ミカ・ブジェジンスカ",
        ),
        (
            "MSNBCの司会者ミカ・ヴロツワフスカさえも「最悪」と呼ぶほど悪質だった。",
            "ミカ・ヴロツワフスカ",
        ),
    ],
)
def test_types3_ja_given_name_runs_on_over_the_full_name(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed(text, ja, reader)
    assert (name, "PERSON") in typed
    assert not [n for n, _ in typed if n != name and "ミカ" in n]  # not 司会者ミカ, nor ミカ


def test_types3_ja_surnames_in_a_list_stay_apart(ja: LanguagePack, reader: PackAnnotator) -> None:
    typed = _typed("会談にはメルケル・マクロン両首脳が臨んだ。", ja, reader)
    assert {("メルケル", "PERSON"), ("マクロン", "PERSON")} <= typed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "プレミアリーグ候補であるケヴィン・ダビド、ウスマン・エンバペ、イヴァン・ペリシッチが挙がった。",
            "ウスマン・エンバペ",
        ),
        ("亡きマフムード・バシールに平安あれ、と述べた。", "マフムード・バシール"),
        ("クラブ所属10年のダビド・ビジャにとっては最後の試合となった。", "ダビド・ビジャ"),
    ],
)
def test_types3_ja_person_words_make_a_person(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, "PERSON") in _typed(text, ja, reader)


def test_types3_ja_club_of_place_and_noun_is_no_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed("マンチェスター・ユナイテッドが勝った。", ja, reader)
    assert not [n for n, k in typed if k == "PERSON"]


@pytest.mark.parametrize(
    "text", ["北朝鮮の金氏は軍の幹部を集めて会議を開いた。", "金氏は先週、党大会で演説した。"]
)
def test_types3_ja_honorific_inside_a_place_makes_a_person(
    text: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed(text, ja, reader)
    assert ("金", "PERSON") in typed
    assert not [n for n, _ in typed if n == "金氏"]


def test_types3_ja_the_same_with_honorific_stays_no_name(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    assert not _typed("同氏は記者会見で述べた。", ja, reader)
