"""What a language pack's reader makes of a composed text, for the tests of tests/lang."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def typed(text: str, pack: LanguagePack, reader: PackAnnotator) -> set[tuple[str, str]]:
    """The (text, type) of every entity mention the reader finds, published on WHEN."""
    return {(m.text, m.type) for m in reader.annotate(text, pack, published=WHEN).entities}
