"""Subscribers to and from CSV.

Columns (a header row is required; names are case-insensitive, unknown ones ignored):
``email`` (required), ``zone``, ``days`` (``mon,tue,...``), ``at`` (HH:MM), ``topics``
(comma-separated), ``consent`` and ``consented_at``, ``status``. A row whose ``consent``
cell names a consent (the version of the text the person agreed to) is stored confirmed
with source 'import'; a row without one goes through double opt-in: stored pending and
sent a confirmation mail (at most 3 a day per address). An import never brings back an
erased, unsubscribed or suppressed address. The export writes the same columns, so an
export can be imported into another store; cells that a spreadsheet would read as a
formula are prefixed with ``'`` (and the prefix is dropped again on import).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk.errors import (
    InvalidSubscriber,
    MailError,
    NewsdeskError,
    SmtpUnavailable,
    TooManyConfirmations,
    UsageError,
)
from newsdesk.mail.confirm import check_mail_settings, send_confirmation
from newsdesk.mail.subscribers import Preferences, Subscriber, parse_email, parse_preferences
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.store.protocols import SubscriberStore

__all__ = ["COLUMNS", "ImportReport", "RejectedRow", "SkippedRow", "export_csv", "import_csv"]

COLUMNS = (
    "email",
    "status",
    "zone",
    "days",
    "at",
    "topics",
    "consent",
    "consented_at",
    "requested_at",
    "source",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NOT_IMPORTED = {"unsubscribed", "suppressed"}
MAX_ROWS = 1_000_000


@dataclass(slots=True, frozen=True)
class SkippedRow:
    """An address the import left alone, and why."""

    email: str
    reason: str


@dataclass(slots=True, frozen=True)
class RejectedRow:
    """A row the import refused: its line in the file, and what is wrong with it."""

    row: int
    error: str


@dataclass(slots=True)
class ImportReport:
    """What an import did: stored confirmed, mailed, left alone, refused."""

    confirmed: int = 0
    mailed: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "confirmed": self.confirmed,
            "mailed": self.mailed,
            "skipped": [{"email": s.email, "reason": s.reason} for s in self.skipped],
            "rejected": [{"row": r.row, "error": r.error} for r in self.rejected],
        }


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    email: str
    preferences: Preferences
    consent: str | None
    consented_at: str | None


def import_csv(
    store: SubscriberStore, settings: Settings, path: Path, *, now: datetime | None = None
) -> ImportReport:
    """Import a CSV of subscribers; bad rows are rejected by line, the rest go on."""
    when = now or datetime.now(UTC)
    report = ImportReport()
    rows = _read(path, report)
    if any(row.consent is None for row in rows):
        check_mail_settings(settings)  # rows without consent need confirmation mails
    stamp = when.isoformat(timespec="seconds")
    mail_down: str | None = None
    for row in rows:
        outcome, subscriber = store.subscribers.import_subscriber(
            row.email,
            row.preferences,
            consent_version=row.consent,
            consented_at=row.consented_at,
            now=stamp,
        )
        if outcome == "confirmed":
            report.confirmed += 1
        elif outcome == "pending" and subscriber is not None:
            mail_down = _mail(store, settings, subscriber, report, when=when, down=mail_down)
        else:
            report.skipped.append(SkippedRow(row.email, _REASONS[outcome]))
    return report


_REASONS = {
    "erased": "erased at the subscriber's request; an import cannot add it again",
    "exists": "already subscribed",
    "unsubscribed": "unsubscribed; an import does not subscribe anyone again",
    "suppressed": "suppressed after bounces or a complaint",
}


def _mail(
    store: SubscriberStore,
    settings: Settings,
    subscriber: Subscriber,
    report: ImportReport,
    *,
    when: datetime,
    down: str | None,
) -> str | None:
    """Send one confirmation; once the server is unreachable, the rest wait (pending)."""
    if down is not None:
        report.skipped.append(SkippedRow(subscriber.email, f"pending, not mailed: {down}"))
        return down
    try:
        send_confirmation(store, settings, subscriber, now=when)
    except TooManyConfirmations as exc:
        report.skipped.append(SkippedRow(subscriber.email, f"pending: {exc}"))
        return None
    except MailError as exc:
        report.skipped.append(SkippedRow(subscriber.email, f"pending, not mailed: {exc}"))
        return str(exc) if isinstance(exc, SmtpUnavailable) else None
    report.mailed += 1
    return None


def _read(path: Path, report: ImportReport) -> list[_Row]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        try:
            return _parse(handle, path, report)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise UsageError(f"{path} is not a UTF-8 CSV file: {exc}") from None


def _parse(handle: TextIO, path: Path, report: ImportReport) -> list[_Row]:
    reader = csv.DictReader(handle)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "email" not in header:
        raise UsageError(f"{path} has no 'email' column: the first row must name the columns")
    reader.fieldnames = header
    rows: list[_Row] = []
    seen: set[str] = set()
    for record in reader:
        if reader.line_num > MAX_ROWS:
            raise UsageError(f"{path} has more than {MAX_ROWS} rows: split it")
        cells = {k: _uncell(v or "") for k, v in record.items() if isinstance(k, str)}
        if not any(cells.values()):
            continue
        try:
            row = _row(reader.line_num, cells)
        except NewsdeskError as exc:
            report.rejected.append(RejectedRow(reader.line_num, str(exc)))
            continue
        if cells.get("status", "").strip().lower() in _NOT_IMPORTED:
            report.skipped.append(SkippedRow(row.email, "marked as not subscribed"))
            continue
        if row.email.casefold() in seen:
            report.skipped.append(SkippedRow(row.email, "a repeat of an earlier row"))
            continue
        seen.add(row.email.casefold())
        rows.append(row)
    return rows


def _row(line: int, cells: dict[str, str]) -> _Row:
    email = parse_email(cells.get("email", ""))
    preferences = parse_preferences(
        zone=cells.get("zone") or None,
        days=cells.get("days") or None,
        at=cells.get("at") or None,
        topics=[t for t in cells.get("topics", "").split(",") if t.strip()],
    )
    consent = " ".join(cells.get("consent", "").split())[:200] or None
    consented_at = None
    if consent and cells.get("consented_at", "").strip():
        consented_at = _instant(cells["consented_at"].strip())
    return _Row(line, email, preferences, consent, consented_at)


def _instant(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidSubscriber(
            f"consented_at {value[:40]!r} is not a date: write YYYY-MM-DD or ISO 8601"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def export_csv(subscribers: list[Subscriber], out: TextIO | None = None) -> str:
    """Every subscriber as CSV (the import's columns); returns the text when ``out`` is None."""
    buffer = out or io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in subscribers:
        confirmed = s.status == "confirmed"
        values = {
            "email": s.email,
            "status": s.status,
            "zone": s.zone,
            "days": ",".join(s.days),
            "at": s.at,
            "topics": ",".join(s.topics),
            "consent": s.consent_version if confirmed else "",
            "consented_at": (s.confirmed_at or "") if confirmed else "",
            "requested_at": s.requested_at,
            "source": s.source,
        }
        writer.writerow([_cell(values[c]) for c in COLUMNS])
    return buffer.getvalue() if out is None and isinstance(buffer, io.StringIO) else ""


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value
