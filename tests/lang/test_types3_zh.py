"""What a Chinese text says of a name LAC tags a person: one the text goes on into, right
there, a longer person's name it writes elsewhere is that name; one Han character alone is
no name, nor one LAC reads alone as common words (任期, 一职); one the words after say is a place (…人民, …附近) is a place; and one the text also
names a place, never with a title, is a place in every mention. The texts are composed
for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _mentions(text: str, pack: LanguagePack, reader: PackAnnotator) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in reader.annotate(text, pack, published=WHEN).entities]


def test_types3_zh_name_cut_runs_on_to_the_name_written_whole(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    text = "据报导，普京、柳德米拉夫妇出席。\n第一夫人柳德米拉只能退到一旁。"
    people = [n for n, k in _mentions(text, zh, reader) if k == "PERSON"]
    assert people.count("柳德米拉") == 2
    assert "柳德" not in people and "米拉" not in people


@pytest.mark.parametrize(
    "text",
    [
        "领导人以灿笑回应。",
        "于四月接任新闻秘书",
        "众议院议员任期为两年。",
        "他卸任部长一职已经五年。",
        "候补委员和省部级主要领导干部参加了学习班。",
    ],
)
def test_types3_zh_one_character_or_common_words_are_no_name(
    text: str, zh: LanguagePack, reader: PackAnnotator
) -> None:
    assert not [n for n, k in _mentions(text, zh, reader) if k == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("他的坚持赢得了塔斯卡卢萨人民的信任。", "塔斯卡卢萨"),
        ("修士要求巴德里纳特举行特别的净化仪式，巴德里纳特古城的寺庙开放。", "巴德里纳特"),
        ("州长要求卡尔塔普尔举行庆典。卡尔塔普尔古城游客众多。", "卡尔塔普尔"),
        ("萨凡纳（乔治亚州）——治安官称，警员于周五在萨凡纳的池塘发现尸体。", "萨凡纳"),
        ("梅肯（乔治亚州）——警长称，警员于周五在梅肯的公园发现尸体。", "梅肯"),
    ],
)
def test_types3_zh_place_said_by_the_text(
    text: str, name: str, zh: LanguagePack, reader: PackAnnotator
) -> None:
    kinds = {k for n, k in _mentions(text, zh, reader) if n == name}
    assert kinds == {"GPE"}


def test_types3_zh_titled_one_character_and_full_names_stay(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    found = _mentions("马总统今天出访。记者问习近平。习近平回答。", zh, reader)
    assert ("习近平", "PERSON") in found
    assert [n for n, k in found if k == "PERSON" and n.startswith("马")]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("联邦政府宣布了新的防疫措施。", "联邦政府", "ORG"),
        ("北京首都机场今天关闭。", "首都机场", "FAC"),
    ],
)
def test_types3_zh_place_headed_by_what_it_is(
    text: str, name: str, kind: str, zh: LanguagePack, reader: PackAnnotator
) -> None:
    assert (name, kind) in _mentions(text, zh, reader)


def test_types3_zh_kind_of_place_alone_is_no_name(zh: LanguagePack, reader: PackAnnotator) -> None:
    found = _mentions("数百人在清真寺外集会，北京也有人声援。", zh, reader)
    assert ("北京", "GPE") in found
    assert not [n for n, _ in found if n == "清真寺"]
