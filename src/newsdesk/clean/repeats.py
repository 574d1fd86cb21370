"""Paragraphs printed twice: keep the first, take out the later copies.

Aggregators often print the lead (or a newsletter intro) twice: once as a
teaser, once in the body. Only lines long enough to be a paragraph count, so
a short line the article repeats on purpose ("Yes.") is left alone.
"""

from __future__ import annotations

from newsdesk.clean.lines import Line, is_cjk

__all__ = ["collapse_repeats"]

_MIN_WORDS = 6
_MIN_CJK_CHARS = 20


def _long_enough(text: str) -> bool:
    if is_cjk(text):
        return len(text) >= _MIN_CJK_CHARS
    return len(text.split()) >= _MIN_WORDS


def collapse_repeats(lines: list[Line]) -> bool:
    """Mark later copies of a kept paragraph ``repeated_paragraph``; True if any."""
    seen: set[str] = set()
    found = False
    for line in lines:
        if not line.kept or not _long_enough(line.norm):
            continue
        key = line.norm.casefold()
        if key in seen:
            line.reason = "repeated_paragraph"
            found = True
        else:
            seen.add(key)
    return found
