"""The subscriber tables: consent records, confirmation, unsubscribe, the daily cap, erasure."""

from __future__ import annotations

import sqlite3

from newsdesk.mail.subscribers import CONSENT_VERSION, Preferences
from newsdesk.store import SqliteStore

PREFS = Preferences(zone="Europe/Berlin", days=("mon", "fri"), at="06:30", topics=("Climate",))


def _request(store: SqliteStore, email: str = "reader@example.org", source: str = "cli") -> None:
    store.subscribers.request_subscription(
        email, PREFS, source=source, consent_version=CONSENT_VERSION
    )


def test_store_request_is_pending_with_its_consent_record(store: SqliteStore) -> None:
    _request(store, source="form")
    found = store.subscribers.subscriber(
        "READER@example.org"
    )  # addresses match without regard to case
    assert found is not None
    assert (found.status, found.source, found.consent_version) == (
        "pending",
        "form",
        CONSENT_VERSION,
    )
    assert (found.zone, found.days, found.at, found.topics) == (
        "Europe/Berlin",
        ("mon", "fri"),
        "06:30",
        ("Climate",),
    )
    assert found.requested_at and found.confirmed_at is None
    assert store.subscribers.confirmed_subscribers() == []


def test_store_confirm_twice_is_a_harmless_no_op(store: SqliteStore) -> None:
    _request(store)
    assert store.subscribers.confirm_subscriber(
        "reader@example.org", now="2026-11-23T10:00:00+00:00"
    ) == ("confirmed")
    assert store.subscribers.confirm_subscriber(
        "reader@example.org", now="2026-11-24T10:00:00+00:00"
    ) == ("already")
    (found,) = store.subscribers.confirmed_subscribers()
    assert found.confirmed_at == "2026-11-23T10:00:00+00:00"  # the first confirmation stands
    record = store.subscribers.subscriber_record("reader@example.org")
    assert record is not None
    assert [e["event"] for e in record["events"]] == ["requested", "confirmed"]


def test_store_asking_again_changes_no_confirmed_subscription(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    other = Preferences(zone="UTC", days=("sun",), at="23:00")
    found, changed = store.subscribers.request_subscription(
        "reader@example.org", other, source="form", consent_version=CONSENT_VERSION
    )
    assert not changed and found.status == "confirmed" and found.days == ("mon", "fri")


def test_store_unsubscribe_is_effective_at_once(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    assert store.subscribers.unsubscribe_subscriber("reader@example.org", how="cli")
    assert not store.subscribers.unsubscribe_subscriber("reader@example.org", how="cli")
    assert store.subscribers.confirmed_subscribers() == []
    assert (
        store.subscribers.confirm_subscriber("reader@example.org") == "not_pending"
    )  # an old link
    found = store.subscribers.subscriber("reader@example.org")
    assert found is not None and found.status == "unsubscribed"


def test_store_suppression_by_the_mail_side(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    assert store.subscribers.set_subscriber_status(
        "reader@example.org", "suppressed", reason="hard bounce"
    )
    assert store.subscribers.confirmed_subscribers() == []
    _, changed = store.subscribers.request_subscription(
        "reader@example.org", PREFS, source="form", consent_version=CONSENT_VERSION
    )
    assert not changed  # a suppressed address is not mailed again by a new request


def test_store_three_confirmation_mails_a_day(store: SqliteStore) -> None:
    day = "2026-11-23"
    taken = [
        store.subscribers.reserve_confirmation("reader@example.org", day=day) for _ in range(4)
    ]
    assert taken == [True, True, True, False]
    assert store.subscribers.reserve_confirmation("READER@example.org", day=day) is False
    assert store.subscribers.reserve_confirmation("reader@example.org", day="2026-11-24")
    store.subscribers.release_confirmation("reader@example.org", day=day)
    assert store.subscribers.reserve_confirmation("reader@example.org", day=day)


def test_store_erasure_keeps_only_a_keyed_hash(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    store.subscribers.reserve_confirmation("reader@example.org", day="2026-11-23")
    assert store.subscribers.erase_subscriber("reader@example.org")
    assert store.subscribers.subscriber("reader@example.org") is None
    assert store.subscribers.is_erased("Reader@Example.org")
    outcome, _ = store.subscribers.import_subscriber(
        "reader@example.org", PREFS, consent_version="paper-2024"
    )
    assert outcome == "erased"
    store.close()
    raw = sqlite3.connect(store.path)
    dump = "\n".join(raw.iterdump())
    raw.close()
    assert "reader@example.org" not in dump.lower()  # nowhere in the file's tables


def test_store_import_never_overrides_an_unsubscribe(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.unsubscribe_subscriber("reader@example.org", how="web")
    outcome, _ = store.subscribers.import_subscriber(
        "reader@example.org", PREFS, consent_version="v-old"
    )
    assert outcome == "unsubscribed"
    outcome, found = store.subscribers.import_subscriber(
        "new@example.org", PREFS, consent_version="v-old"
    )
    assert outcome == "confirmed" and found is not None
    assert (found.source, found.consent_version, found.status) == ("import", "v-old", "confirmed")
    outcome, found = store.subscribers.import_subscriber(
        "late@example.org", PREFS, consent_version=None
    )
    assert outcome == "pending" and found is not None and found.confirmed_at is None


def test_store_erasure_reaches_every_table_that_keeps_the_address(store: SqliteStore) -> None:
    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    store.mail.suppress("reader@example.org", reason="hard_bounce", detail="550", at="2026-11-23")
    record = store.subscribers.subscriber_record("reader@example.org")
    assert record is not None and record["mail"]["suppressions"][0]["reason"] == "hard_bounce"
    store.subscribers.erase_subscriber("reader@example.org")
    assert store.mail.suppressed() == {}
    store.close()
    raw = sqlite3.connect(store.path)
    dump = "\n".join(raw.iterdump())
    raw.close()
    assert "reader@example.org" not in dump.lower()


def test_store_unsubscribe_skips_mail_already_queued(store: SqliteStore) -> None:
    from newsdesk.store.mail import PlannedDelivery

    _request(store)
    store.subscribers.confirm_subscriber("reader@example.org")
    queued = PlannedDelivery(
        day="2026-11-24", email="reader@example.org", message_id="<m@x>", due_at="2026-11-24"
    )
    store.mail.plan_deliveries([queued], now="2026-11-23T10:00:00+00:00")
    store.subscribers.unsubscribe_subscriber("reader@example.org", how="one-click")
    assert store.mail.deliveries(status="pending") == []
    (row,) = store.mail.deliveries(status="skipped")
    assert row.reason == "unsubscribed"
