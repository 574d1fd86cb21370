"""Newsletter topics that select by region."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers.smtp import SmtpSink, dkim_key, smtp_sink  # noqa: F401
from newsdesk.mail.compose import select_stories
from newsdesk.mail.deliver import send_now
from newsdesk.publish.brief import Brief, BriefSource, BriefStory
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .test_newsletter import NOW, archive_brief, subscribe


def _story(sid: str, outlet: str) -> BriefStory:
    source = BriefSource(article_id=sid, outlet=outlet, title="t", url=None, published=None)
    return BriefStory(story_id=sid, headline=f"Story {sid}", summary=[], sources=[source])


def test_regions_newsletter_topic_selects_stories_a_countrys_outlets_covered() -> None:
    brief = Brief(
        date=date(2026, 1, 13),
        intro="",
        stories=[_story("a", "NHK"), _story("b", "Xinhua News Agency"), _story("c", "TIME")],
    )
    assert [s.story_id for s in select_stories(brief, ("region:JP",))] == ["a"]
    assert [s.story_id for s in select_stories(brief, ("region:cn", "region:US"))] == ["b", "c"]
    assert select_stories(brief, ("region:KR",)) == []


def test_regions_newsletter_topic_reads_the_stores_registry(store: SqliteStore) -> None:
    from newsdesk.outlets.model import Outlet
    from newsdesk.outlets.regions import region_registry

    brief = Brief(date=date(2026, 1, 13), intro="", stories=[_story("a", "Harbour Ledger")])
    assert select_stories(brief, ("region:NZ",)) == []  # the bundled registry lacks it
    store.outlets.save_outlet(Outlet(name="Harbour Ledger", hosts=("harbour-ledger.example",),
                             country="NZ", kind="private"))  # fmt: skip
    registry = region_registry(store, ("region:NZ",))
    assert [s.story_id for s in select_stories(brief, ("region:NZ",), registry=registry)] == ["a"]
    assert region_registry(store, ("Port Selva",)) is None  # no region topic: not read


def test_regions_newsletter_sends_by_the_countries_the_user_set(
    desk_store: SqliteStore,
    smtp_sink: SmtpSink,  # noqa: F811
    dkim_key: Path,  # noqa: F811
) -> None:
    settings = Settings(
        db=desk_store.path, base_url="https://desk.example", smtp_url=smtp_sink.url,
        mail_from="Newsdesk <brief@desk.example>", dkim_key=dkim_key, dkim_selector="brief",
        secret="test-secret-not-for-production",
    )  # fmt: skip
    archive_brief(desk_store)
    subscribe(desk_store, "kr@example.org", ("region:KR",))
    # a user's correction (`outlets set "Kyodo News" --country KR`): the mail follows it
    kyodo = desk_store.outlets.outlet_registry().get("Kyodo News")
    assert kyodo is not None and kyodo.country == "JP"
    desk_store.outlets.save_outlet(kyodo.with_(country="KR"))
    report = send_now(desk_store, settings, NOW)
    assert report.sent == 1, report
    [got] = smtp_sink.received
    assert "Quake report" in got.message["Subject"]
