"""The fork server's preload under bench/pipeline_timeline.py: the executor's preload,
timed, and the worker side of the tracing patched in (the workers fork from here)."""

from __future__ import annotations

import atexit

from pipeline_timeline import _exited, _log, _now, patch_worker_side

_start = _now()
import newsdesk.executors.preload  # noqa: E402,F401  (runs the product's preload)

atexit.register(_exited)  # the server's CPU seconds as it ends (its forks leave by os._exit)

patch_worker_side()
END = _now()  # where the model modules begin (pipeline_timeline_freeze logs them)
_log("preload", _start, END)
