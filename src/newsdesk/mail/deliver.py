"""Delivery that loses nothing: plan a ledger row, send, mark it after the server's 250.

:func:`send_due` (the ``run`` loop) plans the sends whose local time has come and
delivers every pending row that is due; :func:`send_now` (``newsletter send``) plans
one brief for every confirmed subscriber at once. Each row is written 'pending' before
its message is made and marked 'sent' in its own transaction right after the 250, so a
process killed at any moment resends at most the one message whose 250 it had not yet
recorded, with the same Message-ID. A 4xx answer defers the row with exponential
backoff for up to 48 hours; a dropped connection is retried once at once, with the
same Message-ID; a 5xx at RCPT or DATA is a hard bounce: the address is suppressed at
once. A server that is down or refuses the login leaves every row pending and ends the
run with one log line.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any

from newsdesk.errors import (
    MailNotConfigured,
    PermanentFailure,
    SmtpUnavailable,
    TransientFailure,
)
from newsdesk.lease import holder_is_dead, this_holder
from newsdesk.mail.archive import brief_for, brief_from_json
from newsdesk.mail.compose import make_edition
from newsdesk.mail.dkim import DkimSigner
from newsdesk.mail.message import Edition, Letterhead, Personal, message_id
from newsdesk.mail.ratelimit import RateLimiter
from newsdesk.mail.schedule import LATE_AFTER, due_slots
from newsdesk.mail.signing import Job, MessageFactory
from newsdesk.mail.smtp import SLOW_DOWN_CODES, SmtpConnection, SmtpTarget
from newsdesk.outlets.regions import region_registry
from newsdesk.settings import Settings
from newsdesk.store.mail import ArchivedBrief, Delivery, PlannedDelivery

if TYPE_CHECKING:
    from newsdesk.store.protocols import MailStore

__all__ = ["DeliveryConfig", "SendReport", "Sender", "send_due", "send_now"]

log = logging.getLogger("newsdesk.mail")
LEASE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class DeliveryConfig:
    """How fast and how long to try."""

    global_rate: float = 500.0  # messages per second in all
    domain_rate: float = 100.0  # messages per second to one recipient domain
    retry_for: timedelta = timedelta(hours=48)
    first_retry: timedelta = timedelta(minutes=5)
    longest_retry: timedelta = timedelta(hours=4)
    late_after: timedelta = LATE_AFTER
    workers: int | None = None  # signing processes (default: every core)
    inline_below: int = 48  # fewer messages than this are signed in this process
    timeout: float = 30.0


@dataclass(slots=True)
class SendReport:
    """What a run did (``newsletter send --json``: sent, skipped, failed; more added)."""

    sent: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    deferred: int = 0
    bounced: int = 0
    pending: int = 0
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "skipped": self.skipped,
            "failed": self.failed,
            "deferred": self.deferred,
            "bounced": self.bounced,
            "pending": self.pending,
            "error": self.error,
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


def _interleave(rows: list[Delivery]) -> list[Delivery]:
    """Rows grouped by brief edition, domains taking turns within each (rates stay even)."""
    groups: dict[tuple[str | None, tuple[str, ...]], dict[str, list[Delivery]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in rows:
        groups[(row.brief_id, row.topics)][_domain(row.email)].append(row)
    ordered = []
    for by_domain in groups.values():
        queues = list(by_domain.values())
        for turn in range(max(len(q) for q in queues)):
            ordered += [q[turn] for q in queues if turn < len(q)]
    return ordered


class Sender:
    """Plans and delivers the newsletter for one store; every setting checked up front."""

    def __init__(
        self, store: MailStore, settings: Settings, *, config: DeliveryConfig | None = None
    ) -> None:
        self.letterhead = Letterhead.from_settings(settings)
        self.signer = DkimSigner.from_settings(settings)
        if self.signer is None:
            raise MailNotConfigured(
                "NEWSDESK_DKIM_KEY is not set: the newsletter is always DKIM-signed; create a"
                " key (openssl genrsa -out dkim.pem 2048), set NEWSDESK_DKIM_KEY and"
                " NEWSDESK_DKIM_SELECTOR, and publish `newsdesk newsletter dns`"
            )
        self.target = SmtpTarget.from_url(settings.smtp_url)
        self.envelope_from = parseaddr(settings.mail_from or "")[1]
        self.store = store
        self.settings = settings
        self.config = config or DeliveryConfig()
        self._briefs: dict[str, ArchivedBrief] = {}
        self._editions: dict[tuple[str, tuple[str, ...]], Edition | None] = {}
        self._sent_briefs: set[str] = set()

    # -- planning ------------------------------------------------------------------------

    def _brief(self, day: date, now: datetime) -> ArchivedBrief:
        key = day.isoformat()
        if key not in self._briefs:
            self._briefs[key] = brief_for(
                self.store, day, now=now, base_url=self.letterhead.base_url,
                rising=self.settings.brief_rising,
            )  # fmt: skip
        return self._briefs[key]

    def _edition(self, brief_id: str | None, topics: tuple[str, ...]) -> Edition | None:
        if brief_id is None:
            return None
        key = (brief_id, topics)
        if key not in self._editions:
            archived = self.store.mail.archived_brief(brief_id)
            brief = brief_from_json(archived.brief_json) if archived else None
            registry = region_registry(self.store, topics)  # region:CC by the store's outlets
            self._editions[key] = make_edition(brief, topics, registry=registry) if brief else None
        return self._editions[key]

    def _plan(
        self, picks: Iterable[tuple[Any, date, datetime, bool]], now: datetime, report: SendReport
    ) -> int:
        picks = list(picks)
        known = self.store.mail.ledger_keys(sorted({d.isoformat() for _, d, _, _ in picks}))
        suppressed = self.store.mail.suppressed()
        planned = []
        for subscriber, day, due, late in picks:
            email, iso_day = subscriber.email, day.isoformat()
            if (iso_day, email.lower()) in known or email.lower() in suppressed:
                report.skipped += 1
                continue
            row = PlannedDelivery(
                day=iso_day, email=email, due_at=_iso(due), topics=tuple(subscriber.topics),
                message_id=message_id(self.letterhead, iso_day, email),
            )  # fmt: skip
            reason = ""
            if late:
                reason = f"late: due {_iso(due)}, found {_iso(now)}; skipped, not sent late"
            else:
                archived = self._brief(day, now)
                if self._edition(archived.id, row.topics) is None:
                    reason = "no story on the subscriber's topics" if row.topics else "no stories"
                row = replace(row, brief_id=archived.id)
            if reason:
                log.info("skip %s for %s: %s", iso_day, email, reason)
                row = replace(row, status="skipped", reason=reason)
                report.skipped += 1
            planned.append(row)
        return self.store.mail.plan_deliveries(planned, now=_iso(now))

    def plan_due(self, now: datetime, report: SendReport) -> int:
        """Ledger rows for every confirmed subscriber whose local send time has come."""
        picks = [
            (sub, slot.day, slot.due_at, slot.late)
            for sub in self.store.subscribers.confirmed_subscribers()
            for slot in due_slots(sub, now, late_after=self.config.late_after)
        ]
        return self._plan(picks, now, report)

    def plan_day(self, now: datetime, report: SendReport, day: date | None = None) -> int:
        """Ledger rows for every confirmed subscriber: ``day``'s brief (default: their
        local date now), due at once."""
        from zoneinfo import ZoneInfo

        picks = [
            (sub, day or now.astimezone(ZoneInfo(sub.zone)).date(), now, False)
            for sub in self.store.subscribers.confirmed_subscribers()
        ]
        return self._plan(picks, now, report)

    # -- delivering ----------------------------------------------------------------------

    def deliver(self, now: datetime, report: SendReport) -> None:
        """Send every pending row that is due; stops, leaving rows pending, when the server
        cannot be used."""
        rows = self.store.mail.due_deliveries(_iso(now))
        if not rows:
            return
        holder = self._take_lease(now)
        if holder is not None:
            report.error = f"another sender ({holder}) is delivering; left {len(rows)} pending"
            log.warning(report.error)
            report.pending = len(rows)
            return
        try:
            self._deliver(_interleave(rows), now, report)
        finally:
            self.store.mail.release_sender_lease(self._holder)
            report.pending = len(self.store.mail.deliveries(status="pending"))

    @property
    def _holder(self) -> str:
        return this_holder()

    def _take_lease(self, now: datetime) -> str | None:
        until = _iso(now + LEASE)
        other: str | None = self.store.mail.take_sender_lease(
            self._holder, now=_iso(now), until=until
        )
        if other is not None and holder_is_dead(other):
            other = self.store.mail.take_sender_lease(
                self._holder, now=_iso(now), until=until, replace=other
            )
        return other

    def _jobs(
        self, rows: list[Delivery], report: SendReport
    ) -> tuple[list[Job], dict[int, Delivery]]:
        from newsdesk.mail.tokens import unsubscribe_url

        suppressed = self.store.mail.suppressed()
        jobs, by_id = [], {}
        for row in rows:
            edition = self._edition(row.brief_id, row.topics)
            if row.email.lower() in suppressed or edition is None:
                why = "suppressed" if edition is not None else "its brief is gone from the archive"
                self.store.mail.delivery_closed(row.id, "skipped", reason=why)
                report.skipped += 1
                continue
            personal = Personal(
                email=row.email, message_id=row.message_id,
                date=datetime.fromisoformat(row.created_at),
                unsubscribe_url=unsubscribe_url(self.settings, row.email), topics=row.topics,
            )  # fmt: skip
            jobs.append(Job(row.id, edition, personal))
            by_id[row.id] = row
        return jobs, by_id

    def _deliver(self, rows: list[Delivery], now: datetime, report: SendReport) -> None:
        config = self.config
        limiter = RateLimiter(config.global_rate, config.domain_rate)
        connection = SmtpConnection(self.target, timeout=config.timeout)
        try:
            connection.open()
        except SmtpUnavailable as exc:
            report.error = str(exc)
            log.error("newsletter not sent, %d kept pending: %s", len(rows), exc)
            return
        jobs, by_id = self._jobs(rows, report)
        factory = MessageFactory(
            self.letterhead, self.signer, workers=config.workers, inline_below=config.inline_below
        )
        try:
            for n, (job, data) in enumerate(factory.messages(jobs)):
                if n and n % 500 == 0:
                    self._take_lease(now)
                self._send(connection, by_id[job.key], data, limiter, now, report)
        except SmtpUnavailable as exc:
            report.error = str(exc)
            log.error("newsletter stopped, the rest kept pending: %s", exc)
        finally:
            factory.close()
            connection.close()

    def _send(
        self,
        connection: SmtpConnection,
        row: Delivery,
        data: bytes,
        limiter: RateLimiter,
        now: datetime,
        report: SendReport,
    ) -> None:
        domain = _domain(row.email)
        limiter.wait(domain)
        for attempt in (1, 2):
            try:
                connection.send(self.envelope_from, row.email, data)
            except TransientFailure as exc:
                if exc.reply is None and attempt == 1:
                    log.warning("%s; resending %s with the same Message-ID", exc, row.message_id)
                    continue
                if exc.reply in SLOW_DOWN_CODES:
                    limiter.slow_down(domain)
                self._defer(row, exc, now, report)
            except PermanentFailure as exc:
                self._bounce(row, exc, now, report)
            else:
                self.store.mail.delivery_sent(row.id, _iso(now))
                limiter.accepted(domain)
                report.sent += 1
                if row.brief_id and row.brief_id not in self._sent_briefs:
                    self._sent_briefs.add(row.brief_id)
                    self.store.mail.mark_brief_sent(row.brief_id, _iso(now))
            return

    def _defer(
        self, row: Delivery, exc: TransientFailure, now: datetime, report: SendReport
    ) -> None:
        age = now - _aware(datetime.fromisoformat(row.created_at))
        if age >= self.config.retry_for:
            reason = f"gave up after {self.config.retry_for}: {exc}"
            self.store.mail.delivery_closed(row.id, "failed", reason=reason, reply=exc.reply)
            report.failed.append({"email": row.email, "error": reason})
            log.warning("%s: %s", row.email, reason)
            return
        wait = min(self.config.first_retry * 2**row.attempts, self.config.longest_retry)
        self.store.mail.delivery_deferred(
            row.id, next_at=_iso(now + wait), reply=exc.reply, error=str(exc)
        )
        report.deferred += 1
        log.info("deferred %s for %s: %s", row.email, wait, exc)

    def _bounce(
        self, row: Delivery, exc: PermanentFailure, now: datetime, report: SendReport
    ) -> None:
        at = _iso(now)
        self.store.mail.delivery_closed(row.id, "bounced", reason=str(exc), reply=exc.reply)
        self.store.mail.record_bounce(row.email, kind="hard", source="smtp", detail=str(exc), at=at)
        suppress(self.store, row.email, reason="hard_bounce", detail=str(exc), at=at)
        report.bounced += 1
        report.failed.append({"email": row.email, "error": str(exc)})
        log.warning("hard bounce, %s suppressed: %s", row.email, exc)


def suppress(store: MailStore, email: str, *, reason: str, detail: str, at: str) -> None:
    """Never mail ``email`` again: the ledger's suppression list and the subscriber's status."""
    store.mail.suppress(email, reason=reason, detail=detail, at=at)
    setter = getattr(getattr(store, "subscribers", None), "set_subscriber_status", None)
    if setter is not None:
        setter(email, "suppressed", reason=reason, now=at)


def send_due(
    store: MailStore, settings: Settings, now: datetime, *, config: DeliveryConfig | None = None
) -> SendReport:
    """For the ``run`` loop: plan the sends whose local time has come, deliver what is due."""
    now = _aware(now)
    report = SendReport()
    sender = Sender(store, settings, config=config)
    sender.plan_due(now, report)
    sender.deliver(now, report)
    return report


def send_now(
    store: MailStore,
    settings: Settings,
    now: datetime,
    *,
    day: date | None = None,
    config: DeliveryConfig | None = None,
) -> SendReport:
    """``newsletter send``: ``day``'s brief (default: each one's local date) to every
    confirmed subscriber who has not had it, and every pending retry that is due."""
    now = _aware(now)
    report = SendReport()
    sender = Sender(store, settings, config=config)
    sender.plan_day(now, report, day)
    sender.deliver(now, report)
    return report
