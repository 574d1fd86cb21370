"""One person or place across scripts: readings, the sound-alike key, the alias table."""

from __future__ import annotations

from newsdesk.lang import LanguagePack
from newsdesk.lang.merge import CrossScriptIndex


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
