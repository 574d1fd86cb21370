"""Turning untrusted article strings into safe markup and reader-friendly words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import nh3
from markupsafe import Markup, escape

from newsdesk.keyed import KeyedFields
from newsdesk.store.web_queries import HIT_END, HIT_START
from newsdesk.timex import order_key, timex_date

if TYPE_CHECKING:
    from newsdesk.annotate.views import StoryEvent

__all__ = [
    "BRACKETS",
    "TimelineRow",
    "direction",
    "external_url",
    "flag_notes",
    "highlight",
    "language",
    "marked_paragraphs",
    "page_value",
    "paragraphs",
    "plain_snippet",
    "published_note",
    "safe_html",
    "url_part",
]

_RTL = {"ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"}
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
BRACKETS = str.maketrans({HIT_START: "[", HIT_END: "]"})
# NUL and the other C0 controls but tab, newline and carriage return: never sent in a page
_C0 = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def page_value(value: object) -> object:
    """Every value a template prints, before escaping: strings lose NUL and other C0
    controls (an article stored before readers removed them still renders cleanly)."""
    if isinstance(value, str):
        return value.translate(_C0)  # Markup.translate keeps it Markup
    return value


def url_part(value: object) -> str:
    """A value as one path segment or query value: every reserved character escaped,
    "/" too ("AC/DC" is /entity/AC%2FDC: one segment, no dot-segment games)."""
    if isinstance(value, dict | list | tuple):
        from urllib.parse import urlencode

        items = value.items() if isinstance(value, dict) else value
        return urlencode(list(items))
    return quote(str(value).translate(_C0), safe="")


FLAG_NOTES = {
    "truncated_start": "The beginning of this article is missing in the source.",
    "truncated_end": "This article is cut off in the source; the end is missing.",
    "paywall": "Only a paywall teaser was available, not the full article.",
    "consent_page": "The source was a cookie or consent page, not the article itself.",
    "partial": "Only a summary was available (a feed item without its full text).",
    "duplicate_paragraphs": "A paragraph printed twice in the source was shown once.",
    "little_prose": "The source holds no full sentence: headlines, a list or a table only.",
    "sponsored": "The source says this post is sponsored (a paid post, an advert).",
}

_SOURCES = {
    "override": "set by hand at ingest",
    "metadata": "from the page's metadata",
    "feed": "from the feed",
    "text": "read from the article text",
    "relative": "worked out from a relative date in the text (approximate)",
}


def safe_html(html: str, *, tags: set[str] | None = None) -> Markup:
    """Sanitise HTML with an allow-list (nh3); links get rel="noopener noreferrer"."""
    allowed = tags if tags is not None else {"p", "a", "em", "strong", "mark", "ul", "ol", "li"}
    return Markup(
        nh3.clean(
            html,
            tags=allowed,
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer",
        )
    )


def highlight(snippet: str) -> Markup:
    """A search snippet with its hits in <mark>: escaped first, then the markers replaced."""
    escaped = str(escape(snippet)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>")
    return safe_html(escaped, tags={"mark"})


def plain_snippet(snippet: str) -> str:
    """The snippet as the CLI shows it: hits between [ and ]."""
    return snippet.translate(BRACKETS)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def marked_paragraphs(text: str, spans: Sequence[tuple[int, int, str, str]]) -> list[Markup]:
    """Paragraphs of ``text`` with names linked to their entity page and quotes marked.

    ``spans`` are (start, end, kind, value) over ``text``: kind "entity" (value the
    canonical name) or "quote" (value the speaker, or ""). Overlapping spans keep the one
    that starts first (the longer on a tie). Every piece of text is escaped.
    """
    ordered = sorted(spans, key=lambda s: (s[0], s[0] - s[1]))
    out: list[Markup] = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        pos, parts = start, []
        for s_start, s_end, kind, value in ordered:
            if s_start < pos or s_end > end or s_start >= s_end:
                continue
            parts.append(escape(text[pos:s_start]))
            inner = escape(text[s_start:s_end])
            if kind == "entity":
                href = "/entity/" + quote(value, safe="")
                parts.append(Markup('<a class="name" href="{}">{}</a>').format(href, inner))
            else:
                who = f"quote from {value}" if value else "quote"
                parts.append(Markup('<mark class="quote" title="{}">{}</mark>').format(who, inner))
            pos = s_end
        parts.append(escape(text[pos:end]))
        joined = Markup("").join(parts)
        if joined.strip():
            out.append(Markup(joined.strip()))
    return out


def language(code: str | None) -> str | None:
    return code if code and _LANG.match(code) else None


def direction(code: str | None) -> str:
    return "rtl" if code and code.split("-")[0].lower() in _RTL else "ltr"


def external_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def flag_notes(flags: list[str]) -> list[str]:
    return [FLAG_NOTES.get(f, f.replace("_", " ")) for f in flags]


def published_note(source: str | None) -> str:
    return _SOURCES.get(source or "", "source of the date unknown")


def utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def when(value: str | datetime | None) -> str:
    """A date for people: 2026-03-12 10:02 (the time zone as published)."""
    if value is None:
        return "date unknown"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value)
    if value.hour == 0 and value.minute == 0 and value.second == 0:
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class TimelineRow(KeyedFields):
    """One line of a story page's timeline: when (for people, or ``undated``), the
    sentence (spaces folded), the event it shows and its article."""

    when: str
    sentence: str
    event: StoryEvent

    @property
    def article_id(self) -> str | None:
        return self.event.article_id

    @property
    def date(self) -> str | None:
        return self.event.date


def _told(sentence: str) -> str:
    """A timeline line as the outlet wrote it, without the dateline ("WASHINGTON, Aug. 24
    (UPI) — A spokesman …" reads "A spokesman …"), as the brief shows it."""
    from newsdesk.summarize.compare import strip_dateline

    return " ".join(strip_dateline(sentence).split())


def timeline(events: Sequence[StoryEvent]) -> list[TimelineRow]:
    """A story's events for its page: dated for people, each line once, in date order.

    Several events read from one sentence (or one wire sentence carried by many
    outlets) show as one line, under the most precise date the sentence gives ("will host
    next year, the Academy announced Friday" is Friday's line, not Friday's and next
    year's); undated lines come last.
    """
    best: dict[str, tuple[tuple[int, int], str, StoryEvent]] = {}
    for event in events:
        sentence = " ".join(str(event.sentence or "").split())
        if not sentence:
            continue
        when = timex_date(event.date)
        precision = (1 if when else 0, len(str(event.date or "")) if when else 0)
        key = sentence.casefold()
        if key not in best or precision > best[key][0]:
            best[key] = (precision, when, event)
    rows = [
        TimelineRow(when=when or "undated", sentence=_told(str(event.sentence)), event=event)
        for _, when, event in best.values()
    ]
    rows.sort(key=lambda row: (row.when == "undated", order_key(row.date)))
    return rows
