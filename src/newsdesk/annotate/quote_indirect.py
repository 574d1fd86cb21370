"""Indirect quotes for :mod:`.quotes`: reported speech without quotation marks (X said that
…, X says …, …, X added, according to X, …), the reported clause as the quote."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_build import _clause_quote, _cue_text
from newsdesk.annotate.quote_clauses import reported_clause
from newsdesk.annotate.quote_marks import QuotedSpan
from newsdesk.annotate.quote_parse import _inside_quotes, _run_on, _trim, _words
from newsdesk.annotate.quote_speakers import Speaker
from newsdesk.article import Quote

__all__ = ["indirect_quotes"]


def indirect_quotes(
    doc: Any,
    spans: list[QuotedSpan],
    used: set[int],
    made: list[Quote],
    *,
    verbs: Collection[str],
    phrases: Collection[tuple[str, ...]],
    min_words: int,
    speaker_of: Callable[[Any, str, int], Speaker | None],
) -> list[Quote]:
    """Every reported clause of a cue verb outside quotation marks that no cue of ``used``
    and no indirect quote already ``made`` covers; ``speaker_of(head, cue, cue_index)``
    credits its speaker."""
    inside = _inside_quotes(doc, spans)
    taken: list[tuple[int, int]] = [(q.start, q.end) for q in made if q.kind == "indirect"]
    direct = [q.start for q in made if q.kind == "direct"]
    partial = [s for s in spans if not any(s.start <= d < s.end for d in direct)]
    quotes: list[Quote] = []
    for token in doc:
        if token.i in used or token.i in inside:
            continue
        found = reported_clause(token, verbs, phrases)
        if found is None:
            continue
        speaker_token, lo, hi = found
        clause = doc[lo:hi]
        start, end = _trim(doc_text(doc), clause.start_char, clause.end_char)
        if "\n" in doc_text(doc)[min(start, token.idx) : max(end, token.idx)]:
            continue  # “…” ¶ Lee was a juggernaut, X said: no clause runs over a paragraph
        end = max([end] + [s.end for s in partial if s.start < end < s.end])  # to its mark
        end = _run_on(doc_text(doc), end, partial, token.sent.end_char)
        if _words(doc_text(doc)[start:end]) < min_words:
            continue
        if any(start < b and a < end for a, b in taken):
            continue
        cue = _cue_text(doc, token)
        speaker = speaker_of(speaker_token, cue, token.i)
        quotes.append(_clause_quote(doc_text(doc), (start, end), speaker, cue))
        taken.append((start, end))
    return quotes
