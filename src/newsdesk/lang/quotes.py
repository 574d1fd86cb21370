"""Quotes in a pack's language: words in its quotation marks that a speech cue claims
(「…」と述べた, “…”라고 말했다, 表示：“…”), and who said them.

A pack's ``quotes.json`` gives its mark pairs, the particle that ties a quote to a cue
after it (``after.lead``: と, 라고) and the cues; ``before`` cues stand ahead of the
opening mark (他表示：“…”). Marks without a cue (「台湾有事」, a term) are not quotes, and
nothing inside title marks (《人民日报》) is one. The speaker is the person named between
the quote and its cue, else the person before the quote in its sentence that the pack's
``subject`` pattern marks (이 대통령은, 岸田首相は, 王毅发布…), else the nearest one there, else
the last person named in the sentence before (彼は, 他, 그는); a person named inside
quotation marks is talked about, never the speaker, and so is one the pack's
``addressee`` pattern puts after "told" or "answered" (告诉李明, 回应布林肯), or one its
``principal`` pattern shows a spokesman speaks for (오바마 측 대변인, 首相の報道官). A quote
whose sentence names its speaker by a role only (警方发言人称, 경찰 관계자는, 警察の関係者は:
the pack's ``role``) has no named speaker, never the last person of the sentence before. Quotations
chained by a pack's ``chain`` particle share the cue after the last (“…”며 “…”고 밝혔다:
both are the speaker's).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from newsdesk.article import Mention, Quote
from newsdesk.lang.pack import LanguagePack

__all__ = ["find_quotes"]

MAX_QUOTE = 2000  # characters between one pair of marks
_ROLE_WINDOW = 12  # characters before an opening mark a role speaking there is read in


class _Patterns(NamedTuple):
    """A pack's quote patterns (quotes.json), each None where the pack gives none."""

    after: re.Pattern[str] | None  # “…”라고 말했다: the cue after the closing mark
    before: re.Pattern[str] | None  # 他表示：“…”: the cue before the opening mark
    chain: re.Pattern[str] | None  # “…”며 “…”: a quotation chained to the next one's cue
    subject: re.Pattern[str] | None  # what follows a speaker's name (은/는, は, 发布)
    addressee: re.Pattern[str] | None  # what precedes one told or answered (告诉)
    principal: re.Pattern[str] | None  # what follows one a spokesman speaks for (측 대변인)
    role: re.Pattern[str] | None  # a speaker named by a role (警方发言人, 관계자, 関係者)


@cache
def _compiled(code: str) -> _Patterns:
    from newsdesk.lang.pack import pack_for

    pack = pack_for(code)
    assert pack is not None
    data = pack.data("quotes.json")
    cues = "|".join(sorted(data.get("cues", []), key=len, reverse=True))
    after = (
        re.compile(
            rf"{data['after']['lead']}(?P<gap>[^{pack.sentence_ends}「“]{{0,{data['after']['window']}}}?)(?P<cue>{cues})"
        )
        if data.get("after")
        else None
    )
    before = (
        re.compile(rf"(?P<cue>{cues})\s*{data['before']['lead']}\s*$")
        if data.get("before")
        else None
    )
    addressee = re.compile(rf"(?:{data['addressee']})\s*$") if data.get("addressee") else None
    return _Patterns(
        after,
        before,
        re.compile(data["chain"]) if data.get("chain") else None,
        re.compile(data["subject"]) if data.get("subject") else None,
        addressee,
        re.compile(data["principal"]) if data.get("principal") else None,
        re.compile(data["role"]) if data.get("role") else None,
    )


def _spans(text: str, pairs: list[list[str]]) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of each pair of marks (the first close after an open)."""
    found = []
    for opening, closing in pairs:
        at = text.find(opening)
        while at >= 0:
            end = text.find(closing, at + 1)
            if end < 0 or end - at > MAX_QUOTE:
                break
            found.append((at, end))
            at = text.find(opening, end + 1)
    return sorted(found)


def _sentence_start(text: str, at: int, ends: str) -> int:
    return max((text.rfind(c, 0, at) for c in ends), default=-1) + 1


def _speaker(
    text: str,
    persons: list[Mention],
    *,
    before: int,
    after: tuple[int, int] | None,
    sentence: int,
    prev: int,
    subject: re.Pattern[str] | None,
    role: re.Pattern[str] | None = None,
) -> Mention | None:
    if after is not None:
        inside = [m for m in persons if after[0] <= m.start and m.end <= after[1]]
        if inside:
            return inside[0]
    earlier = [m for m in persons if m.end <= before]
    same = [m for m in earlier if m.start >= sentence]
    marked = [m for m in same if subject is not None and subject.match(text, m.end)]
    if marked or same:
        return (marked or same)[-1]
    ahead = (max(sentence, before - _ROLE_WINDOW), before)  # 警方发言人称：“, 관계자는 “
    if role is not None and any(role.search(text, *span) for span in (ahead, after) if span):
        return None  # a role speaks, not the last one named in the sentence before
    near = [m for m in earlier if m.start >= prev]
    return near[-1] if near else None


def find_quotes(text: str, pack: LanguagePack, *, persons: list[Mention]) -> list[Quote]:
    """Direct quotes of ``text`` with their cues and speakers (``persons``: PERSON mentions)."""
    data = pack.data("quotes.json")
    marks = _compiled(pack.code)
    titles = _spans(text, data.get("titles", []))
    ends = pack.sentence_ends
    marked = [
        (a, b)
        for a, b in _spans(text, data["pairs"])
        if not any(x <= a and b <= y for x, y in titles)
    ]
    persons = [
        m
        for m in persons
        if not any(a < m.start and m.end <= b for a, b in marked)
        and not (marks.addressee and marks.addressee.search(text, max(0, m.start - 8), m.start))
        and not (marks.principal and marks.principal.match(text, m.end))
    ]
    quotes: list[Quote] = []
    waiting: list[tuple[int, int]] = []  # quotations chained to the next one's cue
    chained_to = -1  # where the quotation they are chained to opens
    taken = -1
    for opening, closing in marked:
        start, end = opening + 1, closing
        if opening < taken or end - start < 2:
            continue
        if opening != chained_to:
            waiting.clear()
        ahead = text[max(0, opening - 16) : opening]
        b = marks.before.search(ahead) if marks.before else None
        m = marks.after.match(text[closing + 1 : closing + 81]) if marks.after and not b else None
        cue, between = (b["cue"] if b else None), None
        if m:
            cue = m["cue"]
            between = (closing + 1, closing + 1 + m.start("cue"))
        if cue is None:
            link = marks.chain.match(text, closing + 1) if marks.chain is not None else None
            if link is not None:
                waiting.append((start, end))
                chained_to = link.end() - 1
            continue
        first = waiting[0][0] - 1 if waiting else opening
        sentence = _sentence_start(text, first, ends)
        prev = _sentence_start(text, max(0, sentence - 1), ends)
        who = _speaker(
            text,
            persons,
            before=first,
            after=between,
            sentence=sentence,
            prev=prev,
            subject=marks.subject,
            role=marks.role,
        )
        for first_char, last_char in [*waiting, (start, end)]:
            quotes.append(
                Quote(
                    text=text[first_char:last_char],
                    start=first_char,
                    end=last_char,
                    speaker=(who.canonical or who.text) if who else None,
                    speaker_start=who.start if who else None,
                    speaker_end=who.end if who else None,
                    cue=cue,
                    kind="direct",
                )
            )
        waiting.clear()
        taken = closing
    return quotes
