"""A body is cut only where its last paragraph of prose stops mid-sentence.

Real pages end with lines that are not prose (a wire's tag, a photo credit, a press
contact, a link, a lead-in to links the cleaner took out), and some write a space
before the closing quote. None of these is a cut, and the desk must not tell readers
"the end is missing". The texts are composed for these tests.
"""

from __future__ import annotations

import pytest

from newsdesk.clean import clean_text

BODY = (
    "The regional council voted on Thursday to close two rural rail lines by the end of "
    "next year, citing falling passenger numbers and rising repair costs.\n\n"
    "Residents of the valley towns said the decision would leave them with a single bus "
    "a day to the county seat, and several mayors promised to appeal."
)

COMPLETE_ENDINGS = [
    # a wire's or a source's tag after the last sentence
    "The appeal will be heard in March. (dpa)",
    "The appeal will be heard in March. (Source: regional radio)",
    # a wire's code, hashtags (apart or glued to the stop) or a ticker's arrows after it
    "The appeal will be heard in March. VNA",
    "The appeal will be heard in March. #ValleyRail #Appeal",
    "The appeal will be heard in March.#ValleyRail",
    "The appeal will be heard in March. +++",
    # a space before the closing quote: French guillemets, tokenised archives, German quotes
    "« Nous ne lâcherons rien. »",
    "`` We will not give up . ''",
    "„Wir geben nicht auf. “",
    # a credit, a press contact, a link, a lead-in to a list the page had
    "The appeal will be heard in March.\n\nPhoto: Jane Marlow / Valley Press Agency",
    "The appeal will be heard in March.\n\nPress office: press@valley-council.example; "
    "Tel. 0123 / 456 78",
    "The appeal will be heard in March.\n\nFull text of the decision at "
    "https://council.example/decisions/2026-14",
    "The appeal will be heard in March.\n\nMore on this topic:",
    "The appeal will be heard in March.\n\nMarta Ilves",
    # a list after the last paragraph
    "The lines that close:\n\n- Northbridge to Alder Mill\n- Kessing to the Upper Valley",
]

CUT_ENDINGS = [
    "The appeal, which the mayors filed on Friday, will be heard by the",
    "The appeal will be heard in March by a panel of three judges from the county court,",
    # a cut paragraph stays cut when a credit follows it
    "The appeal will be heard in March by a panel that includes two former\n\n"
    "Photo: Jane Marlow / Valley Press Agency",
    "On Sunday, the mayor said that",
    # a few words in lower case are a sentence begun, not a name or a credit
    "Officials did not immediately provide",
    # a label before prose is no credit line
    "Note: The views expressed by the mayors at the meeting are their own and do not",
]


@pytest.mark.parametrize("ending", COMPLETE_ENDINGS)
def test_a_finished_body_with_a_trailer_is_not_cut(ending: str) -> None:
    result = clean_text(f"{BODY}\n\n{ending}")
    assert "truncated_end" not in result.flags, result.text[-200:]


@pytest.mark.parametrize("ending", CUT_ENDINGS)
def test_a_paragraph_stopping_mid_sentence_is_cut(ending: str) -> None:
    result = clean_text(f"{BODY}\n\n{ending}")
    assert "truncated_end" in result.flags, result.text[-200:]
