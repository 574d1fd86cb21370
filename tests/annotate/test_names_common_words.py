"""A common word capitalised only at a sentence's, a line's or a quotation's start, and
written in lower case elsewhere in the text, names no one; a surname that starts a sentence
stays its person's. Texts composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.name_found import _only_at_starts


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def test_names_common_words_at_sentence_starts_name_no_one(recognizer: EntityRecognizer) -> None:
    text = (
        "The owner bought three coal mines last spring.\n\n"
        '"Coal isn\'t the enemy," he told a town meeting. Miners said coal prices had fallen. '
        "Turnout at the meeting was high, and turnout at the last one had been low."
    )
    found = recognizer.annotate(text)
    assert not {m.text for m in found.mentions} & {"Coal", "Turnout"}, found.mentions


def test_names_common_words_keep_a_surname_of_a_full_name(recognizer: EntityRecognizer) -> None:
    """ "Young" of "Tom Young" starts a sentence and "young" is written in lower case: the
    full name holds it, so it stays his."""
    text = (
        "Tom Young served two tours overseas before he came home to the valley.\n\n"
        "Young died at a clinic last month. Friends said young veterans wait weeks for care."
    )
    found = recognizer.annotate(text)
    assert ("Young", "Tom Young") in {(m.text, m.canonical) for m in found.mentions}


def test_names_common_words_keep_a_name_capitalised_inside_a_sentence(
    recognizer: EntityRecognizer,
) -> None:
    """A word the text also capitalises inside a sentence is a name there and at a start
    ("Apple said …", "shares of Apple", beside "an apple a day")."""
    text = (
        "Apple said on Monday that sales rose. Shares of Apple gained 3 percent. "
        "An apple a day keeps analysts away, one trader joked."
    )
    found = recognizer.annotate(text)
    assert "Apple" in {m.text for m in found.mentions}


def test_names_common_words_a_possessive_inside_a_sentence_counts() -> None:
    """ "the Court's decision" capitalises the word inside a sentence, possessive and all:
    the text names a body there, so "Court" starting a sentence is no common word."""
    text = "Court officials met. We welcome the Court's decision, and the court agreed."
    assert not _only_at_starts(text, "Court", [])
    assert _only_at_starts("Court officials met, and the court agreed.", "Court", [])


def test_names_common_words_a_known_place_stays_a_name(recognizer: EntityRecognizer) -> None:
    """A known place is a name however the text writes it: a scoreboard's "pakistan" in
    lower case does not make "Pakistan" a common word."""
    text = "Pakistan won the toss. Scores: england 212 , pakistan 213 for 4 ."
    found = recognizer.annotate(text)
    assert "Pakistan" in {m.text for m in found.mentions}


def test_names_the_first_word_of_a_days_name_names_no_place(recognizer: EntityRecognizer) -> None:
    """ "Super" of "Super Tuesday" (spaCy: a place, then a date) is part of a day's name
    wherever the text writes it; a name also written alone keeps a weekday after it ("Olsen
    Tuesday won …" beside "Olsen said …")."""
    text = (
        "Senator Maria Olsen won seven states on Super Tuesday, and her rival swept the coast. "
        "Super Tuesday results reshaped the race for the harbour board."
    )
    assert "Super" not in {m.text for m in recognizer.annotate(text).mentions}
    text = (
        "Senator Maria Olsen spoke to the board. Olsen Tuesday won the vote in the harbour "
        "town of Kell. Olsen said the count was close."
    )
    kept = {(m.text, m.start) for m in recognizer.annotate(text).mentions}
    assert ("Olsen", text.index("Olsen Tuesday")) in kept
