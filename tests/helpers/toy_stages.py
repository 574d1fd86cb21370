"""Toy stages a test adds to the declared list (module-level, so a pool's workers import them)."""

from __future__ import annotations

import os
from typing import Any, ClassVar


class Shout:
    """A per-article stage over ingest's batches: flags each live article ``toy-<pid>``
    and counts its set-ups (``setups`` travels with the article as a flag too)."""

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1

    def __call__(self, batch: list[Any]) -> list[Any]:
        for job in batch:
            for work in job.live():
                work.article.flag(f"toy-{os.getpid()}")
                work.article.flag(f"toy-setups-{self.setups}")
        return batch


class Tally:
    """A global stage: the ids it saw, in order, and the process it ran in."""

    seen: ClassVar[list[str]] = []
    pids: ClassVar[set[int]] = set()

    def __init__(self, run: Any) -> None:
        Tally.seen, Tally.pids = [], set()

    def __call__(self, batch: list[Any]) -> list[Any]:
        Tally.pids.add(os.getpid())
        for job in batch:
            Tally.seen += [w.article.id for w in job.live()]
        return batch


class Double:
    """A per-article stage over plain numbers (setup once per worker, the pid alongside)."""

    def __init__(self) -> None:
        self.ready = 0

    def setup(self) -> None:
        self.ready += 1

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(2 * n if isinstance(n, int) else n, os.getpid(), self.ready) for n in batch]

    def failed(self, item: Any, reason: str) -> Any:
        return ("failed", item, reason)


class Unpack:
    """A second per-article stage, composed with :class:`Double` into one batch function."""

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [{"value": v, "pid": pid, "setups": ready} for v, pid, ready in batch]


class Sum:
    """A global stage over the numbers: a running total, in batch order, in the parent."""

    def __init__(self) -> None:
        self.totals: list[int] = []
        self.opened = self.closed = 0

    def open(self) -> None:
        self.opened += 1

    def __call__(self, batch: list[Any]) -> list[Any]:
        for item in batch:
            total = (self.totals[-1] if self.totals else 0) + item["value"]
            self.totals.append(total)
            item["parent"] = os.getpid()
        return batch

    def close(self) -> None:
        self.closed += 1
