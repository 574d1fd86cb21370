"""A headline's words run into a name: on a title-case line spaCy's span takes in the
headline's verbs, prepositions and common words ("Endorsed Kessler", "Kessler To Voters
Worried", "Will Chirpster Be Next"), a debris name that leaves the surname two people to
choose from. The name is the one inside it that the article writes alone. Texts composed."""

from __future__ import annotations

import pytest

from newsdesk.annotate.entities import EntityRecognizer


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


ENDORSED = (
    "Right After This Senator Endorsed Kessler, The Party Did Something Strange\n\n"
    "Alabama Sen. Rob Tallis campaigned with Dana Kessler on Sunday. Kessler thanked him, "
    "and Kessler said the party would come around. The endorsement was a surprise."
)
TO_VOTERS = (
    "Kessler To Voters Worried About Turnout: Stay Calm\n\n"
    "Governor Dana Kessler sought on Wednesday to calm voters who fear a low turnout. "
    "Kessler told a town hall that the count was sound. Kessler spoke for an hour."
)
BE_NEXT = (
    "As Its Rivals Merge, Will Chirpster Be Next?\n\n"
    "In the push toward consolidation, Chirpster, the messaging site, could be next. "
    "Chirpster needs a suitor, analysts said. Chirpster shares rose."
)


@pytest.mark.parametrize(
    ("text", "written", "canonical"),
    [
        (ENDORSED, "Kessler", "Dana Kessler"),  # a verb's form in -ed before the name
        (TO_VOTERS, "Kessler", "Dana Kessler"),  # a body's span run on into "To"
        (BE_NEXT, "Chirpster", "Chirpster"),  # a modal, a bare verb, a word in lower case
    ],
)
def test_names_headline_part_is_the_name(
    recognizer: EntityRecognizer, text: str, written: str, canonical: str
) -> None:
    headline = text.split("\n")[0]
    found = recognizer.annotate(text)
    first = [m for m in found.mentions if m.end <= len(headline)]
    assert [(m.text, m.canonical) for m in first] == [(written, canonical)], first
    surnames = {m.canonical for m in found.mentions if m.text == written}
    assert surnames == {canonical}, surnames  # the bare surname joins the one full name


def test_names_headline_full_name_kept(recognizer: EntityRecognizer) -> None:
    """A full name in a headline whose given name the article writes in a name keeps it."""
    text = (
        "Mara Quint Rallies Miners In Ostrava\n\n"
        "Former senator Mara Quint spoke to miners on Monday. Quint said the mine would stay."
    )
    names = {(m.text, m.canonical) for m in recognizer.annotate(text).mentions}
    assert ("Mara Quint", "Mara Quint") in names and ("Quint", "Mara Quint") in names, names
