"""The fork server's preload under bench/pipeline_timeline.py: the executor's preload,
timed, and the worker side of the tracing patched in (the workers fork from here)."""

from __future__ import annotations

from pipeline_timeline import _log, _now, patch_worker_side

_start = _now()
import newsdesk.executors.preload  # noqa: E402,F401  (runs the product's preload)

patch_worker_side()
END = _now()  # where the model modules begin (pipeline_timeline_freeze logs them)
_log("preload", _start, END)
