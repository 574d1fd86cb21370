"""What the brief takes from the registry: perspectives per story and the day's blindspots.

Both are read only when the store keeps a registry, and a failure leaves the section out
(logged), never the brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from newsdesk.article import Annotations, Article

__all__ = ["brief_blindspots", "brief_perspectives"]


def brief_perspectives(
    store: Any, members: Sequence[Article], notes: dict[str, Annotations]
) -> dict[str, Any] | None:
    """A story's perspectives when more than one group covers it and they differ."""
    from newsdesk.faults import guarded
    from newsdesk.outlets.perspectives import story_perspectives

    if not hasattr(store, "outlet_registry"):
        return None

    def read() -> dict[str, Any] | None:
        found = story_perspectives(members, notes, store.outlet_registry())
        differs = found["only_in"] or found["disagreements"]
        return found if len(found["groups"]) > 1 and differs else None

    result: dict[str, Any] | None = guarded("story perspectives", read, None)
    return result


def brief_blindspots(store: Any, day: date, *, limit: int = 5) -> list[dict[str, Any]]:
    """The day's blindspots (every group with articles counts as followed)."""
    from newsdesk.faults import guarded
    from newsdesk.outlets.blindspots import BlindspotConfig, find_blindspots

    if not hasattr(store, "group_coverage"):
        return []
    config = BlindspotConfig(limit=limit)
    found: list[dict[str, Any]] = guarded(
        "blindspots", lambda: find_blindspots(store, config=config, day=day.isoformat()), []
    )
    return found
