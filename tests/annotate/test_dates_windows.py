"""Dates read the words before a candidate in a bounded window and skip passes that cannot
match (issue 18): the same expressions and values as searching the whole text every time."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsdesk.annotate import dates
from newsdesk.annotate.date_spans import ZONE_CLOCK
from newsdesk.annotate.dates import DateNormalizer

# (pattern, the most non-space characters one of its matches holds)
ANCHORED = (
    (dates._UNTIL, 11),
    (dates._SINCE, 5),
    (dates._AHEAD, 20),
    (dates._FORECAST_THEN, 24),
    (dates._NEAREST_BEFORE, dates._NEAREST_SOLID),
    (dates._YEAR_END_BEFORE, 7),
    (dates._DECADE_BEFORE, 11),
)
FILLER = "The council met again and the members argued over the budget for the harbour. "
PIECES = (
    "The shop stays closed until Friday. ",
    "Prices have risen since Monday. ",
    "The dividend is payable Dec. 15 to holders of record on Nov. 30. ",
    "The plan is due by year end. ",
    "It opened on the 9th and ended the day at 7,114. ",
    "Talks resumed at 16:08 UTC in the '70s and 80s hall. ",
    "They were given until  \n\n   next \t Tuesday to sign. ",
    "The offer runs through" + " " * 260 + "March 3. ",
    "Shares are payable, as of\n" + "\n" * 240 + "June 2. ",
    "The gallery, shut since" + "\u00a0" * 230 + "Sunday, reopens in the 1990s. ",
    "Ahead of their Monday vote, the members are divided. ",
    "Growth will slow, less than forecasted in  early July. ",
)


def _reference(pattern: re.Pattern[str], solid: int, text: str, end: int) -> bool:
    return pattern.search(text, 0, end) is not None


def _texts() -> list[str]:
    short = "".join(PIECES[:3])
    long = "".join(FILLER * 4 + piece for piece in PIECES)
    return [short, long, " " * 300 + "until ", "by " + " " * 500, "since" + "\t" * 400]


@pytest.mark.parametrize("text", _texts(), ids=["short", "long", "spaces", "by", "tabs"])
def test_dates_window_same_as_searching_from_the_start(text: str) -> None:
    for pattern, solid in ANCHORED:
        for end in range(len(text) + 1):
            want = _reference(pattern, solid, text, end)
            assert dates.ends_with(pattern, solid, text, end) == want, (pattern.pattern, end)


def test_dates_window_bounds_hold_every_match() -> None:
    # the bounds the window relies on: no match holds more non-space characters
    words = "\n".join(
        (
            "through next",
            "towards",
            "effective date, as of",
            "'70s through",
            "in the lead-up to their",
            "than forecasted in early",
        )
    )
    for pattern, solid in ANCHORED:
        for end in range(len(words) + 1):
            for start in range(end):
                if pattern.fullmatch(words, start, end):
                    assert len("".join(words[start:end].split())) <= solid


def test_dates_skipped_passes_need_their_words() -> None:
    # a pass is skipped only where the text lacks what every one of its matches holds
    text = "".join(PIECES) + (
        "For the day, late in the day, the close of the day, 0800 GMT. Sales in the fiscal "
        "Second-Quarter and by Year-End, EVERY summer, in the second and fourth quarters of "
        "1990 and the first and second halves. "
    )
    gates = (
        (dates._ON_ORDINAL_DAY, lambda said: dates._THE_ORDINAL.search(said)),
        (dates._ORDINAL_QUARTER, lambda said: dates._QUARTER_WORD.search(said)),
        (dates._YEAR_END, lambda said: dates._YEAR_END_WORDS.search(said)),
        (dates._EACH_SEASON, lambda said: dates._EACH_WORD.search(said)),
        (dates._ORDINAL_LIST, lambda said: dates._LIST_UNIT.search(said)),
        (ZONE_CLOCK, lambda said: "UTC" in said or "GMT" in said),
        (dates._DAY_OF_TRADING, lambda said: "the day" in said),
    )
    for pattern, gate in gates:
        found = list(pattern.finditer(text))
        assert found, pattern.pattern
        assert all(gate(m[0]) for m in found)
        assert list(dates.gated(pattern, re.compile("$^"), text)) == []


@pytest.fixture(scope="module")
def normalizer() -> DateNormalizer:
    from newsdesk.annotate.nlp import load

    return DateNormalizer(nlp=load())


@pytest.mark.parametrize("published", [date(2026, 1, 13), None])
def test_dates_find_same_as_whole_text_search(
    normalizer: DateNormalizer, published: date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in _texts()[:2]:  # short, and long (candidates past the window)
        doc = normalizer.nlp(text)
        windowed = normalizer.find(doc, published=published)
        with monkeypatch.context() as patched:
            patched.setattr(dates, "ends_with", _reference)
            whole = normalizer.find(doc, published=published)
        assert len(windowed) >= 4  # several candidates, far into the long text too
        assert windowed == whole
