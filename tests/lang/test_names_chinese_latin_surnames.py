"""Fault class: a surname alone in one script (ボーエン, cut by the Japanese reader from
マーク・ボーエン) joined only a surname alone in another (Bowen, Baidu LAC's piece of "Mark
Bowen" in Chinese text); once the Chinese text's whole name is the entity, it met no name
at all. A one-word name written in sounds now joins the one person's full name it is the
surname of, in any script, whichever came first; never when two full names share it.
Composed names."""

from __future__ import annotations

import itertools
from typing import Any

from newsdesk.lang.merge import CrossScriptIndex

FULL = [("Grace Harrington", "en"), ("Grace Harrington", "zh"), ("グレース・ハリントン", "ja")]
SHORT = [("ハリントン", "ja"), ("Harrington", "zh"), ("Harrington", "en")]


def test_names_chinese_latin_surnames_join_the_one_full_name(packs: dict[str, Any]) -> None:
    for full, short in itertools.product(FULL, SHORT):
        for order in ((full, short), (short, full)):
            index = CrossScriptIndex()
            for name, lang in order:
                index.entity_of(name, "PERSON", lang)
            shown = index.canonical(*short[:1], "PERSON", short[1])
            assert shown == full[0], (order, shown)


def test_names_chinese_latin_surnames_two_full_names_are_a_guess(packs: dict[str, Any]) -> None:
    names = [("Grace Harrington", "en"), ("Oliver Harrington", "zh"), ("ハリントン", "ja")]
    for order in itertools.permutations(names):
        index = CrossScriptIndex()
        for name, lang in order:
            index.entity_of(name, "PERSON", lang)
        assert index.canonical("ハリントン", "PERSON", "ja") == "ハリントン", order


def test_names_chinese_latin_surnames_not_a_given_name_nor_two_guesses(
    packs: dict[str, Any],
) -> None:
    index = CrossScriptIndex()
    index.entity_of("Grace Harrington", "PERSON", "en")
    index.entity_of("그레이스 베일리", "PERSON", "ko")  # Grace Bailey, in Hangul only
    assert index.canonical("グレース", "PERSON", "ja") == "グレース"  # a given name alone
    assert index.canonical("ベイリー", "PERSON", "ja") == "ベイリー"  # kana to Hangul: guesses
