"""Newsletter topics that select by region: ``region:JP`` picks the stories Japanese outlets
covered, by the countries of the store's registry (what ``outlets set`` and ``outlets
import`` changed included); the bundled registry stands in where no store is at hand."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from newsdesk.outlets.registry import OutletRegistry

__all__ = ["region_registry", "region_topics", "story_in_regions"]

PREFIX = "region:"


@cache
def _bundled() -> OutletRegistry:
    return OutletRegistry.bundled()


def region_topics(topics: Iterable[str]) -> set[str]:
    """The country codes of the ``region:CC`` topics among ``topics``."""
    return {t[len(PREFIX) :].strip().upper() for t in topics if t.casefold().startswith(PREFIX)}


def region_registry(store: Any, topics: Iterable[str]) -> OutletRegistry | None:
    """The store's registry when ``topics`` select by region (None otherwise, or for a
    store without one), read once per registry version by the store."""
    if not region_topics(topics) or not hasattr(getattr(store, "outlets", None), "outlet_registry"):
        return None
    registry: OutletRegistry = store.outlets.outlet_registry()
    return registry


def story_in_regions(
    outlets: Iterable[str | None], topics: Iterable[str], registry: OutletRegistry | None = None
) -> bool:
    """True when an outlet of the story is from a country a ``region:CC`` topic names
    (by ``registry``; the bundled registry when None)."""
    codes = region_topics(topics)
    if not codes:
        return False
    registry = registry if registry is not None else _bundled()
    for name in outlets:
        found = registry.by_name(name) if name else None
        if found is not None and found.country in codes:
            return True
    return False
