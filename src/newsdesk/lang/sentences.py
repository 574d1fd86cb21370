"""Sentences in a pack's language: cut after the pack's sentence ends that stand outside
quotation marks and brackets (「…。」と述べた。 is one sentence), and at line breaks."""

from __future__ import annotations

from newsdesk.lang.pack import LanguagePack

__all__ = ["sentences"]

_OPEN = {"「": "」", "『": "』", "“": "”", "（": "）", "《": "》", "(": ")"}
_CLOSE = frozenset(_OPEN.values())


def sentences(text: str, pack: LanguagePack) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, surrounding spaces left out."""
    cuts: list[int] = []
    depth = 0
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char == "\n":
            depth = 0
            cuts.append(i + 1)
        elif depth == 0 and char in pack.sentence_ends:
            nxt = text[i + 1 : i + 2]
            if not nxt or nxt not in pack.sentence_ends:
                cuts.append(i + 1)
    found, start = [], 0
    for end in [*cuts, len(text)]:
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            found.append((s, e))
        start = end
    return found
