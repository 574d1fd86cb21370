"""A fork server preload module for the reader tests: the server's preload waits until the
file ``ND_TEST_HOLD`` names exists (two minutes at most), so no worker is up before the
test says; meanwhile the executor's reader runs the light batches."""

from __future__ import annotations

import os
import time
from pathlib import Path

MARKER = os.environ.get("ND_TEST_HOLD")
if MARKER:
    _until = time.monotonic() + 120
    while not Path(MARKER).exists() and time.monotonic() < _until:
        time.sleep(0.05)
