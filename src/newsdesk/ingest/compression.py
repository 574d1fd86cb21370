"""gzip, expanded with a cap so a decompression bomb cannot fill memory."""

from __future__ import annotations

import zlib

from newsdesk.errors import MalformedInput, TooLarge

__all__ = ["Gunzipped", "gunzip"]

_CHUNK = 1 << 16


class Gunzipped:
    """What a gzip stream expanded to; ``truncated`` when the stream ended early."""

    __slots__ = ("data", "truncated")

    def __init__(self, data: bytes, truncated: bool) -> None:
        self.data = data
        self.truncated = truncated


def _inflate_member(data: bytes, out: bytearray, limit: int) -> tuple[bytes, bool]:
    """Inflate one gzip member into ``out``; the bytes after it and whether it ended properly."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = data
    while True:
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
                "raise max_expanded_bytes if it is genuine"
            )
        pending = inflater.unconsumed_tail
        if inflater.eof:
            return inflater.unused_data, True
        if not pending and len(chunk) < _CHUNK:
            return b"", False


def gunzip(data: bytes, *, limit: int) -> Gunzipped:
    """Expand gzip data (all members), never past ``limit`` bytes.

    Raises TooLarge past the cap and MalformedInput for corrupt data; a stream
    cut short is returned with ``truncated`` set so the caller can keep what
    came before the damage.
    """
    out = bytearray()
    rest = data
    while rest:
        rest, complete = _inflate_member(rest, out, limit)
        if not complete:
            return Gunzipped(bytes(out), truncated=True)
        rest = rest.lstrip(b"\x00")  # some writers pad between members
        if rest and not rest.startswith(b"\x1f\x8b"):
            raise MalformedInput("trailing garbage after the gzip data; the file is damaged")
    return Gunzipped(bytes(out), truncated=False)
