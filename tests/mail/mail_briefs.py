"""A brief written by hand (no model, no ingest) and subscribers for the mail tests."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from newsdesk.mail.compose import make_edition
from newsdesk.mail.subscribers import CONSENT_VERSION, DAYS, Preferences
from newsdesk.publish.brief import Brief, BriefQuote, BriefSource, BriefStory, TimelineEntry
from newsdesk.publish.render.json import brief_json
from newsdesk.store import SqliteStore
from newsdesk.summarize import SummarySentence

LONG_URL = "https://www.ledger.example/news/2026/03/10/" + "corvania-housing-" * 6 + "vote.html"


def _story(key: str, headline: str, sentences: list[str], outlets: list[str]) -> BriefStory:
    sources = [
        BriefSource(f"{key}{i}", outlet, f"{headline} ({outlet})",
                    LONG_URL if i == 1 else f"https://{outlet.lower()}.example/{key}{i}",
                    "2026-03-10T08:00:00")
        for i, outlet in enumerate(outlets)
    ]  # fmt: skip
    summary = [
        SummarySentence(text, [sources[i % len(sources)].article_id])
        for i, text in enumerate(sentences)
    ]
    return BriefStory(story_id=f"story-{key}", headline=headline, summary=summary, sources=sources)


def hand_brief(day: date = date(2026, 3, 10)) -> Brief:
    quake = _story(
        "q", "Earthquake shakes the Orlen valley",
        ["An earthquake of magnitude 6.1 struck the Orlen valley early on Monday, damaging "
         "bridges near Varna and cutting power to villages around Lake Orlen.",
         "Rescue teams reached the worst-hit villages by mid-morning, the governor said."],
        ["Wire", "Ledger", "Post"],
    )  # fmt: skip
    quake.quote = BriefQuote(
        "We will rebuild every bridge in the valley before the winter comes", "Governor Anna Ruiz",
        "q0",
    )  # fmt: skip
    quake.timeline = [TimelineEntry("2026-03-09", "The first tremor was felt in Varna.", "q0")]
    strike = _story(
        "s", "Dockers strike at Port Selva",
        ["Dock workers at Port Selva walked out over automated cranes on Monday.",
         "Exporters warned that perishable cargo was rotting on the Selva quays — “a disaster”."],
        ["Courier", "Wire"],
    )  # fmt: skip
    vote = _story(
        "v", "Assembly passes the Affordable Homes Act",
        ["The Corvanian assembly passed the Affordable Homes Act by 81 votes.",
         "The act caps rents in Kessrick and Marrowby for the next five years."],
        ["Ledger", "Post", "Courier", "Wire"],
    )  # fmt: skip
    stories = [quake, strike, vote]
    return Brief(date=day, intro="Today: an earthquake, a strike and a vote.", stories=stories)


def archive(
    store: SqliteStore, brief: Brief, *, built_at: str = "2099-01-01T00:00:00+00:00"
) -> str:
    """Archive ``brief`` as the day's latest version (built after its day: final)."""
    data = brief_json(brief)
    edition = make_edition(brief)
    assert edition is not None
    brief_id, _ = store.mail.save_brief(
        brief.date.isoformat(),
        digest=hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
        built_at=built_at, stories=len(brief.stories), subject=edition.subject,
        brief_json=data, html=edition.public_html("https://desk.example"), text=edition.text,
    )  # fmt: skip
    return brief_id


def subscribe(
    store: SqliteStore,
    email: str,
    *,
    zone: str = "UTC",
    days: tuple[str, ...] = DAYS,
    at: str = "07:00",
    topics: tuple[str, ...] = (),
    since: str = "2026-01-01T00:00:00+00:00",
) -> None:
    outcome, _ = store.subscribers.import_subscriber(
        email, Preferences(zone=zone, days=days, at=at, topics=topics),
        consent_version=CONSENT_VERSION, consented_at=since, now=since,
    )  # fmt: skip
    assert outcome == "confirmed", outcome
