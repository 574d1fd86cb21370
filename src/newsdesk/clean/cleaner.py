"""The cleaning stage: scraped text in, article text and what was taken out, out.

:func:`clean_text` is the pure function on a string; :class:`TextCleaner` is
the pipeline stage that applies it to articles and also fills language and a
publication date read from the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.article import FLAGS, Article, Removed
from newsdesk.clean.boilerplate import debris_flags, mark_debris
from newsdesk.clean.data import CleanData, load_data
from newsdesk.clean.dates import DateReader
from newsdesk.clean.language import detect_language
from newsdesk.clean.lines import Line, double_quotes, join_lines, split_lines
from newsdesk.clean.metadata import find_metadata, mark_title
from newsdesk.clean.mojibake import repair_mojibake
from newsdesk.clean.quality import assess
from newsdesk.clean.repeats import collapse_repeats
from newsdesk.clean.safety import cap_text, strip_controls, strip_markup
from newsdesk.clean.titles import choose_title, one_word_heading, title_debris
from newsdesk.clean.truncation import strip_end_marker, truncated_end, truncated_start
from newsdesk.pipeline import Drops
from newsdesk.settings import Settings

# a line of this many words or fewer ending in a colon, last in the body, introduces nothing
LEAD_IN_WORDS = 6

__all__ = ["CleanResult", "TextCleaner", "clean_text"]


@dataclass(slots=True)
class CleanResult:
    """The cleaned text, what was removed and why, and what the debris told us."""

    text: str
    removed: list[Removed] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    site: str | None = None


def _is_consent_page(lines: list[Line], text: str) -> bool:
    """Mostly a cookie wall: consent text outweighs what is left of the page."""
    consent = sum(len(line.norm) for line in lines if line.reason == "cookie_notice")
    return consent > 0 and consent >= len(text)


def _mark_dangling_lead_ins(lines: list[Line]) -> None:
    """The body's last lines when they are short lead-ins ending in a colon ("More on this
    topic:", "Mehr Informationen finden Sie unter:", "See more photos:"): what they
    introduced (links, a gallery, embedded posts) is not in the text, so they introduce
    nothing. Removed as ``lead_in``."""
    for line in reversed(lines):
        if not line.kept:
            continue
        if not (line.norm.endswith(":") and len(line.norm.split()) <= LEAD_IN_WORDS):
            return
        line.reason = "lead_in"


def _truncation_flags(lines: list[Line], data: CleanData, removed: list[Removed]) -> set[str]:
    flags: set[str] = set()
    marker = strip_end_marker(lines)
    if marker:
        removed.append(Removed(text=marker, reason="truncation_marker"))
        flags.add("truncated_end")
    if truncated_end(lines, data.title):
        flags.add("truncated_end")
    if truncated_start(lines, data.common_words):
        flags.add("truncated_start")
    return flags


def _clean(text: str, data: CleanData, *, known_title: str | None = None) -> CleanResult:
    text, tags = strip_markup(text)
    lines = split_lines(double_quotes(text))
    hits = mark_debris(lines, data)
    flags = set(debris_flags(lines, hits))
    title = mark_title(lines, data, known_title)
    if collapse_repeats(lines):
        flags.add("duplicate_paragraphs")
    _mark_dangling_lead_ins(lines)
    removed = [Removed(text=tag, reason="markup") for tag in tags]
    removed += [Removed(text=line.text, reason=line.reason) for line in lines if line.reason]
    flags |= _truncation_flags(lines, data, removed)
    cleaned = join_lines(lines)
    if _is_consent_page(lines, cleaned):
        flags.add("consent_page")
    found = find_metadata(lines, data)
    return CleanResult(
        text=cleaned,
        removed=removed,
        flags=[f for f in FLAGS if f in flags],
        title=title,
        author=found.author,
        outlet=found.outlet,
        site=found.site,
    )


def clean_text(text: str) -> CleanResult:
    """Clean scraped text: debris out (each removal with its reason), flags raised.

    Idempotent: cleaning the returned text again changes and removes nothing.
    """
    return _clean(text, load_data())


class TextCleaner:
    """Cleans each article's text and fills what the text tells (the ``clean`` stage)."""

    def __init__(self, *, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings()
        self._data = load_data()
        self._dates = DateReader(self._data)

    @classmethod
    def from_settings(cls, settings: Settings) -> TextCleaner:
        return cls(settings=settings)

    def clean(self, article: Article) -> Article:
        """Clean ``article`` in place and return it."""
        source = article.text or (article.raw if article.format == "text" else "")
        source, cut = cap_text(strip_controls(source), self.settings.max_text_chars)
        source = repair_mojibake(source)  # text saved as mojibake by its source
        if cut:  # text that reached the cleaner without a reader's cap: same limit, same flag
            article.flag("long")
        given = repair_mojibake(article.title) if article.title else article.title
        heading = bool(given) and one_word_heading(given or "", source, self._data)
        if given and not heading and title_debris(given, self._data) is not None:
            article.remove(given, "title_debris")  # a record's or page's title that is furniture
            given = None
        result = _clean(source, self._data, known_title=given)
        article.text = result.text
        for item in result.removed:
            article.remove(item.text, item.reason)
        for name in result.flags:
            article.flag(name)
        article.title, title_source = choose_title(
            given, result.title, result.text, self._data, heading=heading
        )
        if title_source == "lead":
            article.extras["title_source"] = "lead"
        article.author = article.author or result.author
        article.outlet = article.outlet or result.outlet
        article.site = article.site or result.site
        article.language = detect_language(article.text, prior=article.language) or article.language
        if article.published is None:
            found = self._dates.find(source, reference=article.fetched)
            if found is not None:
                article.published, article.published_source = found
        return article

    def run(self, articles: Iterable[Article], drops: Drops) -> Iterator[Article]:
        """Clean each article; drop those with no text left (``empty_after_cleaning``) and
        those that are not news (``not news: <reason>``, see :mod:`newsdesk.clean.quality`)."""
        for article in articles:
            self.clean(article)
            if not article.text.strip():
                drops.drop(article, "empty_after_cleaning")
                continue
            if not self.settings.keep_not_news:
                verdict = assess(article.text, article.title, partial="partial" in article.flags)
                if verdict.reason is not None:
                    drops.drop(article, f"not news: {verdict.reason}")
                    continue
                for name in verdict.flags:  # weak evidence: kept, marked
                    article.flag(name)
            yield article
