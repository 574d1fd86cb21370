"""The briefs as mailed: built once per version, archived (no personal token), read back.

The run loop calls :func:`refresh_brief` after an ingest; the sender calls
:func:`brief_for`, which reuses the day's latest archived version while it is fresh and
rebuilds it otherwise. A rebuild that changes nothing adds no version (digest), so a
retried message is composed from the same version its ledger row names.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from newsdesk.mail.compose import make_edition
from newsdesk.publish.brief import (
    Brief,
    BriefQuote,
    BriefSource,
    BriefStory,
    ComingUp,
    TimelineEntry,
    build_brief,
)
from newsdesk.publish.render.json import brief_json
from newsdesk.serialize import (
    blindspots_from_json,
    conflicts_from_json,
    only_in_from_json,
    perspectives_from_json,
)
from newsdesk.store.mail import ArchivedBrief
from newsdesk.summarize import SummarySentence
from newsdesk.watch.rising import Rising

if TYPE_CHECKING:
    from newsdesk.store.protocols import MailStore

__all__ = ["ARCHIVE_TOP", "FRESH_FOR", "brief_for", "brief_from_json", "refresh_brief"]

ARCHIVE_TOP = 30  # stories kept per day, so topic filters have stories to choose from
FRESH_FOR = timedelta(minutes=15)


def brief_from_json(data: dict[str, Any]) -> Brief:
    """The :class:`Brief` back from its JSON (the archive keeps the JSON)."""
    stories = []
    for s in data.get("stories", []):
        quote = s.get("quote")
        stories.append(
            BriefStory(
                story_id=s["id"],
                headline=s["headline"],
                summary=[SummarySentence(x["text"], list(x["sources"])) for x in s["summary"]],
                sources=[
                    BriefSource(x["id"], x["outlet"], x.get("title"), x.get("url"),
                                x.get("published"))
                    for x in s["sources"]
                ],
                quote=BriefQuote(quote["text"], quote["speaker"], quote["article_id"])
                if quote else None,
                timeline=[TimelineEntry(t["date"], t["text"], t["article_id"])
                          for t in s.get("timeline", [])],
                only_in=only_in_from_json(s.get("only_in", [])),
                conflicts=conflicts_from_json(s.get("conflicts", [])),
                since_last=s.get("since_last"),
                perspectives=perspectives_from_json(s.get("perspectives")),  # newsdesk.outlets
            )
        )  # fmt: skip
    coming = [
        ComingUp(c["date"], c["text"], c["story_id"], c["headline"], c["article_id"])
        for c in data.get("coming_up", [])
    ]
    return Brief(
        date=date.fromisoformat(data["date"]),
        intro=data.get("intro", ""),
        stories=stories,
        coming_up=coming,
        blindspots=blindspots_from_json(data.get("blindspots") or []),  # newsdesk.outlets
        rising=Rising.from_json(data["rising"]) if data.get("rising") else None,  # newsdesk.watch
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def refresh_brief(
    store: MailStore,
    day: date,
    *,
    now: datetime | None = None,
    base_url: str = "",
    top: int = ARCHIVE_TOP,
    rising: bool = False,
) -> ArchivedBrief:
    """Build ``day``'s brief and archive it when it changed; the latest version.
    ``rising``: what is rising at its top (NEWSDESK_BRIEF_RISING)."""
    built = build_brief(store, day, top=top, rising=rising)
    data = brief_json(built)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    edition = make_edition(built)
    html = edition.public_html(base_url) if edition else ""
    store.mail.save_brief(
        day.isoformat(),
        digest=digest,
        built_at=_iso(now or datetime.now(UTC)),
        stories=len(built.stories),
        subject=edition.subject if edition else f"Brief for {day.isoformat()}: no stories",
        brief_json=data,
        html=html,
        text=edition.text if edition else "",
    )
    latest: ArchivedBrief | None = store.mail.latest_brief(day.isoformat())
    assert latest is not None
    return latest


def brief_for(
    store: MailStore,
    day: date,
    *,
    now: datetime,
    base_url: str = "",
    fresh_for: timedelta = FRESH_FOR,
    rising: bool = False,
) -> ArchivedBrief:
    """The day's latest archived brief while fresh (or the day long over), else a rebuild."""
    latest: ArchivedBrief | None = store.mail.latest_brief(day.isoformat())
    if latest is not None:
        built = datetime.fromisoformat(latest.built_at)
        day_over = datetime.combine(day + timedelta(days=2), time.min, tzinfo=UTC)
        if now - built <= fresh_for or built >= day_over:
            return latest
    return refresh_brief(store, day, now=now, base_url=base_url, rising=rising)
