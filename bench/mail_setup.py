"""Shared set-up of the mail benchmarks: a ten-story brief, subscribers, a DKIM key, settings.

The brief is written directly (no ingest, no model): ten stories of five sentences with
six sources each, about the size of a real day's mail (~30 KB). Subscribers are imported
with consent (confirmed) across ``domains`` recipient domains; one in five chose topics.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench_common import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.mail.compose import make_edition
from newsdesk.mail.subscribers import CONSENT_VERSION, Preferences
from newsdesk.publish.brief import Brief, BriefQuote, BriefSource, BriefStory
from newsdesk.publish.render.json import brief_json
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.summarize import SummarySentence

DAY = date(2026, 3, 10)
TOPICS = ["harbour", "council", "rail", "election", "storm"]
SENTENCE = (
    "the council voted on the harbour budget while rail workers and ferry crews waited "
    "for the minister who said the storm had delayed the election count in three districts"
)
WORDS = SENTENCE.split(" ")


def make_brief(seed: int = 7) -> Brief:
    rng = random.Random(seed)
    stories = []
    for s in range(10):
        topic = TOPICS[s % len(TOPICS)]
        sources = [
            BriefSource(f"a{s}-{i}", f"Outlet {i}", f"{topic.title()} story {s}, outlet {i}",
                        f"https://outlet{i}.example/news/2026/03/10/{topic}-{s}-{i}.html",
                        "2026-03-10T08:00:00")
            for i in range(6)
        ]  # fmt: skip
        summary = [
            SummarySentence(
                " ".join(rng.choice(WORDS) for _ in range(24)).capitalize()
                + f" about the {topic}.",
                [sources[(k + j) % 6].article_id for j in range(2)],
            )
            for k in range(5)
        ]
        story = BriefStory(story_id=f"story-{s}", headline=f"The {topic} story number {s}",
                           summary=summary, sources=sources)  # fmt: skip
        story.quote = BriefQuote("We will keep every promise we made to the " + topic,
                                 "Minister Ilse Varga", sources[0].article_id)  # fmt: skip
        stories.append(story)
    return Brief(date=DAY, intro="Today: ten stories from six outlets.", stories=stories)


def archive(store: SqliteStore, brief: Brief, base_url: str) -> None:
    data = brief_json(brief)
    edition = make_edition(brief)
    assert edition is not None
    store.mail.save_brief(
        brief.date.isoformat(),
        digest=hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(),
        built_at="2099-01-01T00:00:00+00:00", stories=len(brief.stories),
        subject=edition.subject, brief_json=data, html=edition.public_html(base_url),
        text=edition.text,
    )  # fmt: skip


def add_subscribers(store: SqliteStore, count: int, *, domains: int = 50) -> list[str]:
    emails = []
    for n in range(count):
        email = f"reader{n}@domain{n % domains}.example"
        topics = (TOPICS[n % len(TOPICS)],) if n % 5 == 0 else ()
        outcome, _ = store.subscribers.import_subscriber(
            email, Preferences(zone="UTC", topics=topics), consent_version=CONSENT_VERSION,
            consented_at="2026-01-01T00:00:00+00:00", now="2026-01-01T00:00:00+00:00",
        )  # fmt: skip
        assert outcome == "confirmed", outcome
        emails.append(email)
    return emails


def make_key(path: Path, bits: int = 2048) -> Path:
    subprocess.run(["openssl", "genrsa", "-out", str(path), str(bits)], check=True,
                   capture_output=True)  # fmt: skip
    return path


def settings_for(db: Path, key: Path, port: int) -> Settings:
    return Settings(
        db=db, base_url="https://desk.example", smtp_url=f"smtp://127.0.0.1:{port}",
        mail_from="Newsdesk <brief@desk.example>", dkim_key=key, dkim_selector="brief",
        secret="bench-secret",
    )  # fmt: skip


def environment(settings: Settings) -> dict[str, str]:
    return {
        "NEWSDESK_DB": str(settings.db), "NEWSDESK_BASE_URL": settings.base_url,
        "NEWSDESK_SMTP_URL": settings.smtp_url or "",
        "NEWSDESK_MAIL_FROM": settings.mail_from or "",
        "NEWSDESK_DKIM_KEY": str(settings.dkim_key),
        "NEWSDESK_DKIM_SELECTOR": settings.dkim_selector or "",
        "NEWSDESK_SECRET": settings.secret or "",
    }  # fmt: skip
