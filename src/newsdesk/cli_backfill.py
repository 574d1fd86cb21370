"""``newsdesk backfill LIST``: many WARC/JSONL shards through ingest, resumable, on any executor."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsdesk.cli import _open_store, _stdout, app, state


@app.command()
def backfill(
    shards: Annotated[
        list[str],
        typer.Argument(
            metavar="LIST",
            help="A file listing WARC/JSONL(.gz) paths, one a line; or the paths themselves.",
        ),
    ],
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            metavar="ray[:ADDRESS]|local|inline",
            help="Where the per-article stages run (ray: pip install 'newsdesk[ray]').",
        ),
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Worker processes or Ray actors per stage."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Ingest every shard LIST names; finished shards are skipped, an interrupted one resumes."""
    from newsdesk.backfill import backfill as run_backfill
    from newsdesk.executors import make_executor
    from newsdesk.terminal import printable

    settings = state.settings
    if workers is None and not executor.startswith("ray"):
        workers = settings.workers
    runner = make_executor(executor, workers=workers)

    def shown(line: dict[str, Any]) -> None:
        counts = line.get("counts", {})
        text = (
            f"{line['status']} {line['path']}: {counts.get('ingested', 0)} ingested,"
            f" {counts.get('duplicates', 0)} duplicates"
            + (f" ({line['error']})" if line.get("error") else "")
        )
        typer.echo(printable(text, one_line=True), err=True)

    try:
        with _open_store() as store:
            report = run_backfill(shards, store, settings=settings, executor=runner, on_shard=shown)
    finally:
        runner.close()
    if as_json:
        _stdout(report.as_json())
    else:
        typer.echo(
            f"{len(report.shards)} shards: {report.ingested} ingested,"
            f" {report.duplicates} duplicates, {len(report.rejected)} rejected"
            + (f", {report.failed} failed" if report.failed else "")
        )
    if report.rejected or any(s["status"] == "failed" for s in report.shards):
        raise typer.Exit(1)
