"""The state of :mod:`.quotes`' pass over the quotations of one text: each quotation
with the words around it (:class:`Quotation`), and what the pass has made so far
(:class:`DirectPass`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsdesk.annotate.quote_marks import QuotedSpan
from newsdesk.annotate.quote_parse import _ends_that, _line, _next_boundary, _prefix_start
from newsdesk.annotate.quote_speakers import SpeakerResolver
from newsdesk.article import Quote

__all__ = ["LEAD_IN_END", "DirectPass", "Quotation", "quotation"]

LEAD_IN_END = ":,;—–-("  # a lead-in ending so introduces the quotation after it
_DASHES = frozenset({"-", "--", "–", "—"})
_ASIDE_OPENS = re.compile(r"\s(?:--|[-–—])\s")  # a spaced dash opening an aside


@dataclass(frozen=True, slots=True)
class Quotation:
    """Quotation ``number`` of a text and the words before it since the last one."""

    number: int
    span: QuotedSpan
    previous_end: int  # where the quotation before it ends (0 for the first)
    following: int  # where the words after it, searched for its cue, end
    prefix_start: int
    prefix: str  # the words before it in its sentence, right-stripped
    inner: str  # the quoted words

    def between_lead_ins(self, text: str) -> bool:
        """Lee was asked, “…?” He answered, “…”: a question or an exclamation after a
        lead-in of its own, followed in its paragraph by a new sentence that leads in the
        next quotation, whose cue is that quotation's, not this one's."""
        after = text[self.span.end : self.following]
        opening = text[self.following : self.following + 4].lstrip("“\"'‘ ")
        return (
            self.prefix[-1:] in ",:"
            and self.inner.rstrip(" ’'")[-1:] in "?!"
            and "\n" not in after
            and after.strip()[:1].isupper()
            and after.rstrip()[-1:] in ",:"
            and opening[:1].isupper()
        )

    def after_cue(self, last: tuple[Quote, int, int, int]) -> bool:
        """“…,” Turry said. “…”: the words before it end the sentence whose cue attributed
        the quotation right before it (the parse ran the two sentences into one), so the
        clause there is that cue's, no lead-in of its own."""
        _, _, cue_at, number = last
        return (
            number == self.number - 1
            and self.prefix[-1:] in ".!?"
            and self.prefix_start <= cue_at < self.span.start
        )

    @property
    def embedded(self) -> bool:
        """Whether it sits inside a clause (called him “…”), not after a lead-in."""
        prefix = self.prefix
        return bool(prefix) and prefix[-1] not in LEAD_IN_END and not _ends_that(prefix)


def quotation(doc: Any, text: str, spans: list[QuotedSpan], number: int) -> Quotation:
    """Quotation ``number`` of ``spans`` with its words around it."""
    span = spans[number]
    previous_end = spans[number - 1].end if number else 0
    prefix_start = _prefix_start(doc, span, previous_end)
    return Quotation(
        number=number,
        span=span,
        previous_end=previous_end,
        following=_next_boundary(text, spans, number),
        prefix_start=prefix_start,
        prefix=text[prefix_start : span.start].rstrip(),
        inner=text[span.inner_start : span.inner_end],
    )


@dataclass(slots=True)
class DirectPass:
    """What the pass over one text's quotations has made so far."""

    text: str
    spans: list[QuotedSpan]
    resolver: SpeakerResolver
    quotes: list[Quote] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # cue tokens that attributed a quote
    # the last statement, its paragraph, its cue's character offset and its span number
    last: tuple[Quote, int, int, int] | None = None
    history: list[tuple[Quote, int, int, int]] = field(default_factory=list)  # every last
    clauses: dict[int, Quote] = field(default_factory=dict)  # the clause quote of each cue

    def record(self, quote: Quote, span: QuotedSpan, cue_at: int, number: int) -> None:
        """``quote`` (of quotation ``number``, its cue at ``cue_at``) is the last statement."""
        self.last = (quote, _line(self.text, span.end), int(cue_at), number)
        self.history.append(self.last)

    def resumed(self, q: Quotation) -> tuple[Quote, int, int, int] | None:
        """He said, “Olsen will build the pier” - at which point the crowd chanted “Build
        the pier!” - “and restore order.”: a quotation opening in lower case right after
        the dash that closes an aside resumes the statement the aside broke into (the
        quotation right before the aside's own), not the words quoted inside the aside."""
        last = self.last
        if last is None or q.prefix.strip() not in _DASHES or not q.inner.lstrip()[:1].islower():
            return None
        inside = last[3]
        before = next((r for r in self.history if r[3] == inside - 1), None)
        if before is None or before[0].kind != "direct" or last[3] != q.number - 1:
            return None
        gap = self.text[self.spans[inside - 1].end : self.spans[inside].start]
        return before if "\n" not in gap and _ASIDE_OPENS.search(gap) else None
