"""The brief as HTML: standalone and email-safe (inline CSS only, no script, no external
stylesheet), every piece of article content escaped by Jinja2's autoescape; links only
for http(s) URLs."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from newsdesk.publish.brief import Brief, BriefStory
from newsdesk.publish.render.text import when
from newsdesk.summarize.crosslingual import english_gloss

__all__ = ["render_html"]


def safe_url(url: str | None) -> str | None:
    """A link target only when it is an http(s) URL (no ``javascript:`` or ``data:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _outlet(story: BriefStory, article_id: str) -> str:
    n = story.marker(article_id)
    return story.sources[n - 1].outlet if n else article_id


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsdesk.publish", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
    )
    env.globals.update(safe_url=safe_url, outlet=_outlet, gloss=english_gloss)
    env.filters["when"] = when  # "autumn 2010", never a raw code such as 2010-FA
    return env


def render_html(brief: Brief, *, standalone: bool = True) -> str:
    """The brief as an HTML page (``standalone``) or a fragment (feed entries)."""
    template = _environment().get_template("brief.html")
    return template.render(brief=brief, standalone=standalone) + "\n"
