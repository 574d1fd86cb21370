"""English: the spaCy English annotator (``newsdesk.annotate``) reads it; this pack gives
the readings of English names (the name itself) for cross-script merging."""

from __future__ import annotations

__all__ = ["entities", "readings"]


def entities(text: str, doc: object = None) -> list[tuple[int, int, str]]:
    """English is read by :mod:`newsdesk.annotate` (spaCy), not by this pack's rules."""
    raise NotImplementedError("English is annotated by newsdesk.annotate.annotator")


def readings(name: str) -> list[str]:
    """An English (Latin-script) name reads as written."""
    return [name]
