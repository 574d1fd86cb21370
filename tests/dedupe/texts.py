"""Hand-written articles for the dedupe tests: one story, its copies, and another outlet's take."""

from __future__ import annotations

ORIGINAL = """\
The Harbourton city council voted on Tuesday to delay the new harbour bridge by at least two
years, after an independent review found that the cost had risen to 412 million euros.

Mayor Ana Pires said the council had no choice. "We cannot ask residents to pay for a bridge
whose price doubles every time we look at it," she told reporters outside the town hall.

The review, commissioned last spring, blamed rising steel prices, a redesign of the southern
approach and delays in the environmental permit. Engineers now expect construction to begin
in 2027 at the earliest.

Opposition councillor Farid Haddad called the vote a betrayal of the ferry workers who had
been promised a fixed link. He said his group would table a motion next month to restore the
original timetable and to publish the full review.

Local businesses were divided. The chamber of commerce welcomed a pause to control costs,
while shop owners on the quay said years of uncertainty would drive customers away.

The council will revisit the project in March, when the transport ministry is expected to
say whether it will cover part of the overrun."""

SAME_EVENT = """\
Harbourton's long-promised harbour crossing will not open before 2029. Councillors backed a
postponement in a vote on Tuesday evening, citing a consultant's estimate of 412 million euros.

Ana Pires, the mayor, defended the decision in a short statement, arguing that the town could
not sign a blank cheque. Steel, she noted, now costs far more than when the plans were drawn.

Farid Haddad, who leads the opposition, accused the majority of abandoning ferry crews and
promised to fight the delay. Traders along the waterfront fear that a half-finished site will
keep visitors away for years, although employers' groups praised the caution.

The ministry in the capital has been asked for help and is due to respond early next year."""

BOILERPLATE_HEAD = "By Coastal Courier staff. This story first appeared in the Harbour Herald."
BOILERPLATE_TAIL = (
    "Sign up for the Coastal Courier morning briefing and get the stories that matter in your "
    "inbox. Copyright 2024 Coastal Courier. All rights reserved."
)


def syndicated_copy() -> str:
    """Another outlet's copy: a sentence edited, its own boilerplate around it."""
    edited = ORIGINAL.replace(
        "Engineers now expect construction to begin\nin 2027 at the earliest.",
        "Construction is now expected to start in 2027 or later, engineers said.",
    )
    assert edited != ORIGINAL
    return f"{BOILERPLATE_HEAD}\n\n{edited}\n\n{BOILERPLATE_TAIL}"


def truncated_copy(share: float = 0.6) -> str:
    """The first ``share`` of the original's characters, cut mid-sentence."""
    return ORIGINAL[: int(len(ORIGINAL) * share)]


def whitespace_case_copy() -> str:
    return "  " + ORIGINAL.upper().replace(" ", " \t ").replace("\n", "\n\n") + "\n"
