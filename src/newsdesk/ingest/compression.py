"""gzip, expanded with a cap so a decompression bomb cannot fill memory."""

from __future__ import annotations

import re
import zlib

from newsdesk.errors import MalformedInput, TooLarge

__all__ = ["Gunzipped", "gunzip", "gzip_head"]

_CHUNK = 1 << 16


class Gunzipped:
    """What a gzip stream expanded to; ``truncated`` when the stream ended early."""

    __slots__ = ("data", "truncated")

    def __init__(self, data: bytes, truncated: bool) -> None:
        self.data = data
        self.truncated = truncated


def gzip_head(data: bytes, size: int = 64) -> bytes:
    """The first ``size`` bytes the gzip data expands to (b"" when it is not readable)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], size)
    except zlib.error:
        return b""


_NOT_NUL = re.compile(rb"[^\x00]")


def _inflate_member(
    view: memoryview, pos: int, out: bytearray, limit: int, setting: str
) -> tuple[int, bool]:
    """Inflate the gzip member at ``pos`` into ``out``; where it ended and whether it did.

    Input is fed a chunk at a time and output taken a chunk at a time, so the
    work is linear in the input plus the output, and never past ``limit``.
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    while pos < len(view):
        piece = view[pos : pos + _CHUNK]
        pending: bytes | memoryview = piece
        while pending:
            try:
                chunk = inflater.decompress(pending, _CHUNK)
            except zlib.error as exc:
                raise MalformedInput(
                    f"the gzip data is corrupt ({exc}); re-download or re-compress it"
                ) from exc
            out += chunk
            if len(out) > limit:
                raise TooLarge(
                    f"the gzip expands to more than {limit:,} bytes (a decompression bomb?); "
                    f"raise {setting} if it is genuine"
                )
            if inflater.eof:
                return pos + len(piece) - len(inflater.unused_data), True
            pending = inflater.unconsumed_tail
        pos += len(piece)
    return pos, False


def gunzip(data: bytes, *, limit: int, setting: str = "NEWSDESK_MAX_EXPANDED_BYTES") -> Gunzipped:
    """Expand gzip data (all members), never past ``limit`` bytes.

    The stream is inflated a chunk at a time and the cap checked after each, so no
    more than ``limit`` plus one chunk is ever held. Raises TooLarge past the cap
    (naming ``setting``, the variable that raises it) and MalformedInput for corrupt data; a stream
    cut short is returned with ``truncated`` set so the caller can keep what
    came before the damage.
    """
    out = bytearray()
    view = memoryview(data)
    pos = 0
    while pos < len(data):
        pos, complete = _inflate_member(view, pos, out, limit, setting)
        if not complete:
            return Gunzipped(bytes(out), truncated=True)
        found = _NOT_NUL.search(data, pos)  # some writers pad between members
        if found is None:
            break
        pos = found.start()
        if data[pos : pos + 2] != b"\x1f\x8b":
            raise MalformedInput("trailing garbage after the gzip data; the file is damaged")
    return Gunzipped(bytes(out), truncated=False)
