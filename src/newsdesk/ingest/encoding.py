"""Bytes to text: BOM, valid UTF-8, the HTTP charset, the document's declaration, detection.

Bytes that decode as UTF-8 are UTF-8 whatever they declare: pages that say
gb2312 or iso-8859-1 but are really UTF-8 are common, the reverse is not.
Declared labels are mapped the way browsers map them (latin-1 is really cp1252,
gb2312 is really GB18030, ...).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsdesk.errors import UnsupportedFormat

__all__ = ["declared_charset", "decode", "http_charset"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# What browsers actually decode a declared label as (WHATWG Encoding Standard).
_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "windows-1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
}

# Encodings tried by detection, most common on news sites first. Limiting the
# candidates keeps short CJK texts from being mistaken for exotic code pages.
_CANDIDATES = [
    "utf_8",
    "cp1252",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5",
    "cp949",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "iso8859_7",
]

_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_HEAD_BYTES = 4096


def _normalise(label: str | None) -> str | None:
    """A Python codec name for a declared label, or None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def http_charset(content_type: str | None) -> str | None:
    """The codec named by an HTTP ``Content-Type`` header, if any."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return _normalise(match.group(1)) if match else None


def declared_charset(data: bytes) -> str | None:
    """The codec a document declares in its first bytes (<meta charset> or <?xml encoding?>)."""
    head = data[:_HEAD_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _normalise(match.group(1).decode("ascii", "replace"))


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _detect(data: bytes) -> str:
    result = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if result is None:
        result = charset_normalizer.from_bytes(data).best()
    if result is None:
        raise UnsupportedFormat(
            "cannot tell the text encoding: this looks like binary data, not an article; "
            "convert it to UTF-8 text or HTML"
        )
    return str(result.encoding)


def decode(data: bytes, content_type: str | None = None) -> str:
    """Decode a document, choosing the charset as a browser would, UTF-8 first when it fits."""
    bom = _bom(data)
    if bom is not None:
        return data[bom[1] :].decode(bom[0], errors="replace")
    try:
        return data.decode("utf-8")  # legacy text is almost never valid UTF-8 by accident
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # UTF-8 cut off mid-character at the very end
            return data.decode("utf-8", errors="replace")
    declared = http_charset(content_type) or declared_charset(data)
    if declared is not None and declared != "utf-8":
        return data.decode(declared, errors="replace")
    return data.decode(_detect(data), errors="replace")
