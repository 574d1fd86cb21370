"""``newsdesk`` commands for subscribers: subscribe (double opt-in), list, import and export,
unsubscribe, a subscriber's own export, and erasure. Importing this module registers them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsdesk.cli_common import _fail, _open_store, _stdout, app, state
from newsdesk.errors import MailError, UsageError

if TYPE_CHECKING:
    from newsdesk.mail.subscribers import Subscriber

__all__ = ["erase", "subscribe", "subscriber", "subscribers", "unsubscribe"]

JsonFlag = Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")]


@app.command()
def subscribe(
    email: Annotated[str, typer.Argument(help="The address to subscribe.")],
    zone: Annotated[
        str | None, typer.Option(help="IANA time zone of the chosen time (default UTC).")
    ] = None,
    days: Annotated[
        str | None, typer.Option(help="Days to receive the brief, e.g. mon,tue,wed,thu,fri.")
    ] = None,
    at: Annotated[str | None, typer.Option(help="Local time, HH:MM (default 07:00).")] = None,
    topic: Annotated[
        list[str] | None, typer.Option(help="Only stories about this topic (repeatable).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Ask EMAIL to subscribe: it gets a confirmation mail and is subscribed once confirmed."""
    from newsdesk.mail.confirm import request_subscription
    from newsdesk.mail.subscribers import parse_email, parse_preferences

    address = parse_email(email)
    preferences = parse_preferences(zone=zone, days=days, at=at, topics=topic)
    with _open_store() as store:
        try:
            result = request_subscription(store, state.settings, address, preferences, source="cli")
        except MailError as exc:
            _fail(f"{exc}; {address} is kept as pending: run this again to resend the link", 1)
    found = result.subscriber
    if as_json:
        _stdout({**found.as_row(), "mailed": result.mailed})
    elif result.mailed:
        typer.echo(
            f"confirmation mail sent to {found.email}: the subscription starts when the link "
            "in it is confirmed (valid 72 hours)"
        )
    elif result.state == "confirmed":
        typer.echo(f"{found.email} is already subscribed; nothing sent")
    if result.state == "suppressed":
        _fail(
            f"{found.email} is suppressed after bounces or a complaint; nothing sent "
            "(see `newsdesk subscriber EMAIL`)",
            1,
        )


@app.command()
def subscribers(
    import_file: Annotated[
        Path | None,
        typer.Option("--import", help="Add subscribers from a CSV file (see the README)."),
    ] = None,
    export_file: Annotated[
        str | None, typer.Option("--export", help="Write every subscriber as CSV (- for stdout).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List subscribers, or import or export them as CSV."""
    if import_file is not None and export_file is not None:
        _fail("--import and --export cannot be combined: run them one after the other")
    if import_file is not None:
        _import(import_file, as_json=as_json)
        return
    with _open_store() as store:
        found = store.subscribers.subscribers()
    if export_file is not None:
        _export(found, export_file)
        return
    if as_json:
        _stdout([s.as_row() for s in found])
        return
    for s in found:
        topics = f"  topics: {', '.join(s.topics)}" if s.topics else ""
        typer.echo(f"{s.status:<12} {s.email}  {','.join(s.days)} {s.at} {s.zone}{topics}")
    if not found:
        typer.echo("no subscribers yet; add one with `newsdesk subscribe EMAIL`", err=True)


def _import(path: Path, *, as_json: bool) -> None:
    from newsdesk.mail.subscriber_csv import import_csv

    with _open_store() as store:
        report = import_csv(store, state.settings, path)
    if as_json:
        _stdout(report.as_json())
    else:
        typer.echo(
            f"{report.confirmed} imported with consent, {report.mailed} sent a confirmation "
            f"mail, {len(report.skipped)} skipped, {len(report.rejected)} rejected"
        )
        for skipped in report.skipped:
            typer.echo(f"skipped {skipped.email}: {skipped.reason}", err=True)
        for rejected in report.rejected:
            typer.echo(f"rejected row {rejected.row}: {rejected.error}", err=True)
    if report.rejected:
        raise typer.Exit(1)


def _export(rows: list[Subscriber], target: str) -> None:
    from newsdesk.mail.subscriber_csv import export_csv

    if target == "-":
        export_csv(rows, sys.stdout)
        return
    path = Path(target)
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            export_csv(rows, out)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    typer.echo(f"{len(rows)} subscribers written to {path}", err=True)


@app.command()
def unsubscribe(
    email: Annotated[str, typer.Argument(help="The address to unsubscribe.")],
) -> None:
    """Unsubscribe EMAIL at once: no further mail is sent to it."""
    from newsdesk.mail.subscribers import parse_email

    address = parse_email(email)
    with _open_store() as store:
        found = store.subscribers.subscriber(address)
        if found is None:
            raise UsageError(f"no subscriber {address} in {state.settings.db}")
        changed = store.subscribers.unsubscribe_subscriber(address, how="cli")
    if changed:
        typer.echo(f"{address} unsubscribed")
    else:
        typer.echo(f"{address} was already {found.status}; nothing changed")


@app.command()
def subscriber(
    email: Annotated[str, typer.Argument(help="The subscriber's address.")],
    as_json: JsonFlag = False,
) -> None:
    """Everything stored about one subscriber (their own export, with --json)."""
    from newsdesk.mail.subscribers import parse_email

    address = parse_email(email)
    with _open_store() as store:
        record = store.subscribers.subscriber_record(address)
    if record is None:
        raise UsageError(f"no subscriber {address} in {state.settings.db}")
    if as_json:
        _stdout(record)
        return
    for key, value in record.items():
        if key in ("events", "confirmation_mails", "mail"):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key:<16} {shown if shown not in (None, '') else '-'}")
    for event in record["events"]:
        typer.echo(f"{event['at']}  {event['event']}  {event['detail']}".rstrip())
    for table, rows in record["mail"].items():
        typer.echo(f"{table:<16} {len(rows)} row{'s' if len(rows) != 1 else ''}")


@app.command()
def erase(
    email: Annotated[str, typer.Argument(help="The address to forget.")],
) -> None:
    """Forget EMAIL for good: only a keyed hash is kept, so no import can add it again."""
    from newsdesk.mail.subscribers import parse_email

    address = parse_email(email)
    with _open_store() as store:
        existed = store.subscribers.erase_subscriber(address)
    if existed:
        typer.echo(f"{address} erased; an import cannot subscribe it again")
    else:
        typer.echo(f"no subscriber {address}; recorded so that an import cannot add it")
