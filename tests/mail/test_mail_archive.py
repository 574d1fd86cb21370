"""An archived brief comes back typed: every reading, perspective and blindspot reads and
renders as the brief that was archived."""

from __future__ import annotations

from mail_briefs import hand_brief

from newsdesk.mail.archive import brief_from_json
from newsdesk.mail.compose import make_edition
from newsdesk.outlets.blindspots import Blindspot, GroupArticles, MissingGroup
from newsdesk.outlets.perspectives import (
    GroupDisagreement,
    GroupFact,
    GroupFacts,
    GroupValue,
    OutletGroup,
    Perspectives,
)
from newsdesk.publish import render
from newsdesk.publish.brief import Brief
from newsdesk.publish.render.json import brief_json
from newsdesk.summarize.reading import Conflict, ConflictValue, FactGloss, SingleSourceFacts


def _read_brief() -> Brief:
    brief = hand_brief()
    quake = brief.stories[0]
    quake.only_in = [
        SingleSourceFacts("q1", ["Two bridges near Varna were closed."]),
        SingleSourceFacts("q2", ["바르나 다리가 3월 9일 닫혔다."], language="ko",
                          english=[FactGloss(["Varna"], ["2026-03-09"])]),
    ]  # fmt: skip
    quake.conflicts = [
        Conflict("death toll", [ConflictValue("3", "q0"), ConflictValue("5", "q1")]),
        Conflict("quote wording", [ConflictValue("every bridge", "q0"),
                                   ConflictValue("each bridge", "q2")], speaker="Anna Ruiz"),
    ]  # fmt: skip
    quake.perspectives = Perspectives(
        "country",
        [OutletGroup("CV", "Corvanian outlets", ["q0", "q1"], ["Wire", "Ledger"]),
         OutletGroup(None, "outlets not named", ["q2"], ["Post"])],
        [GroupFacts("CV", "Corvanian outlets", [GroupFact("Power is back in Varna.", ["q1"])])],
        [GroupDisagreement("death toll", [GroupValue("CV", "Corvanian outlets", "3", ["q0"]),
                                          GroupValue(None, "outlets not named", "5", ["q2"])])],
    )  # fmt: skip
    brief.blindspots = [
        Blindspot("story-s", "Dockers strike at Port Selva", "country", "2026-03-10",
                  "2026-03-10", GroupArticles("SV", "Selvan outlets", 2),
                  [GroupArticles("SV", "Selvan outlets", 2)],
                  [MissingGroup("CV", "Corvanian outlets")]),
    ]  # fmt: skip
    return brief


def test_mail_archive_brief_reads_back_typed() -> None:
    brief = _read_brief()
    archived = brief_from_json(brief_json(brief))
    quake = archived.stories[0]
    assert quake.only_in == brief.stories[0].only_in
    assert quake.conflicts == brief.stories[0].conflicts
    assert quake.perspectives == brief.stories[0].perspectives
    assert list(archived.blindspots) == list(brief.blindspots)


def test_mail_archive_brief_renders_as_the_brief_archived() -> None:
    brief = _read_brief()
    archived = brief_from_json(brief_json(brief))
    for fmt in ("text", "md", "json", "html"):
        assert render(archived, fmt) == render(brief, fmt), fmt
    text = render(archived, "text")
    assert "[ko: Varna, 2026-03-09]" in text and "Power is back in Varna." in text
    fresh, again = make_edition(brief), make_edition(archived)
    assert fresh is not None and again is not None
    assert again.text == fresh.text
