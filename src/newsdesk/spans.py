"""Character spans of a name in a text, made to hold what a name can hold."""

from __future__ import annotations

import re

__all__ = ["one_line"]

_BREAKS = re.compile(r"(\r\n|\r|\n)")


def one_line(text: str, start: int, end: int) -> tuple[int, int]:
    """A name never spans a line break ("Name\\n\\nNextWord"): its first line with a letter,
    without the spaces at its edges. A span with no letter at all comes back empty
    (``start == end``): a model's span of line breaks alone names nobody."""
    span = text[start:end]
    if "\n" not in span and "\r" not in span:
        return start, end
    offset = start
    for line in _BREAKS.split(span):
        if any(ch.isalpha() for ch in line):
            lead = len(line) - len(line.lstrip())
            return offset + lead, offset + len(line.rstrip())
        offset += len(line)
    return start, start
