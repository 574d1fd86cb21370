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


def test_brief_timeline_and_coming_up_dates_read_as_words_in_every_format() -> None:
    """A season, a week or a month is written for people ("autumn 2010"), in the text,
    Markdown and HTML briefs and the newsletter's plain text; the JSON keeps the value."""
    from newsdesk.mail.plaintext import plain_text
    from newsdesk.publish.brief import Brief, BriefSource, BriefStory, ComingUp, TimelineEntry
    from newsdesk.publish.render.html import render_html
    from newsdesk.publish.render.json import brief_json
    from newsdesk.publish.render.text import render_markdown, render_text

    source = BriefSource("a1", "Valleyton Ledger", "Flood barrier approved", None, None)
    story = BriefStory("s1", "Valleyton council approves the flood barrier", [], [source])
    story.timeline = [
        TimelineEntry("2010-FA", "By the autumn of 2010 the river had flooded twice.", "a1"),
        TimelineEntry("2016-W35", "The council met the engineers that week.", "a1"),
        TimelineEntry("2016-04", "Engineers filed their plan in April.", "a1"),
    ]
    brief = Brief(date=date(2016, 9, 8), intro="Today: a flood barrier.", stories=[story])
    brief.coming_up = [ComingUp("2016-W38", "The works begin.", "s1", story.headline, "a1")]
    for rendered in (render_text(brief), render_markdown(brief), render_html(brief),
                     plain_text(brief)):  # fmt: skip
        assert "autumn 2010" in rendered and "week of 2016-08-29" in rendered
        assert "April 2016" in rendered and "week of 2016-09-19" in rendered
        assert "2010-FA" not in rendered and "W35" not in rendered and "W38" not in rendered
    assert "2010-FA" in json.dumps(brief_json(brief))


def test_brief_timeline_never_opens_inside_a_quotation() -> None:
    """The tail of a quotation the parse split off ('… the little deal" announced in
    October, said …', "… feel good,” Quint said") is no timeline line; a whole quotation
    and a measure in inches are kept."""
    sentences = [
        'Bigger than just the harbour deal" announced in October, said Mara Quint.',
        "We had some issues that didn’t make me feel good,” Quint said in October.",
        '"The harbour deal is done," Quint said in October.',
        'A 6" pipe burst under the quay in October, the port said.',
    ]
    actors = ["Mara Quint", "Mara Quint", "Mara Quint", "Port of Kell"]
    events = [
        StoryEvent("2026-10", actor, "said", None, f"a{i}", None, text)
        for i, (actor, text) in enumerate(zip(actors, sentences, strict=True))
    ]
    rows = _timeline(StoryNotes(events=events), date(2026, 11, 2))
    assert [r.text for r in rows] == sentences[2:]


def test_brief_timeline_leaves_out_a_sentence_that_only_introduces_what_follows() -> None:
    """A sentence ending "… by the mayor on June 11:" leads into a quote
    or a list the timeline does not show: it is no line of its own."""
    sentences = [
        "The bias shows in how the board rated this statement by the mayor on June 11:",
        "The board rated the mayor's statement on June 11 as mostly true.",
    ]
    events = [
        StoryEvent("2026-06-11", "the board", "rated", None, f"a{i}", None, text)
        for i, text in enumerate(sentences)
    ]
    rows = _timeline(StoryNotes(events=events), date(2026, 9, 26))
    assert [r.text for r in rows] == sentences[1:]


def test_brief_timeline_leaves_out_a_bare_attribution() -> None:
    """ "Quint said last week." is the tail of a quotation the sentences split off, no
    event; a short sentence that tells one ("The council approved it Tuesday.") stays."""
    sentences = [
        "Quint said last week.",
        "he told reporters on Tuesday.",
        "The council approved it Tuesday.",
    ]
    events = [
        StoryEvent("2026-03-10", "Mara Quint", "said", None, f"a{i}", None, text)
        for i, text in enumerate(sentences)
    ]
    rows = _timeline(StoryNotes(events=events), date(2026, 3, 12))
    assert [r.text for r in rows] == sentences[2:]


def test_brief_timeline_leaves_out_a_quotation_with_no_speaker() -> None:
    """A sentence that is a quotation and nothing else ('"The mayor visited the port in
    early January and signed a deal."') says neither who spoke nor that it happened: no
    timeline line; the same words with their speaker stay."""
    sentences = [
        '"The mayor visited the port in early January and signed a deal."',
        "“The mayor visited the port in early January and signed a deal.”",
        '"The mayor visited the port in early January," Quint said.',
    ]
    events = [
        StoryEvent("2026-01", "the mayor", "visited", None, f"a{i}", None, text)
        for i, text in enumerate(sentences)
    ]
    rows = _timeline(StoryNotes(events=events), date(2026, 3, 12))
    assert [r.text for r in rows] == sentences[2:]
