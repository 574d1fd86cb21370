"""The JSON shapes of the command-line contract, in one place.

The CLI's ``--json`` and the web API both serialise through these functions,
so a field has one name everywhere. Fields may be added, never renamed.

One module per theme: :mod:`.articles`, :mod:`.stories`, :mod:`.briefs` (a story's
reading and the briefs archive), :mod:`.entities` and :mod:`.outlets` (coverage,
perspectives, blindspots); every name is importable from here as well.
"""

from __future__ import annotations

from newsdesk.serialize.articles import (
    annotations_json,
    article_full,
    article_row,
    clean_result,
    search_hit,
)
from newsdesk.serialize.briefs import (
    conflicts_from_json,
    conflicts_json,
    day_row,
    only_in_from_json,
    only_in_json,
    reading_json,
    summary_json,
)
from newsdesk.serialize.entities import entity_json, entity_profile_json, relations_json
from newsdesk.serialize.outlets import (
    blindspots_from_json,
    blindspots_json,
    coverage_json,
    outlet_row,
    perspectives_from_json,
    perspectives_json,
)
from newsdesk.serialize.stories import event_json, quote_json, story_full, story_row

__all__ = [
    "annotations_json",
    "article_full",
    "article_row",
    "blindspots_from_json",
    "blindspots_json",
    "clean_result",
    "conflicts_from_json",
    "conflicts_json",
    "coverage_json",
    "day_row",
    "entity_json",
    "entity_profile_json",
    "event_json",
    "only_in_from_json",
    "only_in_json",
    "outlet_row",
    "perspectives_from_json",
    "perspectives_json",
    "quote_json",
    "reading_json",
    "relations_json",
    "search_hit",
    "story_full",
    "story_row",
    "summary_json",
]
