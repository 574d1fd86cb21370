"""A quotation its attribution splits in two is one quote on the story's page and in
`newsdesk story`: its lowercase second part is no quote of its own. Text composed."""

from __future__ import annotations

from newsdesk.annotate.views import story_understanding
from newsdesk.article import Annotations, Article, Mention, Quote

FIRST = "The rules for the harbour fund already went far beyond the law"
SECOND = "and yet the fund agreed to stricter ones when the mayor ran again."
TEXT = f"“{FIRST},” Ana Petrova said, “{SECOND}” The vote is on Friday. “{SECOND}”"


def _quote(text: str, nth: int = 0, speaker: str | None = "Ana Petrova") -> Quote:
    start = TEXT.index(text) if nth == 0 else TEXT.rindex(text)
    return Quote(text, start, start + len(text), speaker=speaker, cue="said")


def _notes(*quotes: Quote) -> list[str]:
    found = Annotations(
        entities=[Mention("Ana Petrova", "PERSON", TEXT.index("Ana"), TEXT.index("Ana") + 11,
                          "Ana Petrova")],
        quotes=list(quotes),
    )  # fmt: skip
    article = Article(source="t", format="text", raw=TEXT, text=TEXT, id="a1")
    return [q.text for q in story_understanding([article], {"a1": found}).quotes]


def test_split_quotation_reads_as_one_quote() -> None:
    assert _notes(_quote(FIRST), _quote(SECOND)) == [f"{FIRST} … {SECOND}"]


def test_quotes_a_sentence_apart_stay_two() -> None:
    """A lowercase quote after a full stop is a quote of its own, not the other's tail."""
    first, later = _quote(FIRST), _quote(SECOND, nth=1)
    assert _notes(first, later) == [FIRST, SECOND]


def test_parts_with_different_speakers_stay_two() -> None:
    assert _notes(_quote(FIRST), _quote(SECOND, speaker="Ivo Ross")) == [FIRST, SECOND]
