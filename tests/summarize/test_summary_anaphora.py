"""A summary sentence that leans on the sentence before it (composed reports)."""

from __future__ import annotations

from helpers.harbour import article
from newsdesk.summarize import summarize_story

# the first sentence is too long for a summary (over 45 words), so the one after it would
# open the summary with a "She" that names nobody
LONG_LEAD = (
    "Maria Lopez, who has run the Port Selva water board since 2019 and oversaw the harbour "
    "desalination plant, the reservoir expansion and two rate rises that angered residents "
    "across the eastern districts and the island villages, resigned on Monday after the "
    "council opened an inquiry into the board's accounts."
)
SHORT_LEAD = "Maria Lopez resigned as head of the Port Selva water board on Monday."
REST = (
    "She has said the audit would clear her and that the council was told of every payment. "
    "“I kept every receipt for the board and I will show them to anyone,” she said. "
    "“Ask the auditors what they found in the ledgers,” she replied to a reporter. "
    "The council appointed the deputy director, Tomas Verne, as interim head of the board. "
    "Auditors from the regional treasury will report their findings in the spring. "
    "That is when the council votes on next year's water rates for the eastern districts."
)


def test_summary_leaves_out_a_pronoun_sentence_cut_off_from_what_it_names() -> None:
    summary = [
        s.text for s in summarize_story([article("w", "Selva Wire", f"{LONG_LEAD} {REST}")], {})
    ]
    assert summary
    assert not any(s.startswith(("She has said", "“I kept", "“Ask the")) for s in summary)
    assert any("Tomas Verne" in s for s in summary)
    if any(s.startswith("That is when") for s in summary):  # only after what it points at
        assert summary.index(next(s for s in summary if s.startswith("That is when"))) > 0
        assert any(s.startswith("Auditors from") for s in summary)


def test_summary_keeps_a_pronoun_sentence_after_the_sentence_it_leans_on() -> None:
    summary = [
        s.text for s in summarize_story([article("w", "Selva Wire", f"{SHORT_LEAD} {REST}")], {})
    ]
    assert summary[0] == SHORT_LEAD
    assert summary[1].startswith("She has said")


def test_summary_leaves_out_an_attribution_of_the_quotation_before_it() -> None:
    text = (
        "“Nobody has brought more ships through the strait than Ana Ruiz.” So says the harbour "
        "master of Port Selva, who will retire the pilot's number at a ceremony next month. "
        "Ruiz, who joined the pilots in 1989, guided the first container ship into the new "
        "deep-water berth. The port authority named its new pilot boat after her on Friday."
    )
    summary = [s.text for s in summarize_story([article("w", "Selva Wire", text)], {})]
    assert summary and not any(s.startswith("So says") for s in summary)
