"""One person or place across scripts: readings, the sound-alike key, the alias table."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator
from newsdesk.lang.merge import CrossScriptIndex, NameJoiner


def test_merge_one_person_in_four_scripts(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)  # readings alone
    en = index.entity_of("Xi Jinping", "PERSON", "en")
    assert index.entity_of("習近平", "PERSON", "ja") is en
    assert index.entity_of("시진핑", "PERSON", "ko") is en
    assert index.entity_of("习近平", "PERSON", "zh") is en
    assert en.name == "Xi Jinping"


def test_merge_japanese_name_in_korean_and_chinese(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    ja = index.entity_of("高市早苗", "PERSON", "ja")
    assert index.entity_of("다카이치 사나에", "PERSON", "ko") is ja
    assert index.entity_of("高市早苗", "PERSON", "zh") is ja  # read the Japanese way too
    assert index.entity_of("Sanae Takaichi", "PERSON", "en") is ja  # either name order
    assert ja.name == "Sanae Takaichi"  # the English name is shown once known


def test_merge_exonyms_through_the_alias_table(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex()
    seoul = index.entity_of("Seoul", "GPE", "en")
    for name, lang in (("ソウル", "ja"), ("首尔", "zh"), ("서울", "ko")):
        assert index.entity_of(name, "GPE", lang) is seoul
    taiwan = index.entity_of("대만", "GPE", "ko")
    assert index.entity_of("台湾", "GPE", "ja") is taiwan
    assert taiwan.name == "Taiwan"


def test_merge_keeps_different_people_apart(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    kim = index.entity_of("Kim Jong-un", "PERSON", "en")
    assert index.entity_of("김정일", "PERSON", "ko") is not kim  # Kim Jong-il
    tsai = index.entity_of("Tsai Ing-wen", "PERSON", "en")
    assert index.entity_of("文在寅", "PERSON", "zh") is not tsai  # Moon Jae-in


def test_merge_names_of_two_and_three_words_never_join_on_a_likeness(
    packs: dict[str, LanguagePack],
) -> None:
    index = CrossScriptIndex(aliases=False)
    lopez = index.entity_of("Maria Lopez", "PERSON", "en")
    pesce = index.entity_of("Maria Lo Pesce", "PERSON", "en")
    assert index.entity_of("マリア・ロペス", "PERSON", "ja") is lopez
    assert index.entity_of("マリア・ロペス", "PERSON", "ja") is not pesce
    other = CrossScriptIndex(aliases=False)  # the three-word name alone in the index
    pesce = other.entity_of("Maria Lo Pesce", "PERSON", "en")
    assert other.entity_of("マリア・ロペス", "PERSON", "ja") is not pesce
    assert other.entity_of("習近平", "PERSON", "ja") is other.entity_of(
        "Xi Jinping", "PERSON", "en"
    )


def test_merge_relatives_and_namesakes_stay_apart(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    english = ["Kim Jong-un", "Kim Jong-il", "Kim Il-sung", "Kim Yo-jong", "Park Chung-hee",
               "Lee Jae-yong", "Xi Zhongxun", "Junichiro Koizumi"]  # fmt: skip
    known = {name: index.entity_of(name, "PERSON", "en") for name in english}
    assert len({id(e) for e in known.values()}) == len(english)
    for name, lang, who in [
        ("박근혜", "ko", None),  # Park Geun-hye: not her father Park Chung-hee
        ("이재명", "ko", None),  # Lee Jae-myung: not Lee Jae-yong
        ("習近平", "ja", None),  # Xi Jinping: not his father Xi Zhongxun
        ("小泉進次郎", "ja", None),  # Shinjiro: not his father Junichiro
        ("김정은", "ko", "Kim Jong-un"),
        ("김정일", "ko", "Kim Jong-il"),
        ("김여정", "ko", "Kim Yo-jong"),
    ]:
        found = index.entity_of(name, "PERSON", lang)
        if who is None:
            assert found.name not in english, name
        else:
            assert found is known[who], name


def test_merge_short_names_must_match_exactly(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    nara = index.entity_of("Nara", "GPE", "en")
    assert index.entity_of("奈良", "GPE", "ja") is nara
    assert index.entity_of("나라", "GPE", "ko") is nara
    assert index.entity_of("Naha", "GPE", "en") is not nara
    assert index.entity_of("ナハ", "GPE", "ja") is not nara


def test_merge_person_and_place_never_merge(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    person = index.entity_of("Nara", "PERSON", "en")
    assert index.entity_of("奈良", "GPE", "ja") is not person


# one story told in four languages, and two other stories (the same people, other scripts)
PAGES = [
    ("en-1", "en", "Chinese President Xi Jinping met Japanese Prime Minister Sanae Takaichi in "
     "Beijing on Tuesday. Xi said the two countries should work together on trade, and "
     "Takaichi said Japan wanted stable relations with China."),
    ("zh-1", "zh", "中国国家主席习近平星期二在北京会见日本首相高市早苗。习近平表示两国应在贸易方面加强合作。"),
    ("ja-1", "ja", "習近平国家主席は火曜日、北京で高市早苗首相と会談した。高市首相は中国との安定した関係を望むと述べた。"),
    ("ko-1", "ko", "시진핑 중국 국가주석은 화요일 베이징에서 다카이치 사나에 일본 총리와 회담했다."),
    ("ko-2", "ko", "이재명 대통령은 서울에서 기자회견을 열고 경제 정책을 발표했다."),
    ("en-2", "en", "South Korean President Lee Jae-myung held a news conference in Seoul on "
     "Monday, where Lee announced new economic measures."),
    ("ja-2", "ja", "李在明大統領はソウルで記者会見を開き、新たな経済対策を発表した。"),
]  # fmt: skip


def _annotated(order: list[int], size: int) -> dict[str, Any]:
    """The pages annotated as a worker does (names as written), in ``order``, ``size`` a batch."""
    from newsdesk.annotate.annotator import Annotator

    reader = Annotator(join_names=False)
    found: dict[str, Any] = {}
    for start in range(0, len(order), size):
        batch = [PAGES[i] for i in order[start : start + size]]
        texts, langs = [p[2] for p in batch], [p[1] for p in batch]
        read = reader.annotate_texts(texts, [None] * len(batch), langs)
        for (key, _, _), notes in zip(batch, read, strict=True):
            found[key] = notes
    return found


def _joined(found: dict[str, Any], group: int) -> dict[str, Any]:
    """Joined across scripts in store order (the pages' order), ``group`` pages at a time."""
    joiner = NameJoiner(lambda: [])
    for start in range(0, len(PAGES), group):
        joiner.join([(found[key], lang) for key, lang, _ in PAGES[start : start + group]])
    return {key: dataclasses.asdict(found[key]) for key, _, _ in PAGES}


def test_merge_names_joined_whatever_the_batches_and_order(packs: dict[str, LanguagePack]) -> None:
    in_order = _joined(_annotated(list(range(len(PAGES))), size=len(PAGES)), group=4)
    one_by_one = _joined(_annotated(list(range(len(PAGES))), size=1), group=4)
    shuffled = list(range(len(PAGES)))
    random.Random(3).shuffle(shuffled)
    reordered = _joined(_annotated(shuffled, size=3), group=4)
    assert one_by_one == in_order
    assert reordered == in_order
    shown = {
        key: {m["text"]: m["canonical"] for m in notes["entities"]}
        for key, notes in in_order.items()
    }
    assert shown["zh-1"]["习近平"] == "Xi Jinping"  # the English page of its group names him
    assert shown["ja-1"]["高市早苗"] == "Sanae Takaichi"
    assert shown["ko-1"]["다카이치 사나에"] == "Sanae Takaichi"
    assert shown["ja-2"]["李在明"] == "Lee Jae-myung"  # learned from an earlier group
    assert {e["name"] for e in in_order["zh-1"]["named"]} == {
        "China",
        "Xi Jinping",
        "Beijing",
        "Japan",
        "Sanae Takaichi",
    }


def test_merge_pack_reader_without_join_keeps_names_as_written(
    ja: LanguagePack,
) -> None:
    text = "高市早苗首相は会見した。高市首相は記者団の質問に答えた。"
    first = PackAnnotator(join=False)
    first.learn([("Sanae Takaichi", "PERSON")])  # a join=False reader uses no index
    found = first.annotate(text, ja, published=None)
    short = [m for m in found.entities if m.text == "高市"]
    assert short and short[0].canonical == "高市早苗"  # the full name, not the English one
    assert [e.name for e in found.named if e.type == "PERSON"] == ["高市早苗"]
    assert found == PackAnnotator(join=False).annotate(text, ja, published=None)


# places whose readings are only alike (not equal): different places, never one; with the
# alias layers, shown under their own English name where the CLDR gazetteer knows it
UNLIKE_PLACES = [
    ("Washington", "新德里", "zh", "新德里"),  # xindeli ~ washington, keys 0.857 alike
    ("New England", "フィンランド", "ja", "Finland"),  # finrando ~ new england
    ("Switzerland", "新西兰", "zh", "New Zealand"),  # xinxilan ~ switzerland
]


def test_merge_places_with_only_similar_readings_stay_apart(
    packs: dict[str, LanguagePack],
) -> None:
    for aliases in (False, True):
        for english, name, lang, shown in UNLIKE_PLACES:
            index = CrossScriptIndex(aliases=aliases)
            place = index.entity_of(english, "GPE", "en")
            found = index.entity_of(name, "GPE", lang)
            assert found is not place, (english, name)
            assert found.name == (shown if aliases else name)
    index = CrossScriptIndex(aliases=False)  # a place whose reading is the same still joins
    nagasaki = index.entity_of("Nagasaki", "GPE", "en")
    assert index.entity_of("長崎", "GPE", "ja") is nagasaki
    assert index.entity_of("长崎", "GPE", "zh") is nagasaki


def test_merge_chinese_page_on_new_delhi_not_joined_to_washington(
    packs: dict[str, LanguagePack],
) -> None:
    english = (
        "The United States Secretary of State flew from Washington on Monday for talks "
        "on trade. Officials in Washington said the visit would last two days."
    )
    chinese = "印度总理星期一在新德里会见来访的美国国务卿，双方在新德里讨论了贸易问题。"
    from newsdesk.annotate.annotator import Annotator

    en, zh = Annotator(join_names=False).annotate_texts(
        [english, chinese], [None, None], ["en", "zh"]
    )
    assert "Washington" in {e.name for e in en.named}
    NameJoiner(lambda: []).join([(en, "en"), (zh, "zh")])
    shown = {m.text: m.canonical or m.text for m in zh.entities}
    assert shown.get("新德里") == "新德里"  # written in Chinese, under its own name
    assert "Washington" not in {e.name for e in zh.named}
