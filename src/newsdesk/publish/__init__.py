"""The daily brief and its formats.

``build_brief(store, day, top=10)`` -> :class:`Brief`; ``render(brief, format)`` with format
``md``, ``html``, ``text`` or ``json``; ``atom_feed(briefs, base_url)``; ``brief_json`` for
the web API.
"""

from __future__ import annotations

from newsdesk.publish.brief import (
    Brief,
    BriefQuote,
    BriefSource,
    BriefStory,
    ComingUp,
    TimelineEntry,
    build_brief,
)
from newsdesk.publish.rank import RankConfig
from newsdesk.publish.render import FORMATS, atom_feed, brief_json, render

__all__ = [
    "FORMATS",
    "Brief",
    "BriefQuote",
    "BriefSource",
    "BriefStory",
    "ComingUp",
    "RankConfig",
    "TimelineEntry",
    "atom_feed",
    "brief_json",
    "build_brief",
    "render",
]
