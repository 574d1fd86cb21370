"""A quoted question or exclamation and who said it are one sentence: split after the mark,
"Mr. Voss asked, repeating …" would stand as a sentence, and open a summary."""

from __future__ import annotations

import pytest

from newsdesk.summarize.text import split_sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "“Who pays for the ferry?” Mr. Voss asked, repeating the charge he made in March.",
        '"Is the harbour safe?" Sen. Ana Ruiz of Selva asked reporters on Monday.',
        "“We will rebuild the pier!” Mayor Lena Corran said to cheers.",
        "“Why now?” The harbour master wondered aloud.",
    ],
)
def test_a_quoted_question_stays_with_its_attribution(sentence: str) -> None:
    text = f"The council met on Monday. {sentence} The vote was delayed."
    assert [s.text for s in split_sentences(text)] == [
        "The council met on Monday.",
        sentence,
        "The vote was delayed.",
    ]


def test_a_quoted_question_before_a_new_sentence_still_ends() -> None:
    text = "“Why not?” The council met on Monday and voted to close the pier."
    assert [s.text for s in split_sentences(text)] == [
        "“Why not?”",
        "The council met on Monday and voted to close the pier.",
    ]
