"""A story told only in Chinese, Japanese or Korean is summarised too: its sentences end at
。！？ (no space after) or at "다. " before Hangul, and its lengths are counted in English
words' worth (a Chinese or Japanese sentence is one run of characters). Text composed."""

from __future__ import annotations

import pytest

from helpers.harbour import article as _article
from newsdesk.summarize import summarize_story
from newsdesk.summarize.extractive import SummaryConfig
from newsdesk.summarize.text import split_sentences, word_count

ZH = (
    "瓦利顿港务局周一表示，两艘客运渡轮在港外相撞，港口暂停所有航班。"
    "潜水员检查了两艘渡轮的船体，港务局发言人说没有人受重伤。"
    "官员预计，检查完成后港口将在周三重新开放。"
)
ZH_OTHER = (
    "两艘客运渡轮周一晚间在瓦利顿港外相撞，港务局随即暂停了所有航班。"
    "据报道，两艘渡轮上共有三百多名乘客，全部安全上岸。"
)
JA = (
    "バリトン港の沖で月曜、旅客フェリー2隻が衝突し、港湾局は全ての便の運航を停止した。"
    "潜水士が両船の船体を点検しており、重傷者はいないと港湾局の広報担当者は述べた。"
)
KO = (
    "발리턴 항만청은 월요일 여객선 두 척이 항구 밖에서 충돌해 모든 운항을 중단했다고 밝혔다. "
    "잠수부들이 두 여객선의 선체를 점검했으며 중상자는 없는 것으로 알려졌다."
)


@pytest.mark.parametrize("texts", [(ZH, ZH_OTHER), (JA,), (KO,)])
def test_summary_of_a_story_told_in_chinese_japanese_or_korean(texts: tuple[str, ...]) -> None:
    members = [_article(f"a{i}", f"Outlet {i}", t, hours=i) for i, t in enumerate(texts)]
    summary = summarize_story(members, {})
    assert summary, "a story in the brief is never shown without a word of what happened"
    for sentence in summary:
        assert sentence.text[-1] in "。.", sentence.text
        assert any(sentence.text in t for t in texts)  # one sentence, as written


def test_cjk_sentences_end_without_a_space() -> None:
    assert [s.text for s in split_sentences(ZH)] == [
        "瓦利顿港务局周一表示，两艘客运渡轮在港外相撞，港口暂停所有航班。",
        "潜水员检查了两艘渡轮的船体，港务局发言人说没有人受重伤。",
        "官员预计，检查完成后港口将在周三重新开放。",
    ]
    assert len(split_sentences(KO)) == 2


def test_word_count_reads_every_script_in_english_words_worth() -> None:
    assert word_count("The council met the ferry board on Tuesday.") == 8
    assert word_count("潜水员检查了两艘渡轮的船体") == 7  # 13 characters, two a word
    assert word_count("潜水士が両船の船体を点検した") == 5  # kana: three characters a word
    assert word_count("잠수부들이 선체를 점검했다") == 4  # a word and a half each


def test_a_cjk_summary_prefers_the_report_to_a_quotation() -> None:
    """他说：“…”: a sentence that is mostly a quotation is the speaker's words, scored down as
    an English one opening with a quotation mark is; the report's own sentence leads."""
    quoted = "他说：“我们已经检查了两艘渡轮的船体，港口将在周三重新开放，没有人受重伤。”"
    told = "瓦利顿港务局周一表示，两艘客运渡轮在港外相撞，港口暂停所有航班。"
    members = [
        _article("a0", "Outlet 0", quoted + told, hours=0),
        _article("a1", "Outlet 1", quoted + told, hours=1),
    ]
    summary = summarize_story(members, {}, config=SummaryConfig(target_words=10, max_words=30))
    assert [s.text for s in summary][:1] == [told]
