"""One story read whole: its row, its members, and what was understood across them.

The CLI (`story ID --json`), the JSON API and the story page all build a story through
:func:`understand_story`, so they can never disagree about what a story holds; only
:func:`newsdesk.serialize.story_full` turns it into JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.article import Article
from newsdesk.summarize.reading import (
    Conflict,
    KeyedFields,
    SingleSourceFacts,
    StoryReading,
    SummarySentence,
)

__all__ = ["StoryUnderstanding", "understand_story"]


@dataclass(slots=True)
class StoryUnderstanding(KeyedFields):
    """What was understood across a story's articles: who and what was said and when (as
    the annotate views give them), the reading across outlets (typed), and the outlets'
    coverage and perspectives (as :mod:`newsdesk.outlets` gives them)."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    reading: StoryReading = field(default_factory=StoryReading)
    coverage: Any = None
    perspectives: Any = None

    @property
    def summary(self) -> list[SummarySentence]:
        return self.reading.summary

    @property
    def only_in(self) -> list[SingleSourceFacts]:
        return self.reading.only_in

    @property
    def conflicts(self) -> list[Conflict]:
        return self.reading.conflicts


def understand_story(store: Any, members: Sequence[Article]) -> StoryUnderstanding:
    """Entities, quotes, the timeline, the cited summary, only_in and conflicts of a story.

    A part whose reading raises is left out (an empty list, logged): the story still shows.
    """
    from newsdesk.annotate.views import story_understanding
    from newsdesk.faults import guarded
    from newsdesk.outlets.views import story_outlet_fields
    from newsdesk.summarize import read_story

    read = store.annotations.annotations_of([a.id for a in members if a.id])
    nothing: dict[str, list[dict[str, Any]]] = {}
    understood = guarded(
        "story entities, quotes and events", lambda: story_understanding(members, read), nothing
    )
    outlets = guarded(  # coverage by country, language and kind; perspectives by group
        "story coverage and perspectives",
        lambda: story_outlet_fields(store, members, read),
        {"coverage": None, "perspectives": None},
    )
    return StoryUnderstanding(
        entities=understood.get("entities", []),
        quotes=understood.get("quotes", []),
        events=understood.get("events", []),
        reading=read_story(members, read),
        coverage=outlets.get("coverage"),
        perspectives=outlets.get("perspectives"),
    )
