"""``newsdesk annotate``: read entities, quotes, dates and events in files, storing nothing.

Files go through the declared stages ``read → clean → annotate`` (their
implementations over files: :mod:`newsdesk.stages.files`) in batches, through an
executor (``--workers``): models load once per worker. A JSON Lines file gives one result per
record (carrying its ``id``; its own ``published`` wins over ``--published``);
any other file gives one result carrying its ``source``. A file that cannot be
used gives ``{"source", "error"}`` and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.settings import Settings
from newsdesk.stages.files import FileJob, RecordNames, read_records, text_of

if TYPE_CHECKING:
    from newsdesk.executors import Executor

__all__ = ["annotate_files"]

_articles = read_records  # the names this module had
_text = text_of


def annotate_files(
    files: Sequence[Path],
    *,
    settings: Settings,
    published: datetime | None,
    clean: bool,
    jsonl: bool,
    write: Callable[[dict[str, Any]], object],
    executor: Executor | None = None,
) -> bool:
    """Annotate every file (or record); ``write`` each result; True when some failed.

    The stages ``read → clean → annotate`` (:func:`newsdesk.stages.stage_list`, bound to
    :mod:`newsdesk.stages.files`) run per batch of files through ``executor`` (None:
    ``settings.workers`` processes) by :func:`newsdesk.pipeline.run_stages`; results are
    written in the order of ``files``."""
    from newsdesk.executors import make_executor
    from newsdesk.pipeline import run_stages
    from newsdesk.stages import FilesRun, stage_list

    stages = stage_list("annotate", clean=clean)  # checked before anything runs
    run = FilesRun(settings=settings, published=published, clean=clean, jsonl=jsonl)
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    jobs = [FileJob(str(path)) for path in files]
    batches = [jobs[i : i + FILES_PER_BATCH] for i in range(0, len(jobs), FILES_PER_BATCH)]
    failed = False
    found: list[dict[str, Any]] = []  # written after every file was read, as before
    names = RecordNames()  # names across scripts: one index for the run, in file order
    try:
        for results in run_stages(stages, run, batches, runner):
            for job in results:
                if job.error is not None:  # a file that cannot be used: said at once
                    failed = True
                    write(job.error)
                found += names(job)
    finally:
        if own:
            runner.close()
    for line in found:
        failed = failed or "error" in line
        write(line)
    return failed


FILES_PER_BATCH = 8
