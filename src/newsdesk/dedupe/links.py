"""What dedupe tells the rest of the desk: this article is a copy of that one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["CopyKind", "CopyLink", "also_published_by"]

CopyKind = Literal["exact", "near"]


@dataclass(slots=True)
class CopyLink:
    """``copy_id`` is a copy of ``original_id``.

    ``similarity`` is 1.0 for an exact copy; for a near copy, the estimated
    Jaccard similarity of the two shingle sets, or, for a truncated copy,
    the estimated share of the shorter text found in the longer.
    """

    copy_id: str
    original_id: str
    kind: CopyKind
    similarity: float


def also_published_by(links: Iterable[CopyLink]) -> dict[str, list[str]]:
    """Original id -> the ids of its copies, sorted: what a page lists as "also published by"."""
    copies: dict[str, list[str]] = {}
    for link in links:
        copies.setdefault(link.original_id, []).append(link.copy_id)
    return {original: sorted(ids) for original, ids in sorted(copies.items())}
