from __future__ import annotations

import pytest

from newsdesk.errors import EmptyInput, MalformedInput, UnsafeInput
from newsdesk.ingest import read_bytes
from newsdesk.settings import Settings

from .conftest import rss

FULL_ITEM = (
    "<item><title>Ferry terminal delayed</title><link>https://gazette.example/ferry</link>"
    "<guid>g-1</guid><author>jane@gazette.example (Jane Doe)</author>"
    "<pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>"
    "<description>Short teaser.</description>"
    "<content:encoded><![CDATA[<p>The full story, first paragraph.</p><p>Second.</p>]]>"
    "</content:encoded></item>"
)
SUMMARY_ITEM = (
    "<item><title>Bridge reopens</title><link>https://gazette.example/bridge</link>"
    "<description>Only a summary here.</description></item>"
)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Gazette</title>
<entry><title>Entry one</title><link href="https://atom.example/1"/><id>urn:1</id>
<updated>2024-03-06T10:00:00Z</updated><summary>Sum.</summary>
<content type="html">&lt;p&gt;Atom full content.&lt;/p&gt;</content></entry>
</feed>"""


def test_feed_rss_items_prefer_content_encoded(settings: Settings) -> None:
    data = rss(FULL_ITEM + SUMMARY_ITEM).encode()
    first, second = read_bytes(data, source="feed.xml", settings=settings)
    assert (first.source, second.source) == ("feed.xml#1", "feed.xml#2")
    assert first.format == "rss"
    assert first.text == "The full story, first paragraph.\nSecond."
    assert "<p>" in first.raw
    assert first.url == "https://gazette.example/ferry"
    assert first.title == "Ferry terminal delayed"
    assert first.outlet == "Harbour Gazette"
    assert (
        first.published is not None and first.published.isoformat() == "2024-03-05T08:30:00+00:00"
    )
    assert first.published_source == "feed"
    assert first.extras["guid"] == "g-1"
    assert "partial" not in first.flags
    assert second.text == "Only a summary here."
    assert second.flags == ["partial"]


def test_feed_atom_content(settings: Settings) -> None:
    [entry] = read_bytes(ATOM.encode(), source="a.atom", settings=settings)
    assert entry.format == "atom"
    assert entry.text == "Atom full content."
    assert entry.outlet == "Atom Gazette"
    assert entry.url == "https://atom.example/1"
    assert entry.published is not None and entry.published.day == 6


def test_feed_billion_laughs_refused(settings: Settings) -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    data = (lol + rss("<item><title>&lol2;</title></item>").split("?>", 1)[1]).encode()
    with pytest.raises(UnsafeInput, match="entity expansion is refused"):
        read_bytes(data, source="bomb.rss", settings=settings)


def test_feed_external_entity_refused(settings: Settings) -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&xxe;</title><item><title>x</title></item></channel></rss>"
    )
    with pytest.raises(UnsafeInput):
        read_bytes(data, source="xxe.rss", settings=settings)


def test_feed_truncated_with_items_keeps_items(settings: Settings) -> None:
    data = rss(FULL_ITEM + SUMMARY_ITEM).encode()
    cut = data[: data.index(b"<item><title>Bridge") + 20]
    articles = read_bytes(cut, source="cut.rss", settings=settings)
    assert articles[0].title == "Ferry terminal delayed"
    assert "feed_problem" in articles[0].extras


def test_feed_truncated_without_items_is_malformed(settings: Settings) -> None:
    data = rss(FULL_ITEM).encode()
    cut = data[: data.index(b"<item>") + 3]
    with pytest.raises(MalformedInput, match="broken"):
        read_bytes(cut, source="cut.rss", settings=settings)


def test_feed_without_items_is_empty(settings: Settings) -> None:
    with pytest.raises(EmptyInput, match="no items"):
        read_bytes(rss("").encode(), source="empty.rss", settings=settings)
