"""Features of one article: words, entities and the years they name (no model)."""

from __future__ import annotations

from newsdesk.cluster.features import entity_terms, word_terms, years_of


def test_features_years_of_takes_years_from_entity_numbers() -> None:
    entities = entity_terms(
        "The flood of 2013 was worse than in 1998, when 1500 homes and 45 roads went."
    )
    assert years_of(entities) == ("1998", "2013")


def test_features_years_of_is_empty_without_years() -> None:
    assert years_of(entity_terms("Forty homes were lost near Dhaka on Monday.")) == ()
    assert years_of({"#2500": 1.0, "#12": 1.0, "dhaka": 1.0}) == ()


def test_features_word_terms_leave_out_stop_words_and_numbers() -> None:
    terms = word_terms("The storm hit the harbour in 2013 and the storm passed.")
    assert "storm" in terms and terms["storm"] > terms["harbour"]
    assert "the" not in terms and not any(t[0].isdigit() for t in terms)
