from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import InputError
from newsdesk.ingest import read_bytes
from newsdesk.settings import Settings

PREFIXES = [
    b"",
    b"\x1f\x8b",
    b"WARC/1.0\r\n",
    b"<rss>",
    b"<?xml ",
    b"<html>",
    b"{",
    b"\xef\xbb\xbf",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=600))
def test_properties_read_bytes_raises_only_input_errors(prefix: bytes, data: bytes) -> None:
    try:
        articles = read_bytes(prefix + data, source="fuzz", settings=Settings())
    except InputError:
        return
    assert all(article.source.startswith("fuzz") for article in articles)
