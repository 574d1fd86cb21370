"""Trends and rising over a store fed with dated articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.store import SqliteStore
from newsdesk.watch.rising import rising
from newsdesk.watch.trends import chart_html, trend, trend_json

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def test_watch_trends_daily_counts_fill_the_gaps(wstore: SqliteStore, add_article) -> None:
    add_article("Quake one", published="2026-03-01T08:00:00+00:00")
    add_article("Quake two", published="2026-03-01T09:00:00+00:00")
    add_article("Quake three", published="2026-03-04T10:00:00+00:00")
    add_article("Strike", published="2026-03-02T10:00:00+00:00")
    found = trend(wstore, label="quake", query="quake", every="day")
    assert found.points == [("2026-03-01", 2), ("2026-03-02", 0), ("2026-03-03", 0),
                            ("2026-03-04", 1)]  # fmt: skip
    assert found.total == 3


def test_watch_trends_short_coverage_is_counted_by_hour(wstore: SqliteStore, add_article) -> None:
    add_article("Fire starts", published="2026-03-01T08:10:00+00:00")
    add_article("Fire spreads", published="2026-03-01T10:40:00+00:00")
    found = trend(wstore, label="fire", query="fire")
    assert found.hourly
    assert found.points == [("2026-03-01T08:00", 1), ("2026-03-01T09:00", 0),
                            ("2026-03-01T10:00", 1)]  # fmt: skip


def test_watch_trends_dates_without_times_are_counted_by_day(
    wstore: SqliteStore, add_article
) -> None:
    """Articles dated by day only (each at noon, as an archive gives them) over three days
    are counted per day: per hour they would be three bars among 49 rows of zeros."""
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        add_article(f"Strike day {day}", published=f"{day}T12:00:00+00:00")
    found = trend(wstore, label="strike", query="strike")
    assert not found.hourly
    assert found.points == [("2026-03-01", 1), ("2026-03-02", 1), ("2026-03-03", 1)]


def test_watch_trends_chart_escapes_and_has_a_text_equivalent(
    wstore: SqliteStore, add_article
) -> None:
    add_article("Harbour <b>news</b>", published="2026-03-01T08:00:00+00:00")
    add_article("Harbour reopens", published="2026-03-02T08:00:00+00:00")
    html = chart_html(trend(wstore, label='outlet:"<script>"', query="harbour", every="day"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<table>" in html and "<td>2026-03-01</td><td>1</td>" in html
    assert "most on 2026-03-01 (1)" in html


def test_watch_trends_one_day_of_dates_without_times_is_told_not_drawn(
    wstore: SqliteStore, add_article
) -> None:
    """A day's reports dated by day only (a feed's date, midnight by convention) are one
    point: per hour they were one bar 'from 00:00 to 00:00' filling the chart's width. One
    point is said in words, with no chart and no one-row table."""
    for n in range(3):
        add_article(f"Flood report {n}", published="2026-03-01T00:00:00+00:00")
    found = trend(wstore, label="flood", query="flood")
    assert not found.hourly and found.points == [("2026-03-01", 3)]
    html = chart_html(found)
    assert "Articles for flood: 3 articles, all on 2026-03-01." in html
    assert "<svg" not in html and "<table>" not in html and "00:00" not in html


def test_watch_trends_articles_before_the_window_are_counted_and_named(
    wstore: SqliteStore, add_article
) -> None:
    """An entity page's header counted 5 articles and its chart '4 articles in all': the
    chart shows the latest 90 days, and says how many dated articles fall before them."""
    add_article("Summit one", published="2025-06-01T08:00:00+00:00")
    add_article("Summit two", published="2026-03-01T08:00:00+00:00")
    add_article("Summit three", published="2026-03-02T08:00:00+00:00")
    found = trend(wstore, label="summit", query="summit", every="day")
    assert found.total == 2 and found.earlier == 1
    html = chart_html(found)
    assert (
        "2 articles in all" in html and "1 earlier article, before 2025-12-03, not shown." in html
    )
    assert trend_json(found)["earlier"] == 1


def test_watch_trends_one_hour_is_told_not_drawn(wstore: SqliteStore, add_article) -> None:
    add_article("Blast heard", published="2026-03-01T08:10:00+00:00")
    html = chart_html(trend(wstore, label="blast", query="blast", every="hour"))
    assert (
        "Articles for blast: 1 article, in the hour from 2026-03-01 08:00." in html
        and "<svg" not in html
    )


def _at(hours_before: float) -> str:
    return (NOW - timedelta(hours=hours_before)).isoformat()


def test_watch_rising_ranks_a_burst_above_steady_coverage(wstore: SqliteStore, add_article) -> None:
    for window in range(1, 29):  # steady: two articles in every six hours for a week
        for k in range(2):
            add_article(f"Rates {window} {k}", published=_at(window * 6 + 1 + k), story="s-steady")
    add_article("Rates now", published=_at(1), story="s-steady")
    add_article("Rates now too", published=_at(2), story="s-steady")
    for k in range(5):  # new: five articles in the last six hours
        add_article(f"Ferry {k}", published=_at(0.5 + k), story="s-burst")
    found = rising(wstore, now=NOW)
    assert [i.key for i in found.stories][:1] == ["s-burst"]
    burst = found.stories[0]
    assert burst.recent == 5 and burst.mean == 0
    steady = [i for i in found.stories if i.key == "s-steady"]
    assert steady and steady[0].score < burst.score


def test_watch_rising_anchors_at_the_latest_article_of_an_old_store(
    wstore: SqliteStore, add_article
) -> None:
    for k in range(3):
        add_article(f"Old burst {k}", published=f"2025-01-01T0{k}:00:00+00:00", story="s-old")
    found = rising(wstore, now=NOW)
    assert found.anchor.startswith("2025-01-01T02:00")
    assert [i.key for i in found.stories] == ["s-old"]


def test_watch_trends_hourly_chart_shows_readable_hours(wstore: SqliteStore, add_article) -> None:
    add_article("Storm lands", published="2026-03-01T08:10:00+00:00")
    add_article("Storm moves", published="2026-03-01T10:40:00+00:00")
    found = trend(wstore, label="storm", query="storm")
    html = chart_html(found)
    assert found.points[0][0] == "2026-03-01T08:00"  # the JSON keeps ISO
    assert "2026-03-01 08:00 to 2026-03-01 10:00" in html
    assert "<td>2026-03-01 09:00</td><td>0</td>" in html
    assert "T08:00" not in html
    assert "1 per hour</text>" in html and " a hour" not in html  # the axis reads as English
