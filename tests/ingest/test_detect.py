from __future__ import annotations

import gzip

import pytest

from newsdesk.errors import EmptyInput, UnsupportedFormat
from newsdesk.ingest.detect import detect_format

from .conftest import page_html, rss, warc_record


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (page_html().encode(), "html"),
        (b"<html><body><p>hi</p></body></html>", "html"),
        (b"\xef\xbb\xbf  <!doctype html><html></html>", "html"),
        (rss("<item><title>x</title></item>").encode(), "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "atom"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "atom"),
        (b'{"id": 1, "text": "hello"}\n{"id": 2, "text": "again"}\n', "jsonl"),
        (b"Plain words scraped from a page.\nAnother line < with a bracket.", "text"),
        (warc_record("https://a.example/", b"<html></html>"), "warc"),
        (gzip.compress(b"anything"), "gzip"),
    ],
)
def test_detect_format_by_content(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


def test_detect_content_beats_extension() -> None:
    assert detect_format(page_html().encode(), "story.txt") == "html"
    assert detect_format(b"Just a sentence of text.", "story.html") == "text"
    assert detect_format(rss("").encode(), "feed.html") == "rss"


def test_detect_jsonl_by_extension_when_first_line_is_broken() -> None:
    assert detect_format(b'oops\n{"text": "x"}\n', "records.jsonl") == "jsonl"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG"),
        (b"GIF89a" + bytes(100), "GIF"),
        (b"%PDF-1.7\n", "PDF"),
    ],
)
def test_detect_images_and_documents_are_named(data: bytes, kind: str) -> None:
    with pytest.raises(UnsupportedFormat, match=kind):
        detect_format(data, "photo.html")


def test_detect_nul_bytes_are_binary() -> None:
    with pytest.raises(UnsupportedFormat, match="NUL"):
        detect_format(b"text\x00with\x00nuls")


def test_detect_empty_and_whitespace() -> None:
    for data in (b"", b"  \n\t \r\n"):
        with pytest.raises(EmptyInput):
            detect_format(data)


def test_detect_xml_that_is_not_a_feed() -> None:
    with pytest.raises(UnsupportedFormat, match="neither RSS"):
        detect_format(b'<?xml version="1.0"?><svg><g/></svg>')


def test_detect_utf16_html_is_html() -> None:
    assert detect_format(page_html().encode("utf-16")) == "html"
