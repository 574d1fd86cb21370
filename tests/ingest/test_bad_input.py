"""Every kind of bad input gives one specific error for that input, and the batch goes on."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path
from typing import Any

import pytest

from newsdesk.ingest import SourceResult, read_sources
from newsdesk.settings import Settings

from .conftest import page_html, rss, warc_record

GOOD = "A good article that sits beside the bad ones and must still be read."


def _batch(tmp_path: Path, name: str, data: bytes, settings: Settings) -> SourceResult:
    """Read a directory holding one bad file and one good one; return the bad one's result."""
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / name).write_bytes(data)
    results = {Path(r.source).name: r for r in read_sources([str(tmp_path)], settings=settings)}
    assert results["good.txt"].errors == []
    assert results["good.txt"].articles[0].text == GOOD
    return results[name]


def _only_error(result: SourceResult) -> str:
    assert result.articles == []
    assert len(result.errors) == 1
    return result.errors[0][1]


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_bad_input_empty_and_whitespace(tmp_path: Path, settings: Settings, data: bytes) -> None:
    message = _only_error(_batch(tmp_path, "empty.txt", data, settings))
    assert "empty" in message and message.endswith("[E102]")


def test_bad_input_random_bytes(tmp_path: Path, settings: Settings) -> None:
    data = b"\x01" + random.Random(7).randbytes(4096)
    message = _only_error(_batch(tmp_path, "noise.bin", data, settings))
    assert "binary" in message and message.endswith("[E101]")


def test_bad_input_nul_bytes(tmp_path: Path, settings: Settings) -> None:
    message = _only_error(_batch(tmp_path, "nul.txt", b"some text\x00\x00more", settings))
    assert "NUL" in message and message.endswith("[E101]")


@pytest.mark.parametrize(
    ("magic", "kind"),
    [(b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"), (b"GIF89a", "GIF")],
)
def test_bad_input_image_named_html(
    tmp_path: Path, settings: Settings, magic: bytes, kind: str
) -> None:
    message = _only_error(_batch(tmp_path, "story.html", magic + bytes(200), settings))
    assert f"an image ({kind})" in message and message.endswith("[E101]")


def test_bad_input_20000_deep_html(tmp_path: Path, settings: Settings) -> None:
    body = "<div>" * 20_000 + "<p>" + GOOD + " " + GOOD + "</p>" + "</div>" * 20_000
    data = f"<html><body>{body}</body></html>".encode()
    result = _batch(tmp_path, "deep.html", data, settings)
    assert result.errors == []
    assert GOOD in result.articles[0].text
    assert result.articles[0].extras["html_flattened_depth"] > 20_000


def test_bad_input_truncated_rss(tmp_path: Path, settings: Settings) -> None:
    data = rss("<item><title>One</title><description>x</description></item>").encode()
    message = _only_error(_batch(tmp_path, "cut.rss", data[:150], settings))
    assert "broken" in message and message.endswith("[E103]")


def test_bad_input_xml_entity_expansion(tmp_path: Path, settings: Settings) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]>'
        "<rss><channel><title>&l9;</title><item><title>&l9;</title></item></channel></rss>"
    ).encode()
    message = _only_error(_batch(tmp_path, "bomb.rss", data, settings))
    assert "entity expansion is refused" in message and message.endswith("[E105]")


def test_bad_input_broken_json_lines(tmp_path: Path, settings: Settings) -> None:
    data = b'{"id": 1, "text": "kept"}\n{"id": 2, "text": \n{"id": 3, "text": "kept too"}\n'
    result = _batch(tmp_path, "x.jsonl", data, settings)
    assert [a.text for a in result.articles] == ["kept", "kept too"]
    assert [where.rsplit(":", 1)[1] for where, _ in result.errors] == ["2"]
    assert result.errors[0][1].startswith("invalid JSON")


def test_bad_input_truncated_warc(tmp_path: Path, settings: Settings) -> None:
    data = warc_record("https://a.example/1", page_html().encode()) + warc_record(
        "https://a.example/2", page_html("Second").encode()
    )
    result = _batch(tmp_path, "cut.warc", data[:-500], settings)
    assert [a.url for a in result.articles] == ["https://a.example/1"]
    assert len(result.errors) == 1 and "truncated" in result.errors[0][1]


def test_bad_input_truncated_gzip(tmp_path: Path, settings: Settings) -> None:
    data = gzip.compress(page_html().encode())
    message = _only_error(_batch(tmp_path, "page.html.gz", data[:-40], settings))
    assert "truncated" in message and message.endswith("[E103]")


def test_bad_input_decompression_bomb(tmp_path: Path) -> None:
    settings = Settings(max_expanded_bytes=1_000_000)
    bomb = gzip.compress(bytes(20_000_000), compresslevel=9)
    message = _only_error(_batch(tmp_path, "bomb.txt.gz", bomb, settings))
    assert "decompression bomb" in message and message.endswith("[E104]")


def test_bad_input_5mb_single_line(tmp_path: Path, settings: Settings) -> None:
    data = ("word " * 1_000_000).encode()
    result = _batch(tmp_path, "line.txt", data, settings)
    assert result.errors == []
    [article] = result.articles
    assert len(article.text) <= settings.max_text_chars
    assert article.text.startswith("word word") and article.text.endswith("word")
    assert "long" in article.flags
    assert article.extras["text_chars_read"] == 5_000_000


def test_bad_input_symlink_loop(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    os.symlink(tmp_path / "loop-a", tmp_path / "loop-b")
    os.symlink(tmp_path / "loop-b", tmp_path / "loop-a")
    os.symlink(tmp_path, tmp_path / "again")
    results = {Path(r.source).name: r for r in read_sources([str(tmp_path)], settings=settings)}
    assert results["good.txt"].articles[0].text == GOOD
    for name in ("loop-a", "loop-b", "again"):
        message = _only_error(results[name])
        assert "symlink loop" in message and message.endswith("[E105]")


def test_bad_input_unreadable_file(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text("hidden")
    real_open = os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)  # tests run as root: chmod is no use
    results = {Path(r.source).name: r for r in read_sources([str(tmp_path)], settings=settings)}
    assert results["good.txt"].articles[0].text == GOOD
    message = _only_error(results["secret.txt"])
    assert "permission denied" in message and message.endswith("[E100]")
