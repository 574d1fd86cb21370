"""Schedules by local date: zones, the 2026 daylight-saving days, exactly once, late skips."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from mail_briefs import archive, hand_brief, subscribe

from helpers.smtp import SmtpSink
from newsdesk.mail.deliver import send_due
from newsdesk.mail.schedule import DAY_NAMES, due_slots, next_send, send_time
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

EVERY_DAY = tuple(DAY_NAMES)


@dataclass(frozen=True)
class Reader:
    zone: str
    at: str
    days: tuple[str, ...] = EVERY_DAY
    confirmed_at: str | None = "2026-01-01T00:00:00+00:00"


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        # New York springs forward 2026-03-08 02:00 EST -> 03:00 EDT: 02:30 does not exist
        ("America/New_York", date(2026, 3, 8), "02:30", _utc(2026, 3, 8, 7, 30)),
        ("America/New_York", date(2026, 3, 7), "02:30", _utc(2026, 3, 7, 7, 30)),
        ("America/New_York", date(2026, 3, 9), "02:30", _utc(2026, 3, 9, 6, 30)),
        # and falls back 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice (first wins)
        ("America/New_York", date(2026, 11, 1), "01:30", _utc(2026, 11, 1, 5, 30)),
        ("America/New_York", date(2026, 11, 2), "01:30", _utc(2026, 11, 2, 6, 30)),
        # Berlin springs forward 2026-03-29 02:00 CET -> 03:00 CEST: 02:30 does not exist
        ("Europe/Berlin", date(2026, 3, 29), "02:30", _utc(2026, 3, 29, 1, 30)),
        ("Europe/Berlin", date(2026, 3, 28), "02:30", _utc(2026, 3, 28, 1, 30)),
        # and falls back 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens twice
        ("Europe/Berlin", date(2026, 10, 25), "02:30", _utc(2026, 10, 25, 0, 30)),
        ("Europe/Berlin", date(2026, 10, 26), "02:30", _utc(2026, 10, 26, 1, 30)),
        ("Asia/Tokyo", date(2026, 3, 10), "07:00", _utc(2026, 3, 9, 22, 0)),
        ("Asia/Kolkata", date(2026, 3, 10), "07:00", _utc(2026, 3, 10, 1, 30)),
    ],
)
def test_schedule_send_time_on_ordinary_and_dst_days(
    zone: str, day: date, at: str, expected: datetime
) -> None:
    assert send_time(zone, day, at) == expected


def test_schedule_due_slots_by_local_date_days_and_confirmation() -> None:
    tokyo = Reader("Asia/Tokyo", "07:00", days=("tue",))
    # 22:30 UTC Monday is 07:30 Tuesday in Tokyo: Tuesday's brief is due
    [slot] = due_slots(tokyo, _utc(2026, 3, 9, 22, 30))
    assert slot.day == date(2026, 3, 10) and not slot.late
    assert due_slots(tokyo, _utc(2026, 3, 9, 21, 59)) == []  # 06:59 there: not yet
    assert due_slots(Reader("Asia/Tokyo", "07:00", days=("wed",)), _utc(2026, 3, 9, 22, 30)) == []
    late = due_slots(tokyo, _utc(2026, 3, 10, 2, 0))  # 11:00 there: 4 hours late
    assert [s.late for s in late] == [True]
    fresh = Reader("UTC", "07:00", confirmed_at="2026-03-10T08:00:00+00:00")
    assert due_slots(fresh, _utc(2026, 3, 10, 8, 30)) == []  # not before they confirmed


def test_schedule_next_send_for_a_sleeping_loop() -> None:
    readers = [Reader("Europe/Berlin", "02:30"), Reader("America/New_York", "02:30")]
    assert next_send(readers, _utc(2026, 3, 29, 0, 0)) == _utc(2026, 3, 29, 1, 30)
    assert next_send([], _utc(2026, 3, 29)) is None


CASES = [
    ("America/New_York", "02:30", date(2026, 3, 8)),
    ("America/New_York", "01:30", date(2026, 11, 1)),
    ("Europe/Berlin", "02:30", date(2026, 3, 29)),
    ("Europe/Berlin", "02:30", date(2026, 10, 25)),
]


@pytest.mark.parametrize(("zone", "at", "dst_day"), CASES)
def test_schedule_exactly_one_brief_per_local_date_across_a_dst_day(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    zone: str, at: str, dst_day: date,
) -> None:  # fmt: skip
    days = [dst_day + timedelta(days=d) for d in (-1, 0, 1)]
    for day in days:
        archive(mail_store, hand_brief(day))
    subscribe(mail_store, "night@example.org", zone=zone, at=at)
    start = datetime.combine(days[0], datetime.min.time(), tzinfo=UTC) - timedelta(hours=12)
    moment = start
    while moment < start + timedelta(days=4):  # the loop wakes every 10 minutes
        report = send_due(mail_store, mail_settings, moment)
        assert report.error is None and not report.failed
        moment += timedelta(minutes=10)
    got = smtp_sink.to("night@example.org")
    subjects = [r.message["Subject"] for r in got]
    for day in days:
        assert sum(day.isoformat() in s for s in subjects) == 1, subjects
    assert len(got) == len({r.message_id for r in got})
    for day in days:
        row = mail_store.mail.delivery(day.isoformat(), "night@example.org")
        assert row is not None and row.status == "sent"
        assert row.due_at == send_time(zone, day, at).isoformat()
        # sent on the first wake-up at or after its time, never early
        assert row.sent_at is not None and row.due_at <= row.sent_at


def test_schedule_late_send_is_skipped_and_logged_not_sent(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    archive(mail_store, hand_brief())
    subscribe(mail_store, "early@example.org", zone="Europe/Berlin", at="06:00")
    with caplog.at_level("INFO", logger="newsdesk.mail"):
        report = send_due(mail_store, mail_settings, _utc(2026, 3, 10, 9, 30))  # 10:30 there
    assert report.sent == 0 and report.skipped == 1 and smtp_sink.received == []
    row = mail_store.mail.delivery("2026-03-10", "early@example.org")
    assert row is not None and row.status == "skipped" and row.reason.startswith("late")
    assert any("late" in r.getMessage() and "early@example.org" in r.getMessage()
               for r in caplog.records)  # fmt: skip
    again = send_due(mail_store, mail_settings, _utc(2026, 3, 10, 9, 35))
    assert again.sent == 0 and smtp_sink.received == []  # skipped once, not retried later


def test_schedule_zones_each_get_their_own_local_date(
    mail_store: SqliteStore, mail_settings: Settings, smtp_sink: SmtpSink
) -> None:
    for day in (date(2026, 3, 9), date(2026, 3, 10)):
        archive(mail_store, hand_brief(day))
    subscribe(mail_store, "tokyo@example.org", zone="Asia/Tokyo", at="07:00")
    subscribe(mail_store, "la@example.org", zone="America/Los_Angeles", at="07:00")
    send_due(mail_store, mail_settings, _utc(2026, 3, 9, 22, 5))  # Tokyo Tue 07:05, LA Mon 15:05
    [tokyo] = smtp_sink.to("tokyo@example.org")
    assert "2026-03-10" in tokyo.message["Subject"]
    assert smtp_sink.to("la@example.org") == []  # LA's 07:00 Monday was 8 h ago: late, skipped
    send_due(mail_store, mail_settings, _utc(2026, 3, 10, 14, 1))  # LA Tue 07:01
    [la] = smtp_sink.to("la@example.org")
    assert "2026-03-10" in la.message["Subject"]
