"""The watch prefilter: skip the FTS query of a watchlist none of whose words is new.

A watchlist's query can only match an article holding, for each of its positive
terms (an AND of ORs), at least one word of it. The words of a pass's new articles
are read once; a watchlist whose words are all ASCII and missing is not asked of
FTS5. Tokens are made as unicode61 with remove_diacritics makes them (letters and
digits with their marks, lower-cased, accents dropped), erring towards more tokens:
an extra token costs a query, a missing one would lose a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from newsdesk.errors import SearchSyntaxError
from newsdesk.store.search import parse_query

__all__ = [
    "Needs",
    "batch_tokens",
    "needs_annotations",
    "required_outlets",
    "required_tokens",
    "satisfied",
]

_TOKEN_RUN = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+"
)
_MARK = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_MAX_PIECES = 16
_FTS_PART = re.compile(r'"((?:[^"]|"")*)"|(\()|(\))|(AND|OR|NOT)')
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _fold(token: str) -> str:
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", token))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def batch_tokens(texts: Iterable[str]) -> set[str]:
    """Every word of ``texts`` as FTS5 would index it, in each reading of where a word
    ends that FTS5 might take (with or without its marks): a superset, to be safe."""
    found: set[str] = set()
    for raw in texts:
        composed = unicodedata.normalize("NFC", raw)
        found.update(_ASCII_WORD.findall(raw.lower()))
        runs = _TOKEN_RUN.findall(composed)
        if composed != raw:
            runs += _TOKEN_RUN.findall(raw)
        for run in runs:
            if run.isascii():
                found.add(run.lower())
                continue
            # a mark may end a word or be dropped from it: every contiguous stretch
            pieces = _MARK.split(run)
            if len(pieces) > _MAX_PIECES:
                raise ValueError("too many marks in one word to prefilter safely")
            for i in range(len(pieces)):
                for j in range(i + 1, len(pieces) + 1):
                    folded = _fold("".join(pieces[i:j]))
                    found.add(folded)
                    found.update(_ASCII_WORD.findall(folded))
    return found


Needs = tuple[tuple[frozenset[str], ...], ...]


@lru_cache(maxsize=4096)
def required_tokens(query: str) -> Needs | None:
    """What an article must hold for ``query`` to match it: for every group (a positive
    term, an OR of words or phrases) all the words of one of its alternatives. None when
    the query cannot be prefiltered (filters only, or a word that is not plain ASCII)."""
    try:
        match = parse_query(query).match
    except SearchSyntaxError:
        return None
    if not match:
        return None
    groups: list[list[frozenset[str]]] = []
    depth, negated = 0, False
    for m in _FTS_PART.finditer(match):
        quoted, opened, closed, word = m.groups()
        if opened:
            depth += 1
            groups.append([])
        elif closed:
            depth -= 1
        elif word == "NOT" and depth == 0:
            negated = True
        elif quoted is not None and depth == 1 and not negated:
            folded = [_fold(t) for t in quoted.replace('""', '"').split()]
            if not folded or not all(_ASCII_WORD.fullmatch(t) for t in folded):
                return None
            groups[-1].append(frozenset(folded))
    if not groups or not all(groups):
        return None
    return tuple(tuple(g) for g in groups)


def satisfied(needs: Needs, present: set[str]) -> bool:
    return all(any(alt <= present for alt in group) for group in needs)


@lru_cache(maxsize=4096)
def required_outlets(query: str) -> frozenset[str] | None:
    """The outlets (lower-cased) one of which an article must be from; None for any."""
    try:
        outlets = parse_query(query).outlets
    except SearchSyntaxError:
        return None
    return frozenset(o.strip().lower() for o in outlets) or None


@lru_cache(maxsize=4096)
def needs_annotations(query: str) -> bool:
    """Whether ``query`` filters on ``entity:`` (mentions, written after the article)."""
    try:
        return bool(parse_query(query).entities)
    except SearchSyntaxError:
        return False
