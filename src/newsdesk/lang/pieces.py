"""Long texts cut into pieces a model reads well: at a line or sentence end in each piece's
second half where there is one, else at the size."""

from __future__ import annotations

__all__ = ["pieces"]

ENDS = ("\n", "。", "！", "？", ". ", "!", "?")


def pieces(text: str, size: int) -> list[tuple[int, str]]:
    """``(offset, piece)`` of at most ``size`` characters covering ``text``."""
    found, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind(mark, start + size // 2, end) for mark in ENDS)
            end = cut + 1 if cut > 0 else end
        found.append((start, text[start:end]))
        start = end
    return found
