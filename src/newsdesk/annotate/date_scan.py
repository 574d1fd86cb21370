"""Searching a date pass cheaply, with the same matches as the plain search.

``gated`` runs a pass only where the text holds what every one of its matches holds;
``ends_with`` reads the words leading up to a candidate in a bounded window before it
instead of searching the whole text before every candidate (quadratic in its length).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["WINDOW", "ends_with", "gated"]

WINDOW = 200  # characters before a candidate that the words leading up to it are read in


def gated(pattern: re.Pattern[str], held: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)``, not run where ``held`` (part of every match) is absent."""
    return pattern.finditer(text) if held.search(text) else ()


def ends_with(pattern: re.Pattern[str], solid: int, text: str, end: int) -> bool:
    """``pattern.search(text, 0, end)`` for a pattern anchored at ``end`` (``$``) whose
    matches hold at most ``solid`` non-space characters (the rest ``\\s+``): the last
    ``WINDOW`` characters are searched, and the whole text only when they hold no more than
    ``solid`` non-space characters, the one case in which a match could start before them.
    Searching from 0 before every candidate read the text again each time (quadratic in its
    length); a match found from ``lo`` is the same match from 0 (the engine sees before
    ``lo`` for ``\\b`` and look-behinds)."""
    lo = end - WINDOW
    if lo <= 0:
        return pattern.search(text, 0, end) is not None
    if pattern.search(text, lo, end) is not None:
        return True
    if len("".join(text[lo:end].split())) > solid:
        return False
    return pattern.search(text, 0, end) is not None
