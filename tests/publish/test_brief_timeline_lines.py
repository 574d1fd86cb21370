"""The brief's timeline reads as news: each line the sentence an outlet wrote, not a bare
event triple ("Heffner told AP"), and each event once (tests/golden/reader/timeline_lines.json,
composed)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsdesk.annotate.views import StoryEvent, StoryNotes
from newsdesk.publish.brief import _timeline

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "reader" / "timeline_lines.json"


def test_brief_timeline_lines_are_sentences_not_triples() -> None:
    case = json.loads(GOLDEN.read_text(encoding="utf-8"))
    events = [
        StoryEvent(e["date"], e["actor"], e["action"], e["target"], e["article_id"], None,
                   e["sentence"])
        for e in case["events"]
    ]  # fmt: skip
    rows = _timeline(StoryNotes(events=events), date.fromisoformat(case["day"]))
    assert [[r.date, r.text] for r in rows] == case["lines"]
