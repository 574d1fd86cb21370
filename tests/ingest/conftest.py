"""Fixtures for the ingest tests: builders for pages, feeds and WARC records."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import pytest

from newsdesk.settings import Settings

PARAGRAPHS = [
    "The harbour authority confirmed on Tuesday that the new ferry terminal will open in "
    "the spring, two years later than first planned and well over its original budget.",
    "Officials said the delay was caused by a shortage of steel and by a dispute with the "
    "main contractor, which has since been settled out of court after months of talks.",
    "Local residents welcomed the news but said they remained worried about traffic on the "
    "coast road, which already carries twice the volume it was designed for each summer.",
]


def page_html(
    title: str = "Ferry terminal to open in spring",
    *,
    head: str = "",
    paragraphs: list[str] | None = None,
) -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{title}</title>{head}"
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2024-03-05T08:30:00+00:00">'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def warc_record(uri: str, body: bytes, *, content_type: str = "text/html; charset=utf-8") -> bytes:
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "WARC-Date: 2024-01-02T03:04:05Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warc_gz(records: list[bytes]) -> bytes:
    """One gzip member per record, as crawlers write them."""
    return b"".join(gzip.compress(record) for record in records)


def rss(items: str, *, title: str = "Harbour Gazette") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://gazette.example/</link>{items}"
        "</channel></rss>"
    )


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def make_page() -> Callable[..., str]:
    return page_html


@pytest.fixture
def make_warc_record() -> Callable[..., bytes]:
    return warc_record


@pytest.fixture
def make_rss() -> Callable[..., str]:
    return rss
