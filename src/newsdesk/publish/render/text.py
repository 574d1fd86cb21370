"""The brief as Markdown and as plain text (terminal, the text part of the newsletter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.publish.brief import Brief, BriefStory
from newsdesk.summarize.crosslingual import english_gloss
from newsdesk.timex import timex_date

if TYPE_CHECKING:
    from newsdesk.outlets.perspectives import GroupValue
    from newsdesk.watch.rising import Rising

__all__ = ["render_markdown", "render_text", "rising_items", "when"]


def _markers(story: BriefStory, sources: list[str]) -> str:
    return "".join(f"[{story.marker(i)}]" for i in sources if story.marker(i))


def _outlet(story: BriefStory, article_id: str) -> str:
    n = story.marker(article_id)
    return story.sources[n - 1].outlet if n else article_id


def _more(story: BriefStory) -> list[str]:
    if not story.only_in_more:
        return []
    return [f"… {story.only_in_more} more in `newsdesk story {story.story_id}`"]


def _perspective_lines(story: BriefStory) -> list[str]:
    """How each group tells it, where they differ (newsdesk.outlets), each line citing."""
    p = story.perspectives
    if p is None:
        return []
    lines = [
        f"Only {o.label}: {f.text} {_markers(story, f.sources)}" for o in p.only_in for f in o.facts
    ]
    lines += [
        f"{d.about}: " + " / ".join(_told(story, v) for v in d.values) for d in p.disagreements
    ]
    return lines


def _told(story: BriefStory, value: GroupValue) -> str:
    """One group's side of a disagreement: who, what they say, the sources."""
    label = value.label
    return f"{label[:1].upper()}{label[1:]}: {value.value} {_markers(story, value.sources)}"


def rising_items(rising: Rising | None) -> list[str]:
    """The brief's rising list (newsdesk.watch.rising) as lines: what, how many lately,
    how many usually."""
    if rising is None:
        return []
    hours = f"{rising.window_hours:g}"
    return [
        f"{item.label} ({item.kind}): {item.recent} articles in the last {hours} h,"
        f" usually {item.mean:.1f}"
        for item in (*rising.stories, *rising.entities)
    ]


def when(value: str) -> str:
    """A timeline or "Coming up" date for people ("autumn 2010", not ``2010-FA``)."""
    return timex_date(value) or value


def _story_lines(story: BriefStory, n: int, *, md: bool) -> list[str]:
    h = "## " if md else ""
    lines = [f"{h}{n}. {story.headline}", ""]
    if not md:
        lines.insert(1, "=" * min(len(lines[0]), 78))
    lines += [" ".join(f"{s.text} {_markers(story, s.sources)}" for s in story.summary), ""]
    if story.quote:
        prefix = "> " if md else "    "
        lines += [f"{prefix}“{story.quote.text}” — {story.quote.speaker}", ""]
    sections: list[tuple[str, list[str]]] = [
        ("Since the last brief", story.since_last or []),
        ("Timeline", [f"{when(t.date)}: {t.text}" for t in story.timeline]),
        ("Only in", [f"{_outlet(story, o['article_id'])}: {f}{english_gloss(o, i)}"
                     for o in story.only_in for i, f in enumerate(o["facts"])] + _more(story)),
        ("Where outlets differ", [
            f"{c['about']}: " + "; ".join(
                f"{v['value']} ({_outlet(story, v['article_id'])})" for v in c["values"])
            for c in story.conflicts]),
        ("Perspectives", _perspective_lines(story)),
        ("Sources", [f"[{i}] {s.outlet} — {s.title or 'untitled'}"
                     + (f" <{s.url}>" if s.url else "") for i, s in enumerate(story.sources, 1)]),
    ]  # fmt: skip
    for title, items in sections:
        if items:
            lines += [f"**{title}**" if md else f"{title}:"]
            lines += [f"- {item}" for item in items] + [""]
    return lines


def _render(brief: Brief, *, md: bool) -> str:
    title = f"Brief for {brief.date.isoformat()}"
    lines = [f"# {title}" if md else title, "", brief.intro, ""]
    if rising := rising_items(brief.rising):  # newsdesk.watch: at the top when asked for
        lines += ["## Rising" if md else "Rising:"] + [f"- {r}" for r in rising] + [""]
    for n, story in enumerate(brief.stories, 1):
        lines += _story_lines(story, n, md=md)
    if brief.coming_up:
        lines += ["## Coming up" if md else "Coming up:"]
        lines += [f"- {when(c.date)}: {c.text} ({c.headline})" for c in brief.coming_up] + [""]
    if brief.blindspots:  # newsdesk.outlets: one group covers it, another does not
        lines += ["## Blindspots" if md else "Blindspots:"]
        lines += [f"- {b['title'] or b['story_id']}: {b['heavy']['label']} "
                  f"({b['heavy']['articles']}), not " + ", ".join(m["label"] for m in b["missing"])
                  for b in brief.blindspots] + [""]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(brief: Brief) -> str:
    return _render(brief, md=True)


def render_text(brief: Brief) -> str:
    return _render(brief, md=False)
