"""htmldate's last-resort date parser, limited to the languages news is written in.

When a page's date string matches none of htmldate's own patterns, htmldate hands it to
dateparser with every one of its 205 locales; the first such string in a process then
compiles each locale's patterns (3-20 s on this project's machines, found by
``bench/fuzz.py``). The same parser, built with the languages below, answers the same strings
in those languages and costs a fraction of that once. The list is data, not tuning: the
languages of the outlet registry's countries plus the desk's language packs.
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["NEWS_LANGUAGES", "limit_htmldate_languages"]

NEWS_LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "hu", "ro",
    "bg", "el", "tr", "ar", "fa", "he", "hi", "id", "ms", "vi", "th", "ja", "ko", "zh",
    "sv", "da", "nb", "fi", "hr", "sr", "sl", "ca", "tl",
)  # fmt: skip

# htmldate 1.11's settings for its external parser (htmldate.extractors.get_external_parser)
_SETTINGS = {
    "NORMALIZE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}


@cache
def _news_parser() -> Any:
    from dateparser import DateDataParser

    return DateDataParser(languages=list(NEWS_LANGUAGES), settings=dict(_SETTINGS))


def limit_htmldate_languages() -> None:
    """Make htmldate's fallback parser the one limited to :data:`NEWS_LANGUAGES`."""
    import htmldate.extractors as extractors

    if getattr(extractors, "get_external_parser", None) is not _news_parser:
        extractors.get_external_parser = _news_parser
