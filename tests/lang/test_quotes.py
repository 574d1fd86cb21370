"""Quotes with their speech cues and speakers in Japanese, Korean and Chinese."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def test_quotes_japanese_brackets_with_to_nobeta(ja: LanguagePack, reader: PackAnnotator) -> None:
    text = (
        "高市早苗首相は会見で「未来志向の関係を築きたい」と述べた。「台湾有事」という言葉も出た。"
    )
    found = reader.annotate(text, ja, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("未来志向の関係を築きたい", "Sanae Takaichi", "述べた")
    ]  # 「台湾有事」 is a term, with no cue: not a quote
    quote = found.quotes[0]
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker_start is not None
    assert text[quote.speaker_start : quote.speaker_end] == "高市早苗"


def test_quotes_japanese_speaker_between_quote_and_cue(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "「両国の協力は欠かせない」と李在明大統領は語った。"
    found = reader.annotate(text, ja, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("両国の協力は欠かせない", "Lee Jae-myung", "語った")
    ]


def test_quotes_korean_rago_malhaetda(ko: LanguagePack, reader: PackAnnotator) -> None:
    text = "이재명 대통령은 회담 후 “새로운 60년을 열겠다”라고 말했다."
    found = reader.annotate(text, ko, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("새로운 60년을 열겠다", "Lee Jae-myung", "말했다")
    ]


def test_quotes_chinese_cue_before_and_title_marks_ignored(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    text = "毛宁在接受《人民日报》采访时表示：“台湾问题是中国内政。”"
    found = reader.annotate(text, zh, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("台湾问题是中国内政。", "Mao Ning", "表示")
    ]


def test_quotes_chinese_cue_after(zh: LanguagePack, reader: PackAnnotator) -> None:
    text = "“我们愿意继续对话，”习近平说。"
    found = reader.annotate(text, zh, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("我们愿意继续对话，", "Xi Jinping", "说")
    ]
