"""A speaker whose name a Title Case headline glued its next words to ("Ana Petrova Tweets
…", "Ana Petrova Playing Dumb About …") speaks as the person the story knows, "Ana
Petrova". Text composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.views import story_understanding
from newsdesk.article import Annotations, Article, Mention, Quote


def _speaker(headline_name: str, said: str = "Ana Petrova") -> str | None:
    text = (
        f"{headline_name} A Ferry Map.\n\nAna Petrova, the harbour minister, spoke on Monday. "
        f"“The ferry will sail again,” {said} said."
    )
    quoted = "The ferry will sail again"
    start = text.index(quoted)
    found = Annotations(
        entities=[
            Mention(headline_name, "PERSON", 0, len(headline_name), headline_name),
            Mention("Ana Petrova", "PERSON", text.index("Ana Petrova,"),
                    text.index("Ana Petrova,") + 11, "Ana Petrova"),
        ],
        quotes=[Quote(quoted, start, start + len(quoted), speaker=headline_name, cue="said")],
    )  # fmt: skip
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    return story_understanding([article], {"a1": found}).quotes[0].speaker


@pytest.mark.parametrize("glued", ["Ana Petrova Tweets", "Ana Petrova Playing Dumb"])
def test_a_headline_glued_name_speaks_as_the_person(glued: str) -> None:
    assert _speaker(glued) == "Ana Petrova"


@pytest.mark.parametrize("whole", ["Ana Petrova Jr.", "Ana Petrova III"])
def test_a_generational_suffix_is_part_of_the_name(whole: str) -> None:
    assert _speaker(whole) == whole
