"""The brief's perspectives per story and its blindspots section."""

from __future__ import annotations

from datetime import date

from newsdesk.mail.compose import make_edition
from newsdesk.publish.brief import build_brief
from newsdesk.publish.render.json import brief_json
from newsdesk.publish.render.text import render_markdown
from newsdesk.store import SqliteStore


def test_briefing_blindspots_section_and_perspectives(desk_store: SqliteStore) -> None:
    brief = build_brief(desk_store, date(2026, 3, 9))
    made = brief_json(brief)
    heavy = {b["heavy"]["label"] for b in made["blindspots"]}
    assert heavy == {"Japanese outlets", "Chinese outlets"}
    assert "## Blindspots" in render_markdown(brief)
    mixed = [s for s in made["stories"] if s["perspectives"]]
    for story in mixed:  # what each group alone says, each fact cited
        labels = {g["label"] for g in story["perspectives"]["groups"]}
        assert len(labels) >= 2  # by country, or by kind when one country covers it
        assert all(f["sources"] for o in story["perspectives"]["only_in"] for f in o["facts"])
    if mixed:
        assert "Perspectives" in render_markdown(brief)


def test_briefing_blindspots_in_mail_only_for_readers_who_ask(desk_store: SqliteStore) -> None:
    brief = build_brief(desk_store, date(2026, 3, 9))
    plain = make_edition(brief, ())
    asked = make_edition(brief, ("blindspots",))
    assert plain is not None and asked is not None
    assert "Blindspots" not in plain.html and "Blindspots" in asked.html
