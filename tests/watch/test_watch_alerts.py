"""Alerts as a user receives them: mail in a real SMTP server, POSTs in a local receiver."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import dkim

from helpers.smtp import SmtpSink, dkim_dns
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.watch.alerts import AlertConfig, WatchAlerter
from newsdesk.watch.lists import add_watchlist, health
from newsdesk.watch.webhook import sign

from .conftest import DOMAIN, SECRET, SELECTOR, Receiver

FAST = AlertConfig(first_retry=timedelta(seconds=30), webhook_timeout=2.0, wait=5.0)


def _pass(alerter: WatchAlerter, now: datetime | None = None) -> None:
    alerter.run_pass(now or datetime.now(UTC))
    alerter.drain(10)


def test_watch_alerts_burst_is_one_signed_mail(
    wstore: SqliteStore, watch_settings: Settings, smtp_sink: SmtpSink, add_article, dkim_key
) -> None:
    add_watchlist(wstore, watch_settings, "Quakes", "quake OR earthquake", email="ana@example.org")
    for title in ("Quake hits Orlen", "Earthquake damages bridges", "Aftershocks after quake"):
        add_article(title)
    add_article("Dock strike continues")
    alerter = WatchAlerter(wstore, watch_settings, config=FAST)
    _pass(alerter)
    assert len(smtp_sink.received) == 1
    got = smtp_sink.received[0]
    message = got.message
    assert got.rcpt_tos == ["ana@example.org"]
    assert "3 new articles" in str(message["Subject"])
    text = message.get_body(("plain",)).get_content()
    for title in ("Quake hits Orlen", "Earthquake damages bridges", "Aftershocks after quake"):
        assert title in text
    assert "Dock strike" not in text
    unsubscribe = str(message["List-Unsubscribe"])
    assert unsubscribe.startswith("<https://desk.example/watch/unsubscribe/")
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert dkim.verify(got.data, dnsfunc=dkim_dns(dkim_key.read_bytes(), SELECTOR, DOMAIN))
    _pass(alerter)  # nothing new: nothing sent again
    assert len(smtp_sink.received) == 1
    add_article("Another quake felt")
    _pass(alerter)
    assert len(smtp_sink.received) == 2
    assert "Another quake felt" in smtp_sink.received[1].message.get_body(("plain",)).get_content()


def test_watch_alerts_hourly_cap_holds_matches_for_the_next_mail(
    wstore: SqliteStore, watch_settings: Settings, smtp_sink: SmtpSink, add_article
) -> None:
    add_watchlist(wstore, watch_settings, "Strike", "strike", email="b@example.org", per_hour=1)
    alerter = WatchAlerter(wstore, watch_settings, config=FAST)
    now = datetime.now(UTC)
    add_article("Strike begins")
    _pass(alerter, now)
    add_article("Strike spreads")
    add_article("Strike talks fail")
    _pass(alerter, now + timedelta(minutes=5))
    assert len(smtp_sink.received) == 1  # the hour's one mail is spent
    assert wstore.watch_alerts.ledger_waiting() == {(1, "email"): 2}
    _pass(alerter, now + timedelta(minutes=61))
    assert len(smtp_sink.received) == 2
    held = smtp_sink.received[1].message.get_body(("plain",)).get_content()
    assert "Strike spreads" in held and "Strike talks fail" in held


def test_watch_alerts_mail_resent_after_a_kill_keeps_its_message_id(
    wstore: SqliteStore, watch_settings: Settings, smtp_sink: SmtpSink, add_article, monkeypatch
) -> None:
    add_watchlist(wstore, watch_settings, "Vote", "vote", email="c@example.org")
    add_article("Assembly vote passes")
    first = WatchAlerter(wstore, watch_settings, config=FAST)
    # the process dies after the server's 250 but before the ledger says 'sent'
    monkeypatch.setattr(wstore.watch_alerts, "alert_sent", lambda *a, **k: None)
    _pass(first)
    monkeypatch.undo()
    second = WatchAlerter(wstore, watch_settings, config=FAST)  # the restarted run
    _pass(second)
    _pass(second)
    ids = smtp_sink.message_ids()
    assert len(ids) == 2 and ids[0] == ids[1]
    assert [a.status for a in wstore.watch_alerts.alerts()] == ["sent"]


def test_watch_alerts_webhook_is_signed_json(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    add_watchlist(
        wstore, watch_settings, "Ferry", '"ferry capsized"', webhook=receiver.url,
        allow_private=True, secret="per-watch-key",
    )  # fmt: skip
    add_article("Ferry capsized near Port Selva", "The ferry capsized on Monday night.")
    add_article("Ferry timetable changes", "The ferry leaves later on Sundays.")
    _pass(WatchAlerter(wstore, watch_settings, config=FAST))
    assert len(receiver.posts) == 1
    post = receiver.posts[0]
    expected = "sha256=" + hmac.new(b"per-watch-key", post["body"], hashlib.sha256).hexdigest()
    assert post["headers"]["x-newsdesk-signature"] == expected
    assert post["headers"]["content-type"] == "application/json"
    body = receiver.bodies()[0]
    assert body["delivery_id"] == post["headers"]["x-newsdesk-delivery"]
    assert body["watchlist"]["name"] == "Ferry"
    assert [m["title"] for m in body["matches"]] == ["Ferry capsized near Port Selva"]


def test_watch_alerts_failing_receiver_is_backed_off_and_shown(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    add_watchlist(wstore, watch_settings, "Rates", "rates", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    receiver.status = 500
    add_article("Central bank raises rates")
    alerter = WatchAlerter(wstore, watch_settings, config=FAST)
    now = datetime.now(UTC)
    _pass(alerter, now)
    assert len(receiver.posts) == 1
    watch = wstore.watch.watch("Rates")
    assert watch is not None and watch.hook_errors == 1
    assert "HTTP 500" in (health(watch) or "")
    _pass(alerter, now + timedelta(seconds=1))  # backed off: not tried again yet
    assert len(receiver.posts) == 1
    receiver.status = 200
    _pass(alerter, now + timedelta(hours=2))
    assert len(receiver.posts) == 2
    assert receiver.deliveries()[0] == receiver.deliveries()[1]  # the same delivery id
    watch = wstore.watch.watch("Rates")
    assert watch is not None and health(watch) is None


def test_watch_alerts_hanging_receiver_does_not_hold_up_the_pass(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    add_watchlist(wstore, watch_settings, "Fire", "fire", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    receiver.delay = 3.0
    add_article("Fire near Hessel")
    alerter = WatchAlerter(
        wstore, watch_settings, config=AlertConfig(webhook_timeout=1.0, wait=0.05)
    )
    report = alerter.run_pass(datetime.now(UTC))
    assert report.in_flight == 1  # the pass went on while the receiver hung
    alerter.drain(10)
    alert = wstore.watch_alerts.alerts()[0]
    assert alert.status == "pending" and "did not answer" in (alert.last_error or "")


def test_watch_alerts_feed_only_watchlist_records_matches(
    wstore: SqliteStore, watch_settings: Settings, smtp_sink: SmtpSink, add_article
) -> None:
    watch = add_watchlist(wstore, watch_settings, "Quiet", "outlet:Ledger")
    add_article("Ledger story", outlet="Ledger")
    add_article("Wire story", outlet="Wire")
    _pass(WatchAlerter(wstore, watch_settings, config=FAST))
    ids = wstore.watch.watch_articles(watch.id)
    assert len(ids) == 1 and wstore.articles.article(ids[0]).title == "Ledger story"
    assert not smtp_sink.received and not wstore.watch_alerts.alerts()


def test_watch_alerts_only_articles_after_the_watchlist(
    wstore: SqliteStore, watch_settings: Settings, smtp_sink: SmtpSink, add_article
) -> None:
    add_article("Old quake report")
    add_watchlist(wstore, watch_settings, "Quakes", "quake", email="d@example.org")
    add_article("New quake report")
    _pass(WatchAlerter(wstore, watch_settings, config=FAST))
    text = smtp_sink.received[0].message.get_body(("plain",)).get_content()
    assert "New quake report" in text and "Old quake report" not in text


def test_watch_alerts_signature_helper_matches_hmac() -> None:
    body = b'{"a": 1}'
    assert sign(SECRET, body) == "sha256=" + hmac.new(SECRET.encode(), body, "sha256").hexdigest()


def test_watch_alerts_entity_watchlist_waits_for_annotations(
    wstore: SqliteStore, watch_settings: Settings, add_article
) -> None:
    from newsdesk.article import Annotations, Mention

    watch = add_watchlist(wstore, watch_settings, "Varga", 'entity:"Ilse Varga"')
    article = add_article("Minister speaks", "Ilse Varga spoke on Monday.")
    alerter = WatchAlerter(wstore, watch_settings, config=FAST)
    now = datetime.now(UTC)
    assert alerter.match(now) == 0  # not annotated yet: it waits rather than miss it
    assert wstore.watch.watch("Varga").watermark == watch.watermark  # type: ignore[union-attr]
    found = Annotations(entities=[Mention("Ilse Varga", "PERSON", 0, 10, canonical="Ilse Varga")])
    wstore.annotations.save_annotations([(article, found)])
    assert alerter.match(now) == 1
    never = add_article("Unannotated", "Ilse Varga again.")
    assert alerter.match(now) == 0
    assert alerter.match(now + timedelta(minutes=10)) == 0  # gave up waiting: looked past it
    assert wstore.watch.watch("Varga").watermark >= wstore.watch_matches.max_article_rowid()  # type: ignore[union-attr]
    assert never not in wstore.watch.watch_articles(watch.id)


def test_watch_alerts_watchlists_with_the_same_query_each_get_the_match(
    wstore: SqliteStore, watch_settings: Settings, add_article
) -> None:
    first = add_watchlist(wstore, watch_settings, "Quakes", "quake")
    second = add_watchlist(wstore, watch_settings, "Also quakes", "quake")
    add_article("Quake in the valley")
    WatchAlerter(wstore, watch_settings, config=FAST).match(datetime.now(UTC))
    assert (
        len(wstore.watch.watch_articles(first.id))
        == len(wstore.watch.watch_articles(second.id))
        == 1
    )


def test_watch_alerts_second_sender_sends_nothing_while_the_lease_is_held(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    add_watchlist(wstore, watch_settings, "Port", "port", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    add_article("Port reopens")
    first = WatchAlerter(wstore, watch_settings, config=FAST, holder="desk-a.example:101")
    second = WatchAlerter(wstore, watch_settings, config=FAST, holder="desk-b.example:202")
    _pass(first)
    assert len(receiver.posts) == 1
    add_article("Port closes again")
    # the same pending alert is due for both: only the lease's holder sends it
    waiting = second.run_pass(datetime.now(UTC))
    second.drain(10)
    assert len(receiver.posts) == 1
    assert "another run (desk-a.example:101) is sending alerts" in (waiting.summary() or "")
    _pass(first)
    assert len(receiver.posts) == 2
    first.release()  # the holder stopped: the other takes over at once
    add_article("Port busy")
    _pass(second)
    assert len(receiver.posts) == 3
    assert len(set(receiver.deliveries())) == 3


def test_watch_alerts_lease_of_a_dead_process_is_taken_over(
    wstore: SqliteStore, watch_settings: Settings, receiver: Receiver, add_article
) -> None:
    import socket
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = f"{socket.gethostname()}:{gone.stdout.strip()}"
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat(timespec="seconds")
    assert (
        wstore.watch_alerts.take_watch_lease(dead, now=datetime.now(UTC).isoformat(), until=later)
        is None
    )
    add_watchlist(wstore, watch_settings, "Dam", "dam", webhook=receiver.url,
                  allow_private=True)  # fmt: skip
    add_article("Dam holds")
    _pass(WatchAlerter(wstore, watch_settings, config=FAST))
    assert len(receiver.posts) == 1
