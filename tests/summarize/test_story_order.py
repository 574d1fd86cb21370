"""A summary is told in story order, but one report's sentences keep its writer's order: a
later sentence naming an earlier day ("However, a report published Friday found …") never
opens the summary ahead of the lead it answers."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.article import Annotations, Article, TimeExpression
from newsdesk.summarize import summarize_story
from newsdesk.summarize.extractive import SummaryConfig

LEAD = (
    "The ferry operator Selva Straits Lines defended its safety record on Sunday against "
    "claims that it ignored warnings from its own captains about the capsized vessel."
)
MIDDLE = (
    "The company said every vessel in its fleet had passed inspection in January and that "
    "it would publish the inspectors' reports this week."
)
HOWEVER = (
    "However, a Harbour Ledger report published Friday found two letters from Captain Joao "
    "Bettany warning the company that the ferry's ballast pumps were failing."
)
EARLIER = (
    "Harbour Ledger reported on Friday that a captain of Selva Straits Lines had warned the "
    "company about failing ballast pumps weeks before the ferry capsized near Port Selva."
)


def _report(key: str, outlet: str, text: str, day: int) -> Article:
    return Article(
        source=key, format="text", raw=text, text=text, id=key, outlet=outlet,
        title=f"{outlet} report", published=datetime(2026, 3, day, 9, 0, tzinfo=UTC),
    )  # fmt: skip


def _named(text: str, words: str, value: str) -> TimeExpression:
    start = text.index(words)
    return TimeExpression(words, value, start, start + len(words), frame="past")


def test_a_later_sentence_naming_an_earlier_day_follows_its_reports_lead() -> None:
    text = f"{LEAD} {MIDDLE} {HOWEVER}"
    sunday = _report("s", "Selva Courier", text, 15)
    notes = {"s": Annotations(dates=[_named(text, "Sunday", "2026-03-15"),
                                     _named(text, "Friday", "2026-03-13")])}  # fmt: skip
    summary = summarize_story(
        [sunday], notes, config=SummaryConfig(target_words=400, max_words=500)
    )
    told = [s.text for s in summary]
    assert LEAD in told and HOWEVER in told
    assert told.index(LEAD) < told.index(HOWEVER)
    assert not told[0].startswith("However")


def test_reports_are_still_told_in_story_order_across_outlets() -> None:
    text = f"{LEAD} {MIDDLE} {HOWEVER}"
    sunday = _report("s", "Selva Courier", text, 15)
    friday = _report("f", "Harbour Ledger", EARLIER, 13)
    notes = {
        "s": Annotations(dates=[_named(text, "Sunday", "2026-03-15"),
                                _named(text, "Friday", "2026-03-13")]),
        "f": Annotations(dates=[_named(EARLIER, "Friday", "2026-03-13")]),
    }  # fmt: skip
    config = SummaryConfig(target_words=400, max_words=500)
    told = [s.text for s in summarize_story([sunday, friday], notes, config=config)]
    assert told[0] == EARLIER  # the Friday report's own lead opens: it tells the earlier day
    assert told.index(LEAD) < told.index(HOWEVER)
