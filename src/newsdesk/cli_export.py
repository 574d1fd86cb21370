"""``newsdesk export``: the store's data for other tools; importing this module registers it.

Rows stream from the store a batch at a time to stdout or ``--output FILE``;
a progress bar goes to stderr (on a terminal).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsdesk.cli_common import _open_store, app
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.export import ExportRequest
    from newsdesk.store import SqliteStore


@app.command("export")
def export(
    kind: Annotated[str, typer.Argument(help="articles, stories, entities or events.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "jsonl",
    query: Annotated[
        str | None,
        typer.Option("--query", metavar="Q", help="Only what matches this search (its syntax)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="D", help="Only articles published on or after D."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here, not stdout.")
    ] = None,
    include_hidden: Annotated[
        bool, typer.Option("--include-hidden", help="Articles a mute/keep rule hides, too.")
    ] = False,
) -> None:
    """Export articles, stories, entities or events as CSV, JSON Lines or Parquet."""
    from newsdesk.export import ExportRequest, export_rows, open_writer
    from newsdesk.export.progress import counted_progress

    request = ExportRequest.build(
        kind.strip().lower(),
        fmt.strip().lower(),
        query=query,
        since=since,
        include_hidden=include_hidden,
    )
    if output is None and request.fmt == "parquet" and sys.stdout.isatty():
        raise UsageError("Parquet is binary: give --output FILE or redirect stdout to a file")
    with _open_store() as store:
        total = store.exports.export_count(request.kind, request.selection)
        with counted_progress(f"exporting {request.kind}", total) as advance:
            if output is None:
                writer = open_writer(
                    request.fmt, request.kind, text=sys.stdout, binary=sys.stdout.buffer
                )
                written = export_rows(store, request, writer, progress=advance)
                sys.stdout.flush()
            else:
                written = _to_file(store, request, output, advance)
    if output is not None:
        typer.echo(f"{written} {request.kind} written to {output}", err=True)


def _to_file(
    store: SqliteStore, request: ExportRequest, output: Path, advance: Callable[[int], None]
) -> int:
    """Write to ``FILE.partial`` and rename it when done: a stopped export leaves no
    truncated FILE behind."""
    from newsdesk.export import export_rows, open_writer

    partial = output.with_name(output.name + ".partial")
    try:
        if request.fmt == "parquet":
            with partial.open("wb") as out:
                writer = open_writer("parquet", request.kind, binary=out)
                written = export_rows(store, request, writer, progress=advance)
        else:
            with partial.open("w", encoding="utf-8", newline="") as text:
                writer = open_writer(request.fmt, request.kind, text=text)
                written = export_rows(store, request, writer, progress=advance)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"--output {output}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(output)
    return written
