"""Fault class: a reading that leaves characters of a name unread (Han, Hangul or kana left
as written), or reads only part of it, is no reading, and never joins a name in another
script. Composed names and pages; the right joins still happen."""

from __future__ import annotations

from newsdesk.article import Annotations
from newsdesk.lang import LanguagePack
from newsdesk.lang.merge import CrossScriptIndex, NameJoiner
from newsdesk.lang.readings import covers, readings


def _script_left(reading: str) -> bool:
    return any(not (c.isascii() or c in "・·") and c.isalpha() for c in reading)


def test_readings_never_leave_a_character_unread(packs: dict[str, LanguagePack]) -> None:
    names = [("习近平", "ja"), ("习近平", "zh"), ("習近平", "ja"), ("李在明", "ko"),
             ("高市早苗", "zh"), ("テイラー", "ja"), ("시진핑", "ko"), ("ドナルド・トランプ", "ja")]  # fmt: skip
    for name, lang in names:
        found = readings(name, lang)
        assert found, (name, lang)  # the whole readings are kept
        assert not any(_script_left(r) for r in found), (name, lang, found)


def test_readings_partial_reading_is_no_reading() -> None:
    assert not covers("习近 taira", "习近平")  # only 平 was read
    assert not covers("hira", "习近平")  # the reader dropped what it could not read
    assert not covers("李在明", "李在明")
    assert covers("xijinping", "习近平")
    assert covers("shuukinpei", "習近平")
    assert covers("jo- ・ baiden", "ジョー・バイデン")  # the long mark and ・ add no syllable
    assert covers("dakaichi sana-e", "다카이치 사나에")


def test_readings_chinese_name_never_joins_a_katakana_foreign_name(
    packs: dict[str, LanguagePack],
) -> None:
    index = CrossScriptIndex(aliases=False)
    taylor = index.entity_of("テイラー", "PERSON", "ja")  # Taylor, heard the Japanese way
    index.entity_of("Taylor", "PERSON", "en")
    xi = index.entity_of("习近平", "PERSON", "zh")
    assert xi is not taylor
    assert index.entity_of("Xi Jinping", "PERSON", "en") is xi
    assert index.entity_of("習近平", "PERSON", "ja") is xi  # the right joins still happen
    assert index.entity_of("시진핑", "PERSON", "ko") is xi
    assert xi.name == "Xi Jinping"


def test_readings_japanese_and_korean_names_join_their_english_forms(
    packs: dict[str, LanguagePack],
) -> None:
    index = CrossScriptIndex(aliases=False)
    abe = index.entity_of("Shinzo Abe", "PERSON", "en")
    moon = index.entity_of("Moon Jae-in", "PERSON", "en")
    assert index.entity_of("安倍晋三", "PERSON", "ja") is abe  # kanji and its romaji
    assert index.entity_of("문재인", "PERSON", "ko") is moon  # Hangul and its English form
    assert index.entity_of("安倍晋三", "PERSON", "ja") is not moon
    assert index.entity_of("문재인", "PERSON", "ko") is not abe


def test_readings_a_match_on_part_of_a_name_is_no_match(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    jinping = index.entity_of("Jinping", "PERSON", "en")  # one word of the name
    whole = index.entity_of("Xi Jinping", "PERSON", "zh")  # written in Latin in Chinese text
    assert whole is not jinping


PAGES = [  # composed: a Japanese page names a foreign singer, then a Chinese page Xi
    ("ja", "英国の歌手テイラー氏は月曜日、東京でツアーを続けると述べた。"),
    ("zh", "国家主席习近平周一在北京会见了来访的代表团。"),
    ("en", "Chinese President Xi Jinping met a visiting delegation in Beijing on Monday."),
]


def _shown(pages: list[tuple[str, str]]) -> dict[str, str]:
    from newsdesk.annotate.annotator import Annotator

    reader = Annotator(join_names=False)
    texts, langs = [t for _, t in pages], [lang for lang, _ in pages]
    found: list[Annotations] = list(reader.annotate_texts(texts, [None] * len(pages), langs))
    joiner = NameJoiner(lambda: [])
    for notes, lang in zip(found, langs, strict=True):  # one page at a time, in order
        joiner.join([(notes, lang)])
    shown: dict[str, str] = {}
    for notes in found:
        for mention in notes.entities:
            shown.setdefault(mention.text, mention.canonical or mention.text)
    return shown


def test_readings_joined_pages_never_show_xi_as_taylor(packs: dict[str, LanguagePack]) -> None:
    shown = _shown(PAGES[:2])  # no English page yet: Xi stays as written
    assert shown.get("テイラー") == "テイラー"
    assert shown.get("习近平") == "习近平"
    shown = _shown([PAGES[2], *PAGES[:2]])  # the English page first: the right join
    assert shown.get("习近平") == "Xi Jinping"


def test_readings_a_name_of_one_syllable_joins_no_one(packs: dict[str, LanguagePack]) -> None:
    index = CrossScriptIndex(aliases=False)
    ai = index.entity_of("AI", "GPE", "en")
    gulf = index.entity_of("Gulf", "GPE", "en")
    seoul = index.entity_of("Seoul", "GPE", "en")
    assert index.entity_of("英", "GPE", "zh") is not ai  # short for 英国, read "ying"
    assert index.entity_of("欧", "GPE", "zh") is not gulf  # short for 欧洲
    assert index.entity_of("주", "GPE", "ko") is not seoul  # "state", read "ju"
    assert index.entity_of("서울", "GPE", "ko") is seoul  # two syllables: the whole name
