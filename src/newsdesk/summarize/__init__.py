"""Per-story reading across outlets: the cited extractive summary and the comparison.

``summarize_story(members, annotations)`` gives the summary sentences, each with every
article that supports it; ``compare_story(members, annotations)`` gives ``(only_in,
conflicts)``; ``read_story`` gives all three as one :class:`StoryReading` (typed values,
:mod:`.reading`; :mod:`newsdesk.serialize` makes their JSON).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.article import Annotations, Article
from newsdesk.summarize.compare import (
    Comparison,
    OnlyInConfig,
    compare_outlets,
    compare_story,
    differ_in_fact,
    strip_dateline,
)
from newsdesk.summarize.extractive import SummaryConfig, summarize_story
from newsdesk.summarize.reading import (
    Conflict,
    ConflictValue,
    FactGloss,
    SingleSourceFacts,
    StoryReading,
    SummarySentence,
)
from newsdesk.summarize.support import StoryIndex, SupportConfig

__all__ = [
    "Comparison",
    "Conflict",
    "ConflictValue",
    "FactGloss",
    "OnlyInConfig",
    "SingleSourceFacts",
    "StoryIndex",
    "StoryReading",
    "SummaryConfig",
    "SummarySentence",
    "SupportConfig",
    "compare_outlets",
    "compare_story",
    "differ_in_fact",
    "read_story",
    "strip_dateline",
    "summarize_story",
]


def read_story(
    members: Sequence[Article], annotations: dict[str, Annotations], headline: str | None = None
) -> StoryReading:
    """The summary, every single-source fact and the conflicts of one story, for
    ``story --json`` and the web; ``headline``: the story's title shown above the summary,
    which no summary sentence repeats.

    A part whose reading raises is left out (empty, logged); the other parts are kept.
    """
    from newsdesk.faults import guarded

    index = guarded("story index", lambda: StoryIndex.build(members), None)
    if index is None:
        return StoryReading()
    summary: list[SummarySentence] = guarded(
        "story summary",
        lambda: summarize_story(members, annotations, index=index, headline=headline),
        [],
    )
    nothing: tuple[list[SingleSourceFacts], list[Conflict]] = ([], [])
    only_in, conflicts = guarded(
        "story comparison", lambda: compare_story(members, annotations, index=index), nothing
    )
    return StoryReading(summary=summary, only_in=only_in, conflicts=conflicts)
