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


def test_key_quote_is_never_the_second_part_of_an_interrupted_quotation() -> None:
    """“We are thrilled about the tour,” Quint said, “as it is a celebration of …”: the part
    after the attribution opens in lower case and is no key quote on its own."""
    notes = StoryNotes(
        quotes=[
            StoryQuote(
                "Mara Quint",
                "as it is a celebration of the band's whole history and of every fan who stayed",
                "a1",
                "direct",
            ),
            StoryQuote(
                "Mara Quint",
                "We will play songs from our whole catalogue, and new ones",
                "a2",
                "direct",
            ),
        ]
    )
    quote = key_quote(notes)
    assert quote is not None and quote.text.startswith("We will play songs")


def test_key_quote_is_a_statement_before_a_question() -> None:
    """An interviewer's question ("What is it about the mayor that you feel close to?") is
    no story's key quote while anyone's statement is there; alone, it is still shown."""
    question = StoryQuote(
        "Gina Holt", "What is it about the mayor that you feel a personal connection to?", "a1",
        "direct",
    )  # fmt: skip
    answer = StoryQuote(
        "Mara Quint", "She stood by the harbour workers when nobody else did", "a1", "direct"
    )
    chosen = key_quote(StoryNotes(quotes=[question, question, answer]))
    assert chosen is not None and chosen.speaker == "Mara Quint"
    alone = key_quote(StoryNotes(quotes=[question]))
    assert alone is not None and alone.speaker == "Gina Holt"


def test_key_quote_is_not_one_the_summary_already_quotes() -> None:
    """A summary sentence that quotes a statement whole ('Quint resisted: “Harbour masters
    do not have the power to close the port.”') leaves the key quote to another one; the
    brief would print the same words twice."""
    said = "Harbour masters do not have the power to close the port on their own."
    other = "We will keep the ferries running for as long as the pier stands, whatever it costs."
    notes = StoryNotes(
        quotes=[
            StoryQuote("Mara Quint", said, "a1", "direct"),
            StoryQuote("Mara Quint", said, "a2", "direct"),
            StoryQuote("Ivo Ross", other, "a1", "direct"),
        ]
    )
    first = key_quote(notes)
    assert first is not None and first.text == said  # carried by two reports
    told = [f"Quint resisted: “{said}”"]
    chosen = key_quote(notes, told)
    assert chosen is not None and chosen.text == other


def test_key_quote_in_a_sentence_s_case_before_a_headline_s_title_case() -> None:
    """A quotation a headline set in Title Case ("We Are Going To Keep The Ferries Running
    All Winter") is the story's key quote only when no other is there, however many
    reports carry it; names in a sentence's case ("Mara Quint and Ivo Ross of the Port
    Selva Board") are no Title Case."""
    headline = StoryQuote(
        "Mara Quint", "We Are Going To Keep The Ferries Running All Winter", "a1", "direct"
    )
    said = StoryQuote(
        "Mara Quint", "We will keep the ferries running all winter, whatever the board decides",
        "a2", "direct",
    )  # fmt: skip
    named = StoryQuote(
        "Ivo Ross", "I met Mara Quint and Ivo Ross of the Port Selva Board on Friday", "a3",
        "direct",
    )  # fmt: skip
    chosen = key_quote(StoryNotes(quotes=[headline, headline, said]))
    assert chosen is not None and chosen.text.startswith("We will keep")
    alone = key_quote(StoryNotes(quotes=[headline]))
    assert alone is not None and alone.text.startswith("We Are Going")
    names = key_quote(StoryNotes(quotes=[named, named, said]))
    assert names is not None and names.speaker == "Ivo Ross"  # carried by two reports


def test_key_quote_in_the_summary_language_first() -> None:
    """Under a summary written from English reports, a quote from the Korean reports is
    shown only when no English one will do, however many reports carry it."""
    korean = StoryQuote(
        "Kim Min-su", "양국 관계는 새로운 시대에 들어섰으며 대화는 계속될 것이다 라고 본다", "k1",
        "direct",
    )  # fmt: skip
    english = StoryQuote(
        "Mara Quint", "Both sides said the talks would go on through the winter", "a1", "direct"
    )
    notes = StoryNotes(
        quotes=[korean, StoryQuote(korean.speaker, korean.text, "k2", "direct"), english]
    )
    chosen = key_quote(notes, readable={"a1", "a2"})
    assert chosen is not None and chosen.speaker == "Mara Quint"
    alone = key_quote(StoryNotes(quotes=[korean]), readable={"a1"})
    assert alone is not None and alone.speaker == "Kim Min-su"
    assert key_quote(notes) is not None and key_quote(notes).speaker == "Kim Min-su"  # type: ignore[union-attr]
