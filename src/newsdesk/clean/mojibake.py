"""Text that a page already carried as mojibake: UTF-8 bytes once read as cp1252/latin-1
and saved again as UTF-8 ("NPCÂ´s", "fÃ¼r", "itâ€™s").

The bytes of such a page are valid UTF-8, so decoding them right cannot help: the damage is
in the characters. ftfy (``fix_encoding`` only: no quote, width or ligature changes) undoes
it where the characters re-encode to valid UTF-8; a cheap test first keeps clean text away
from it. Pages decoded with the wrong codec are the decoder's business
(:mod:`newsdesk.ingest.encoding`), not this module's.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["repair_mojibake"]

# a UTF-8 lead byte shown through cp1252/latin-1 ("Â", "Ã", "â", "Ð", ...) and one of the
# characters a continuation byte (0x80-0xBF) shows as
_SIGNATURE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|"
    "[\u00e0-\u00ef][\u0080-\u00bf\u20ac\u201a-\u201e\u2018\u2019\u2122]{2}"
)
# a combining accent: text stored decomposed (NFD), where mojibake's "Ã" is "A" + U+0303
_COMBINING = re.compile("[\u0300-\u036f]")
# and compatibility-decomposed (NFKD): a spacing accent a continuation byte showed as ("¨",
# "¯", "´", "¸") is a space and a combining mark ("Ã¯" of "naïve" as "Ã" + " \u0304"), and
# a fraction is spelt out ("Ã¼" of "für" as "Ã1⁄4")
_SPELT_OUT = re.compile("(?<=[\u00c2-\u00ef])(?: [\u0301\u0304\u0308\u0327]|[13]\u2044[24])")
_COMPATIBLE = {
    " \u0301": "\u00b4", " \u0304": "\u00af", " \u0308": "\u00a8", " \u0327": "\u00b8",
    "1\u20444": "\u00bc", "1\u20442": "\u00bd", "3\u20444": "\u00be",
}  # fmt: skip
# the lead characters above: a text without one has no signature (one search for a single
# range scans a page about six times faster than the pattern's alternation)
_LEAD = re.compile("[\u00c2-\u00ef]")
SCANNED_CHARS = 200_000  # a signature is looked for in the text's first characters


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8-read-as-cp1252 sequences decoded back; unchanged when clean.
    Decomposed text is composed first (NFC): an archive that stored its text decomposed
    keeps mojibake's "Ã©" as "A" + combining tilde + "©", which no signature matches, and
    composed text is what search and name matching compare anyway."""
    if text and _COMBINING.search(text, 0, SCANNED_CHARS) is not None:
        text = unicodedata.normalize("NFC", text)
        text = _SPELT_OUT.sub(lambda m: _COMPATIBLE.get(m.group(0), m.group(0)), text)
    if not text or _LEAD.search(text, 0, SCANNED_CHARS) is None:
        return text
    # one pair is enough: a report whose only accented word was damaged ("PeÃ±a Nieto",
    # "GuantÃ¡namo") shows just one, and no clean text in any script has one ("Â©" is
    # itself damage); ftfy then judges whether decoding back makes the text better
    if _SIGNATURE.search(text, 0, SCANNED_CHARS) is None:
        return text
    import ftfy  # light, but only needed on damaged text

    try:
        fixed: str = ftfy.fix_encoding(text)
    except Exception:  # a repair must never cost the article
        return text
    return fixed
