"""Bounces, complaints and unsubscribe mails read from a maildir.

Delivery status notifications are parsed with flufl.bounce: a permanent failure (a hard
bounce) suppresses the address at once; a temporary one adds to its soft-bounce score
(halving every 7 days) and suppresses it at :data:`~newsdesk.store.mail.SOFT_BOUNCE_LIMIT`.
A complaint (an ARF ``feedback-report``) suppresses at once. A mail to the
``List-Unsubscribe`` mailto address (subject ``unsubscribe <token>``) unsubscribes the
address the token was made for. Each message read is flagged seen (moved to ``cur/``
with the ``S`` flag) and its report id logged, so reading the folder again counts nothing
twice.
"""

from __future__ import annotations

import logging
import mailbox
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flufl.bounce import all_failures

from newsdesk.errors import InputError, NewsdeskError, TokenError
from newsdesk.mail.deliver import suppress
from newsdesk.settings import Settings
from newsdesk.store.mail import SOFT_BOUNCE_LIMIT

if TYPE_CHECKING:
    from newsdesk.store.protocols import MailStore

__all__ = ["BounceReport", "read_bounces"]

log = logging.getLogger("newsdesk.mail")


@dataclass(slots=True)
class BounceReport:
    read: int = 0
    hard: int = 0
    soft: int = 0
    complaints: int = 0
    unsubscribed: int = 0
    ignored: int = 0
    suppressed: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "hard": self.hard, "soft": self.soft,
            "complaints": self.complaints, "unsubscribed": self.unsubscribed,
            "ignored": self.ignored, "suppressed": self.suppressed,
        }  # fmt: skip


def _text(payload: object) -> str:
    return payload.as_string() if isinstance(payload, Message) else str(payload)


def _complained(message: Message) -> list[str]:
    """The complaining recipients of an ARF feedback report (RFC 5965); [] when not one."""
    if message.get_content_type() != "multipart/report":
        return []
    if str(message.get_param("report-type") or "").lower() != "feedback-report":
        return []
    found: list[str] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/feedback-report":
            payload = part.get_payload()
            text = _text(payload[0] if isinstance(payload, list) else payload)
            for line in text.splitlines():
                if line.lower().startswith("original-rcpt-to:"):
                    found.append(line.split(":", 1)[1].strip())
        elif kind in ("message/rfc822", "text/rfc822-headers") and not found:
            payload = part.get_payload()
            first = payload[0] if isinstance(payload, list) else payload
            inner = message_from_bytes(_text(first).encode("utf-8", "replace"), policy=compat32)
            found += [a for _, a in getaddresses(inner.get_all("To", [])) if a]
    return [a.strip("<>").lower() for a in found if "@" in a]


def _unsubscribe_token(message: Message, mailbox_address: str | None) -> str | None:
    subject = " ".join(str(message.get("Subject", "")).split())
    if not subject.lower().startswith("unsubscribe "):
        return None
    if mailbox_address:
        to = [
            a.lower()
            for _, a in getaddresses(
                message.get_all("To", []) + message.get_all("Delivered-To", [])
            )
        ]
        if to and mailbox_address.lower() not in to:
            return None
    return subject.split(" ", 1)[1].strip()


def _mailbox_address(settings: Settings) -> str | None:
    from newsdesk.mail.message import Letterhead

    try:
        return Letterhead.from_settings(settings).unsubscribe_mailbox
    except NewsdeskError:  # an unconfigured sender only disables the To check
        return None


def read_bounces(
    store: MailStore, settings: Settings, folder: Path, *, now: datetime | None = None
) -> BounceReport:
    """Read every unseen message in the maildir ``folder``; suppress, score, unsubscribe."""
    if not (Path(folder) / "new").is_dir() and not (Path(folder) / "cur").is_dir():
        raise InputError(f"{folder} is not a maildir (it has no new/ or cur/ folder)")
    at = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    box = mailbox.Maildir(str(folder), factory=None, create=False)
    report = BounceReport()
    unsubscribe_box = _mailbox_address(settings)
    for key in sorted(box.keys()):
        held = box.get_message(key)
        if "S" in held.get_flags():
            continue
        message = message_from_bytes(box.get_bytes(key), policy=compat32)
        report.read += 1
        report_id = str(message.get("Message-ID") or key)
        _read_one(store, settings, message, report_id, at, report, unsubscribe_box)
        held.set_subdir("cur")
        held.add_flag("S")
        box[key] = held
    return report


def _read_one(
    store: MailStore,
    settings: Settings,
    message: Message,
    report_id: str,
    at: str,
    report: BounceReport,
    unsubscribe_box: str | None,
) -> None:
    """One mail of the bounce box: a complaint (ARF), a mail to the unsubscribe address,
    or a delivery status notification (hard or soft bounces); anything else is ignored."""
    complained = _complained(message)
    if complained:
        _suppress_complaints(store, complained, report_id, at, report)
        return
    token = _unsubscribe_token(message, unsubscribe_box)
    if token is not None:
        _unsubscribe_by_mail(store, settings, token, at, report)
        return
    try:
        temporary, permanent = all_failures(message)
    except Exception as exc:  # flufl's detectors raise on odd mail (e.g. no From): skip it
        log.info("not a bounce flufl.bounce can read (%s): %s", type(exc).__name__, report_id)
        report.ignored += 1
        return
    if not temporary and not permanent:
        report.ignored += 1
        return
    _record_failures(store, temporary, permanent, report_id, at, report)


def _suppress_complaints(
    store: MailStore, complained: Iterable[str], report_id: str, at: str, report: BounceReport
) -> None:
    for email in complained:
        report.complaints += 1
        store.mail.record_bounce(email, kind="complaint", source="arf", detail="complaint",
                                 at=at, report_id=report_id)  # fmt: skip
        suppress(store, email, reason="complaint", detail=report_id, at=at)
        report.suppressed.append(email)
        log.warning("complaint: %s suppressed", email)


def _unsubscribe_by_mail(
    store: MailStore, settings: Settings, token: str, at: str, report: BounceReport
) -> None:
    from newsdesk.mail.tokens import read_unsubscribe_token

    try:
        email = read_unsubscribe_token(settings, token)
    except TokenError:
        report.ignored += 1
        return
    if store.subscribers.unsubscribe_subscriber(email, how="mailto", now=at):
        report.unsubscribed += 1
        log.info("unsubscribed %s (mail to the unsubscribe address)", email)


def _record_failures(
    store: MailStore,
    temporary: frozenset[bytes],
    permanent: frozenset[bytes],
    report_id: str,
    at: str,
    report: BounceReport,
) -> None:
    """Hard bounces are suppressed at once; soft ones when their score reaches the limit."""
    for raw in sorted(permanent):
        email = raw.decode("utf-8", "replace").lower()
        report.hard += 1
        store.mail.record_bounce(email, kind="hard", source="dsn", detail="permanent failure",
                                 at=at, report_id=report_id)  # fmt: skip
        suppress(store, email, reason="hard_bounce", detail=report_id, at=at)
        report.suppressed.append(email)
        log.warning("hard bounce: %s suppressed", email)
    for raw in sorted(temporary - permanent):
        email = raw.decode("utf-8", "replace").lower()
        report.soft += 1
        score = store.mail.record_bounce(
            email, kind="soft", source="dsn", detail="temporary failure", at=at,
            report_id=report_id,
        )  # fmt: skip
        if score is not None and round(score, 2) >= SOFT_BOUNCE_LIMIT:
            suppress(store, email, reason="soft_bounces", detail=f"score {score:.1f}", at=at)
            report.suppressed.append(email)
            log.warning("soft bounces: %s suppressed (score %.1f)", email, score)
