"""The fuzzer's seed corpus, composed here (fictional outlets, people and places).

Real-SHAPED inputs of every format newsdesk reads: news pages with the debris a scrape
carries (cookie banner, newsletter box, share counters, a paragraph printed twice, a
body cut mid-sentence), RSS 2.0 and Atom feeds, WARC files with HTTP responses, JSON
Lines records, plain text, and date-heavy prose for the date readers. Nothing is copied
from elsewhere; everything is built from the small pieces below so the corpus stays a
few kilobytes and every case is fast.

``seeds()`` gives ``Seed(name, kind, data)``; ``kind`` is the format the seed is written
in (``html``, ``rss``, ``atom``, ``warc``, ``jsonl``, ``text``).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache

__all__ = ["DATE_PHRASES", "PARAGRAPHS", "QUOTE_FORMS", "Seed", "seeds", "seeds_of"]

PARAGRAPHS = [
    "An earthquake of magnitude 6.1 struck the Orlen valley early on Monday, damaging "
    "bridges near Varna and cutting power to villages around Lake Orlen.",
    "\u201cWe reached the worst-hit villages by mid-morning,\u201d Governor Mara Teodorescu "
    "told reporters in Varna. \u201cEvery family will have a roof tonight.\u201d",
    "The Corvanian assembly passed the Affordable Homes Act by 88 votes to 61 on Tuesday, "
    "capping rents in Kessrick and Marrowby for the next five years.",
    "Housing minister Ilse Varga said the act was \u2018the biggest housing reform in a "
    "generation\u2019, while landlords\u2019 groups warned it would choke new building.",
    "Dock workers at Port Selva walked out over automated cranes, and the union said "
    "1,204 members joined the stoppage on the first morning.",
    "\u00ab Nous ne reculerons pas \u00bb, a d\u00e9clar\u00e9 Jean-Luc Aubert, porte-parole "
    "du syndicat, devant les grilles du terminal \u00e0 Selva.",
    "\u300c\u6551\u52a9\u968a\u306f\u5348\u524d\u4e2d\u306b\u5230\u7740\u3057\u305f\u300d"
    "\u3068\u77e5\u4e8b\u306f\u8ff0\u3079\u305f\u3002",
    "The port authority called the walkout illegal. A ballot on an indefinite strike "
    "will be held next week, the union said, and talks resume on Friday.",
]

QUOTE_FORMS = [
    "\u201c{q},\u201d {s} said.",
    "\u2018{q}\u2019, said {s}.",
    '"{q}," {s} told the Ledger.',
    "{s} said: \u300c{q}\u300d",
    "\u00ab {q} \u00bb, a dit {s}.",
    "\u2019\u2019{q}\u2019\u2019 said {s}.",  # a closing quote typed as two apostrophes
    "{s} said that {q}.",
    "\u201e{q}\u201c, sagte {s}.",
]

DATE_PHRASES = [
    "The committee will meet on Monday and again next year.",
    "Talks resume on Friday, 31 December 9999, officials said.",
    "The law took effect on 1 January 0001, the archive claims.",
    "Voting closes at noon tomorrow; results come in two weeks.",
    "Last December the valley flooded; next spring the dam opens.",
    "The strike began on 29 February 2025 and ended the day after.",
    "Hearings are set for the third Thursday of next month.",
    "By 2099 the port expects to double; in the 1990s it halved.",
    "Published 9999-12-31T23:59:59Z, updated 0001-01-01T00:00:00Z.",
    "It will happen in 10000 years, or on 32/13/2026, or yesterday.",
]

_PEOPLE = ["Mara Teodorescu", "Ilse Varga", "Jean-Luc Aubert", "Dr. Oren Halvik", "Varga"]
_DEBRIS = [
    "We use cookies to improve your experience. Accept all cookies | Manage settings",
    "Sign up for our newsletter to get the news first. Subscribe",
    "\u00a9 2026 The Orlen Ledger. All rights reserved.",
    "Shares: 1,204 \u00b7 Comments: 56 \u00b7 Share on Facebook \u00b7 Tweet",
    "Read more: Dockers march on the harbour office",
]


@dataclass(frozen=True, slots=True)
class Seed:
    name: str
    kind: str
    data: bytes


def _body(first: int, count: int) -> list[str]:
    return [PARAGRAPHS[(first + k) % len(PARAGRAPHS)] for k in range(count)]


def _quote(index: int) -> str:
    form = QUOTE_FORMS[index % len(QUOTE_FORMS)]
    speaker = _PEOPLE[index % len(_PEOPLE)]
    return form.format(q="The bridges will reopen before winter", s=speaker)


def _page(index: int, *, charset: str = "utf-8") -> bytes:
    paragraphs = [*_body(index, 4), _quote(index), DATE_PHRASES[index % len(DATE_PHRASES)]]
    paragraphs.insert(2, paragraphs[1])  # a paragraph printed twice
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    cut = paragraphs[-1][: len(paragraphs[-1]) // 2]  # cut off mid-sentence
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Quake damages bridges in the Orlen valley | The Orlen Ledger</title>
<meta property="og:title" content="Quake damages bridges in the Orlen valley">
<meta property="og:site_name" content="The Orlen Ledger">
<meta name="author" content="{_PEOPLE[index % len(_PEOPLE)]}">
<meta property="article:published_time" content="2026-03-{10 + index % 9:02d}T07:30:00Z">
<link rel="canonical" href="https://ledger.example/world/quake-{index}">
<script>window.dataLayer = [];</script><style>body {{ margin: 0 }}</style>
</head><body>
<div class="cookie-banner">{_DEBRIS[0]}</div>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Quake damages bridges in the Orlen valley</h1>
<p class="byline">By {_PEOPLE[index % len(_PEOPLE)]} &middot; 10 March 2026</p>
{body}
<p>{cut}</p>
<aside class="newsletter">{_DEBRIS[1]}</aside>
<div class="share">{_DEBRIS[3]}</div>
</article>
<footer>{_DEBRIS[2]} &nbsp;&amp;&nbsp; <a href="/privacy">Privacy</a></footer>
</body></html>
"""
    return html.encode(charset, errors="xmlcharrefreplace")


def _rss(index: int) -> bytes:
    items = []
    for k in range(3):
        paragraphs = [*_body(index + k, 2), _quote(index + k)]
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        items.append(
            f"""  <item>
    <title>Story {k}: dockers &amp; cranes at Port Selva</title>
    <link>https://courier.example/news/{index}-{k}</link>
    <guid isPermaLink="false">courier-{index}-{k}</guid>
    <pubDate>Tue, {10 + k} Mar 2026 0{k}:15:00 +0100</pubDate>
    <dc:creator>{_PEOPLE[k % len(_PEOPLE)]}</dc:creator>
    <description><![CDATA[{html}]]></description>
  </item>"""
        )
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Selva Courier</title>
  <link>https://courier.example/</link>
  <description>News from the harbour</description>
  <lastBuildDate>Tue, 10 Mar 2026 09:00:00 GMT</lastBuildDate>
{chr(10).join(items)}
</channel></rss>
"""
    return feed.encode("utf-8")


def _atom(index: int) -> bytes:
    entries = []
    for k in range(2):
        text = " ".join(_body(index + k + 2, 2)).replace("&", "&amp;").replace("<", "&lt;")
        entries.append(
            f"""  <entry>
    <title type="html">Rent cap &lt;b&gt;passes&lt;/b&gt; in Kessrick ({k})</title>
    <id>tag:wire.example,2026:{index}-{k}</id>
    <link rel="alternate" href="https://wire.example/a/{index}-{k}"/>
    <updated>2026-03-1{k}T08:00:00Z</updated>
    <published>2026-03-1{k}T07:00:00+02:00</published>
    <author><name>{_PEOPLE[(index + k) % len(_PEOPLE)]}</name></author>
    <content type="html">&lt;p&gt;{text}&lt;/p&gt;</content>
  </entry>"""
        )
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Corvanian Wire</title>
  <id>tag:wire.example,2026:feed</id>
  <updated>2026-03-11T08:00:00Z</updated>
{chr(10).join(entries)}
</feed>
"""
    return feed.encode("utf-8")


def warc_record(url: str, body: bytes, *, gzip_body: bool = False, status: int = 200) -> bytes:
    """One WARC/1.0 response record carrying an HTTP response with ``body``."""
    if gzip_body:
        body = gzip.compress(body, mtime=0)
    extra = "Content-Encoding: gzip\r\n" if gzip_body else ""
    http = (
        f"HTTP/1.1 {status} OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra}"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-03-10T08:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{len(url) * 7919:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _warc(index: int) -> bytes:
    info = b"software: fuzz-corpus\r\nformat: WARC File Format 1.0\r\n"
    head = (
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2026-03-10T08:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        f"Content-Type: application/warc-fields\r\nContent-Length: {len(info)}\r\n\r\n"
    ).encode()
    records = [head + info + b"\r\n\r\n"]
    for k in range(2):
        url = f"https://ledger.example/world/quake-{index}-{k}"
        records.append(warc_record(url, _page(index + k), gzip_body=(index + k) % 2 == 1))
    return b"".join(records)


def _jsonl(index: int) -> bytes:
    dates = ["2026-03-10T07:00:00", "9999-12-31T23:59:59", "0001-01-01", "2026-03-11"]
    lines = []
    for k in range(3):
        text = " ".join(_body(index + k, 2)) + " " + _quote(index + k)
        text += " " + DATE_PHRASES[(index + k) % len(DATE_PHRASES)]
        record: dict[str, object] = {
            "id": f"r{index}-{k}",
            "url": f"https://post.example/{index}/{k}",
            "title": f"Report {k} from the Orlen valley",
            "outlet": ["Post", "Wire", "Ledger"][k],
            "published": dates[(index + k) % len(dates)],
        }
        if k == 2:
            record["html"] = "<article>" + "".join(f"<p>{p}</p>" for p in text.split(". ")) + ""
        else:
            record["text"] = text
        lines.append(json.dumps(record, ensure_ascii=index % 2 == 0))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _text(index: int) -> bytes:
    parts = [
        "Quake damages bridges in the Orlen valley",
        f"By {_PEOPLE[index % len(_PEOPLE)]}, The Orlen Ledger",
        "10 March 2026",
        _DEBRIS[0],
        *_body(index, 3),
        _quote(index),
        DATE_PHRASES[index % len(DATE_PHRASES)],
        _DEBRIS[4],
        _DEBRIS[2],
    ]
    return "\n\n".join(parts).encode("utf-8")


@cache
def seeds() -> tuple[Seed, ...]:
    """Every seed, in a fixed order (the fuzzer's case numbers depend on it)."""
    out: list[Seed] = []
    for i in range(4):
        out.append(Seed(f"page{i}.html", "html", _page(i)))
        out.append(Seed(f"feed{i}.rss", "rss", _rss(i)))
        out.append(Seed(f"feed{i}.atom", "atom", _atom(i)))
        out.append(Seed(f"crawl{i}.warc", "warc", _warc(i)))
        out.append(Seed(f"records{i}.jsonl", "jsonl", _jsonl(i)))
        out.append(Seed(f"story{i}.txt", "text", _text(i)))
    out.append(Seed("page-cp1252.html", "html", _page(5, charset="cp1252")))
    out.append(Seed("page-shift_jis.html", "html", _page(6, charset="shift_jis")))
    return tuple(out)


def seeds_of(*kinds: str) -> tuple[Seed, ...]:
    """The seeds written in one of ``kinds``."""
    return tuple(s for s in seeds() if s.kind in kinds)
