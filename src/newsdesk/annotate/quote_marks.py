"""Quoted spans in plain text: curly, straight and guillemet quotation marks.

A quotation opens with “ „ « ‹ or a straight " at the start of a word and closes
with its partner. A quotation that runs over several paragraphs leaves its
closing mark off at the end of each paragraph and opens the next one again
(“…¶“…”): such a span is one :class:`QuotedSpan`. A mark left open at the end
of a paragraph that the next paragraph does not reopen is dropped: it is a
typo or a cut-off text, and nothing safe can be said about where it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "quoted_spans"]

# opener -> closers accepted for it
_PAIRS: dict[str, str] = {
    "“": '”"',
    "„": "“”",
    "«": "»",
    "‹": "›",
    "»": "«",  # Danish/German order, rare in English copy
    '"': '"”',
    "‘": "’",
}
_MARKS = re.compile(r"[“”„«»‹›\"‘’]|\n")
_WORDISH = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraphs: int = 1


def _can_open(text: str, pos: int, mark: str) -> bool:
    """Whether the mark at ``pos`` opens a quotation (not an apostrophe or an inch sign)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if after.isspace():
        return False
    if mark in '"‘':  # ambiguous marks open only at a word start
        return not _WORDISH.match(before)
    return True


def _reopens(text: str, newline: int, opener: str) -> int | None:
    """Where the next paragraph reopens the quotation, or None."""
    pos = newline
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos < len(text) and text[pos] == opener:
        return pos
    return None


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order; nested quotations stay inside their outer one."""
    spans: list[QuotedSpan] = []
    opener = ""
    open_at = -1
    paragraphs = 1
    skip_to = -1
    for match in _MARKS.finditer(text):
        pos, mark = match.start(), match.group()
        if pos < skip_to:
            continue
        if not opener:
            if mark in _PAIRS and _can_open(text, pos, mark):
                opener, open_at, paragraphs = mark, pos, 1
            continue
        if mark == "\n":
            again = _reopens(text, pos, opener)
            if again is None:
                opener = ""  # never closed: dropped
            else:
                paragraphs += 1
                skip_to = again + 1
            continue
        if mark in _PAIRS[opener]:
            if mark == "’" and pos + 1 < len(text) and _WORDISH.match(text[pos + 1]):
                continue  # an apostrophe (it’s), not a closing mark
            if mark == '"' and pos + 1 < len(text) and _WORDISH.match(text[pos + 1]):
                # a straight mark glued to a following word opens, not closes: the
                # previous quotation lost its closing mark; start again here
                open_at, paragraphs = pos, 1
                continue
            spans.append(QuotedSpan(open_at, pos + 1, open_at + 1, pos, paragraphs))
            opener = ""
        elif mark == opener and opener in "“«" and _can_open(text, pos, mark):
            open_at, paragraphs = pos, 1  # an opener inside an open quotation: restart
    return spans
