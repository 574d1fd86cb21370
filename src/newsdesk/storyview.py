"""One story read whole: its row, its members, and what was understood across them.

The CLI (`story ID --json`), the JSON API and the story page all build a story through
:func:`understand_story`, so they can never disagree about what a story holds; only
:func:`newsdesk.serialize.story_full` turns it into JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.annotate.views import EntityView, StoryEvent, StoryNotes, StoryQuote
from newsdesk.article import Article
from newsdesk.keyed import KeyedFields
from newsdesk.outlets.coverage import StoryCoverage
from newsdesk.outlets.perspectives import Perspectives
from newsdesk.summarize.reading import (
    Conflict,
    SingleSourceFacts,
    StoryReading,
    SummarySentence,
)

if TYPE_CHECKING:
    from newsdesk.store.protocols import StoryUnderstandingStore

__all__ = ["StoryUnderstanding", "understand_story"]


@dataclass(slots=True)
class StoryUnderstanding(KeyedFields):
    """What was understood across a story's articles: who and what was said and when (as
    the annotate views give them), the reading across outlets, and the outlets' coverage
    and perspectives (as :mod:`newsdesk.outlets` gives them; None when not read). All
    typed; :func:`newsdesk.serialize.story_full` makes the JSON."""

    entities: list[EntityView] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    events: list[StoryEvent] = field(default_factory=list)
    reading: StoryReading = field(default_factory=StoryReading)
    coverage: StoryCoverage | None = None
    perspectives: Perspectives | None = None

    @property
    def summary(self) -> list[SummarySentence]:
        return self.reading.summary

    @property
    def only_in(self) -> list[SingleSourceFacts]:
        return self.reading.only_in

    @property
    def conflicts(self) -> list[Conflict]:
        return self.reading.conflicts


def understand_story(
    store: StoryUnderstandingStore, members: Sequence[Article], headline: str | None = None
) -> StoryUnderstanding:
    """Entities, quotes, the timeline, the cited summary, only_in and conflicts of a story
    (``headline``: its title, shown above the summary, which repeats no line of it).

    A part whose reading raises is left out (an empty list, logged): the story still shows.
    """
    from newsdesk.annotate.views import story_understanding
    from newsdesk.faults import guarded
    from newsdesk.outlets.views import StoryOutlets, story_outlet_fields
    from newsdesk.summarize import read_story

    read = store.annotations.annotations_of([a.id for a in members if a.id])
    understood = guarded(
        "story entities, quotes and events",
        lambda: story_understanding(members, read),
        StoryNotes(),
    )
    outlets = guarded(  # coverage by country, language and kind; perspectives by group
        "story coverage and perspectives",
        lambda: story_outlet_fields(store, members, read),
        StoryOutlets(),
    )
    return StoryUnderstanding(
        entities=understood.entities,
        quotes=understood.quotes,
        events=understood.events,
        reading=read_story(members, read, headline),
        coverage=outlets.coverage,
        perspectives=outlets.perspectives,
    )
