"""Names in Japanese, Korean and Chinese text: found, typed, and shown under the English
name the store already has."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _names(found: object) -> set[tuple[str, str, str | None]]:
    return {(m.text, m.type, m.canonical) for m in found.entities}  # type: ignore[attr-defined]


def test_entities_japanese_name_with_title_and_taiwan_as_place(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "高市早苗首相は奈良市で李在明大統領と会談した。台湾をめぐる発言に中国が反発した。"
    found = reader.annotate(text, ja, published=WHEN)
    names = _names(found)
    assert ("高市早苗", "PERSON", "Sanae Takaichi") in names
    assert ("李在明", "PERSON", "Lee Jae-myung") in names  # not "李在明大統領" as a position
    assert ("台湾", "GPE", "Taiwan") in names
    assert ("中国", "GPE", "China") in names
    assert all(text[m.start : m.end] == m.text for m in found.entities)


def test_entities_japanese_honorific_glued_to_the_name_is_cut(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    # the model reads "金正恩氏" as one word: the honorific is not part of the name
    text = "北朝鮮の金正恩氏は15日、ミサイル発射を視察した。"
    names = [m.text for m in reader.annotate(text, ja, published=WHEN).entities]
    assert "金正恩" in names and "金正恩氏" not in names


def test_entities_japanese_short_form_takes_the_full_name(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "高市早苗首相は会見した。高市首相は記者団の質問に答えた。"
    found = reader.annotate(text, ja, published=WHEN)
    short = [m for m in found.entities if m.text == "高市"]
    assert short and short[0].canonical == "Sanae Takaichi"


def test_entities_korean_proper_nouns_typed(ko: LanguagePack, reader: PackAnnotator) -> None:
    text = "이재명 대통령은 서울에서 다카이치 사나에 일본 총리와 만났다. 대만 문제도 논의했다."
    found = reader.annotate(text, ko, published=WHEN)
    names = _names(found)
    assert ("이재명", "PERSON", "Lee Jae-myung") in names
    assert ("다카이치 사나에", "PERSON", "Sanae Takaichi") in names
    assert ("서울", "GPE", "Seoul") in names
    assert ("대만", "GPE", "Taiwan") in names
    assert ("일본", "GPE", "Japan") in names


def test_entities_chinese_gazetteer_finds_what_lac_misses(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    text = "日本首相高市早苗在奈良与韩国总统李在明举行会谈。习近平在北京会见了外宾。"
    found = reader.annotate(text, zh, published=WHEN)
    names = _names(found)
    assert ("高市早苗", "PERSON", "Sanae Takaichi") in names
    assert ("李在明", "PERSON", "Lee Jae-myung") in names
    assert ("习近平", "PERSON", "Xi Jinping") in names
    assert ("韩国", "GPE", "South Korea") in names


def test_entities_chinese_traditional_characters_read_as_simplified(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    found = reader.annotate("習近平在北京會見了外賓。", zh, published=WHEN)
    assert ("習近平", "PERSON", "Xi Jinping") in _names(found)
