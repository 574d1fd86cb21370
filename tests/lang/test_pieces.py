"""Long texts are parsed in pieces (Sudachi refuses more than 49,149 bytes at once); the
names found keep their offsets into the whole text."""

from __future__ import annotations

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.ja import MAX_PIECE
from newsdesk.lang.pieces import pieces


def test_pieces_cover_the_text_and_cut_at_sentence_ends() -> None:
    text = "高市首相は会談した。" * 50
    parts = pieces(text, 64)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 64 for _, p in parts)
    assert all(p.endswith("。") for _, p in parts)
    assert [o for o, _ in parts] == [sum(len(p) for _, p in parts[:i]) for i in range(len(parts))]


def test_pieces_japanese_piece_fits_sudachi() -> None:
    assert MAX_PIECE * 4 < 49_149  # four bytes a character at most


@pytest.mark.parametrize("code", ["ja", "ko", "zh"])
def test_pieces_names_keep_offsets_across_pieces(
    code: str, packs: dict[str, LanguagePack], monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = {
        "ja": "高市早苗首相は奈良市で会談した。",
        "ko": "이재명 대통령은 서울에서 회담했다. ",
        "zh": "日本首相高市早苗在奈良举行会谈。",
    }[code]
    text = sentence * 12
    module = packs[code].module
    monkeypatch.setattr(module, "MAX_PIECE", len(sentence) * 2 + 3)
    found = module.entities(text)
    assert found and all(0 <= s < e <= len(text) for s, e, _ in found)
    names = {text[s:e] for s, e, _ in found}
    assert {"高市早苗", "이재명", "서울"} & names
    assert len(found) >= 12  # every sentence's name, in every piece
