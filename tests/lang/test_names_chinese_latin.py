"""A person's name written in Latin letters in Chinese text is one name, whole: Baidu LAC
reads each of its words apart and tags one of them, or none, a person ("Rachel" alone).
The texts are composed for the test."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 3, 4)


def _people(text: str, pack: LanguagePack, reader: PackAnnotator) -> list[str]:
    found = reader.annotate(text, pack, published=WHEN).entities
    return [m.text for m in found if m.type == "PERSON"]


def test_names_chinese_latin_name_is_whole(zh: LanguagePack, reader: PackAnnotator) -> None:
    text = "当地时间周二， Rachel Morgan 在曼彻斯特的记者会上宣布退出比赛。"
    assert _people(text, zh, reader) == ["Rachel Morgan"]
    text = "球队主帅 Thomas Keller 表示， Daniel Weber 下周将重返训练场。"
    assert _people(text, zh, reader) == ["Thomas Keller", "Daniel Weber"]


def test_names_chinese_latin_name_after_a_title(zh: LanguagePack, reader: PackAnnotator) -> None:
    text = "外交部长 Helen Brooks 周五抵达首尔。"
    assert _people(text, zh, reader) == ["Helen Brooks"]


def test_names_chinese_latin_not_a_name(zh: LanguagePack, reader: PackAnnotator) -> None:
    # capitalised Latin words that no title precedes and LAC tags no person stay apart
    text = "该公司周三发布了新款 Smart Phone 产品。"
    assert "Smart Phone" not in _people(text, zh, reader)
