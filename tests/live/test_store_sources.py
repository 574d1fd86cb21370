"""The store's followed sources: schedule, poll state, backoff bookkeeping, article links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.article import Article
from newsdesk.errors import UsageError
from newsdesk.live.polling import MAX_BACKOFF, next_poll_after_error
from newsdesk.live.sources import check_source_url, follow_source
from newsdesk.store import SqliteStore

T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
FEED = "https://news.example/feed.xml"


def test_sources_follow_is_due_at_once_and_listed(store: SqliteStore) -> None:
    added = store.sources.follow(FEED, every=15, outlet="Harbour Gazette", now=T0)
    assert (added.url, added.every, added.outlet, added.articles) == (
        FEED,
        15,
        "Harbour Gazette",
        0,
    )
    assert added.last_polled is None and added.last_error is None
    assert [s.url for s in store.sources.due_sources(T0)] == [FEED]
    assert [s.url for s in store.sources.followed()] == [FEED]


def test_sources_follow_again_changes_schedule_but_keeps_poll_state(store: SqliteStore) -> None:
    store.sources.follow(FEED, now=T0)
    store.sources.record_poll(
        FEED, status=200, next_poll=T0 + timedelta(minutes=30), etag='"a"', last_modified=None
    )
    again = store.sources.follow(FEED, every=60, outlet="Gazette", now=T0 + timedelta(minutes=5))
    assert (again.every, again.outlet, again.etag) == (60, "Gazette", '"a"')
    assert len(store.sources.followed()) == 1


def test_sources_record_poll_sets_validators_and_next_poll(store: SqliteStore) -> None:
    store.sources.follow(FEED, every=30, now=T0)
    store.sources.record_poll(
        FEED,
        status=200,
        next_poll=T0 + timedelta(minutes=30),
        etag='"v1"',
        last_modified="Tue, 10 Mar 2026 08:00:00 GMT",
        kind="feed",
        now=T0,
    )
    assert store.sources.due_sources(T0 + timedelta(minutes=29)) == []
    [due] = store.sources.due_sources(T0 + timedelta(minutes=30))
    assert (due.etag, due.last_modified, due.kind, due.last_status) == (
        '"v1"',
        "Tue, 10 Mar 2026 08:00:00 GMT",
        "feed",
        200,
    )
    assert due.last_polled == T0.isoformat()


def test_sources_errors_count_up_and_a_success_clears_them(store: SqliteStore) -> None:
    store.sources.follow(FEED, now=T0)
    for n in range(3):
        store.sources.record_poll_error(
            FEED, error=f"boom {n}", next_poll=T0 + timedelta(hours=n + 1), status=500, now=T0
        )
    [failing] = store.sources.followed()
    assert (failing.errors, failing.last_error, failing.last_status) == (3, "boom 2", 500)
    store.sources.record_poll(FEED, status=304, next_poll=T0, etag=None, last_modified=None)
    [healed] = store.sources.followed()
    assert (healed.errors, healed.last_error, healed.last_status) == (0, None, 304)


def test_sources_articles_counts_distinct_articles_given(store: SqliteStore) -> None:
    store.sources.follow(FEED, now=T0)
    store.articles.add_source(
        FEED,
        [Article(source=FEED, format="rss", raw="x", text="x", url=f"{FEED}/{i}") for i in "ab"],
    )
    ids = list(store.sources.ids_by_url([f"{FEED}/a", f"{FEED}/b", f"{FEED}/c"]).values())
    assert len(ids) == 2
    for _ in range(2):  # a re-poll links the same articles again: counted once
        store.sources.record_poll(
            FEED, status=200, next_poll=T0, etag=None, last_modified=None, article_ids=ids
        )
    assert store.sources.followed()[0].articles == 2


def test_sources_unfollow(store: SqliteStore) -> None:
    store.sources.follow(FEED, now=T0)
    store.sources.record_poll(
        FEED, status=200, next_poll=T0, etag=None, last_modified=None, article_ids=["x"]
    )
    assert store.sources.unfollow(FEED) is True
    assert store.sources.unfollow(FEED) is False
    assert store.sources.followed() == []
    assert store.sources.follow(FEED, now=T0).articles == 0


def test_sources_store_refuses_an_interval_under_a_minute(store: SqliteStore) -> None:
    with pytest.raises(ValueError, match="at least 1 minute"):
        store.sources.follow(FEED, every=0)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "ftp://news.example/feed",
        "file:///etc/passwd",
        "news.example/feed",
        "http:///nohost",
        "http://news.example:99999/",
        "http://news example/feed",
        "javascript:alert(1)",
    ],
)
def test_sources_bad_urls_are_refused_with_a_reason(store: SqliteStore, url: str) -> None:
    with pytest.raises(UsageError):
        follow_source(store, url)
    assert store.sources.followed() == []


def test_sources_url_is_kept_as_given_trimmed() -> None:
    assert check_source_url("  https://news.example/feed.xml?x=1 ") == (
        "https://news.example/feed.xml?x=1"
    )


@pytest.mark.parametrize("every", [0, -5, 7 * 24 * 60 + 1])
def test_sources_bad_interval_is_refused(store: SqliteStore, every: int) -> None:
    with pytest.raises(UsageError, match="--every"):
        follow_source(store, FEED, every=every)


def test_backoff_doubles_per_failure_up_to_a_day() -> None:
    delays = [next_poll_after_error(T0, every=30, errors=n) - T0 for n in range(1, 8)]
    assert delays[:4] == [timedelta(minutes=m) for m in (60, 120, 240, 480)]
    assert delays[-1] == MAX_BACKOFF
    assert delays == sorted(delays)


def test_backoff_honours_retry_after_and_long_intervals() -> None:
    assert next_poll_after_error(T0, every=1, errors=1, retry_after=600) - T0 == timedelta(
        minutes=10
    )
    weekly = 7 * 24 * 60
    assert next_poll_after_error(T0, every=weekly, errors=3) - T0 == timedelta(minutes=weekly)
