from __future__ import annotations

import gzip

import pytest

from newsdesk.errors import MalformedInput, TooLarge
from newsdesk.ingest import read_bytes
from newsdesk.ingest.compression import gunzip
from newsdesk.settings import Settings

from .conftest import page_html


def test_compression_gunzip_multi_member() -> None:
    data = gzip.compress(b"one ") + gzip.compress(b"two")
    result = gunzip(data, limit=100)
    assert (result.data, result.truncated) == (b"one two", False)


def test_compression_truncated_is_flagged() -> None:
    data = gzip.compress(b"x" * 10_000)
    assert gunzip(data[:-10], limit=100_000).truncated


def test_compression_bomb_raises_too_large() -> None:
    bomb = gzip.compress(bytes(5_000_000))
    with pytest.raises(TooLarge, match="decompression bomb"):
        gunzip(bomb, limit=1_000_000)


def test_compression_corrupt_raises_malformed() -> None:
    data = bytearray(gzip.compress(b"hello world" * 100))
    data[-8:-4] = b"\x00\x00\x00\x00"  # a wrong CRC-32
    with pytest.raises(MalformedInput):
        gunzip(bytes(data), limit=100_000)


def test_compression_gzipped_html_is_read(settings: Settings) -> None:
    [article] = read_bytes(
        gzip.compress(page_html().encode()), source="p.html.gz", settings=settings
    )
    assert article.format == "html"
    assert "ferry terminal" in article.text
