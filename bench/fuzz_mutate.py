"""A deterministic, seeded mutator for the fuzzer: hostile variants of the seed corpus.

``mutate(data, rng)`` stacks one to four mutations on a seed's bytes. The mutations are
the classes hostile or unlucky input falls in: byte flips, splices, truncation, repeated
and nested tags, entity references (``&#99999999999;``), odd encodings and XML
declarations, control characters (ESC, NUL, bidi overrides), huge lines, typographic
quotes (’’ “” 「」), extreme dates (year 1, 9999, 10000), gzip wrapping and bombs, broken
WARC lengths and JSON value swaps. Sizes stay small except in rare "huge" draws, so a
case is cheap and a run of 100,000 cases is reachable.

The same ``random.Random`` state gives the same bytes, so a case is named by
``(seed, target, index)`` alone and can be made again.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable, Sequence

__all__ = ["HUGE_ODDS", "MUTATIONS", "extreme_date", "hostile_string", "mutate", "mutate_text"]

HUGE_ODDS = 2000  # one draw in this many may make a big input (a huge line, deep nesting)

ENTITIES = [
    "&#99999999999;", "&#x110000;", "&#0;", "&#xD800;", "&amp;amp;", "&nbsp", "&bogus;",
    "&#-1;", "&#x;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#27;", "&#x1b;[31m",
    "&#65279;", "&#8238;", "&#x202E;", "&AElig", "&#9999999;",
]  # fmt: skip
ENCODINGS = [
    "\x86\x86", "utf-7", "utf-16", "utf-32", "cp1250", "cp1252", "shift_jis", "euc-kr",
    "iso-2022-jp", "ebcdic-cp-us", "", "x" * 300, "utf-8\x00", "unicode-1-1-utf-7", "koi8-r",
]  # fmt: skip
REENCODE = ["cp1252", "cp1250", "shift_jis", "euc-kr", "utf-16", "utf-16-le", "utf-8-sig",
            "utf-32", "latin-1", "gb18030", "koi8-r"]  # fmt: skip
CONTROLS = [
    "\x00", "\x1b", "\x1b[31m", "\x1b]0;pwned\x07", "\x07", "\x08", "\x0c", "\x0b", "\x7f",
    "\x85", "\u2028", "\u2029", "\u202e", "\ufeff", "\x1b[2J", "\r", "\ud800",
]  # fmt: skip
QUOTES = [
    "\u2019\u2019", "\u201c", "\u201d", "\u300c", "\u300d", "\u00ab", "\u00bb", "\u201e",
    "\u2018", "\u2019", "''", '"', "\u300e", "\u300f", "\u2039", "\u203a",
]  # fmt: skip
TAGS = [
    "<b>", "<div>", "<p>", "<i><b>", "<table><tr><td>", "<a href='", "<!--", "<![CDATA[",
    "<script>", "<svg><g>", "<article>", "</p>", "<br/>", "<?xml ?>", "<item>", "]]>",
]  # fmt: skip
DATES = ["9999-12-31T23:59:59", "0001-01-01T00:00:00", "0000-00-00", "10000-01-01",
         "-0001-01-01", "2026-02-30", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00",
         "Fri, 31 Dec 9999 23:59:59 +0000", "Mon, 01 Jan 0001 00:00:00 -2359",
         "99999999999999999999", "1e300", "-62135596801", "253402300800", "2026-03-10T25:61:61",
         "31 December 9999", "1 January 1", "the 0th of Nevember 2026"]  # fmt: skip
_DATE_RE = re.compile(rb"\d{4}-\d\d-\d\d(?:T[\d:]+(?:Z|[+-]\d\d:?\d\d)?)?|\d{1,2} \w{3} \d{4}")
_LENGTH_RE = re.compile(rb"Content-Length: \d+")
_XML_DECL = re.compile(rb"<\?xml[^>]*\?>")
_CHARSET = re.compile(rb'charset="?[\w-]+"?')


def _span(rng: random.Random, data: bytes) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.choice((1, 2, 8, 64, 512)))


def _insert(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _count(rng: random.Random, small: int = 40, big: int = 30000) -> int:
    """How many repeats: mostly a few, rarely very many."""
    if rng.randrange(HUGE_ODDS) == 0:
        return rng.randrange(big // 3, big)
    return rng.randrange(1, small)


def flip_bits(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    out = bytearray(data)
    for _i in range(rng.randrange(1, 9)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    special = [b"\x00", b"\xff", b"\xfe\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
               b"\x80", b"\xe2\x80", b"\x1b$B", b"\x0e", b"\r\n\r\n"]  # fmt: skip
    piece = rng.choice(special) if rng.random() < 0.6 else rng.randbytes(rng.randrange(1, 16))
    return _insert(data, piece, rng)


def delete_range(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    start, end = _span(rng, data)
    return data[:start] + data[end:]


def truncate(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def splice(data: bytes, rng: random.Random, corpus: Sequence[bytes]) -> bytes:
    other = rng.choice(corpus)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def repeat_chunk(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    start, end = _span(rng, data)
    return data[:start] + data[start:end] * _count(rng, 20, 2000) + data[end:]


def nest_tags(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    tag = rng.choice(TAGS).encode()
    return _insert(data, tag * _count(rng), rng)


def entity_refs(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    return _insert(data, rng.choice(ENTITIES).encode() * rng.randrange(1, 4), rng)


def odd_encoding(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    label = rng.choice(ENCODINGS).encode("latin-1")
    decl = b'<?xml version="1.0" encoding="' + label + b'"?>'
    if _XML_DECL.search(data) and rng.random() < 0.7:
        return _XML_DECL.sub(lambda _m: decl, data, count=1)
    if _CHARSET.search(data) and rng.random() < 0.7:
        return _CHARSET.sub(lambda _m: b'charset="' + label + b'"', data, count=1)
    return decl + b"\n" + data


def reencode(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(REENCODE), errors=rng.choice(("replace", "xmlcharrefreplace")))


def controls(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    piece = "".join(rng.choice(CONTROLS) for _i in range(rng.randrange(1, 4)))
    return _insert(data, piece.encode("utf-8", errors="surrogatepass"), rng)


def huge_line(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    filler = rng.choice((b" ", b"a", b"\xc2\xa0", b"x ", b"-", b".", b"\t", b"=", b"\xe2\x80\x9c"))
    size = rng.randrange(1000, 60000) if rng.randrange(HUGE_ODDS // 10) == 0 else 200
    if rng.randrange(HUGE_ODDS) == 0:
        size = rng.randrange(500_000, 2_000_000)
    return _insert(data, filler * size + rng.choice((b"x", b"", b"\n", b"]")), rng)


def typographic_quotes(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    out = data
    for _i in range(rng.randrange(1, 5)):
        out = _insert(out, rng.choice(QUOTES).encode(), rng)
    if rng.random() < 0.3:  # a quote closed by two typographic apostrophes, then a cue
        out = _insert(out, "\u2019\u2019 he said. \u2019\u2019 said \u2019\u2019.".encode(), rng)
    return out


def extreme_dates(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    found = list(_DATE_RE.finditer(data))
    if not found:
        return _insert(data, rng.choice(DATES).encode(), rng)
    hit = rng.choice(found)
    return data[: hit.start()] + rng.choice(DATES).encode() + data[hit.end() :]


def gzip_wrap(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    if rng.randrange(HUGE_ODDS // 20) == 0:  # a small bomb: megabytes of one byte
        data = data + b" " * rng.randrange(1 << 20, 40 << 20)
    packed = gzip.compress(data, compresslevel=1, mtime=0)
    if rng.random() < 0.2:
        packed = gzip.compress(packed, mtime=0)
    if rng.random() < 0.2:
        packed = packed[: rng.randrange(len(packed) + 1)]
    return packed


def warc_lengths(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    found = list(_LENGTH_RE.finditer(data))
    if not found:
        return data
    hit = rng.choice(found)
    value = rng.choice((b"0", b"-1", b"99999999999999", b"x", b"", b"1e9", b"18446744073709551616"))
    return data[: hit.start()] + b"Content-Length: " + value + data[hit.end() :]


def xml_entities(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    doctype = rng.choice(
        (
            b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://127.0.0.1/x.dtd">',
        )
    )
    decl = _XML_DECL.search(data)
    at = decl.end() if decl else 0
    data = data[:at] + doctype + data[at:]
    return _insert(data, rng.choice((b"&c;", b"&x;", b"&a;")), rng)


def json_values(data: bytes, rng: random.Random, _: Sequence[bytes]) -> bytes:
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    try:
        record = json.loads(lines[index])
    except ValueError:
        return data
    if not isinstance(record, dict) or not record:
        return data
    key = rng.choice([*record, "published", "text", "html", "title", "id"])
    depth = _count(rng, 30, 100_000)
    record[key] = rng.choice(
        (
            None, True, 0, -1, 1e308, 10**30, [], {}, "", " ", rng.choice(DATES),
            hostile_string(rng), ["nested"] * 3, {"a": {"b": "c"}}, "\x00\x1b[31m",
        )
    )  # fmt: skip
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        line = b'{"id": "deep", "text": "x", "n": ' + b"[" * depth + b"]" * depth + b"}"
    lines[index] = line
    return b"\n".join(lines)


MUTATIONS: tuple[Callable[[bytes, random.Random, Sequence[bytes]], bytes], ...] = (
    flip_bits, random_bytes, delete_range, truncate, splice, repeat_chunk, nest_tags,
    entity_refs, odd_encoding, reencode, controls, huge_line, typographic_quotes,
    extreme_dates, gzip_wrap, warc_lengths, xml_entities, json_values,
)  # fmt: skip
_LAST = (reencode, gzip_wrap)  # these change what the bytes are; applied only last


def mutate(data: bytes, rng: random.Random, corpus: Sequence[bytes]) -> bytes:
    """``data`` with one to four mutations applied (none in one case of twenty)."""
    if rng.random() < 0.05:
        return data
    steps = [rng.choice(MUTATIONS) for _i in range(rng.choice((1, 1, 2, 2, 3, 4)))]
    steps.sort(key=lambda step: step in _LAST)
    for step in steps:
        data = step(data, rng, corpus)
    return data


def mutate_text(text: str, rng: random.Random, corpus: Sequence[bytes]) -> str:
    """A hostile variant of ``text`` as text (byte-level mutations, decoded leniently)."""
    pool = [m for m in MUTATIONS if m not in _LAST and m is not json_values]
    data = text.encode("utf-8", "surrogatepass")
    for _i in range(rng.choice((1, 1, 2, 3))):
        data = rng.choice(pool)(data, rng, corpus)
    return data.decode("utf-8", errors=rng.choice(("replace", "ignore", "surrogateescape")))


def hostile_string(rng: random.Random, *, limit: int = 12000) -> str:
    """A short string of the kinds that break names and paths: slashes, NUL, quotes, huge."""
    pieces = [
        "Ilse Varga", "Port Selva", "/", "//", "..", "../..", "%2F", "%00", "\x00", "\x1b[31m",
        "\u2019\u2019", "\u201c\u201d", "\u300c\u300d", "?", "#", "&", "=", ";", "\\", " ",
        "\u202e", "\ud800", "\U0001f600", "\u0301", "Ø", "İ", "ß", "\uffff", "<b>",
        "'", '"', "%", "%%", "%ZZ", "\t", "\n", ".", "*", "NUL", "con", "\u3000", "\u200b",
    ]  # fmt: skip
    out = "".join(rng.choice(pieces) for _i in range(rng.randrange(0, 6)))
    if rng.random() < 0.05:
        out += rng.choice(("a", "/", "\u00e9", "%", " ")) * rng.randrange(limit // 4, limit)
    return out


def extreme_date(rng: random.Random) -> tuple[int, int, int]:
    """A (year, month, day) drawn with weight on the ends of the calendar."""
    year = rng.choice((1, 1, 2, 9998, 9999, 9999, rng.randrange(1, 10000), 2026, 1970))
    month = rng.choice((1, 12, rng.randrange(1, 13)))
    last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28
    return year, month, rng.choice((1, last, rng.randrange(1, last + 1)))
