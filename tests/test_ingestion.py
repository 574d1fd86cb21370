"""Ingest wires reading, cleaning, copy detection and the store together."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

STORY = (
    "The harbour authority of Port Selva closed the northern channel on Monday after a "
    "cargo ship lost power and drifted onto a sandbank near the breakwater. "
    "Tugs from two neighbouring ports worked through the night to pull the vessel free, "
    "and divers found no damage to the hull or to the channel markers. "
    "The authority said ferries would run on a reduced timetable until Wednesday, "
    "when engineers expect to finish surveying the channel floor. "
    "Shipping agents said about forty vessels were waiting at anchor outside the port."
)


def _record(rid: str, url: str, outlet: str, published: str, text: str) -> str:
    return json.dumps(
        {"id": rid, "url": url, "outlet": outlet, "published": published, "text": text}
    )


def test_ingestion_links_a_copy_to_the_earlier_original_whatever_the_order(
    tmp_path: Path,
) -> None:
    late = tmp_path / "late.jsonl"
    early = tmp_path / "early.jsonl"
    late.write_text(
        _record(
            "b",
            "https://b.example/1",
            "Bay Post",
            "2026-03-10T12:00:00+00:00",
            STORY.replace("Monday", "Monday evening") + " Subscribe to the Bay Post.",
        ),
        encoding="utf-8",
    )
    early.write_text(
        _record("a", "https://wire.example/1", "Wire", "2026-03-10T08:00:00+00:00", STORY),
        encoding="utf-8",
    )
    settings = Settings(db=tmp_path / "s.db")
    with SqliteStore(settings.db) as store:
        ingest([str(late)], store, settings=settings)
        ingest([str(early)], store, settings=settings)
        by_outlet = {a.outlet: a for a in store.articles.articles()}
        wire, bay = by_outlet["Wire"], by_outlet["Bay Post"]
        assert wire.extras.get("copy_of") is None
        assert bay.extras["copy_of"] == wire.id
        assert [c.id for c in store.articles.copies_of(wire.id or "")] == [bay.id]
        # a re-run changes nothing
        report = ingest([str(early), str(late)], store, settings=settings)
        assert report.ingested == 0 and report.duplicates == 2
        assert store.articles.article(bay.id or "").extras["copy_of"] == wire.id  # type: ignore[union-attr]
