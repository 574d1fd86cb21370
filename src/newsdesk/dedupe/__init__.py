"""Copies: exact duplicates (content hash) and near-duplicates (MinHash LSH).

A copy is linked to its original, the earliest published article of its
group, and never counted twice in a story. The parts load on first use, so
importing this package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.dedupe.links import CopyKind, CopyLink, also_published_by

if TYPE_CHECKING:
    from newsdesk.dedupe.detector import CopyDetector, link_copies
    from newsdesk.dedupe.exact import ExactDeduper
    from newsdesk.dedupe.groups import CopyIndex
    from newsdesk.dedupe.minhash import MinhashDeduper

__all__ = [
    "CopyDetector",
    "CopyIndex",
    "CopyKind",
    "CopyLink",
    "ExactDeduper",
    "MinhashDeduper",
    "also_published_by",
    "link_copies",
]

_LAZY = {
    "CopyDetector": "newsdesk.dedupe.detector",
    "link_copies": "newsdesk.dedupe.detector",
    "ExactDeduper": "newsdesk.dedupe.exact",
    "CopyIndex": "newsdesk.dedupe.groups",
    "MinhashDeduper": "newsdesk.dedupe.minhash",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsdesk.dedupe' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
