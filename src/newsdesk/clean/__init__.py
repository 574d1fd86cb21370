"""Cleaning: scraped text to article text, with every removal and its reason.

``clean_text(text)`` is the pure function on a string; ``TextCleaner`` is the
pipeline stage (see :mod:`newsdesk.pipeline`) that also fills title, author,
outlet, aggregator site, language and a publication date read from the text.
"""

from __future__ import annotations

from newsdesk.clean.cleaner import CleanResult, TextCleaner, clean_text

__all__ = ["CleanResult", "TextCleaner", "clean_text"]
