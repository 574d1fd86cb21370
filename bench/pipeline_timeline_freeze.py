"""The fork server's last preload under bench/pipeline_timeline.py: the model modules the
run named (after :mod:`pipeline_timeline_preload`) timed, then the executor's own freeze."""

from __future__ import annotations

import pipeline_timeline_preload
from pipeline_timeline import _log, _now

_log("models", pipeline_timeline_preload.END, _now())
import newsdesk.executors.freeze  # noqa: E402,F401  (the product's last preload module)
