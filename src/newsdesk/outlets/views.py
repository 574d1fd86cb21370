"""What the story views add from the registry: ``coverage`` and ``perspectives``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.article import Annotations, Article
from newsdesk.outlets.coverage import story_coverage
from newsdesk.outlets.perspectives import story_perspectives

__all__ = ["story_outlet_fields"]


def story_outlet_fields(
    store: Any, members: Sequence[Article], annotations: dict[str, Annotations]
) -> dict[str, Any]:
    """``{"coverage", "perspectives"}`` of one story."""
    registry = store.outlets.outlet_registry()
    return {
        "coverage": story_coverage(members, registry),
        "perspectives": story_perspectives(members, annotations, registry),
    }
