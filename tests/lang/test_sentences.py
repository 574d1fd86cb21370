"""Sentences and stopwords per pack."""

from __future__ import annotations

from newsdesk.lang import pack_for
from newsdesk.lang.sentences import sentences


def _split(text: str, code: str) -> list[str]:
    pack = pack_for(code)
    assert pack is not None
    return [text[s:e] for s, e in sentences(text, pack)]


def test_sentences_japanese_quote_inside_its_sentence() -> None:
    text = "首相は「関係を築きたい。」と述べた。中国は反発した。\n会談は続く"
    assert _split(text, "ja") == [
        "首相は「関係を築きたい。」と述べた。",
        "中国は反発した。",
        "会談は続く",
    ]


def test_sentences_korean_and_chinese() -> None:
    assert _split("대통령은 말했다. 회담은 끝났다!", "ko") == ["대통령은 말했다.", "회담은 끝났다!"]
    assert _split("双方举行会谈。中方表示关切？！", "zh") == ["双方举行会谈。", "中方表示关切？！"]


def test_sentences_stopwords_per_pack() -> None:
    for code, word in (("en", "the"), ("ja", "の"), ("ko", "은"), ("zh", "的")):
        pack = pack_for(code)
        assert pack is not None
        assert word in pack.stopwords()
