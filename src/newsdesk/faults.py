"""Fault isolation: one part that fails is left out and logged; the whole goes on.

A brief renders around a story whose reading raises, a story around a section that
raises, an ingest around an article whose enrichment raises. :func:`guarded` is the
one way they do it, so every omission is logged the same way (logger
``newsdesk.faults``, one warning line naming the part and the error).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

__all__ = ["describe", "guarded", "log"]

log = logging.getLogger("newsdesk.faults")

T = TypeVar("T")


def describe(exc: BaseException, *, limit: int = 500) -> str:
    """``"ValueError: message"``, cut to ``limit`` characters (errors can quote huge input)."""
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def guarded(part: str, build: Callable[[], T], default: T) -> T:
    """``build()``, or ``default`` when it raises (logged as ``part``).

    ``RecursionError``, ``MemoryError`` and every other ``Exception`` are caught;
    ``KeyboardInterrupt`` and ``SystemExit`` are not.
    """
    try:
        return build()
    except Exception as exc:  # isolation is the point: the rest must go on
        log.warning("left out %s: %s", part, describe(exc))
        return default
