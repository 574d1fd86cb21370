"""Fault class: a person's short form in one script (a surname alone: ボーエン, 보엔, Bowen)
and the full name in another (Mark Bowen) had no reading in common: a one-word name never
meets a name in words. The readings now say which words of a full name a short form keeps
(its first and last) and whether a one-word name reads as one of them: the same key, or the
same consonants with the vowels kana and Hangul add. Composed names."""

from __future__ import annotations

from typing import Any

from newsdesk.lang.readings import end_words, one_word, word_fits


def _fits(short: str, short_lang: str, full: str, full_lang: str) -> bool:
    keys, words = one_word(short, short_lang), end_words(full, full_lang)
    return any(word_fits(k, w) for k in keys for w in words)


def test_readings_short_forms_a_surname_reads_as_the_full_names_last_word(
    packs: dict[str, Any],
) -> None:
    assert _fits("ボーエン", "ja", "Mark Bowen", "en")
    assert _fits("Bowen", "zh", "マーク・ボーエン", "ja")
    assert _fits("ハリントン", "ja", "Grace Harrington", "en")
    assert _fits("ムケルジー", "ja", "Bipasha Mukherjee", "en")  # kana's vowel after the r
    assert _fits("Morton", "en", "제임스 모턴", "ko")


def test_readings_short_forms_a_name_in_words_or_in_han_is_no_short_form(
    packs: dict[str, Any],
) -> None:
    assert one_word("Mark Bowen", "en") == frozenset()
    assert one_word("マーク・ボーエン", "ja") == frozenset()
    assert one_word("小川", "ja") == frozenset()  # Han readings are guesses between languages
    assert end_words("夏立言", "zh") == frozenset()
    assert end_words("Bowen", "en") == frozenset()


def test_readings_short_forms_vowels_apart_are_another_name(packs: dict[str, Any]) -> None:
    # the same consonants but the liquid, the vowels of another name
    assert not _fits("デンベレ", "ja", "Donald Trump", "en")
    assert not _fits("クドロー", "ja", "Ashok Gehlot", "en")
    assert not _fits("ニック", "ja", "Nicolas Sarkozy", "en")
    assert not _fits("ボーエン", "ja", "Grace Harrington", "en")
