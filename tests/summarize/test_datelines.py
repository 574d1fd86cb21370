"""A wire's dateline comes off a sentence the brief shows on its own: with a dash
("PORT SELVA, March 9 (Northgate Wire) — …") and without one ("(CNN) …", "KELL, Norland
(CNN) …"), or a place with its state or country and a colon ("Port Selva, Norland: …"); a
body's name with its own bracketed words, a speaker before a colon stay (composed sentences)."""

from __future__ import annotations

import pytest

from newsdesk.summarize.compare import strip_dateline


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("PORT SELVA, March 9 (Northgate Wire) — A ferry sank.", "A ferry sank."),
        (
            "(CNN) — Harbour troops freed 15 hostages on Monday.",
            "Harbour troops freed 15 hostages on Monday.",
        ),
        (
            "KELL, Norland (CNN) Norland's president admitted the error.",
            "Norland's president admitted the error.",
        ),
        ("LONDON (Reuters) Shares in Kell Shipping fell.", "Shares in Kell Shipping fell."),
        (
            "WHO (World Health Organization) Director Ana Ruiz said so.",
            "WHO (World Health Organization) Director Ana Ruiz said so.",
        ),
        ("Police (PSNI) said the road was closed.", "Police (PSNI) said the road was closed."),
        # a horizontal bar or a figure dash, as some outlets set the dateline's dash
        ("PORT SELVA ― The ferry sank on Monday.", "The ferry sank on Monday."),
        (
            "KELL, Norland ‒ Norland's president admitted the error.",
            "Norland's president admitted the error.",
        ),
        # a place in title case, the wire's name in brackets, a dash
        ("Port Selva (AFP) – The ferry sank on Monday.", "The ferry sank on Monday."),
        (
            "Kell, Norland (Northgate Wire) — Norland's president admitted the error.",
            "Norland's president admitted the error.",
        ),
        (
            "Sen. Ana Ruiz (R-Kell) — who chairs the panel — said so.",
            "Sen. Ana Ruiz (R-Kell) — who chairs the panel — said so.",
        ),
        ("Ana Ruiz (Kell) said the ferry sank.", "Ana Ruiz (Kell) said the ferry sank."),
        # the day a wire dated it, with or without a place in title case before it
        ("Mar 9 (Northgate Wire) - The ferry sank on Monday.", "The ferry sank on Monday."),
        ("Port Selva, Sept. 14 (AFP) – The ferry sank.", "The ferry sank."),
        ("May 9 (Kell) voters go to the polls.", "May 9 (Kell) voters go to the polls."),
        # a place in title case with its state or country, then a colon or a dash
        (
            "Port Selva, Norland: The ferry sank on Monday night.",
            "The ferry sank on Monday night.",
        ),
        ("Kell City, Nor. — The ferry sank on Monday.", "The ferry sank on Monday."),
        ("West Kell, Selva, Norland – Voters went to the polls.", "Voters went to the polls."),
        # a speaker or a kicker before a colon is no place
        ("ANA RUIZ: Why not debate?", "ANA RUIZ: Why not debate?"),
        ("Ana Ruiz: I will not run again.", "Ana Ruiz: I will not run again."),
        ("Ana Ruiz, the mayor: I will not run.", "Ana Ruiz, the mayor: I will not run."),
    ],
)
def test_datelines_come_off_with_or_without_a_dash(written: str, shown: str) -> None:
    assert strip_dateline(written) == shown
