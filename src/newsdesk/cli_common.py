"""What every ``newsdesk`` subcommand shares: the app, the global options, the store.

``cli.py`` and the ``cli_*`` modules import from here (never from each other's
registration module), so the command modules have no import cycle.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from newsdesk.errors import UsageError
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.store import SqliteStore

__all__ = [
    "EXECUTOR",
    "WORKERS",
    "_fail",
    "_line",
    "_open_store",
    "_show_annotations",
    "_stdout",
    "app",
    "parse_published",
    "state",
]

app = typer.Typer(
    name="newsdesk",
    help="A self-hosted news desk: ingest, clean and search news from many outlets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _State:
    settings: Settings = Settings()
    debug: bool = False


state = _State()


@app.callback()
def _main(
    db: Annotated[
        Path | None, typer.Option("--db", help="The store (SQLite file); default $NEWSDESK_DB.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    settings = Settings.from_env()
    state.settings = settings.with_(db=db) if db else settings
    state.debug = debug


def _stdout(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _line(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _show_annotations(payload: Any) -> None:
    from newsdesk.terminal import show_annotations

    show_annotations(payload)


def _fail(message: str, code: int = 2) -> NoReturn:
    from newsdesk.terminal import printable

    typer.echo(printable(f"error: {message}"), err=True)
    raise typer.Exit(code)


def _open_store() -> SqliteStore:
    from newsdesk.store import SqliteStore

    return SqliteStore(state.settings.db)


def parse_published(value: str | None) -> datetime | None:
    """``--published``: a day (2026-01-13) or an ISO 8601 date-time."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--published {value!r} is not a date: write YYYY-MM-DD or an ISO 8601 date-time"
        ) from None


WORKERS = typer.Option(
    "--workers",
    min=1,
    help="Processes for the per-article stages (default: NEWSDESK_WORKERS, else the cores).",
)
EXECUTOR = typer.Option(  # see newsdesk.cli_backfill and docs/ray.md
    "--executor",
    metavar="ray[:ADDRESS]|local|inline",
    help="Where the per-article stages run (ray: pip install 'newsdesk\\[ray]'; default local).",
)
