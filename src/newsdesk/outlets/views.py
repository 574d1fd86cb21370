"""What the story views add from the registry: ``coverage`` and ``perspectives``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.article import Annotations, Article
from newsdesk.outlets.coverage import StoryCoverage, story_coverage
from newsdesk.outlets.perspectives import Perspectives, story_perspectives

if TYPE_CHECKING:
    from newsdesk.store.protocols import OutletStore

__all__ = ["StoryOutlets", "story_outlet_fields"]


@dataclass(frozen=True, slots=True)
class StoryOutlets:
    """A story's coverage and perspectives (None: not read)."""

    coverage: StoryCoverage | None = None
    perspectives: Perspectives | None = None


def story_outlet_fields(
    store: OutletStore, members: Sequence[Article], annotations: dict[str, Annotations]
) -> StoryOutlets:
    """The ``coverage`` and ``perspectives`` of one story."""
    registry = store.outlets.outlet_registry()
    return StoryOutlets(
        coverage=story_coverage(members, registry),
        perspectives=story_perspectives(members, annotations, registry),
    )
