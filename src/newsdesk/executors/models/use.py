"""Fork server preload: the multilingual USE v3 on one thread
(:func:`newsdesk.executors.warm.load_use`)."""

from __future__ import annotations

from newsdesk.executors.warm import load_use

load_use()
