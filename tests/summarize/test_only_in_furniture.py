"""A single-source fact is news one outlet gives, never its page furniture: stamps
("8 : 13 AM PDT 3 / 9 / 2026", "First Published : …") and photo credits stay out of
``only_in`` (tests/golden/reader/only_in_furniture.json, composed)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.article import Article
from newsdesk.summarize import compare_story
from newsdesk.summarize.furniture import furniture, stamp_only

READER = Path(__file__).resolve().parents[1] / "golden" / "reader"
GOLDEN = READER / "only_in_furniture.json"
T0 = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)


def _only_in_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    articles = [
        Article(source=a["id"], format="text", raw=a["text"], text=a["text"], id=a["id"],
                outlet=a["outlet"], published=T0 + timedelta(hours=n))
        for n, a in enumerate(case["articles"])
    ]  # fmt: skip
    only_in, _ = compare_story(articles, {})
    facts = " || ".join(f for entry in only_in for f in entry.facts)
    for wanted in case["only_in_must_include"]:
        assert wanted in facts
    for unwanted in case["only_in_must_not_include"]:
        assert unwanted not in facts


def test_only_in_furniture_golden_stamps_and_credits_are_no_facts() -> None:
    _only_in_case(GOLDEN)


def test_only_in_headings_and_product_lines_are_no_facts() -> None:
    _only_in_case(READER / "only_in_headings.json")


def test_only_in_furniture_stamp_only_lines() -> None:
    assert stamp_only("8 : 13 AM PDT 8 / 2 / 2013")
    assert stamp_only("First Published : June 13 , 2013 4 : 59 PM EDT")
    assert stamp_only("Updated Tuesday 3rd March 2026 09:14 GMT")
    assert not stamp_only("The vote on June 13 , 2013 passed 88 to 71 .")
    assert not stamp_only("Monday")  # no number: not a stamp
    assert furniture("11 / 30 / 09 05 : 40 PM ET")
    assert not furniture("Repairs would cost about 4.2 million dollars and take eleven weeks.")


def test_only_in_furniture_a_caption_placing_people_left_and_right() -> None:
    assert furniture(
        "Harbour minister Ilse Brant (right), looks on as port director Jonas Berg (left), "
        "addresses a meeting of the ferry board."
    )
    assert furniture("Mayor Ana Ruiz (second from left) cuts the ribbon at the new quay.")
    assert not furniture("The council voted 7-2 to keep the right lane closed until June.")


def test_only_in_furniture_a_digests_item_retelling_another_outlets_report() -> None:
    """A newsletter's digest retells other outlets' reports, each item ending in its source
    in brackets or opening with a run-in heading in capitals: the outlet's own news is not
    there."""
    assert furniture(
        "As the vote nears, the mayor said the ferry plan is in trouble. [Harbour Post.]"
    )
    assert furniture(
        "-Two pollsters offer tips to improve the accuracy of ferry polls. [Coast Wire]"
    )
    assert furniture("FERRY FARES SET TO RISE The board said on Monday that fares would rise.")
    assert furniture("HARBOUR CLOSED FOR REPAIRS - Ana Ruiz: “The pier has to be rebuilt.”")
    assert not furniture("The FBI and the NSA said on Monday that the harbour was safe.")
    assert not furniture("NEW YORK (AP) — The ferry sank on Monday.")
    assert not furniture("He wrote that the plan was sound [sic].")
    assert not furniture("JOEL RUIZ: We checked the pumps twice before the ferry sailed.")


def test_only_in_furniture_a_text_in_capitals_is_not_a_digest() -> None:
    """Wire copy set all in capitals, and a lead whose first words are in capitals, are news."""
    assert not furniture("POLICE HAVE ARRESTED TWO MEN FROM THE HARBOUR COMMUNITY OF SELVA .")
    assert not furniture("THREE PEOPLE HAVE DIED IN A BLAZE that broke out at a bank on Monday.")


def test_an_editors_note_or_a_credit_line_is_furniture() -> None:
    """A note on how the text was edited ("Questions and answers have been edited for length
    and clarity.") or who made it ("(Reporting by …; Editing by …)") says nothing that
    happened: no summary sentence, no single-source fact. A sentence that reports an edit as
    news stays news."""
    for note in (
        "(Reporting by Ana Ruiz in Port Selva; Editing by Jonas Berg.)",
        "Story by Ilse Brant Video produced by Marta OlsenCinematography by Jonas Berg.",
        "--additional reporting by Marta Olsen.",
        "Questions and answers have been edited for length and clarity.",
        "This interview has been condensed and edited.",
        "The conversation was lightly edited for clarity.",
        "This transcript has been edited.",
    ):
        assert furniture(note), note
    for news in (
        "The bill has been edited by three committees since March.",
        "Her remarks were edited out of the broadcast, the network said.",
        "The senator said the report had been edited for political reasons.",
        "The harbour video was edited, the ferry operator said.",
        "Reporting by the Harbour Times led to the inquiry, the minister said.",
    ):
        assert not furniture(news), news


def test_only_in_furniture_a_pointer_into_the_page_s_video_or_below() -> None:
    assert furniture("(The mayor's remarks start around the 3:40 mark.)")
    assert furniture("The debate begins at the 12:05 mark.")
    assert furniture("(See the council's full statement below.)")
    assert not furniture("The referee stopped the fight at the 2:15 mark of the third round.")
    assert not furniture("See you in court, the mayor told the harbour board on Friday.")


def test_only_in_furniture_a_sentence_carrying_a_link_or_an_embedded_post() -> None:
    assert furniture("Like never before.@harbourchief sits down with @mayor https://t.co/x1Y2z")
    assert furniture("Crowd at the quay cheers the ferry in. pic.twitter.com/Ab12Cd34")
    assert furniture("View the full results: http://example.com/results.")
    assert not furniture("The harbour board's website listed 14 sailings for Friday.")
    assert not furniture("Tickets are sold at selvaferries.com and at the quay.")
