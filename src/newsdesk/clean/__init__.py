"""Cleaning: scraped text to article text, with every removal and its reason.

``clean_text(text)`` is the pure function on a string; ``TextCleaner`` is the
pipeline stage (see :mod:`newsdesk.pipeline`) that also fills title, author,
outlet, aggregator site, language and a publication date read from the text.

Both come from :mod:`newsdesk.clean.cleaner`, imported by the first use of their names:
a process that needs one part only (the parent of a pool reads story titles with
:mod:`newsdesk.clean.titles`; its workers clean) does not import the whole cleaner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.clean.cleaner import CleanResult, TextCleaner, clean_text

__all__ = ["CleanResult", "TextCleaner", "clean_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("newsdesk.clean.cleaner"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
