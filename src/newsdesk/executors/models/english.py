"""Fork server preload: spaCy's English pipeline (:func:`newsdesk.executors.warm.load_english`)."""

from __future__ import annotations

from newsdesk.executors.warm import load_english

load_english()
