"""Fork server preload: MiniLM on one thread (:func:`newsdesk.executors.warm.load_minilm`)."""

from __future__ import annotations

from newsdesk.executors.warm import load_minilm

load_minilm()
