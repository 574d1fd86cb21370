"""Patterns run on untrusted text stay linear: the linear forms give what the patterns gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.annotate.entities import _TRAILING_POSSESSIVE
from newsdesk.summarize.compare import capitalised
from newsdesk.summarize.text import _QUOTED, outlet_voice, unquoted

_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")  # the pattern capitalised() replaces
ALPHABET = st.text(alphabet="Aaé1_-'’ .“”\"wXe\n", max_size=40)


@settings(max_examples=3000, deadline=None)
@given(ALPHABET)
def test_compare_capitalised_finds_what_the_pattern_found(text: str) -> None:
    assert capitalised(text) == _NAME.findall(text)


@settings(max_examples=3000, deadline=None)
@given(ALPHABET)
def test_text_unquoted_removes_what_the_pattern_removed(text: str) -> None:
    assert unquoted(text) == _QUOTED.sub("", text)


def test_linear_patterns_hostile_runs_are_quick() -> None:
    """Each of these took minutes at 80,000 characters (quadratic); now one pass."""
    hyphens = "A-" * 100_000 + "!"
    assert capitalised(hyphens) == []
    assert capitalised("The Port-Selva strike, said Ana O’Neill-Reyes") == [
        "The",
        "Port-Selva",
        "Ana",
        "O’Neill-Reyes",
    ]
    marks = "“we" * 100_000
    assert unquoted(marks) == marks and outlet_voice(marks)
    assert not outlet_voice("“We are here,” the mayor said.")
    spaces = " " * 200_000 + "x"
    assert _TRAILING_POSSESSIVE.sub("", spaces) == spaces


def test_linear_patterns_the_page_pointing_at_itself_is_the_outlets_voice() -> None:
    assert outlet_voice("All that and more is below in the latest Harbour Deals round-up.")
    assert outlet_voice("The falls in the stock market described above worried traders.")
    assert not outlet_voice("Temperatures rose above 30 degrees in Port Selva on Monday.")
    assert not outlet_voice("The river stayed below its flood mark, the harbour master said.")
