"""Light batch functions (``light = True``: no model) for the reader tests; module-level, so
they pickle to a spawned reader and to forked workers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class Where:
    """Each item back with the pid and parent pid of the process that ran it."""

    name = "where"
    light = True

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(item, os.getpid(), os.getppid()) for item in batch]


class Crashy:
    """Kills its process on the item "crash" (as a segfault in an HTML parser would), after
    letting the held fork server go on (executors.hold); each other item upper-cased."""

    name = "crashy-light"
    light = True

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        if "crash" in batch:
            Path(os.environ["ND_TEST_HOLD"]).touch()
            os._exit(3)
        return [item.upper() for item in batch]

    def failed(self, item: Any, reason: str) -> Any:
        return ("failed", item, reason)
