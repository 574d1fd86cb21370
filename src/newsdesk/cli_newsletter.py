"""``newsdesk newsletter``: send the brief by email, print the DKIM record, read bounces.

Importing this module registers the commands on the app. Every command is a thin
wrapper over a function of :mod:`newsdesk.mail`.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.cli_common import _fail, _open_store, _stdout, app, state
from newsdesk.errors import UsageError

newsletter = typer.Typer(
    name="newsletter",
    help="The brief by email: send it, print the DKIM record to publish, read bounces.",
    no_args_is_help=True,
)
app.add_typer(newsletter, name="newsletter")


def _log_to_stderr() -> None:
    """One line per action on stderr, unless something configured logging already."""
    logger = logging.getLogger("newsdesk.mail")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date: write YYYY-MM-DD") from None


@newsletter.command("send")
def send(
    when: Annotated[
        str | None,
        typer.Option("--date", help="The brief's date (default: each subscriber's local date)."),
    ] = None,
    test: Annotated[
        str | None,
        typer.Option("--test", help='Send only to EMAIL, "[TEST]" in the subject, no ledger.'),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Send the brief now to every confirmed subscriber who has not had that date's."""
    from newsdesk.mail.deliver import send_now
    from newsdesk.mail.newsletter import send_test

    _log_to_stderr()
    day = _day(when)
    now = datetime.now(UTC)
    with _open_store() as store:
        if test is not None:
            payload = send_test(store, state.settings, test, day=day, now=now)
        else:
            payload = send_now(store, state.settings, now, day=day).as_json()
    if as_json:
        _stdout(payload)
    else:
        typer.echo(
            f"{payload['sent']} sent, {payload['skipped']} skipped, {len(payload['failed'])} failed"
            + (f", {payload.get('deferred', 0)} deferred" if payload.get("deferred") else "")
            + (f", {payload.get('pending', 0)} pending" if payload.get("pending") else "")
        )
        for failure in payload["failed"]:
            typer.echo(f"  {failure['email']}: {failure['error']}", err=True)
    if payload.get("error"):
        _fail(str(payload["error"]), code=1)
    if payload["failed"]:
        raise typer.Exit(1)


@newsletter.command("dns")
def dns(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Print the DKIM TXT record to publish for NEWSDESK_DKIM_KEY and the sender's domain."""
    from newsdesk.mail.newsletter import dns_record

    record = dns_record(state.settings)
    if as_json:
        _stdout(record.as_json())
    else:
        typer.echo(record.zone_line())


@newsletter.command("bounces")
def bounces(
    maildir: Annotated[Path, typer.Argument(help="A maildir holding bounces and complaints.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Read bounces (DSNs), complaints and unsubscribe mails from MAILDIR; suppress at once."""
    from newsdesk.mail.bounces import read_bounces

    _log_to_stderr()
    with _open_store() as store:
        report = read_bounces(store, state.settings, maildir)
    if as_json:
        _stdout(report.as_json())
    else:
        typer.echo(
            f"{report.read} read: {report.hard} hard, {report.soft} soft, {report.complaints}"
            f" complaints, {report.unsubscribed} unsubscribed, {report.ignored} ignored;"
            f" {len(report.suppressed)} suppressed"
        )
