"""Bytes to text: BOM, valid UTF-8, the HTTP charset, the document's declaration, detection.

Bytes that decode as UTF-8 are UTF-8 whatever they declare: pages that say
gb2312 or iso-8859-1 but are really UTF-8 are common, the reverse is not. Bytes that
are UTF-8 but for a few stray bytes (nearly all their bytes beyond ASCII in well-formed
UTF-8 sequences) are UTF-8 too: read through cp1250 or cp1251 instead, as their
declaration or a detector's guess would have it, every letter becomes mojibake.
Declared labels are mapped the way browsers map them (latin-1 is really cp1252,
gb2312 is really GB18030, ...).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from newsdesk.errors import UnsupportedFormat

__all__ = [
    "Decoded",
    "declared_charset",
    "decode",
    "decode_document",
    "http_charset",
    "mostly_utf8",
]

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


# Single-byte Latin code pages put different letters on the same bytes (0xE0 is "à" in
# cp1252, "ŕ" in cp1250). charset-normalizer alone picks cp1250 for French or Spanish
# often enough; among these, the decoding whose letters fit the text's language wins.
_LATIN_FAMILY = ("cp1252", "cp1250", "iso8859_2", "cp1254", "cp1257", "iso8859_15", "latin_1")
_LATIN_CANDIDATES = ("cp1252", "cp1250", "cp1254", "cp1257")
_WESTERN_LOANS = "àâçéèêëîïôöüñ"
# The letters beyond ASCII each language writes (lower case), loans included.
_ALPHABETS = {
    "en": _WESTERN_LOANS,
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíóúüñ¡¿",
    "pt": "áâãàçéêíóôõúü",
    "it": "àèéìíîòóùú",
    "de": "äöüßéè",
    "nl": "éëïöüèáóúàç",
    "ca": "àçèéíïòóúü·",
    "gl": "áéíóúñü",
    "eu": "ñü",
    "oc": "àçèéíïòóúü",
    "lb": "äëéöü",
    "af": "êëéèôîïûáó",
    "sv": "åäöé",
    "da": "æøåé",
    "no": "æøåéèêóô",
    "nb": "æøåéèêóô",
    "nn": "æøåéèêóô",
    "fi": "äöåšž",
    "is": "áðéíóúýþæö",
    "fo": "áðíóúýæø",
    "ga": "áéíóú",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöü",
    "sq": "çë",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": "čšžćđ",
    "hr": "čćđšž",
    "bs": "čćđšž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşüâîû",
    "az": "çəğıöşü",
    "et": "äöõüšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "mt": "ċġħżàèìòù",
}
# Punctuation and signs every Latin-script text may use: never evidence either way.
_NEUTRAL = frozenset("“”‘’‚„«»‹›–—…•€£$°©®™§¶·×\u00a0¢¥")
_LANGUAGE_SAMPLE = 20_000


def _misfits(text: str, language: str) -> tuple[int, int]:
    """How many characters beyond ASCII the text has, and how many of them its language
    never writes."""
    allowed = _ALPHABETS[language]
    seen = misfit = 0
    for char in text:
        if char < "\x80" or char in _NEUTRAL:
            continue
        seen += 1
        if char.lower() not in allowed:
            misfit += 1
    return seen, misfit


def _by_language(data: bytes, first: str) -> tuple[str, float] | None:
    """The Latin code page whose decoding fits the language it reads as, and how sure."""
    from newsdesk.clean.language import classify_language  # py3langid, loaded once

    sample = data[:_LANGUAGE_SAMPLE]
    order = [first] + [name for name in _LATIN_CANDIDATES if name != first]
    best: tuple[float, int, str, float] | None = None
    for rank, name in enumerate(order):
        text = sample.decode(name, errors="replace")
        language, probability = classify_language(text)
        if language not in _ALPHABETS:
            continue
        seen, misfit = _misfits(text, language)
        share = misfit / seen if seen else 0.0
        key = (share, rank, name, probability * (1.0 - share))
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return None
    return best[2], round(best[3], 2)


def _detect(data: bytes) -> tuple[str, float]:
    """The encoding charset-normalizer finds (a Latin code page by language evidence),
    and a confidence from 0 to 1."""
    result = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if result is None:
        result = charset_normalizer.from_bytes(data).best()
    if result is None:
        raise UnsupportedFormat(
            "cannot tell the text encoding: this looks like binary data, not an article; "
            "convert it to UTF-8 text or HTML"
        )
    name = codecs.lookup(str(result.encoding)).name.replace("-", "_")
    if name in _LATIN_FAMILY:
        chosen = _by_language(data, "cp1252" if name in ("latin_1", "iso8859_15") else name)
        if chosen is not None:
            return chosen
    return name, round(max(0.0, 1.0 - float(result.chaos)), 2)


# A well-formed UTF-8 sequence of two to four bytes. Legacy single- and double-byte text
# almost never forms them: its letters beyond ASCII stand alone (é = E9 in cp1252) or pair
# in ways UTF-8 forbids. A page whose bytes beyond ASCII are nearly all such sequences is
# UTF-8 with a few stray bytes (a pasted cp1252 quote, a cut character), whatever its
# declaration says; read as cp1250 or cp1251 instead, every letter turns into mojibake.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|"
    rb"\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|"
    rb"\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
MOSTLY_UTF8_MIN_SEQUENCES = 10
MOSTLY_UTF8_MAX_STRAY = 0.1  # stray bytes per well-formed sequence


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 all the same, but for a few stray
    bytes: at least ten well-formed multi-byte sequences, and at most one stray byte
    beyond ASCII for every ten of them."""
    sequences = _UTF8_SEQUENCE.findall(data)
    if len(sequences) < MOSTLY_UTF8_MIN_SEQUENCES:
        return False
    stray = len(_HIGH_BYTE.findall(data)) - sum(len(seq) for seq in sequences)
    return stray <= MOSTLY_UTF8_MAX_STRAY * len(sequences)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text and how its encoding was chosen.

    ``source`` is "utf-8" (the bytes are valid UTF-8), "utf-8 with bad bytes" (UTF-8 but
    for a few stray bytes, shown as U+FFFD), "bom", "declared" (HTTP or the document) or
    "detected"; ``confidence`` is set only when detected.
    """

    text: str
    encoding: str
    source: str
    confidence: float | None = None

    def record(self, extras: dict[str, object]) -> None:
        """Note a legacy or guessed encoding in an article's extras (UTF-8 is not noted)."""
        if self.source == "utf-8":
            return
        extras["encoding"] = self.encoding
        extras["encoding_source"] = self.source
        if self.confidence is not None:
            extras["encoding_confidence"] = self.confidence


def decode_document(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode a document, choosing the charset as a browser would, UTF-8 first when it fits;
    without a BOM or a declaration, single-byte Latin code pages are told apart by the
    language the text reads as. Bytes that are UTF-8 but for a few stray ones stay UTF-8."""
    bom = _bom(data)
    if bom is not None:
        return Decoded(data[bom[1] :].decode(bom[0], errors="replace"), bom[0], "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")  # legacy text is almost never
    except UnicodeDecodeError as exc:  # valid UTF-8 by accident
        if exc.start >= len(data) - 3:  # UTF-8 cut off mid-character at the very end
            return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf-8")
    if mostly_utf8(data):  # a stray byte or two in a UTF-8 page: still UTF-8
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf-8 with bad bytes")
    declared = http_charset(content_type) or declared_charset(data)
    if declared is not None and declared != "utf-8":
        return Decoded(data.decode(declared, errors="replace"), declared, "declared")
    name, confidence = _detect(data)
    return Decoded(data.decode(name, errors="replace"), name, "detected", confidence)


def decode(data: bytes, content_type: str | None = None) -> str:
    """Decode a document (see :func:`decode_document`); the text only."""
    return decode_document(data, content_type).text
