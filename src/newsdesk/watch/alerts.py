"""What ``newsdesk run`` does for watchlists each pass: match, plan, deliver.

1. **Match**: every watchlist is evaluated over the articles committed since its
   watermark only (indexed once in memory by FTS5's own tokenizer, see
   :mod:`newsdesk.store.watch_eval`; one read connection for all); the
   matches, one pending ledger row per (watchlist, match, channel) and the new
   watermarks are one transaction.
2. **Plan**: the matches waiting on a channel become one alert (a burst is one mail
   or one POST), its Message-ID or delivery id written before anything is sent. A
   watchlist mails at most ``per_hour`` times an hour: more matches wait for the next
   mail, none is dropped. A channel with an alert still being retried plans nothing
   new until it goes through.
3. **Deliver**: due alerts go out on a few worker threads; the pass waits a moment
   for them and moves on, so a receiver that hangs or answers 500 never holds up
   ``run``: it is retried with exponential backoff and shown in ``watch list``.
   An alert is marked sent right after the receiver's answer; a kill in between
   resends it with the same id.

One process sends at a time: each pass takes (or renews) the store's alert sender lease
(``watch_sender``, held by ``host:pid``, like the newsletter's); a second ``run`` on the
same store finds it held and does nothing until the holder stops renewing it or is seen
to be dead, so two processes never both send one due alert.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from newsdesk.errors import (
    FetchError,
    MailNotConfigured,
    NewsdeskError,
    PermanentFailure,
    SmtpUnavailable,
    TransientFailure,
)
from newsdesk.lease import holder_is_dead, this_holder
from newsdesk.settings import Settings
from newsdesk.store.protocols import WatchStore
from newsdesk.store.watch import Watch
from newsdesk.store.watch_alerts import Alert
from newsdesk.store.watch_prefilter import needs_annotations

__all__ = ["AlertConfig", "PassReport", "WatchAlerter", "desk_step", "holder_is_dead"]

log = logging.getLogger("newsdesk.watch")


@dataclass(frozen=True, slots=True)
class AlertConfig:
    """How alerts are paced and retried."""

    webhook_timeout: float = 5.0  # seconds a receiver has to answer
    smtp_timeout: float = 30.0
    first_retry: timedelta = timedelta(seconds=30)
    longest_retry: timedelta = timedelta(hours=1)
    give_up_after: timedelta = timedelta(hours=24)
    max_items: int = 200  # matches in one alert (more go in the next)
    workers: int = 4  # deliveries at once
    wait: float = 2.0  # seconds a pass waits for its deliveries before moving on
    annotation_wait: timedelta = timedelta(minutes=5)  # entity: waits this long for mentions
    follow_every: float | None = 5.0  # seconds between looks in between passes (None: off)
    lease: timedelta = timedelta(minutes=2)  # how long one pass holds the sender's lease


@dataclass(slots=True)
class PassReport:
    matched: int = 0
    planned: int = 0
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    in_flight: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: PassReport) -> None:
        self.matched += other.matched
        self.planned += other.planned
        self.sent += other.sent
        self.deferred += other.deferred
        self.failed += other.failed
        self.errors += other.errors

    def summary(self) -> str | None:
        if not (self.matched or self.planned or self.sent or self.deferred or self.failed
                or self.errors):  # fmt: skip
            return None
        parts = [f"{self.matched} matches", f"{self.planned} alerts planned", f"{self.sent} sent"]
        parts += [f"{n} {k}" for k, n in (("deferred", self.deferred), ("failed", self.failed),
                                          ("in flight", self.in_flight)) if n]  # fmt: skip
        errors = list(dict.fromkeys(self.errors))  # the same problem once
        return ", ".join(parts) + ("; " + "; ".join(errors[:3]) if errors else "")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class _Mailer:
    """The newsletter's letterhead, DKIM signer and SMTP target, built once."""

    def __init__(self, settings: Settings) -> None:
        from email.utils import parseaddr

        from newsdesk.mail.dkim import DkimSigner
        from newsdesk.mail.message import Letterhead
        from newsdesk.mail.smtp import SmtpTarget

        self.letterhead = Letterhead.from_settings(settings)
        self.signer = DkimSigner.from_settings(settings)
        if self.signer is None:
            raise MailNotConfigured(
                "NEWSDESK_DKIM_KEY is not set: alert mails are DKIM-signed like the newsletter"
            )
        self.target = SmtpTarget.from_url(settings.smtp_url)
        self.envelope_from = parseaddr(settings.mail_from or "")[1]


class WatchAlerter:
    """Matches, plans and delivers watchlist alerts for one store."""

    def __init__(
        self,
        store: WatchStore,
        settings: Settings,
        *,
        config: AlertConfig | None = None,
        transport: Any = None,
        resolver: Any = None,
        holder: str | None = None,
    ) -> None:
        self.store, self.settings = store, settings
        self.holder = holder or this_holder()  # the lease's holder
        self.config = config or AlertConfig()
        self._transport = transport
        self.resolver = resolver
        self._pool: ThreadPoolExecutor | None = None
        self._flying: dict[int, Future[None]] = {}
        self._lock = threading.Lock()
        self._mailer: _Mailer | None = None
        self._mail_problem: str | None = None
        self._done = PassReport()  # deliveries finished since the last pass counted them
        self._between = PassReport()  # what the follower did since the last pass
        self._pass_lock = threading.RLock()
        self._follower: threading.Thread | None = None

    # -- the pass ------------------------------------------------------------------------

    def run_pass(self, now: datetime | None = None) -> PassReport:
        """Match, plan, deliver; with what the follower did since the last pass."""
        with self._pass_lock:
            report = self._pass(now or datetime.now(UTC))
            between, self._between = self._between, PassReport()
        report.add(between)
        return report

    def _pass(self, now: datetime) -> PassReport:
        report = PassReport()
        other = self._take_lease()
        if other is not None:  # another run sends: matching and planning are its job too
            report.errors.append(f"another run ({other}) is sending alerts; this one waits")
            return report
        report.matched = self.match(now, report)
        report.planned = self.plan(now, report)
        self.deliver(now, report)
        return report

    def _take_lease(self) -> str | None:
        """Take or renew the sender's lease (wall-clock time: it is compared across
        processes); None when this alerter holds it, else the live holder."""
        moment = datetime.now(UTC)
        now, until = _iso(moment), _iso(moment + self.config.lease)
        other: str | None = self.store.watch_alerts.take_watch_lease(
            self.holder, now=now, until=until
        )
        if other is not None and holder_is_dead(other):
            other = self.store.watch_alerts.take_watch_lease(
                self.holder, now=now, until=until, replace=other
            )
        return other

    def release(self) -> None:
        """Give the sender's lease back (the desk is stopping): another run may send at once."""
        # a closed or busy store: the lease runs out on its own (or is seen to be dead)
        with contextlib.suppress(sqlite3.ProgrammingError, sqlite3.OperationalError):
            self.store.watch_alerts.release_watch_lease(self.holder)

    def follow(self, stop: threading.Event) -> None:
        """Also look every ``follow_every`` seconds between the desk's passes, so an
        article another process commits is alerted in seconds, not at the next pass;
        ends when ``stop`` is set. Started once."""
        every = self.config.follow_every
        if not every or self._follower is not None:
            return

        def loop() -> None:
            failures = 0
            while not stop.wait(every):
                try:
                    with self._pass_lock:
                        self._between.add(self._pass(datetime.now(UTC)))
                    failures = 0
                except sqlite3.ProgrammingError:
                    return  # the desk closed its store: it is shutting down
                except Exception as exc:  # a passing fault: the next look tries again
                    failures += 1
                    if stop.is_set() or failures >= 3:  # gone for good: the passes go on
                        log.warning("watch follower stopped: %s: %s", type(exc).__name__, exc)
                        return

        def follow_then_release() -> None:
            loop()
            if stop.is_set():
                with self._pass_lock:
                    self.release()

        self._follower = threading.Thread(
            target=follow_then_release, name="watch-follower", daemon=True
        )
        self._follower.start()

    def match(self, now: datetime, report: PassReport | None = None) -> int:
        """Evaluate every watchlist against the articles committed since it last looked.

        A watchlist with ``entity:`` waits for the new articles' annotations (the mentions
        it filters on): it looks only up to the first article not yet annotated, for at
        most ``annotation_wait`` after that article was committed."""
        high = self.store.watch_matches.max_article_rowid()
        watches = self.store.watch.watch_heads(below=high)
        if not watches:
            return 0
        named = [w for w in watches if needs_annotations(w.query)]
        plain = [w for w in watches if not needs_annotations(w.query)]
        fresh = 0
        if plain:
            fresh += self._match(plain, high, now, report)
        if named:
            since = _iso(now - self.config.annotation_wait)
            ready = self.store.watch_matches.annotated_through(
                min(w.watermark for w in named), high, since
            )
            fresh += self._match([w for w in named if w.watermark < ready], ready, now, report)
        return fresh

    def _match(
        self, watches: list[Any], high: int, now: datetime, report: PassReport | None
    ) -> int:
        if not watches:
            return 0
        from newsdesk.annotate.entity_resolver import entity_spellings  # as search resolves

        found = self.store.watch_matches.find_matches(watches, high, entity_spellings)
        good = {}
        for watch in watches:
            result = found.get(watch.id)
            if isinstance(result, Exception):
                if report is not None:
                    report.errors.append(f"{watch.name}: {result}")
                continue
            good[watch.id] = result or []
        fresh = self.store.watch_matches.record_matches(good, high=high, now=_iso(now))
        return sum(fresh.values())

    def plan(self, now: datetime, report: PassReport | None = None) -> int:
        """One pending alert per (watchlist, channel) with matches waiting."""
        waiting = self.store.watch_alerts.ledger_waiting()
        if not waiting:
            return 0
        busy = self.store.watch_alerts.pending_alert_channels()
        by_id = {w.id: w for w in self.store.watch.watches()}
        planned = 0
        for (watch_id, channel), _n in sorted(waiting.items()):
            watch = by_id.get(watch_id)
            if watch is None or (watch_id, channel) in busy:
                continue
            target = watch.email if channel == "email" else watch.webhook
            if not target:
                continue
            if channel == "email":
                mailer = self._mail(report)
                if mailer is None:
                    continue
                since = _iso(now - timedelta(hours=1))
                if self.store.watch_alerts.alerts_since(watch_id, "email", since) >= watch.per_hour:
                    continue  # the hour's mails are spent: the matches wait, grouped
                from newsdesk.watch.mail import new_message_id

                delivery_id = new_message_id(mailer.letterhead, watch)
            else:
                delivery_id = f"wh-{uuid.uuid4().hex}"
            made = self.store.watch_alerts.plan_alert(
                watch, channel, delivery_id=delivery_id, target=target, now=_iso(now),
                limit=self.config.max_items,
            )  # fmt: skip
            planned += made is not None
        return planned

    def _mail(self, report: PassReport | None) -> _Mailer | None:
        if self._mailer is None and self._mail_problem is None:
            try:
                self._mailer = _Mailer(self.settings)
            except NewsdeskError as exc:
                self._mail_problem = f"mail alerts wait: {exc}"
        if self._mail_problem and report is not None:
            report.errors.append(self._mail_problem)
        return self._mailer

    # -- delivering ----------------------------------------------------------------------

    def deliver(self, now: datetime, report: PassReport) -> None:
        """Send the due alerts on worker threads; wait a moment, leave the rest flying.

        What finished (in this pass or in the background since the last) is counted in
        ``report``."""
        with self._lock:
            flying = set(self._flying)
        due = [a for a in self.store.watch_alerts.due_alerts(_iso(now)) if a.id not in flying]
        futures = []
        for alert in due:
            with self._lock:
                future = self._executor().submit(self._deliver_one, alert)
                self._flying[alert.id] = future
            future.add_done_callback(partial(self._landed, alert.id))
            futures.append(future)
        if futures:
            wait(futures, timeout=self.config.wait)
        with self._lock:
            done, self._done = self._done, PassReport()
            report.in_flight = len(self._flying)
        report.sent += done.sent
        report.deferred += done.deferred
        report.failed += done.failed
        report.errors += done.errors

    def _landed(self, key: int, _future: Future[None]) -> None:
        with self._lock:
            self._flying.pop(key, None)

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                max_workers=self.config.workers, thread_name_prefix="watch-alert"
            )
        return self._pool

    def drain(self, timeout: float | None = None) -> None:
        """Wait for the deliveries still flying (at most ``timeout`` seconds)."""
        with self._lock:
            futures = list(self._flying.values())
        if futures:
            wait(futures, timeout=timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Stop following (when the desk's stop event is set the follower ends on its own:
        wait for it), give the lease back, and stop the delivery workers."""
        follower = self._follower
        if follower is not None and follower is not threading.current_thread():
            follower.join(timeout)
        with self._pass_lock:
            self.release()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _deliver_one(self, alert: Alert) -> None:
        """Deliver one alert and record what happened in the store (never raises)."""
        try:
            outcome, why = self._send(alert)
        except Exception as exc:  # a worker never dies silently: the alert is retried
            outcome, why = "retry", f"{type(exc).__name__}: {exc}"
        now = datetime.now(UTC)
        with self._lock:
            done = self._done
        if outcome == "sent":
            self.store.watch_alerts.alert_sent(alert.id, at=_iso(now))
            with self._lock:
                done.sent += 1
            return
        if outcome == "retry":
            created = datetime.fromisoformat(alert.created_at)
            if now - created >= self.config.give_up_after:
                self.store.watch_alerts.alert_closed(alert.id, "failed", reason=f"gave up: {why}")
                outcome = "closed"
            else:
                backoff = self.config.first_retry * 2 ** min(alert.attempts, 16)
                next_at = now + min(backoff, self.config.longest_retry)
                self.store.watch_alerts.alert_deferred(alert.id, next_at=_iso(next_at), error=why)
        log.warning("watch alert %s to %s: %s", alert.delivery_id, alert.target, why)
        with self._lock:
            if outcome == "retry":
                done.deferred += 1
            else:
                done.failed += 1
            done.errors.append(f"{alert.channel} {alert.target}: {why}")

    def _send(self, alert: Alert) -> tuple[str, str]:
        """('sent', ''), ('retry', why) or ('closed', why) once the alert is closed."""
        watch = self.store.watch.watch_by_id(alert.watch_id)
        target = None
        if watch is not None:
            target = watch.email if alert.channel == "email" else watch.webhook
        if watch is None or target != alert.target:
            why = "the watchlist was removed or its target changed"
            self.store.watch_alerts.alert_closed(alert.id, "skipped", reason=why)
            return "closed", why
        items = self.store.watch_alerts.alert_items(alert.id)
        if alert.channel == "webhook":
            return self._post(watch, alert, items)
        return self._mail_one(watch, alert, items)

    def _post(self, watch: Watch, alert: Alert, items: list[Any]) -> tuple[str, str]:
        from newsdesk.watch.webhook import Urllib3HookTransport, payload, post_alert

        with self._lock:
            if self._transport is None:
                self._transport = Urllib3HookTransport(pool_size=self.config.workers)
        body = payload(watch, alert, items, base_url=self.settings.base_url)
        key = watch.secret or self.settings.secret
        if not key:
            return "retry", "no key to sign with: set NEWSDESK_SECRET or give it a --secret"
        try:
            post_alert(
                alert.target, body, delivery_id=alert.delivery_id, key=key,
                transport=self._transport, timeout=self.config.webhook_timeout,
                allow_private=watch.allow_private or self.settings.allow_private,
                resolver=self.resolver,
            )  # fmt: skip
        except FetchError as exc:
            return "retry", str(exc)
        return "sent", ""

    def _mail_one(self, watch: Watch, alert: Alert, items: list[Any]) -> tuple[str, str]:
        from newsdesk.mail.smtp import SmtpConnection
        from newsdesk.watch.mail import compose_alert

        mailer = self._mail(None)
        if mailer is None:
            return "retry", self._mail_problem or "mail is not configured"
        data = compose_alert(self.settings, mailer.letterhead, watch, alert, items)
        assert mailer.signer is not None
        data = mailer.signer.sign(data)
        connection = SmtpConnection(mailer.target, timeout=self.config.smtp_timeout)
        try:
            connection.send(mailer.envelope_from, alert.target, data)
        except PermanentFailure as exc:
            self.store.watch_alerts.alert_closed(alert.id, "failed", reason=f"refused: {exc}")
            return "closed", f"refused for good: {exc}"
        except (TransientFailure, SmtpUnavailable) as exc:
            return "retry", str(exc)
        finally:
            connection.close()
        return "sent", ""


def desk_step(
    store: Any, settings: Settings, *, stop: threading.Event | None = None
) -> Callable[[datetime], str | None]:
    """The ``run`` loop's watch step: one :meth:`WatchAlerter.run_pass` per pass and,
    given the desk's ``stop`` event, a follower that looks every few seconds between."""
    alerter = WatchAlerter(store, settings)

    def step(now: datetime) -> str | None:
        if stop is not None:
            alerter.follow(stop)
        return alerter.run_pass(now).summary()

    step.alerter = alerter  # type: ignore[attr-defined]
    return step
