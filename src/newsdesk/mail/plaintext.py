"""The newsletter's plain-text part, made from the structured brief: every line ≤ 78.

Prose is wrapped at 76 columns; a link goes on a line of its own in angle brackets,
and one longer than a line is split inside its brackets as RFC 3986 (appendix C)
describes for URLs in plain text, so no line is ever longer than :data:`WIDTH`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsdesk.outlets.briefing import blindspot_items, perspective_items
from newsdesk.publish.render.text import rising_items, when

if TYPE_CHECKING:
    from newsdesk.publish.brief import Brief, BriefStory

__all__ = ["WIDTH", "link_lines", "plain_text", "wrap"]

WIDTH = 78
_PROSE = 76


def wrap(text: str, *, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` wrapped to 76 columns; a word longer than a line is split, never overflows."""
    lines = textwrap.wrap(
        " ".join(text.split()),
        width=_PROSE,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=True,
        break_on_hyphens=False,
    )
    return lines or [indent.rstrip()]


def link_lines(url: str, *, indent: str = "    ") -> list[str]:
    """``<url>`` on its own line; a long one split across lines inside the brackets."""
    whole = f"{indent}<{url}>"
    if len(whole) <= WIDTH:
        return [whole]
    room = WIDTH - len(indent) - 1
    pieces = [url[i : i + room] for i in range(0, len(url), room)]
    lines = [f"{indent}{piece}" for piece in pieces]
    lines[0] = f"{indent}<{pieces[0]}"
    if len(lines[-1]) < WIDTH:
        lines[-1] += ">"
    else:
        lines.append(f"{indent}>")
    return lines


def _markers(story: BriefStory, sources: Iterable[str]) -> str:
    return "".join(f"[{story.marker(i)}]" for i in sources if story.marker(i))


def _outlet(story: BriefStory, article_id: str) -> str:
    n = story.marker(article_id)
    return story.sources[n - 1].outlet if n else article_id


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    lines = [f"{title}:"]
    for item in items:
        lines += wrap(item, indent="- ", hanging="  ")
    return [*lines, ""]


def _story_lines(story: BriefStory, n: int) -> list[str]:
    heading = wrap(f"{n}. {story.headline}")
    lines = [*heading, "-" * min(max(len(line) for line in heading), _PROSE), ""]
    summary = " ".join(f"{s.text} {_markers(story, s.sources)}".strip() for s in story.summary)
    if summary:
        lines += [*wrap(summary), ""]
    if story.quote:
        lines += [*wrap(f"“{story.quote.text}” — {story.quote.speaker}", indent="    "), ""]
    lines += _section("Since the last brief", list(story.since_last or []))
    lines += _section("Timeline", [f"{when(t.date)}: {t.text}" for t in story.timeline])
    lines += _section(
        "Only in",
        [f"{_outlet(story, o['article_id'])}: {f}" for o in story.only_in for f in o["facts"]],
    )
    differ = [
        f"{c['about']}: "
        + "; ".join(f"{v['value']} ({_outlet(story, v['article_id'])})" for v in c["values"])
        for c in story.conflicts
    ]
    lines += _section("Where outlets differ", differ)
    lines += _section("Perspectives", perspective_items(story, _markers))  # newsdesk.outlets
    lines.append("Sources:")
    for i, source in enumerate(story.sources, 1):
        lines += wrap(f"[{i}] {source.outlet} — {source.title or 'untitled'}", hanging="    ")
        if source.url and source.url.lower().startswith(("http://", "https://")):
            lines += link_lines(source.url)
    return [*lines, ""]


def plain_text(brief: Brief) -> str:
    """The brief as plain text, every line ≤ 78 (the mail adds its footer)."""
    title = f"Brief for {brief.date.isoformat()}"
    lines = [title, "=" * len(title), "", *wrap(brief.intro), ""]
    lines += _section("Rising", rising_items(brief.rising))  # newsdesk.watch, when shown
    for n, story in enumerate(brief.stories, 1):
        lines += _story_lines(story, n)
    if brief.coming_up:
        lines += _section(
            "Coming up", [f"{when(c.date)}: {c.text} ({c.headline})" for c in brief.coming_up]
        )
    lines += _section("Blindspots", blindspot_items(brief.blindspots))  # newsdesk.outlets
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"
