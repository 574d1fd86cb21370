"""Quote speakers: golden articles (fictional) in ``tests/golden/quotes_speakers``, each
listing, by words of the quote, the speaker shown and the mention as written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.annotate.quotes import QuoteExtractor

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "quotes_speakers"
CASES = sorted(path.stem for path in GOLDEN.glob("*.txt"))


@pytest.fixture(scope="module")
def parse() -> Any:
    from newsdesk.annotate import nlp

    return nlp.load()


def test_quote_speakers_golden_cases_exist() -> None:
    assert {
        "passive_naming_speaker",
        "participle_after_relative",
        "deed_after_for",
        "preposition_subject",
        "title_before_name",
        "place_before_subject",
        "two_subjects",
        "naming_after_report",
        "comma_modifier",
        "two_subjects_lead",
        "participle_after_time_clause",
        "holder_of_thing",
        "according_to_person",
        "colon_lead_no_cue",
        "quoted_subject_aside",
        "pronoun_after_long_quote",
        "reported_clause_lead",
        "quoted_words_clause",
        "relative_who_mention",
        "later_report",
        "office_reporter",
        "elided_year",
        "lead_in_before_asked",
        "sentence_of_a_thing",
        "kin_comma_lead",
        "transcript_titled_label",
        "abbreviated_office",
        "office_antecedent",
        "name_then_place_colon",
        "namesake_title",
        "surname_read_as_noun",
        "question_tag_after_quote",
        "own_sentence_subject_speaks",
        "lead_in_subject_stays_in_paragraph",
        "lead_in_hung_on_quote",
    } <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_quote_speakers_golden(case: str, parse: Any) -> None:
    """Every quote holding the listed words is credited to the listed speaker, through the
    listed mention."""
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
    quotes = QuoteExtractor().extract(parse(text))
    for want in expected["speakers"]:
        found = [q for q in quotes if want["words"] in q.text]
        assert found, (want, quotes)
        for quote in found:
            assert quote.speaker == want["speaker"], (want, quote)
            assert quote.speaker_start is not None and quote.speaker_end is not None
            assert text[quote.speaker_start : quote.speaker_end] == want["speaker_text"], quote
