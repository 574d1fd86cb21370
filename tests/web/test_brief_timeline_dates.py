"""The web brief's timeline and an entity page's dated events show dates for people: a
season, a month or a week the dates stage wrote as a TIMEX code ("2025-SP", "2026-02",
"2026-W10") reads "spring 2025", never the code."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.article import Event
from newsdesk.settings import Settings
from newsdesk.web.app import create_app

from .conftest import build_store, fixture_annotations, write_corpus

SENTENCES = {
    "2025-SP": "The housing act was drafted in the spring, when no minister opposed it.",
    "2026-02": "Tenants groups met the committee last month, the council said.",
}


def test_brief_page_timeline_dates_are_for_people(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store = build_store(db, write_corpus(tmp_path / "corpus"))
    article = next(
        a for a in store.articles.articles() if a.source.rsplit("/", 1)[-1].split(".")[0] == "q1"
    )
    notes = fixture_annotations(article)
    for date, sentence in SENTENCES.items():
        notes.events.append(Event("drafted", "statement", sentence, actor="Ilse Varga", date=date))
    store.annotations.save_annotations([(article.id or "", notes)])
    store.close()
    assert article.published is not None
    day = article.published.date().isoformat()
    with TestClient(create_app(Settings(db=db))) as client:
        html = client.get(f"/brief/{day}").text
    assert "drafted in the spring" in html
    assert "spring 2025" in html and "February 2026" in html
    assert "2025-SP" not in html and "2026-02<" not in html


def test_entity_page_dated_events_are_for_people(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    store = build_store(db, write_corpus(tmp_path / "corpus"))
    article = next(
        a for a in store.articles.articles() if a.source.rsplit("/", 1)[-1].split(".")[0] == "v0"
    )
    notes = fixture_annotations(article)
    sentence = "Ilse Varga toured the flooded estates earlier this week."
    notes.events.append(Event("toured", "statement", sentence, actor="Ilse Varga", date="2026-W10"))
    store.annotations.save_annotations([(article.id or "", notes)])
    store.close()
    with TestClient(create_app(Settings(db=db))) as client:
        html = client.get("/entity/Ilse%20Varga").text
    assert "toured the flooded estates" in html
    assert "week of 2026-03-02" in html and "2026-W10" not in html
