"""Quote records made from quoted spans, transcript turns and reported clauses, for
:mod:`.quotes`: offsets that slice the text exactly, a speaker mention when there is one."""

from __future__ import annotations

from typing import Any

from newsdesk.annotate.quote_marks import QuotedSpan, Turn
from newsdesk.annotate.quote_speakers import Speaker, SpeakerResolver
from newsdesk.article import Quote

__all__ = ["_clause_quote", "_continued", "_cue", "_cue_text", "_made", "_quote", "_turn_quote"]


def _turn_quote(text: str, turn: Turn, resolver: SpeakerResolver) -> Quote:
    """A transcript turn as a direct quote; its label names the speaker when one person of
    the article has that surname (WALLACE: Chris Wallace)."""
    name = resolver.label(turn.label, turn.label_start)
    return Quote(
        text=text[turn.start : turn.end],
        start=turn.start,
        end=turn.end,
        speaker=name,
        speaker_start=turn.label_start,
        speaker_end=turn.label_start + len(turn.label),
        cue=":",
        kind="direct",
    )


def _clause_quote(
    text: str, bounds: tuple[int, int], speaker: Speaker | None, cue: str | None
) -> Quote:
    """Reported speech (quoted words inside it included) as an indirect quote."""
    return _made(text, *bounds, speaker, cue, "indirect")


def _made(
    text: str, start: int, end: int, speaker: Speaker | None, cue: str | None, kind: str
) -> Quote:
    """A quote of ``text[start:end]``, credited to ``speaker`` where there is one."""
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=cue,
        kind=kind,
    )


def _continued(text: str, span: QuotedSpan, previous: Quote) -> Quote:
    """The quotation ``span`` as more of ``previous``'s statement: its speaker and cue."""
    quote = _quote(text, span, None, previous.cue)
    quote.speaker = previous.speaker
    quote.speaker_start, quote.speaker_end = previous.speaker_start, previous.speaker_end
    return quote


def _quote(text: str, span: QuotedSpan, speaker: Speaker | None, cue: str | None) -> Quote:
    start, end = span.inner_start, span.inner_end
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return _made(text, start, end, speaker, cue, "direct")


def _cue_text(doc: Any, token: Any) -> str:
    """The cue a record keeps: "according to" for its first word, else the verb as written."""
    if token.lower_ == "according":
        return "according to"
    return str(token.text)


def _cue(pair: tuple[Any, Any]) -> tuple[Any, str, int]:
    """(speaker head, cue text, cue index) of a (subject, verb) pair."""
    return pair[0], str(pair[1].text), int(pair[1].i)
