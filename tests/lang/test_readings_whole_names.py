"""Fault class: an English name and its katakana or Hangul rendering stayed two people
(the kana and Hangul add and change vowels in every word and write a liquid the English key
leaves out), or joined by the order they came in. They agree as whole names: every word,
the same number of words, the same consonants, enough of them; never a surname alone into
a whole name, nor a name whose given name differs. Composed names."""

from __future__ import annotations

import itertools

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.merge import CrossScriptIndex

# (English, Japanese, Korean): one person in three scripts
PEOPLE = [
    (
        "Ronald Gilbert",
        "ロナルド・ギルバート",
        "로널드 길버트",
    ),  # roNaLDo, 로널드: the l kept, dropped
    ("Oswald Benton", "オズワルド・ベントン", "오즈월드 벤턴"),
]


@pytest.mark.parametrize("person", PEOPLE, ids=[p[0] for p in PEOPLE])
def test_readings_whole_names_join_across_scripts_in_any_order(
    packs: dict[str, LanguagePack], person: tuple[str, str, str]
) -> None:
    spellings = list(zip(person, ("en", "ja", "ko"), strict=True))
    for order in itertools.permutations(spellings):
        index = CrossScriptIndex()
        found = [index.entity_of(name, "PERSON", lang) for name, lang in order]
        assert all(entity is found[0] for entity in found), order  # one person
        assert found[0].name == person[0]  # shown under the English name


def test_readings_whole_names_never_join_a_surname_or_another_given_name(
    packs: dict[str, LanguagePack],
) -> None:
    for english_first in (True, False):
        index = CrossScriptIndex()
        if english_first:
            gilbert = index.entity_of("Ronald Gilbert", "PERSON", "en")
        others = [
            index.entity_of("ギルバート", "PERSON", "ja"),  # the surname alone
            index.entity_of("ケネス・ギルバート", "PERSON", "ja"),  # Kenneth, another Gilbert
            index.entity_of("로널드 길모어", "PERSON", "ko"),  # Ronald Gilmore
        ]
        if not english_first:
            gilbert = index.entity_of("Ronald Gilbert", "PERSON", "en")
        assert all(other is not gilbert for other in others), english_first
        assert gilbert.name == "Ronald Gilbert"


def test_readings_whole_names_of_few_consonants_stay_apart(
    packs: dict[str, LanguagePack],
) -> None:
    """Tim Nash and トム・ネス (Tom Ness) share t|n-s and nothing else: too few to tell."""
    index = CrossScriptIndex()
    nash = index.entity_of("Tim Nash", "PERSON", "en")
    assert index.entity_of("トム・ネス", "PERSON", "ja") is not nash


# an English name of four consonants in kana (ジャック・タナー: under the five a reading of
# vowels apart needs, it joins when its vowels agree but for kana's added ones and each
# word's last), and one with an -ng written ㅇ before a g (잉그리드 inggeulideu, 빙고)
FEW_OR_NASAL = [
    ("Jack Tanner", "ジャック・タナー", "ja"),
    ("Ingrid Hansen", "잉그리드 한센", "ko"),
    ("Bingo Lang", "빙고 랭", "ko"),
]


@pytest.mark.parametrize("person", FEW_OR_NASAL, ids=[p[0] for p in FEW_OR_NASAL])
def test_readings_whole_names_of_four_consonants_or_a_nasal_join(
    packs: dict[str, LanguagePack], person: tuple[str, str, str]
) -> None:
    english, other, language = person
    for order in (((english, "en"), (other, language)), ((other, language), (english, "en"))):
        index = CrossScriptIndex()
        found = [index.entity_of(name, "PERSON", lang) for name, lang in order]
        assert found[0] is found[1], order
        assert found[0].name == english
