"""``newsdesk backfill LIST``: many WARC/JSONL shards through ingest, resumable, on any executor.

Also the ``--executor`` of ``ingest`` (:func:`open_executor`): ``inline``, ``local`` or
``ray[:ADDRESS]`` (docs/ray.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsdesk.cli_common import EXECUTOR, WORKERS, _open_store, _stdout, app, state
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.executors import Executor


@contextmanager
def open_executor(
    spec: str | None, workers: int | None, settings: Settings
) -> Iterator[Executor | None]:
    """The executor ``--executor``/``--workers`` name (None: ingest's default), closed after.

    ``local`` takes ``--workers`` or NEWSDESK_WORKERS; ``ray`` takes ``--workers`` actors
    per stage (default 2)."""
    if spec is None:
        yield None
        return
    from newsdesk.executors import make_executor

    if workers is None and not spec.startswith("ray"):
        workers = settings.workers
    runner = make_executor(spec, workers=workers)
    try:
        yield runner
    finally:
        runner.close()


@app.command()
def backfill(
    shards: Annotated[
        list[str],
        typer.Argument(
            metavar="LIST",
            help="A file listing WARC/JSONL(.gz) paths, one a line; or the paths themselves.",
        ),
    ],
    executor: Annotated[str, EXECUTOR] = "local",
    workers: Annotated[int | None, WORKERS] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Ingest every shard LIST names; finished shards are skipped, an interrupted one resumes."""
    from newsdesk.backfill import backfill as run_backfill
    from newsdesk.terminal import printable

    def shown(line: dict[str, Any]) -> None:
        counts = line.get("counts", {})
        text = (
            f"{line['status']} {line['path']}: {counts.get('ingested', 0)} ingested,"
            f" {counts.get('duplicates', 0)} duplicates"
            + (f" ({line['error']})" if line.get("error") else "")
        )
        typer.echo(printable(text, one_line=True), err=True)

    settings = state.settings
    with open_executor(executor, workers, settings) as runner, _open_store() as store:
        assert runner is not None
        report = run_backfill(shards, store, settings=settings, executor=runner, on_shard=shown)
    if as_json:
        _stdout(report.as_json())
    else:
        typer.echo(
            f"{len(report.shards)} shards: {report.ingested} ingested,"
            f" {report.duplicates} duplicates, {len(report.rejected)} rejected"
            + (f", {report.failed} failed" if report.failed else "")
        )
    from newsdesk import process_exit

    process_exit.allow()  # store and executor closed, output written: no teardown needed
    if report.rejected or any(s["status"] == "failed" for s in report.shards):
        raise typer.Exit(1)
