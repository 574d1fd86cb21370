"""Behaviour of the cleaning stage piece by piece: truncation, dates, language, stage."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.article import FLAGS, Article
from newsdesk.clean import TextCleaner, clean_text
from newsdesk.clean.data import load_data
from newsdesk.clean.dates import DateReader
from newsdesk.clean.language import detect_language
from newsdesk.pipeline import Drops

PROSE = "The council approved the plan on Tuesday after a long debate in the chamber."


def _article(text: str, **fields: object) -> Article:
    return Article(source="test", format="text", raw=text, text=text, **fields)  # type: ignore[arg-type]


def test_truncation_flags_word_cut_at_start() -> None:
    result = clean_text("orth of the city, the river burst its banks. The North was spared.")
    assert "truncated_start" in result.flags
    assert result.text.startswith("orth of the city")


def test_truncation_ignores_lowercase_real_words_and_names() -> None:
    assert "truncated_start" not in clean_text("and then the river burst its banks.").flags
    assert "truncated_start" not in clean_text("iPhone sales rose in the spring quarter.").flags


def test_truncation_strips_dot_run_but_keeps_words() -> None:
    result = clean_text(f"{PROSE}\n\nOn Sunday, the mayor said that Lee........")
    assert result.text.endswith("the mayor said that Lee")
    assert "truncated_end" in result.flags
    assert [(r.text, r.reason) for r in result.removed] == [("........", "truncation_marker")]


def test_truncation_read_more_mid_page_is_not_a_cut() -> None:
    result = clean_text(f"{PROSE}\nRead more\n{PROSE.replace('Tuesday', 'Friday')}")
    assert "truncated_end" not in result.flags
    assert [r.reason for r in result.removed] == ["continue_reading"]


def test_dates_dateline_without_year_needs_a_reference() -> None:
    reader = DateReader(load_data())
    text = f"LISBON, Jan. 13 (Reuters) - {PROSE}"
    assert reader.find(text) is None
    found = reader.find(text, reference=datetime(2026, 1, 14, 8, 0, tzinfo=UTC))
    assert found == (datetime(2026, 1, 13, tzinfo=UTC), "text")


def test_dates_year_is_not_in_the_future_of_the_reference() -> None:
    reader = DateReader(load_data())
    found = reader.find(f"OSLO, Dec. 30 - {PROSE}", reference=datetime(2026, 1, 2))
    assert found == (datetime(2025, 12, 30), "text")


def test_dates_relative_line_resolved_against_fetched() -> None:
    reader = DateReader(load_data())
    text = f"yesterday\n{PROSE}"
    assert reader.find(text) is None
    assert reader.find(text, reference=datetime(2026, 1, 14, 9)) == (
        datetime(2026, 1, 13, 9),
        "relative",
    )


def test_dates_event_date_deep_in_prose_is_not_publication() -> None:
    reader = DateReader(load_data())
    text = f"{PROSE} The talks resumed on January 6, 2025, in Geneva, officials said."
    assert reader.find(text) is None


def test_language_short_text_is_unknown() -> None:
    assert detect_language("Oui.") is None
    assert detect_language(PROSE) == "en"
    assert detect_language("Le conseil municipal a voté mardi la fermeture de la halle.") == "fr"


def test_cleaner_drops_empty_articles() -> None:
    drops = Drops()
    wall = _article("We use cookies to improve your experience.\nAccept all\nReject all")
    kept = list(TextCleaner().run([wall, _article(PROSE)], drops))
    assert [a.text for a in kept] == [PROSE]
    assert drops.reasons["empty_after_cleaning"] == 1
    assert wall.flags == ["consent_page"]


def test_cleaner_keeps_metadata_it_was_given() -> None:
    article = _article(
        f"Council Approves Plan\n{PROSE}\n© Marrow Bay Post", title="Council Approves Plan"
    )
    article.outlet = "Harbour Daily"
    TextCleaner().clean(article)
    assert article.title == "Council Approves Plan"
    assert article.outlet == "Harbour Daily"
    assert article.text == PROSE
    assert [r.reason for r in article.removed] == ["title", "copyright"]


def test_cleaner_html_article_cleans_extracted_text_not_markup() -> None:
    article = Article(source="t.html", format="html", raw="<p>x</p>", text=f"{PROSE}\nShare")
    TextCleaner().clean(article)
    assert article.text == PROSE
    assert article.language == "en"


def test_cleaner_second_run_on_article_changes_nothing() -> None:
    article = _article(f"menu_open News\nBig Storm Hits Coast\n{PROSE}\n6 11")
    cleaner = TextCleaner()
    cleaner.clean(article)
    text, removed = article.text, list(article.removed)
    cleaner.clean(article)
    assert (article.text, article.removed) == (text, removed)


def test_metadata_byline_role_is_not_an_outlet() -> None:
    result = clean_text(f"By Jane Doe, Senior Correspondent\n{PROSE}")
    assert (result.author, result.outlet) == ("Jane Doe", None)


def test_metadata_aggregator_copyright_names_the_site_not_the_outlet() -> None:
    result = clean_text(f"{PROSE}\n© 2026 QOSHE")
    assert (result.site, result.outlet) == ("QOSHE", None)


def test_metadata_copyright_strips_years_and_legal_words() -> None:
    result = clean_text(f"{PROSE}\n© 2024-2026 Harbour Media Ltd. All rights reserved.")
    assert result.outlet == "Harbour Media"


def test_data_rule_flags_are_known_flags() -> None:
    for rule in load_data().rules:
        assert set(rule.flags) | set(rule.tail_flags) <= set(FLAGS), rule.reason


def test_clean_contact_tagline_is_a_promo_but_a_sentence_naming_an_address_is_not() -> None:
    from newsdesk.clean import clean_text

    text = (
        "The harbour council approved the new pier on Monday, its chair told reporters.\n\n"
        "Residents can send comments to pier@council.example until the end of May, she said.\n\n"
        "Have a tip? Sam Ortiz may be reached at sortiz@baytimes.example."
    )
    result = clean_text(text)
    assert "pier@council.example until the end of May" in result.text
    assert "Have a tip?" not in result.text
    assert [r.reason for r in result.removed if "Have a tip" in r.text] == ["promo"]
