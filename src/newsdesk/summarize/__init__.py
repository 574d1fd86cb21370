"""Per-story reading across outlets: the cited extractive summary and the comparison.

``summarize_story(members, annotations)`` gives the summary sentences, each with every
article that supports it; ``compare_story(members, annotations)`` gives ``(only_in,
conflicts)`` in the command-line contract's shapes; ``story_fields`` gives all three as the
``story --json`` fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.article import Annotations, Article
from newsdesk.summarize.compare import (
    Comparison,
    OnlyInConfig,
    compare_outlets,
    compare_story,
    strip_dateline,
)
from newsdesk.summarize.extractive import SummaryConfig, SummarySentence, summarize_story
from newsdesk.summarize.support import StoryIndex, SupportConfig

__all__ = [
    "Comparison",
    "OnlyInConfig",
    "StoryIndex",
    "SummaryConfig",
    "SummarySentence",
    "SupportConfig",
    "compare_outlets",
    "compare_story",
    "story_fields",
    "strip_dateline",
    "summarize_story",
]


def story_fields(members: Sequence[Article], annotations: dict[str, Annotations]) -> dict[str, Any]:
    """``{"summary", "only_in", "conflicts"}`` of one story, for ``story --json`` and the web.

    A part whose reading raises is left out (empty, logged); the other parts are kept.
    """
    from newsdesk.faults import guarded

    index = guarded("story index", lambda: StoryIndex.build(members), None)
    if index is None:
        return {"summary": [], "only_in": [], "conflicts": []}
    summary: list[dict[str, Any]] = guarded(
        "story summary",
        lambda: [s.as_json() for s in summarize_story(members, annotations, index=index)],
        [],
    )
    nothing: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    compared = guarded(
        "story comparison", lambda: compare_story(members, annotations, index=index), nothing
    )
    only_in, conflicts = compared
    return {"summary": summary, "only_in": only_in, "conflicts": conflicts}
