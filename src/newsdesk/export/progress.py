"""A progress bar on stderr for long passes over the store (exports, ``rules apply``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["counted_progress"]


@contextmanager
def counted_progress(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A bar on stderr (shown only when stderr is a terminal), advanced by the count given."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    err = Console(stderr=True)
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task(label, total=total)

        def advance(n: int) -> None:
            progress.update(task, advance=n)

        yield advance
