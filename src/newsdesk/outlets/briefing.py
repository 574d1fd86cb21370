"""What the brief takes from the registry: perspectives per story and the day's blindspots.

Both are read only when the store keeps a registry, and a failure leaves the section out
(logged), never the brief.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from newsdesk.article import Annotations, Article

if TYPE_CHECKING:
    from newsdesk.outlets.blindspots import Blindspot
    from newsdesk.outlets.perspectives import Perspectives

__all__ = ["blindspot_items", "brief_blindspots", "brief_perspectives", "perspective_items"]


def brief_perspectives(
    store: Any, members: Sequence[Article], notes: dict[str, Annotations]
) -> Perspectives | None:
    """A story's perspectives when more than one group covers it and they differ."""
    from newsdesk.faults import guarded
    from newsdesk.outlets.perspectives import story_perspectives

    if not hasattr(getattr(store, "outlets", None), "outlet_registry"):
        return None

    def read() -> Perspectives | None:
        found = story_perspectives(members, notes, store.outlets.outlet_registry())
        differs = found.only_in or found.disagreements
        return found if len(found.groups) > 1 and differs else None

    result: Perspectives | None = guarded("story perspectives", read, None)
    return result


def brief_blindspots(store: Any, day: date, *, limit: int = 5) -> list[Blindspot]:
    """The day's blindspots (every group with articles counts as followed)."""
    from newsdesk.faults import guarded
    from newsdesk.outlets.blindspots import BlindspotConfig, find_blindspots

    if not hasattr(getattr(store, "outlets", None), "group_coverage"):
        return []
    config = BlindspotConfig(limit=limit)
    found: list[Blindspot] = guarded(
        "blindspots", lambda: find_blindspots(store, config=config, day=day.isoformat()), []
    )
    return found


def perspective_items(story: Any, markers: Callable[[Any, Iterable[str]], str]) -> list[str]:
    """A brief story's perspectives as lines of text, each labelled by group and ending
    with the markers of the articles it cites (``markers(story, ids)``). Typed
    perspectives and those read back from an archived brief's JSON read alike."""
    found = getattr(story, "perspectives", None) or {}
    items = [
        f"Only {o['label']}: {f['text']} {markers(story, f['sources'])}".rstrip()
        for o in found.get("only_in", [])
        for f in o["facts"]
    ]
    for d in found.get("disagreements", []):
        told = [
            f"{v['label'][:1].upper()}{v['label'][1:]}: {v['value']} "
            f"{markers(story, v['sources'])}".rstrip()
            for v in d["values"]
        ]
        items.append(f"{d['about']}: " + " / ".join(told))
    return items


def blindspot_items(blindspots: Sequence[Blindspot]) -> list[str]:
    """The brief's blindspots as lines of text: the story, the group that covers it (its
    articles) and the followed groups that do not."""
    return [
        f"{b['title'] or b['story_id']}: {b['heavy']['label']} ({b['heavy']['articles']}),"
        " not " + ", ".join(m["label"] for m in b["missing"])
        for b in blindspots
    ]
