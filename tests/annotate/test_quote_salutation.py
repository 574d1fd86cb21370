"""A letter's salutation before a colon ("DEAR ABBY: …", an advice column's letters) names
who reads it, never who speaks (composed letters)."""

from __future__ import annotations

from newsdesk.annotate.nlp import load
from newsdesk.annotate.quotes import QuoteExtractor

LETTERS = (
    "Readers wrote to the Kell Courier's advice column this week about health and family.\n\n"
    'DEAR MARA QUINT: "My older sister has just been diagnosed with a serious illness. A '
    'vaccine might have protected her, had one been available to our generation."\n\n'
    'Mara Quint answered: "I am sorry to hear about your sister, and I hope your family gets '
    'the support it needs."'
)


def test_quote_salutation_names_no_speaker() -> None:
    quotes = QuoteExtractor().extract(load()(LETTERS))
    assert not [q for q in quotes if (q.speaker or "").casefold().startswith("dear")], quotes
    answer = [q for q in quotes if "I am sorry to hear" in q.text]
    assert answer and answer[0].speaker == "Mara Quint"
