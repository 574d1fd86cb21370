"""The brief's key quote reads as one line: a quotation that runs over two paragraphs (its
first left open, the next reopened with a mark, as news writes it) keeps no line break
and no reopening mark (composed quote)."""

from __future__ import annotations

from newsdesk.annotate.views import StoryNotes, StoryQuote
from newsdesk.publish.readings import key_quote


def test_key_quote_over_two_paragraphs_is_one_line() -> None:
    text = (
        "These protesters are breaking the law, and they know it. They will face the courts."
        "\n“Other than leaving the campus peacefully, I see no option for them."
    )
    notes = StoryNotes(quotes=[StoryQuote("Mara Quint", text, "a1", "direct")])
    quote = key_quote(notes)
    assert quote is not None
    assert quote.text == (
        "These protesters are breaking the law, and they know it. They will face the courts. "
        "Other than leaving the campus peacefully, I see no option for them."
    )
    assert quote.speaker == "Mara Quint"
