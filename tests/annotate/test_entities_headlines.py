"""Headline words glued to names: a title-case headline's verb of saying or reporting
("Warns", "Says", "Tells") or common noun ("Economy") is never part of a name, a story's
entity or a speaker the brief shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.annotate import views
from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import headline_verbs, without_headline_verb
from newsdesk.article import Annotations, Article, Mention, Quote

GOLDEN = Path(__file__).parent.parent / "golden"


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


def _glued(name: str) -> bool:
    return any(w.casefold() in headline_verbs() for w in name.split()[1:])


def test_entities_headline_verb_cut_from_names(recognizer: EntityRecognizer) -> None:
    text = "Kessler Vows To Fight Ruling\n\nJudge Anna Kessler said she would appeal."
    found = recognizer.annotate(text)
    names = [m.text for m in found.mentions]
    assert "Kessler" in names and not any(_glued(n) for n in names), names
    assert all(e.name != "Kessler Vows" for e in found.entities)


def test_entities_headline_verb_kept_in_prose(recognizer: EntityRecognizer) -> None:
    """Outside a title-case line nothing is cut: a sentence's names stay as found."""
    text = "Edward Said wrote the book. Critics of Edward Said still read it in Jerusalem."
    names = {m.text for m in recognizer.annotate(text).mentions}
    assert "Edward Said" in names, names


def test_entities_headline_speaker_shown_in_full(recognizer: EntityRecognizer) -> None:
    """The brief's speaker of a quote under "Mayor Whitfield Warns …" is the mayor by her
    full name, through the same annotate and story stages the desk runs."""
    from newsdesk.annotate.annotator import Annotator

    text = (GOLDEN / "quotes" / "headline_speaker.txt").read_text(encoding="utf-8")
    read = next(Annotator().annotate_texts([text], [None]))
    assert not any(_glued(m.text) for m in read.entities)
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    notes = views.story_understanding([article], {"a1": read})
    speakers = {q.speaker for q in notes.quotes if q.text.startswith("We will have to cut")}
    assert speakers == {"Dana Whitfield"}, speakers
    assert not any(e.name == "Whitfield Warns" for e in notes.entities)


def test_views_stored_headline_mention_never_a_speaker() -> None:
    """Annotations stored before the cut ("Obama Says" as a PERSON) still show the person."""
    read = Annotations(
        entities=[
            Mention("Obama Says", "PERSON", 0, 10, "Obama Says"),
            Mention("Barack Obama", "PERSON", 40, 52, "Barack Obama"),
        ],
        quotes=[Quote("We are moving forward", 60, 81, speaker="Obama Says", kind="direct")],
    )
    article = Article(source="t", format="text", raw="", text="", id="a1")
    notes = views.story_understanding([article], {"a1": read})
    assert [q.speaker for q in notes.quotes] == ["Barack Obama"]


def test_names_without_headline_verb() -> None:
    assert without_headline_verb("Obama Says") == "Obama"
    assert without_headline_verb("Merkel Tells Parliament") == "Merkel"
    assert without_headline_verb("Edward Said") == "Edward Said"
    assert without_headline_verb("Says") == "Says"
    assert without_headline_verb("Anna warns") == "Anna warns"


def test_entities_title_only_people_hold_makes_a_person(recognizer: EntityRecognizer) -> None:
    text = (GOLDEN / "entities" / "titled_person.txt").read_text(encoding="utf-8")
    kinds = {m.text: m.type for m in recognizer.annotate(text).mentions}
    assert kinds.get("Sandy Angers") == "PERSON", kinds
    assert kinds.get("Brightwell Holdings") == "ORG", kinds


def test_entities_plural_headline_verb_never_leads_a_name(recognizer: EntityRecognizer) -> None:
    """ "Senators Rip Daniel Marsh As …": the verb a plural subject takes is no part of the
    name after it, and the quote's speaker is the governor by his full name."""
    from newsdesk.annotate.annotator import Annotator

    text = (GOLDEN / "quotes" / "headline_plural_verb.txt").read_text(encoding="utf-8")
    names = {m.text for m in recognizer.annotate(text).mentions}
    assert not any(n.startswith("Rip ") for n in names), names
    read = next(Annotator().annotate_texts([text], [None]))
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    notes = views.story_understanding([article], {"a1": read})
    speakers = {q.speaker for q in notes.quotes if q.text.startswith("I started this plan")}
    assert speakers == {"Daniel Marsh"}, speakers


def test_entities_plural_headline_verb_ends_a_name(recognizer: EntityRecognizer) -> None:
    text = "Port Workers Slam Dana Whitfield Over Crane Plan\n\nThe mayor said the plan stays."
    names = {m.text for m in recognizer.annotate(text).mentions}
    assert not any(n.split()[-1] == "Slam" for n in names), names
