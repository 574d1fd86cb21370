"""The local executor's fork server imports this module: importing it runs
:func:`newsdesk.executors.warm.preload` (numpy, spaCy, trafilatura, the stage modules,
the language identifier), so every worker forked from the server starts with them."""

from __future__ import annotations

from newsdesk.executors.warm import preload

preload()
