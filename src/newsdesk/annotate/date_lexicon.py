"""The date normaliser's vocabulary (``annotate/data/dates_lexicon.json``), loaded once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["alt", "lexicon"]


@cache
def lexicon() -> dict[str, Any]:
    text = resources.files("newsdesk.annotate").joinpath("data/dates_lexicon.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def alt(words: Any) -> str:
    """A regular-expression alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
