"""A full name a text introduces as a relative of the one its surname alone names ("Harmon's
father, former Governor Peter J. Harmon") is never that bare surname's in the story either:
the key quote of "“…,” Harmon said" is Harmon's, not the father's. Text composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.views import story_understanding
from newsdesk.article import Annotations, Article, Mention, Quote


def _speaker(introduction: str, full: str) -> str | None:
    text = (
        "Governor Harmon lifted the ban on harbour dredging on Monday. "
        "“This is the step the port has waited for,” Harmon said. "
        f"{introduction}{full}, signed the first ban in 1990."
    )
    quoted = "This is the step the port has waited for"
    start, said = text.index(quoted), text.index("Harmon said")
    at = text.index(full)
    found = Annotations(
        entities=[
            Mention("Harmon", "PERSON", 9, 15, "Harmon"),
            Mention("Harmon", "PERSON", said, said + 6, "Harmon"),
            Mention(full, "PERSON", at, at + len(full), full),
        ],
        quotes=[Quote(quoted, start, start + len(quoted), speaker="Harmon", cue="said")],
    )
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    return story_understanding([article], {"a1": found}).quotes[0].speaker


@pytest.mark.parametrize("introduction", ["Harmon's father, former Governor ", "Harmon’s father "])
def test_a_relative_introduced_by_the_surname_never_speaks_for_it(introduction: str) -> None:
    assert _speaker(introduction, "Peter J. Harmon") == "Harmon"


def test_a_full_name_introduced_otherwise_still_takes_the_surname() -> None:
    assert _speaker("The harbour's chief, Governor ", "Peter J. Harmon") == "Peter J. Harmon"
