"""The brief as a newsletter edition: one topic selection, rendered once.

:func:`make_edition` picks the brief's stories about a subscriber's topics (all when they
chose none), keeps each story's cited sources (and a few more) so a mail stays short,
renders the publish HTML with its CSS inlined by css-inline (no scripts, no remote
images, no tracking pixels, links as the outlets gave them) and the plain text (lines
≤ 78) from the same structured brief. The personal parts are added by
:func:`newsdesk.mail.message.compose`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from newsdesk.mail.message import FOOTER_MARK, Edition
from newsdesk.mail.plaintext import plain_text
from newsdesk.publish.brief import Brief, BriefStory
from newsdesk.publish.render.html import render_html

if TYPE_CHECKING:
    from newsdesk.outlets.registry import OutletRegistry

__all__ = ["MAIL_SOURCES", "TOP", "make_edition", "select_stories"]

TOP = 10
MAIL_SOURCES = 8  # sources listed per story in a mail (all cited ones are kept)


def _story_text(story: BriefStory) -> str:
    parts = [story.headline, *(s.text for s in story.summary)]
    if story.quote:
        parts += [story.quote.text, story.quote.speaker]
    parts += [f"{s.outlet} {s.title or ''}" for s in story.sources]
    return " ".join(parts)


@cache
def _topic_pattern(topic: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(topic.casefold())}(?!\w)")


BLINDSPOTS = "blindspots"  # the topic a reader adds to get the brief's blindspots section


def _in_region(
    story: BriefStory, topics: tuple[str, ...], registry: OutletRegistry | None = None
) -> bool:
    """A ``region:CC`` topic: the story's sources include an outlet from that country (by
    ``registry``, the store's outlet registry; the bundled one when None)."""
    from newsdesk.outlets.regions import story_in_regions

    return story_in_regions((s.outlet for s in story.sources), topics, registry)


def select_stories(
    brief: Brief, topics: tuple[str, ...], top: int = TOP, *, registry: OutletRegistry | None = None
) -> list[BriefStory]:
    """The brief's stories about any of ``topics`` (all when none), best first, at most ``top``."""
    topics = tuple(t for t in topics if t.casefold() != BLINDSPOTS)  # a section, not a topic
    if not topics:
        return list(brief.stories[:top])
    chosen = []
    for story in brief.stories:
        text = _story_text(story).casefold()
        if any(_topic_pattern(t).search(text) for t in topics) or _in_region(
            story, topics, registry
        ):
            chosen.append(story)
    return chosen[:top]


def _cited(story: BriefStory) -> set[str]:
    cited = {i for s in story.summary for i in s.sources}
    cited |= {o["article_id"] for o in story.only_in}
    cited |= {v["article_id"] for c in story.conflicts for v in c["values"]}
    cited |= {t.article_id for t in story.timeline}
    if story.quote:
        cited.add(story.quote.article_id)
    return cited


def _for_mail(story: BriefStory) -> BriefStory:
    """The story with its cited sources and a few more, so a mail stays short (Gmail clips
    messages over 102 KB); the web brief lists every source."""
    if len(story.sources) <= MAIL_SOURCES:
        return story
    cited = _cited(story)
    room = max(MAIL_SOURCES - len(cited), 0)
    kept = []
    for source in story.sources:
        if source.article_id in cited:
            kept.append(source)
        elif room > 0:
            kept.append(source)
            room -= 1
    return replace(story, sources=kept)


def _intro(brief: Brief, stories: list[BriefStory], topics: tuple[str, ...]) -> str:
    if not topics:
        return brief.intro
    names = [s.headline.rstrip(".") for s in stories[:3]]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"On your topics ({', '.join(topics)}): {listed}."


def _subject(day: str, stories: list[BriefStory]) -> str:
    head = stories[0].headline.rstrip(".") if stories else "no stories"
    subject = f"Brief for {day}: {head}"
    return subject if len(subject) <= 110 else subject[:109].rstrip() + "…"


@cache
def _inliner() -> object:
    import css_inline

    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def make_edition(
    brief: Brief,
    topics: tuple[str, ...] = (),
    *,
    top: int = TOP,
    registry: OutletRegistry | None = None,
) -> Edition | None:
    """The edition of ``brief`` for ``topics``; None when no story is about them.
    ``registry``: the store's outlet registry, for ``region:CC`` topics."""
    stories = [_for_mail(s) for s in select_stories(brief, topics, top, registry=registry)]
    if not stories:
        return None
    ids = {s.story_id for s in stories}
    view = Brief(
        date=brief.date,
        intro=_intro(brief, stories, topics),
        stories=stories,
        coming_up=[c for c in brief.coming_up if c.story_id in ids],
        blindspots=brief.blindspots if BLINDSPOTS in {t.casefold() for t in topics} else [],
        articles=brief.articles,
        rising=brief.rising,  # newsdesk.watch, when the brief shows it
    )
    page = render_html(view).replace("</body>", f"{FOOTER_MARK}\n</body>", 1)
    page = _inliner().inline(page)  # type: ignore[attr-defined]
    day = brief.date.isoformat()
    return Edition(
        day=day,
        topics=topics,
        subject=_subject(day, stories),
        html=page,
        text=plain_text(view).rstrip("\n"),
        stories=len(stories),
    )
