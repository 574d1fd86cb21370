"""A subscriber, and the checks every address, time zone, day list, hour and topic passes.

What a person asks for (from the command line, the sign-up form or a CSV row) is parsed
here into typed values; anything invalid raises :class:`~newsdesk.errors.InvalidSubscriber`
with a message that names the bad value. Addresses are checked offline (email-validator
with ``check_deliverability=False``) and normalised, so one person is one row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email

from newsdesk.errors import InvalidSubscriber

__all__ = [
    "CONSENT_TEXT",
    "CONSENT_VERSION",
    "DAYS",
    "DEFAULT_AT",
    "DEFAULT_DAYS",
    "DEFAULT_ZONE",
    "SOURCES",
    "STATUSES",
    "Preferences",
    "Subscriber",
    "parse_at",
    "parse_days",
    "parse_email",
    "parse_preferences",
    "parse_topics",
    "parse_zone",
    "zone_names",
]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STATUSES = ("pending", "confirmed", "unsubscribed", "suppressed")
SOURCES = ("cli", "form", "import")
DEFAULT_ZONE = "UTC"
DEFAULT_DAYS = ("mon", "tue", "wed", "thu", "fri")
DEFAULT_AT = "07:00"
MAX_TOPICS = 20
MAX_TOPIC = 60

# The consent a subscriber gives, shown on the form and in the confirmation mail; its
# version is stored with every subscription, so a changed text gets a new version.
CONSENT_VERSION = "2026-11-v1"
CONSENT_TEXT = (
    "I agree to receive the newsdesk brief by email on the days and at the time I chose. "
    "My address is used for nothing else; every mail has a one-click unsubscribe link, "
    "and I can ask for my data or its erasure at any time."
)

_DAY_NAMES = {
    **{day: day for day in DAYS},
    **{
        full: full[:3]
        for full in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    },
}
_AT = re.compile(r"(\d{1,2}):(\d{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Subscriber:
    """One address with its consent record, schedule and topics."""

    id: int
    email: str
    status: str  # 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed'
    zone: str  # an IANA time zone name
    days: tuple[str, ...]  # a subset of ('mon', ..., 'sun'), in week order
    at: str  # 'HH:MM', local time in ``zone``
    topics: tuple[str, ...]  # empty: every story
    requested_at: str  # ISO 8601, UTC
    confirmed_at: str | None
    source: str  # 'cli' | 'form' | 'import'
    consent_version: str

    def as_row(self) -> dict[str, object]:
        """The ``subscribers --json`` row (a contract: fields may be added, never renamed)."""
        return {
            "email": self.email,
            "status": self.status,
            "zone": self.zone,
            "days": list(self.days),
            "at": self.at,
            "topics": list(self.topics),
            "confirmed_at": self.confirmed_at,
            "requested_at": self.requested_at,
            "source": self.source,
            "consent_version": self.consent_version,
        }


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a subscriber chose: when the brief comes, and about what."""

    zone: str = DEFAULT_ZONE
    days: tuple[str, ...] = DEFAULT_DAYS
    at: str = DEFAULT_AT
    topics: tuple[str, ...] = ()


def parse_email(value: str) -> str:
    """The normalised address (domain lower-cased, in ASCII), checked offline.

    Internationalised domains are kept in their ASCII (IDNA) form; a non-ASCII local part
    is refused, since not every mail server on the way accepts one (SMTPUTF8).
    """
    text = (value or "").strip()
    if not text:
        raise InvalidSubscriber("the email address is empty: give one like reader@example.org")
    if len(text) > 320 or _CONTROL.search(text):
        raise InvalidSubscriber(f"email address {text[:80]!r} is not a valid address")
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise InvalidSubscriber(f"email address {text!r} is not valid: {exc}") from None
    return str(checked.ascii_email or checked.normalized)


def parse_zone(value: str | None) -> str:
    """An IANA time zone name (Europe/Berlin, America/New_York, UTC)."""
    name = (value or "").strip() or DEFAULT_ZONE
    if name not in zone_names():
        raise InvalidSubscriber(
            f"time zone {name[:80]!r} is not known: use an IANA name such as "
            "Europe/Berlin, America/New_York or UTC"
        )
    return name


def parse_days(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Day names (mon,tue or monday, any case) as a week-ordered tuple without repeats."""
    if value is None:
        return DEFAULT_DAYS
    parts = value.split(",") if isinstance(value, str) else [p for v in value for p in v.split(",")]
    chosen = set()
    for part in parts:
        word = part.strip().lower()
        if not word:
            continue
        if word not in _DAY_NAMES:
            raise InvalidSubscriber(
                f"day {part.strip()[:40]!r} is not a day name: use mon, tue, wed, thu, fri, "
                "sat, sun (comma-separated)"
            )
        chosen.add(_DAY_NAMES[word])
    if not chosen:
        raise InvalidSubscriber("no days given: choose at least one of mon, tue, ..., sun")
    return tuple(day for day in DAYS if day in chosen)


def parse_at(value: str | None) -> str:
    """A local time of day, HH:MM (24-hour), normalised to two digits each."""
    text = (value or "").strip() or DEFAULT_AT
    match = _AT.fullmatch(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidSubscriber(
            f"time {text[:40]!r} is not a time of day: write HH:MM, 24-hour (07:30, 18:00)"
        )
    return f"{int(match[1]):02d}:{match[2]}"


def parse_topics(values: Iterable[str] | None) -> tuple[str, ...]:
    """Topic filters (case kept, repeats dropped); none means every story."""
    topics: list[str] = []
    for raw in values or ():
        topic = " ".join(raw.split())
        if not topic:
            continue
        if len(topic) > MAX_TOPIC or "," in topic or _CONTROL.search(raw):
            raise InvalidSubscriber(
                f"topic {topic[:40]!r} is not usable: topics are at most {MAX_TOPIC} "
                "characters, without commas"
            )
        if topic.casefold() not in {t.casefold() for t in topics}:
            topics.append(topic)
    if len(topics) > MAX_TOPICS:
        raise InvalidSubscriber(f"{len(topics)} topics given: at most {MAX_TOPICS}")
    return tuple(topics)


def parse_preferences(
    *,
    zone: str | None = None,
    days: str | Iterable[str] | None = None,
    at: str | None = None,
    topics: Iterable[str] | None = None,
) -> Preferences:
    """All of a subscriber's choices at once; the first bad one raises, named."""
    return Preferences(
        zone=parse_zone(zone), days=parse_days(days), at=parse_at(at), topics=parse_topics(topics)
    )


@cache
def zone_names() -> frozenset[str]:
    """The time zone names this machine's tz database knows (read once per process)."""
    return frozenset(available_timezones())
