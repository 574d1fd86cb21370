"""Every bad address, time zone, day, time or topic is refused with a message naming it."""

from __future__ import annotations

import pytest

from newsdesk.errors import InvalidSubscriber, UsageError
from newsdesk.mail.subscribers import (
    DEFAULT_DAYS,
    parse_at,
    parse_days,
    parse_email,
    parse_preferences,
    parse_topics,
    parse_zone,
)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("reader@", "'reader@'"),
        ("no-at-sign.example.org", "'no-at-sign.example.org'"),
        ("reader@localhost", "'reader@localhost'"),
        ("two@@example.org", "'two@@example.org'"),
        ("jörg@example.org", "'jörg@example.org'"),
        ("", "empty"),
    ],
)
def test_subscribers_bad_address_is_named(value: str, named: str) -> None:
    with pytest.raises(InvalidSubscriber, match="address") as caught:
        parse_email(value)
    assert named in str(caught.value)
    assert isinstance(caught.value, UsageError)  # the CLI answers exit status 2


def test_subscribers_address_is_normalised() -> None:
    assert parse_email("  Reader@Example.ORG ") == "Reader@example.org"
    assert parse_email("leser@bücher.example") == "leser@xn--bcher-kva.example"


def test_subscribers_bad_zone_is_named() -> None:
    with pytest.raises(InvalidSubscriber, match=r"time zone 'Mars/Olympus'"):
        parse_zone("Mars/Olympus")
    with pytest.raises(InvalidSubscriber, match=r"time zone 'America'"):
        parse_zone("America")  # a folder of the tz database, not a zone
    assert parse_zone("America/New_York") == "America/New_York"
    assert parse_zone(None) == "UTC"


def test_subscribers_bad_day_is_named() -> None:
    with pytest.raises(InvalidSubscriber, match=r"day 'funday'"):
        parse_days("mon,funday")
    with pytest.raises(InvalidSubscriber, match="no days"):
        parse_days(" , ")
    assert parse_days("Sun,MONDAY,mon,wed") == ("mon", "wed", "sun")
    assert parse_days(None) == DEFAULT_DAYS


@pytest.mark.parametrize("value", ["24:00", "7", "07:60", "7pm", "07:5"])
def test_subscribers_bad_time_is_named(value: str) -> None:
    with pytest.raises(InvalidSubscriber, match=rf"time {value!r}"):
        parse_at(value)


def test_subscribers_time_is_normalised() -> None:
    assert parse_at("7:05") == "07:05"
    assert parse_at(None) == "07:00"


def test_subscribers_topics_are_cleaned_and_checked() -> None:
    assert parse_topics(["Climate", " climate ", "", "  trade   policy "]) == (
        "Climate",
        "trade policy",
    )
    with pytest.raises(InvalidSubscriber, match=r"topic 'a, b'"):
        parse_topics(["a, b"])


def test_subscribers_preferences_name_the_first_bad_value() -> None:
    with pytest.raises(InvalidSubscriber, match="Atlantis"):
        parse_preferences(zone="Atlantis/Capital", days="mon", at="07:00")
    prefs = parse_preferences(zone="Europe/Berlin", days="sat,sun", at="9:30", topics=["ai"])
    assert (prefs.zone, prefs.days, prefs.at, prefs.topics) == (
        "Europe/Berlin",
        ("sat", "sun"),
        "09:30",
        ("ai",),
    )
