"""When each subscriber's brief is due: their local date, their days, their local time.

Scheduling is by local date with zoneinfo, never by cron expressions: a subscriber has
at most one send time per local date, so daylight-saving days cannot fire twice or not
at all. A wall time that does not exist that day (02:30 when clocks spring forward) is
sent when it would have been, an hour later on the new clock; a wall time that happens
twice (01:30 when clocks fall back) is sent at its first occurrence. A send found more
than :data:`LATE_AFTER` after its time is skipped (and logged by the sender), not sent late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo

__all__ = ["DAY_NAMES", "LATE_AFTER", "Scheduled", "Slot", "due_slots", "next_send", "send_time"]

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LATE_AFTER = timedelta(hours=3)


class Scheduled(Protocol):
    """What the schedule reads of a subscriber (``newsdesk.mail.subscribers.Subscriber``)."""

    @property
    def zone(self) -> str: ...
    @property
    def days(self) -> tuple[str, ...]: ...
    @property
    def at(self) -> str: ...
    @property
    def confirmed_at(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Slot:
    """One send: the brief of local date ``day`` due at ``due_at`` (UTC)."""

    day: date
    due_at: datetime
    late: bool = False


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _at(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def send_time(zone: str, day: date, at: str) -> datetime:
    """The UTC instant of wall time ``at`` on ``day`` in ``zone`` (gaps forward, folds first)."""
    local = datetime.combine(day, _at(at), tzinfo=_zone(zone))  # fold=0
    return local.astimezone(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def due_slots(
    subscriber: Scheduled, now: datetime, *, late_after: timedelta = LATE_AFTER
) -> list[Slot]:
    """The sends whose time has come by ``now``: today's and (just after midnight) yesterday's
    local date, on the subscriber's days, not before they confirmed; late ones flagged."""
    now = _aware(now).astimezone(UTC)
    confirmed = (
        _aware(datetime.fromisoformat(subscriber.confirmed_at)) if subscriber.confirmed_at else None
    )
    today = now.astimezone(_zone(subscriber.zone)).date()
    found = []
    for day in (today - timedelta(days=1), today):
        if DAY_NAMES[day.weekday()] not in subscriber.days:
            continue
        due = send_time(subscriber.zone, day, subscriber.at)
        if due > now or (confirmed is not None and due < confirmed):
            continue
        late = now - due > late_after
        if late and day != today:
            continue  # yesterday's send was made, skipped or missed while stopped
        found.append(Slot(day=day, due_at=due, late=late))
    return found


def next_send(subscribers: Iterable[Scheduled], now: datetime) -> datetime | None:
    """The earliest send time after ``now`` among ``subscribers`` (for a loop that sleeps)."""
    now = _aware(now).astimezone(UTC)
    best: datetime | None = None
    for subscriber in subscribers:
        today = now.astimezone(_zone(subscriber.zone)).date()
        for offset in range(8):
            day = today + timedelta(days=offset)
            if DAY_NAMES[day.weekday()] not in subscriber.days:
                continue
            due = send_time(subscriber.zone, day, subscriber.at)
            if due > now:
                best = due if best is None or due < best else best
                break
    return best
