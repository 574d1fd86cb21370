"""Newsletter topics that select by region: ``region:JP`` picks the stories Japanese outlets
covered (by the bundled registry's countries, so it needs no store)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from newsdesk.outlets.registry import OutletRegistry

__all__ = ["region_topics", "story_in_regions"]

PREFIX = "region:"


@cache
def _bundled() -> OutletRegistry:
    return OutletRegistry.bundled()


def region_topics(topics: Iterable[str]) -> set[str]:
    """The country codes of the ``region:CC`` topics among ``topics``."""
    return {t[len(PREFIX) :].strip().upper() for t in topics if t.casefold().startswith(PREFIX)}


def story_in_regions(outlets: Iterable[str | None], topics: Iterable[str]) -> bool:
    """True when an outlet of the story is from a country a ``region:CC`` topic names."""
    codes = region_topics(topics)
    if not codes:
        return False
    registry = _bundled()
    for name in outlets:
        found = registry.by_name(name) if name else None
        if found is not None and found.country in codes:
            return True
    return False
