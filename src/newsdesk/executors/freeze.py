"""The fork server's last preload module: what the server loaded (imports, the language
identifier, the run's models) moves to the garbage collector's permanent generation
before the first fork, and the collector, off while the server loaded
(:func:`newsdesk.executors.warm.preload`), is on again for the workers.

A worker's full collections then no longer walk those objects: each walk writes to every
object's header, which copies the page it sits on out of the memory the workers share
with the server, and costs CPU in every worker for objects that live as long as it does
(Python's documentation of :func:`gc.freeze` recommends it before a fork without exec)."""

from __future__ import annotations

import gc

gc.collect()  # what the imports left behind goes now, not into the permanent generation
gc.freeze()
gc.enable()
