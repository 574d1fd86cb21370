"""One story read whole: its row, its members, and what was understood across them.

The CLI (`story ID --json`), the JSON API and the story page all build a story through
:func:`understand_story`, so they can never disagree about what a story holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.article import Article

__all__ = ["understand_story"]


def understand_story(store: Any, members: Sequence[Article]) -> dict[str, Any]:
    """Entities, quotes, the timeline, the cited summary, only_in and conflicts of a story.

    A part whose reading raises is left out (an empty list, logged): the story still shows.
    """
    from newsdesk.annotate.views import story_understanding
    from newsdesk.faults import guarded
    from newsdesk.outlets.views import story_outlet_fields
    from newsdesk.summarize import story_fields

    read = store.annotations_of([a.id for a in members if a.id])
    nothing: dict[str, list[dict[str, Any]]] = {"entities": [], "quotes": [], "events": []}
    understood = guarded(
        "story entities, quotes and events", lambda: story_understanding(members, read), nothing
    )
    outlets = guarded(  # coverage by country, language and kind; perspectives by group
        "story coverage and perspectives",
        lambda: story_outlet_fields(store, members, read),
        {"coverage": None, "perspectives": None},
    )
    return understood | story_fields(members, read) | outlets
