"""Lines a text prints that are not its outlet's telling: the headline set as a paragraph of
its own, and the lines of a transcript or interview, each opening with its speaker's label.
Neither is a summary sentence nor a fact only one outlet reports."""

from __future__ import annotations

from helpers.harbour import LEDGER, WIRE
from helpers.harbour import article as _article
from newsdesk.summarize import compare_story, summarize_story
from newsdesk.summarize.extractive import SummaryConfig
from newsdesk.summarize.text import split_sentences

WIDE = SummaryConfig(target_words=400, max_words=500)


def test_summary_leaves_out_a_members_headline_printed_as_its_first_paragraph() -> None:
    """A sentence-case headline a text prints as its first paragraph (its title, whole) is
    the member's headline, not its first news sentence, under another member's headline
    ("Blistering attacks upend Trump's pivot to statesman mode. [2]"); so is each sentence
    of a headline of two ("One Sentence From Trump Just Set Off A Firestorm. [1]")."""
    headline = "Ferry operator says ballast pumps were fine before the capsizing"
    text = f"{headline}.\n\n{LEDGER}"
    ledger = _article("ledger", "The Harbour Ledger", text, title=headline, hours=3)
    wire = _article("wire", "Northgate Wire", WIRE, title="Ferry capsizes off Port Selva")
    story = [wire, ledger]
    summary = summarize_story(story, {}, config=WIDE, headline=wire.title)
    assert summary and any("ballast pumps were failing" in s.text for s in summary)
    assert all(not s.text.startswith("Ferry operator says") for s in summary)
    facts = [f for o in compare_story(story, {})[0] for f in o.facts]
    assert facts and all(not f.startswith("Ferry operator says") for f in facts)

    twice = "Ferry Sinks Off Port Selva. The Operator's Answer Surprised Everyone"
    ledger = _article("ledger", "The Harbour Ledger", f"{twice}.\n\n{LEDGER}", title=twice, hours=3)
    summary = summarize_story([wire, ledger], {}, config=WIDE, headline=wire.title)
    assert summary and all("Surprise" not in s.text and "Sinks" not in s.text for s in summary)

    decked = f"{headline};\nHarbour master blames the pumps.\n\n{LEDGER}"  # the deck's ";"
    ledger = _article("ledger", "The Harbour Ledger", decked, title=headline, hours=3)
    summary = summarize_story([wire, ledger], {}, config=WIDE, headline=wire.title)
    assert summary and all(
        not s.text.startswith(("Ferry operator", "Harbour master")) for s in summary
    )


def test_summary_keeps_a_first_paragraph_that_is_no_headline() -> None:
    """A first paragraph that is not the title (the title cut from a longer lead) is news."""
    title = "A passenger ferry capsized in heavy swell outside the harbour of Port Selva…"
    wire = _article("wire", "Northgate Wire", f"{WIRE}\n\nThe port stays shut.", title=title)
    summary = summarize_story([wire], {}, config=WIDE, headline="Ferry capsizes")
    assert summary[0].text.startswith("A passenger ferry capsized")


INTERVIEW = (
    "The harbour master sat down this week to talk about the ferry disaster.\n\n"
    "Q: What went wrong on the night the ferry sank?\n\n"
    "A: The pumps failed, I think. Nobody in this office ever saw a report that said the "
    "pumps were failing before the ferry sailed.\n\n"
    "QWhat happens to the operator now?\n\n"
    "A: The inquiry will decide that next month, and we will accept whatever it finds."
)
TRANSCRIPT = (
    "Video transcript:\n\n"
    "The harbour board says it will not hold a second hearing on the ferry disaster.\n\n"
    "MARTA RUIZ: Why not hold one?\n\n"
    "IVO BERG: The operator has answered every question the board put to it. Let the "
    "inquiry decide what happened at sea.\n\n"
    "RUIZ: The families were promised a second hearing by the board in January.\n\n"
    "BERG: The board never promised the families anything of the kind."
)


def test_summary_leaves_out_the_lines_of_an_interview_or_a_transcript() -> None:
    """Each line of a transcript opens with its speaker's label ("BENENSON: Senator Sanders
    doesn't get to decide …", "A: I think American women were shocked …", a question's
    "Q" printed against its first word): every sentence of such a line is the speaker's
    words, not the outlet's telling, so it is neither a summary sentence nor an Only-in
    fact; the outlet's own lines around them stay."""
    for text, own in ((INTERVIEW, "The harbour master sat"), (TRANSCRIPT, "The harbour board")):
        talk = _article("talk", "Harbour Radio", text, title="Harbour master on the ferry", hours=2)
        wire = _article("wire", "Northgate Wire", WIRE, title="Ferry capsizes off Port Selva")
        summary = summarize_story([wire, talk], {}, config=WIDE, headline=wire.title)
        texts = [s.text for s in summary]
        assert any(t.startswith(own) for t in texts), texts
        for line in ("Q:", "A:", "QWhat", "Nobody in this office", "RUIZ", "BERG", "Let the"):
            assert all(not t.startswith(line) for t in texts), texts
        facts = [f for o in compare_story([wire, talk], {})[0] for f in o.facts]
        spoken = ("A:", "Nobody", "IVO", "RUIZ", "BERG", "Let the", "The families")
        assert all(not f.startswith(spoken) for f in facts), facts


def test_summary_keeps_a_single_labelled_line_that_is_no_dialogue() -> None:
    """One label in a text is a kicker ("UPDATE: The auction site has removed the listing."),
    not a transcript: the line stays news."""
    text = f"{WIRE}\n\nUPDATE: The coast guard has raised the death toll to 15 on Tuesday."
    wire = _article("wire", "Northgate Wire", text, title="Ferry capsizes off Port Selva")
    summary = summarize_story([wire], {}, config=WIDE, headline="Ferry capsizes")
    assert any(s.text.startswith("UPDATE: The coast guard") for s in summary)


def test_summary_sentences_do_not_end_inside_a_case_name_or_a_court() -> None:
    """ "NFIB v. Sebelius", "the D.C. Circuit" and "former Fla. Gov. Jeb Bush" are one
    sentence; "in Washington, D.C. The mayor …" and "in San Bernardino, Calif. The …" end."""
    for text in (
        "The ruling in Harbour Board v. Kessler was cited by the judge on Monday.",
        "Judge Ivo Berg of the D.C. Circuit visited the harbour on Monday.",
        "A letter from the U.N. Secretary-General reached the harbour on Monday.",
        "The poll has Ana Quint tied with former Fla. Gov. Ivo Berg at 41-41 in the port.",
        "The ferry docked at 6:40 p.m. (GMT +8) after a twelve-hour crossing from Kessrick.",
        "By 9 a.m. Sunday, the Rev. Ana Ruiz had opened the harbour church to the survivors.",
        "The hearing resumes at 10 a.m. ET and runs until the board votes on the pier.",
    ):
        assert [s.text for s in split_sentences(text + " The fair opened.")] == [
            text,
            "The fair opened.",
        ]
    for ends in (
        "The hearing was held in Washington, D.C. The mayor spoke first.",
        "The ferry was built in Port Selva, Calif. The yard has closed.",
        "The ferry sank at 10:21 a.m. According to the coast guard, nobody was hurt.",
    ):
        assert len(split_sentences(ends)) == 2


def test_summary_leaves_out_a_line_broken_off_its_sentence() -> None:
    """A line that opens in lower case is the rest of a sentence a line break cut ("Activists
    on both sides.\\n\\nof the issue gear up for national, local elections."): shown alone,
    capitalised, it reads as a sentence with no subject. A name written in lower case
    ("iPhone", "eBay") still opens a sentence."""
    text = f"Activists on both sides.\n\nof the pier plan gear up for the harbour vote.\n\n{WIRE}"
    wire = _article("wire", "Northgate Wire", text, title="Harbour vote nears")
    ledger = _article("ledger", "The Harbour Ledger", LEDGER, title="Ferry toll rises", hours=3)
    summary = summarize_story([wire, ledger], {}, config=WIDE, headline="Ferry capsizes")
    assert summary and all(not s.text.casefold().startswith("of the pier") for s in summary)
    facts = [f for o in compare_story([wire, ledger], {})[0] for f in o.facts]
    assert facts and all(not f.casefold().startswith("of the pier") for f in facts)
    app = f"eBay listed the ferry's old bell for sale on Tuesday afternoon.\n\n{WIRE}"
    summary = summarize_story(
        [_article("app", "Harbour Radio", app, title="Bell")], {}, config=WIDE
    )
    assert summary[0].text.startswith("eBay listed")


def test_a_pointer_to_the_pages_media_is_no_fact() -> None:
    """ "Watch a clip of the interview above." points at the page's video: furniture, never
    a fact only one outlet reports."""
    text = f"{LEDGER}\n\nWatch a clip of the harbour master's whole interview above."
    ledger = _article("ledger", "The Harbour Ledger", text, title="Ferry toll rises", hours=3)
    wire = _article("wire", "Northgate Wire", WIRE, title="Ferry capsizes off Port Selva")
    facts = [f for o in compare_story([wire, ledger], {})[0] for f in o.facts]
    assert facts and all(not f.startswith("Watch a clip") for f in facts), facts
