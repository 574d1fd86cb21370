"""htmldate's fallback date parser knows the news languages only (one-time cost bounded)."""

from __future__ import annotations

import htmldate.extractors

from newsdesk.clean.date_locales import NEWS_LANGUAGES, limit_htmldate_languages
from newsdesk.clean.extract import extract_html


def test_date_locales_extraction_uses_the_limited_parser() -> None:
    extract_html("<html><body><p>Nothing dated here, only prose for a page.</p></body></html>")
    parser = htmldate.extractors.get_external_parser()
    assert sorted(parser.languages) == sorted(NEWS_LANGUAGES)


def test_date_locales_fallback_still_reads_a_french_date() -> None:
    limit_htmldate_languages()
    found = htmldate.extractors.get_external_parser().get_date_data("le 3 mars 2020")
    assert found["date_obj"] is not None
    assert (found["date_obj"].year, found["date_obj"].month, found["date_obj"].day) == (2020, 3, 3)
