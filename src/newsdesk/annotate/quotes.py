"""Who said what: direct quotes in quotation marks and indirect (reported) speech.

:class:`QuoteExtractor` reads a parsed spaCy ``Doc`` of an article's cleaned
text and returns :class:`~newsdesk.article.Quote` records whose offsets slice
that text exactly.

Direct quotes (``kind="direct"``)
    Every quotation (:mod:`.quote_marks`: curly, straight, guillemets, over
    several paragraphs) is attributed from the words around it: after it in
    the same sentence (“…,” Lee said / said Lee / Li says / according to X),
    else from a lead-in before it (Lee said: “…” / X told TIME that “…” /
    According to X, “…” / as X put it, “…”). The name between a quotation and
    its cue speaks when the parse hung the cue elsewhere (“…,” Olsen, a pilot,
    said on Radio Kell’s “Harbour Hour.”); a quoted nickname inside that name
    (Marta "Tiny" Oskarsson) does not end the words searched for the cue.
    Where no cue word is found, a subject and its verb opening the words after
    it attribute it whatever the verb (“…,” Varga shot back / “Quiet,” he
    demanded), as does a lead-in ending in a colon or a comma (X released the
    following statement: “…” / X shot back, “…” / the crew jeered, “…”) or a
    next paragraph that signs it (“…” ¶ — Ana Ruiz.). A quotation with no cue
    of its own and no lead-in clause that follows an attributed one in the
    same or the next paragraph continues it (the second half of a split
    quote, the next paragraph of a long one), as does one joined to the
    previous quotation's attribution by "but"/"and" (“…,” she said, but “…”),
    and gets the same speaker and cue. **A split quote gives one Quote per
    quoted span**, each with the same speaker mention, so every span's offsets
    stay exact; consumers that want one statement group consecutive quotes by
    ``(speaker_start, speaker_end)`` and ``cue`` (“…,” Lee said, adding, “…”
    is two statements). ``start``/``end`` exclude the marks and a trailing
    comma. A quotation that sits inside a clause (“shuttle diplomacy”, a
    “survival-threatening situation”), reads as a title, or is a few words
    long without a cue is a phrase, not a statement, and is not returned as a
    direct quote.

Partial quotes (``kind="indirect"``, the quoted words inside)
    A quotation inside a clause becomes the clause it sits in, credited to the
    one whose words it is: the subject of the cue verb it hangs from (called
    Trump a “pathological liar”; described X as “…” who “…”; for saying that X
    was a “…”: the one saying it), the cue right after it (the plan was a
    “disaster,” Lee said: Lee, or the reported clause of a cue before it), or
    a named person whose verb frames it without being a cue (Tribe likened
    the rules to “burning the Constitution”: up to the last quotation), never
    the subject of a verb inside what someone else is reported to say (Flynn
    said Trump was “absolutely right”: Flynn's words).

Indirect quotes (``kind="indirect"``)
    A cue verb outside quotation marks with a subject and a clausal complement
    (X said that …, X says … , …, X added) or "according to X, …": the quote
    is the reported clause. Mental-state verbs (thinks, believes, wants) count
    only with ``QuoteConfig(cognition=True)``.

Speakers are resolved by :class:`.quote_speakers.SpeakerResolver` (pronouns to
the nearest compatible preceding entity, surnames to full names, or through
the ``canonical`` callable of the entity stage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_attribution import Attribution, attribution_speaker
from newsdesk.annotate.quote_build import (
    _clause_quote,
    _continued,
    _cue,
    _cue_text,
    _quote,
    _turn_quote,
)
from newsdesk.annotate.quote_clauses import addressed, reported_clause
from newsdesk.annotate.quote_frames import framing_subject, reporting_participle
from newsdesk.annotate.quote_indirect import indirect_quotes
from newsdesk.annotate.quote_leads import (
    later_report,
    name_colon,
    parenthetical,
    previous_subject,
    reporting_lead,
    signed_line,
)
from newsdesk.annotate.quote_lexicon import CueLexicon, cue_lexicon
from newsdesk.annotate.quote_marks import QuotedSpan, quoted_spans, transcript_turns
from newsdesk.annotate.quote_parse import (
    _appositions,
    _as_aside,
    _aside_cue,
    _clause_before,
    _clause_lead,
    _colon_lead,
    _comma_lead,
    _cue_stop,
    _dash_lead,
    _ends_line,
    _governed_clause,
    _has_clause,
    _joins,
    _leads,
    _line,
    _new_sentence,
    _opens_sentence,
    _paragraph_end,
    _past,
    _presented,
    _relative_after,
    _relative_opening,
    _reports,
    _speech_noun,
    _speech_owner,
    _subject_verb,
    _title_case,
    _trim,
    _words,
    _words_of,
)
from newsdesk.annotate.quote_pass import DirectPass, Quotation, quotation
from newsdesk.annotate.quote_shapes import cue_by_shape, lead_by_shape, said_after
from newsdesk.annotate.quote_speakers import Canonical, Speaker, SpeakerResolver
from newsdesk.annotate.quote_subject import _subject, colon_speaker, tells_of_thing
from newsdesk.article import Quote

__all__ = ["CueLexicon", "QuoteConfig", "QuoteExtractor", "cue_lexicon"]

_OPEN_END = ",?!—–-…"
_FRAMED_WORDS = 3  # fewer quoted words in a clause no cue frames: a phrase (“lone wolves”)


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """What the extractor returns."""

    indirect: bool = True  # reported speech without quotation marks
    cognition: bool = False  # thinks / believes / wants … as indirect quotes
    min_indirect_words: int = 3  # a shorter reported clause is not a quote
    cue_window: int = 10  # words after a quotation in which its cue must start


class QuoteExtractor:
    """Direct and indirect quotes with speakers, from a parsed spaCy Doc."""

    def __init__(self, *, config: QuoteConfig | None = None) -> None:
        self.config = config or QuoteConfig()
        self.lexicon = cue_lexicon()
        cues = self.lexicon.speech
        self._verbs = cues | self.lexicon.cognition if self.config.cognition else cues
        self._phrases = frozenset(" ".join(words) for words in self.lexicon.source_phrases)
        # past forms of the cues, never part of a name: Stated Brandt: “…” is Brandt
        self._said = frozenset(_past(verb) for verb in self.lexicon.speech)
        self._after_cues = self._verbs | self.lexicon.documents  # “…,” the letter read

    def extract_texts(
        self, texts: Iterable[str], *, canonical: Canonical | None = None, batch_size: int = 32
    ) -> Iterator[list[Quote]]:
        """Quotes of many texts, parsed in batches with the shared pipeline (one list per text)."""
        from newsdesk.annotate import nlp

        for doc in nlp.load().pipe(texts, batch_size=batch_size):
            yield self.extract(doc, canonical=canonical)

    def extract(self, doc: Any, *, canonical: Canonical | None = None) -> list[Quote]:
        """Every direct and indirect quote in ``doc``, in text order."""
        spans = quoted_spans(doc_text(doc))
        turns = transcript_turns(doc_text(doc))
        if turns:  # a transcript's turns are its quotations, whatever marks they carry
            spans = [
                s
                for s in spans
                if not any(s.start < t.end and t.label_start < s.end for t in turns)
            ]
        resolver = SpeakerResolver(
            doc,
            pronouns=self.lexicon.pronouns,
            titles=self.lexicon.titles,
            quoted=[(span.start, span.end) for span in spans],
            cue_words=self._said,
            canonical=canonical,
        )
        quotes, used_cues = self._direct(doc, spans, resolver)
        quotes += [_turn_quote(doc_text(doc), turn, resolver) for turn in turns]
        if self.config.indirect:
            spoken = [QuotedSpan(t.label_start, t.end, t.start, t.end) for t in turns]
            quotes += self._indirect(doc, spans + spoken, used_cues, resolver, quotes)
        quotes.sort(key=lambda quote: quote.start)
        return quotes

    # -- direct -------------------------------------------------------------------
    def _direct(
        self, doc: Any, spans: list[QuotedSpan], resolver: SpeakerResolver
    ) -> tuple[list[Quote], set[int]]:
        """Every quotation in turn: one inside a clause (:meth:`_embedded`), else a cue
        after it (:meth:`_after`); then a speaker named elsewhere (:meth:`_elsewhere`),
        and the quote kept or left out (:meth:`_keep`)."""
        state = DirectPass(doc_text(doc), spans, resolver)
        for number in range(len(spans)):
            q = quotation(doc, state.text, spans, number)
            if q.embedded:
                done, found = self._embedded(doc, q, state)
                if done:
                    continue
            else:
                found = self._after(doc, q.span, q.following, q.inner)
                if found is not None and q.between_lead_ins(state.text):  # its own lead-in
                    found = self._before(doc, q.prefix_start, q.span.start) or found
                elif found is not None and found.speaker is None and q.prefix[-1:] in ",:":
                    found = self._before(doc, q.prefix_start, q.span.start) or found  # no asker
            found = self._elsewhere(doc, q, state, found)
            self._keep(doc, q, state, found)
        return state.quotes, state.used

    def _embedded(
        self, doc: Any, q: Quotation, state: DirectPass
    ) -> tuple[bool, Attribution | None]:
        """A quotation inside a clause: (done, attribution); done when it was made part of
        a clause quote, continued a statement or left out as a phrase or a title."""
        if _title_case(q.inner.rstrip(" .!?,;:")):
            return True, None  # on MSNBC’s “Morning Joe.”: a title
        if state.last is not None and q.after_cue(state.last):
            return False, None  # “…,” Turry said. “…”: a sentence of its own, after the cue
        if self._joined(q, state):  # she said, but “…” / Ruiz added that “…” and “…”
            return True, None
        done, found = self._governed(doc, q, state)  # calling him “a total stiff”
        if done:
            return True, None
        if found is None:
            found = self._lead_verb(doc, q.prefix_start, q.span.start)
        if found is None and q.inner.rstrip()[-1:] == ",":
            found = self._after(doc, q.span, q.following, q.inner)
            if found is not None:
                self._reported_with_cue_after(doc, q, state, found)
                return True, None
        if found is None and self._aside(doc, q, state):
            return True, None
        if found is None:
            self._framed(doc, q, state)  # the agency declined to detail the “…”
        return found is None, found  # no attribution: a phrase, or inside a reported clause

    def _governed(
        self, doc: Any, q: Quotation, state: DirectPass
    ) -> tuple[bool, Attribution | None]:
        """The cue verb a quotation inside a clause hangs from: the clause becomes a quote
        of the cue's subject (called Trump a “pathological liar” who …), or more of the
        clause quote that cue already made (… but “nobody …”)."""
        text, span = state.text, q.span
        found = self._governing(doc, span, state.resolver)
        clause = None if found is None else _governed_clause(doc, span, found.cue_index)
        if found is not None and found.cue_index in state.clauses:  # … but “nobody …”
            quote = state.clauses[found.cue_index]  # more of a clause already made
            if quote.start < span.start and quote.end < span.end:
                quote.end = span.end
                quote.text = text[quote.start : quote.end]
            return True, None
        if found is not None and clause is None and doc[found.cue_index].idx > span.start:
            found = None  # “…,” she said: the cue after it decides, below
        if found is not None and clause is not None:
            naming = self.lexicon.naming
            framing = not found.speech or doc[found.cue_index].lemma_.lower() in naming
            if framing:  # likened the rules to “…” in a filing: up to its last quotation
                ends = [s.end for s in state.spans[q.number :] if s.inner_end <= clause[1] + 1]
                clause = (clause[0], max(ends, default=span.end))
            if found.cue_index not in state.used:  # called Trump a “pathological liar” who …
                speaker = self._speaker(state.resolver, found)
                state.quotes.append(_clause_quote(text, clause, speaker, found.cue))
                state.used.add(found.cue_index)
                state.clauses[found.cue_index] = state.quotes[-1]
                if found.speech:
                    state.record(state.quotes[-1], span, doc[found.cue_index].idx, q.number)
            return True, None
        if found is not None and not found.speech:
            found = None
        return False, found

    def _joined(self, q: Quotation, state: DirectPass) -> bool:
        """“I respect Tomas,” she said, but “when it comes to …”: a quotation joined to the
        previous one's attribution by "but"/"and" continues that statement (or runs that
        reported clause on to it), as does one joined to a statement whose cue leads in
        the previous quotation (Ruiz added that “…” and “…”)."""
        last = state.last
        led = last is not None and last[0].kind == "direct" and last[2] < q.previous_end
        if (
            last is None
            or last[3] != q.number - 1
            or q.prefix_start != q.previous_end
            or not (led or q.prefix_start <= last[2] < q.span.start)
            or not _joins(q.prefix)
        ):
            return False
        if last[0].kind == "direct":
            quote = _continued(state.text, q.span, last[0])
            state.quotes.append(quote)
        else:  # more of a reported clause: the clause runs on to this quotation
            quote = last[0]
            quote.end = _quote(state.text, q.span, None, None).end
            quote.text = state.text[quote.start : quote.end]
        state.record(quote, q.span, last[2], q.number)
        return True

    def _reported_with_cue_after(
        self, doc: Any, q: Quotation, state: DirectPass, found: Attribution
    ) -> None:
        """The plan was a “disaster,” Lee said: the clause is what Lee said (or, when a cue
        before it reports that clause, Lee said the plan was a “disaster,” she said: Lee's
        reported clause)."""
        if found.cue_index in state.used:
            return
        bounds = _trim(state.text, q.prefix_start, q.span.end)
        reported = self._reported(doc, q.prefix_start, q.span)
        if reported is not None:
            state.used.add(found.cue_index)
            found, bounds = reported
        speaker = self._speaker(state.resolver, found)
        state.quotes.append(_clause_quote(state.text, bounds, speaker, found.cue))
        if not _reports(doc[found.cue_index]):  # Ruiz, citing “…,” said the union …: its own
            state.used.add(found.cue_index)
        state.record(state.quotes[-1], q.span, doc[found.cue_index].idx, q.number)

    def _aside(self, doc: Any, q: Quotation, state: DirectPass) -> bool:
        """…, Ruiz said, most believe “…”: a cue set off before the clause that holds the
        quotation makes that clause Ruiz's quote."""
        aside = parenthetical(doc, q.prefix_start, q.span.start, self._verbs)
        aside = aside or _as_aside(doc, q.prefix_start, q.span.start, self._verbs)
        if aside is None or aside[1].i in state.used:
            return False
        subject, verb, lo = aside
        speaker = self._speaker(state.resolver, Attribution(subject, verb.text, verb.i))
        bounds = _trim(state.text, doc[lo].idx, q.span.end)
        state.quotes.append(_clause_quote(state.text, bounds, speaker, verb.text))
        state.used.add(verb.i)
        state.record(state.quotes[-1], q.span, int(verb.idx), q.number)
        return True

    def _framed(self, doc: Any, q: Quotation, state: DirectPass) -> None:
        """The agency declined to detail the “specific focus, scope or targets” / Lee
        pledged to make them “build it here”: a quotation of a few words or more, no title,
        in a clause no cue frames, is the quote of the subject its verbs climb to (a body or
        a document speaks here with no name shown); more of that clause quote for a second
        quotation in the same clause."""
        if _words(q.inner) < _FRAMED_WORDS or _title_case(q.inner.rstrip(" .!?,;:")):
            return
        pair = framing_subject(doc, q.span.inner_start, q.span.inner_end, self._verbs)
        if pair is None:
            return
        subject, verb = pair
        if reported_clause(verb, self._verbs, self.lexicon.source_phrases) is not None:
            return  # Lund said in a statement that … “…”: the reported clause, read later
        made = state.clauses.get(verb.i)
        if made is not None:  # … of “…” and “…”: the clause runs on to this quotation
            if made.start < q.span.start and made.end < q.span.end:
                made.end = q.span.end
                made.text = state.text[made.start : made.end]
            return
        person = state.resolver.is_person(subject)  # a person's verb frames a conjunct too
        cue = reporting_participle(doc, q.span.inner_start, verb, self._verbs) or verb
        clause = _governed_clause(doc, q.span, cue.i, framing=person and cue is verb)
        if clause is None or verb.i in state.used:
            return
        speaker = self._speaker(state.resolver, Attribution(subject, cue.text, cue.i))
        state.quotes.append(_clause_quote(state.text, clause, speaker, cue.text))
        state.used.update((verb.i, cue.i))
        state.clauses[verb.i] = state.quotes[-1]

    def _elsewhere(
        self, doc: Any, q: Quotation, state: DirectPass, found: Attribution | None
    ) -> Attribution | None:
        """With no cue after it: a lead-in before the quotation (Lee said: “…”), a name and
        a colon (Ruiz: “…”), a paragraph that introduces or signs it, or the subject of the
        sentence or paragraph before (Ruiz agreed. “…”)."""
        text, span, prefix, inner = state.text, q.span, q.prefix, q.inner
        resolver = state.resolver
        named = prefix.endswith(":") and _ends_line(text, span, inner)
        if found is None and named and re.search(r"\s[-–—]\s", prefix):  # X agree - Ruiz: “…”
            found = self._name_lead(doc, q.prefix_start, span.start, resolver)
            headline = None if found is None else self._before(doc, q.prefix_start, span.start)
            if headline is not None:  # the headline's verb reports nothing of its own
                state.used.add(headline.cue_index)
        if found is None and prefix:
            found = self._before(doc, q.prefix_start, span.start)
        if found is None and named:
            found = self._name_lead(doc, q.prefix_start, span.start, resolver)  # Ruiz: “…”
        if found is None and prefix:
            found = self._owned_lead(doc, q, resolver.is_person)  # her remark that “…”
        if found is None and not prefix:
            found = self._lead_paragraph(doc, span, resolver) or _signed_line(doc, span)
        if found is None and not prefix:  # “…” That was how Olsen put it.
            pair = said_after(doc, span.end, self._verbs)
            found = None if pair is None else Attribution(*_cue(pair))
        if found is None and not prefix and inner.rstrip(" ”\"'’")[-1:] not in ".?!":
            pair = reporting_lead(doc, span.start, resolver.is_person, self._verbs)
            found = None if pair is None else Attribution(*_cue(pair), lead=True)
        if found is None and not prefix and inner.rstrip(" ”\"'’")[-1:] in ".?!":
            pair = previous_subject(doc, span.start, resolver.is_person, self._verbs)
            last = state.last
            gap = _line(text, span.start) - last[1] if last is not None else 2
            if pair is None and gap > 1:
                pair = previous_subject(  # … in bromides. ¶ “We have to be tougher.”
                    doc, span.start, resolver.is_person, self._verbs, paragraph_before=True
                )
            if pair is None and gap == 1 and last is not None:  # Rather, she said, … ¶ “…”
                pair = later_report(doc, span.start, resolver.is_person, self._verbs, last[2])
            found = None if pair is None else Attribution(*_cue(pair), lead=True)
        return found

    def _owned_lead(self, doc: Any, q: Quotation, is_person: Any) -> Attribution | None:
        """A lead-in ending in a noun of speech that someone owns, then "that" or a colon:
        over her remark that “…” / after his March comment that, “…” / From Lee's Facebook
        post: “…” / comments from Tomas Keller that “…”: the owner (a noun of the cue
        lexicon's verbs or statements, perhaps qualified by a prepositional phrase)."""
        lead = q.prefix.rstrip(",").rstrip()
        if lead.endswith(":"):
            end = q.prefix_start + len(lead) - 1
        elif lead.endswith(" that"):
            end = q.prefix_start + len(lead) - len(" that")
        else:
            return None
        window = doc.char_span(q.prefix_start, end, alignment_mode="contract")
        if window is None or not len(window):
            return None
        words = self._verbs | self.lexicon.statements | self.lexicon.naming
        marked = window.end < len(doc) and doc[window.end].dep_ == "mark"
        noun = _speech_noun(window, words, marked=marked)
        owner = None if noun is None else _speech_owner(noun, window.end, is_person)
        entity = [e for e in doc.ents if e.start <= owner.i < e.end] if owner else []
        if noun is None or owner is None or (entity and entity[0].end > owner.i + 2):
            return None  # NER ran the owner into the noun (Lee’s Facebook): no one named
        return Attribution(owner, noun.text, noun.i)

    def _keep(self, doc: Any, q: Quotation, state: DirectPass, found: Attribution | None) -> None:
        """The quote of an attributed quotation, or one that continues the last statement,
        unless it is a phrase (a few words with no cue of their own) or a title."""
        text, span, prefix, inner, last = state.text, q.span, q.prefix, q.inner, state.last
        paragraph = _line(text, span.start)
        if found is not None:
            speaker = self._speaker(state.resolver, found)
            quote = _quote(text, span, speaker, found.cue)
            if not found.lead:
                state.used.add(found.cue_index)
            cue_at = int(doc[found.cue_index].idx)
        elif (
            last is not None
            and paragraph - last[1] <= 1
            and _words(inner) > 1
            and (not _has_clause(doc, q.prefix_start, span.start) or q.after_cue(last))
            and not prefix.endswith(":")  # Answer: “…”: a label naming someone else
        ):  # the crew jeered, “…”: a lead-in with a clause of its own continues nothing
            resumed = state.resumed(q) or last  # “…” - at which point X chanted “…” - “and …”
            quote = _continued(text, span, resumed[0])
            cue_at = resumed[2]
        else:
            return
        # “They sue,” he said. “Everybody sues, right?”: a sentence after a split quote
        goes_on = last is not None and last[3] == q.number - 1 and last[1] == paragraph
        goes_on = goes_on and inner.rstrip(" ”\"'’")[-1:] in ".?!"
        short = _words(inner) <= self.lexicon.phrase_max_words
        if found is None and short and not prefix and not goes_on:
            return  # a few words with no cue of their own: a phrase
        spoken = found is not None and _opens_sentence(text, span.start)
        spoken = spoken and inner.rstrip()[-1:] in ",?!"
        # Sanders said, “We’ll see,”: a cue's lead-in before it makes it speech
        led = found is not None and prefix[-1:] in ",:" and found.cue_index < len(doc)
        spoken = spoken or (found is not None and led and _leads(doc, found.cue_index, span))
        if _title_case(inner) and not spoken:  # “Quiet,” he demanded: spoken words
            return  # “Fox News Sunday”, “Make Your Kid a Millionaire”: a title
        state.quotes.append(quote)
        state.resolver.heard(quote.end, quote.speaker)
        state.record(quote, span, cue_at, q.number)

    def _after(self, doc: Any, span: QuotedSpan, limit: int, inner: str) -> Attribution | None:
        """A cue right after the quotation: “…,” Lee said / said Lee / according to Lee."""
        text = doc_text(doc)
        end = min(limit, _paragraph_end(text, span.end))
        window = doc.char_span(span.end, end, alignment_mode="contract")
        if window is None or not len(window):
            return None
        first = window[0]
        stop = _cue_stop(window, self.config.cue_window)
        # a nested quotation's closing mark does not close the sentence: “… ‘the decade,’”
        ends_open = inner.rstrip(" ’'")[-1:] in _OPEN_END or first.text in (",", "—", "–")
        if not ends_open and first.text not in (",",) and first.is_punct:
            return None  # “….” then a new sentence: no cue attached here
        opening = next((t for t in window if not t.is_punct and not t.is_space), None)
        if opening is not None and opening.pos_ in ("CCONJ", "SCONJ"):
            return None  # “…,” though she noted …: a new clause with a cue of its own
        if _relative_after(inner, opening):
            return None  # “harbour fees,” which she described as “…”: the next one's cue
        found = self._cue_in(doc, first.i, stop, prefer_last=False)
        if found is not None and _relative_opening(found.speaker, first.i):  # “…” that would
            found = self._cue_in(doc, found.cue_index + 1, stop, prefer_last=False) or found
        if found is not None and not ends_open and _reports(doc[found.cue_index]):
            return None  # “….” Reid said both men are …: a new sentence reporting its own
        closed = inner.rstrip(" ’”\"'")[-1:] == "."
        if found is not None and closed and _clause_before(doc, first.i, found.cue_index):
            return None  # “….” She did back workers who demanded …: a sentence of its own
        if found is not None and closed and tells_of_thing(doc[found.cue_index]):
            return None  # “….” She noted a planned rally …: a sentence of its own
        if found is not None and closed and _aside_cue(doc[found.cue_index]):
            return None  # “….” Perhaps, he said, this town “…”: the aside of what follows
        found = found or self._name_then_cue(doc, first.i, stop)  # “…,” Olsen, a pilot, said
        if found is None and _new_sentence(inner, opening):
            return None  # “… the last season!” The drama follows …: no one speaks here
        if found is None and ends_open:  # “…,” Trump shot back: any verb of a subject there
            pair = _subject_verb(doc, first.i, stop)
            pair = pair or cue_by_shape(doc, first.i, stop, self._after_cues)  # the letter read
            found = None if pair is None else Attribution(pair[0], pair[1].text, pair[1].i)
        return found

    def _name_then_cue(self, doc: Any, lo: int, hi: int) -> Attribution | None:
        """“…,” Olsen, a harbour pilot, said …: the name that opens the words after a
        quotation, when the next word or the word after its apposition is a cue verb
        whose subject the parse put elsewhere."""
        words = [token for token in doc[lo:hi] if not token.is_punct and not token.is_space]
        if not words or not (words[0].ent_type_ == "PERSON" or words[0].pos_ == "PROPN"):
            return None
        end = words[0].i
        while end + 1 < hi and doc[end + 1].pos_ == "PROPN":
            end += 1  # the name's last word
        verb = doc[end + 1] if end + 1 < hi else None
        if verb is not None and verb.text == ",":  # an apposition up to the next comma
            close = next((t.i for t in doc[end + 2 : hi] if t.text == ","), None)
            verb = doc[close + 1] if close is not None and close + 1 < hi else None
        if verb is None or verb.lemma_.lower() not in self._verbs or verb.pos_ != "VERB":
            return None
        return Attribution(doc[end], verb.text, verb.i)

    def _lead_verb(self, doc: Any, start: int, end: int) -> Attribution | None:
        """A cue verb with a subject ending the lead-in, no colon: Trump declared “…”."""
        window = doc.char_span(start, end, alignment_mode="contract")
        if window is None or not len(window):
            return None
        verb = window[-1]
        if verb.lemma_.lower() not in self._verbs or verb.pos_ not in ("VERB", "AUX"):
            return None
        # the subject may stand before an earlier quotation of the sentence: Carson shared
        # a syllabus called “Perception” on his page, writing “…”
        subject = _subject(verb, min(window.start, verb.sent.start), window.end)
        return None if subject is None else Attribution(subject, verb.text, verb.i)

    def _before(self, doc: Any, start: int, end: int) -> Attribution | None:
        """A lead-in before the quotation: Lee said: “…” / According to X, “…”."""
        window = doc.char_span(start, end, alignment_mode="contract")
        if window is None or not len(window):
            return None
        found = self._cue_in(doc, window.start, window.end, prefer_last=True, sentence=True)
        found = found if found is not None else self._as_put_it(window)
        asked = found if found is not None and found.speaker is None else None
        if asked is not None:  # Asked which county …, he demurred: “…”: the answer's verb
            found = None
        lead = doc_text(doc)[start:end].rstrip()
        if found is None and lead.endswith(":"):
            pair = _presented(window) or _words_of(window) or _colon_lead(window)
            pair = colon_speaker(pair or lead_by_shape(window, self._verbs))  # Here's Ruiz: “…”
            found = None if pair is None else Attribution(pair[0], pair[1].text, pair[1].i)
        if found is None and lead.endswith(","):
            pair = _comma_lead(window) or _words_of(window)  # Ruiz shot back, / in his words,
            found = None if pair is None else Attribution(pair[0], pair[1].text, pair[1].i)
        if found is None and lead[-1:] in ",:":
            pair = _clause_lead(window)  # the crew jeered, “…” / because to her, “…”
            pair = colon_speaker(pair) if lead.endswith(":") else pair
            found = None if pair is None else Attribution(pair[0], pair[1].text, pair[1].i)
        if found is None and lead[-1:] in "—–-":
            pair = _dash_lead(window)  # Trump also embraced waterboarding -- “…”
            found = None if pair is None else Attribution(pair[0], pair[1].text, pair[1].i)
        if asked is not None and (found is None or found.cue_index < asked.cue_index):
            return asked  # Lee was asked, “…?”: a question no one named asks
        return found

    def _name_lead(
        self, doc: Any, start: int, end: int, resolver: SpeakerResolver
    ) -> Attribution | None:
        """A lead-in that is a name and a colon: Ruiz: “…” / Sen. Ana Ruiz (D-Ost.): “…”."""
        window = doc.char_span(start, end, alignment_mode="contract")
        head = None if window is None else name_colon(window, resolver.is_person, self._verbs)
        return None if head is None else Attribution(head, ":", head.i, lead=True)

    def _as_put_it(self, window: Any) -> Attribution | None:
        """A parenthetical "as X put it" / "as X called them" in the lead-in: X, whose "as"
        may stand before a title quoted in X's apposition (As Ruiz, author of “…,” put it,
        “…”: the lead-in after the title is "put it,"); X may hang on "as" as its object,
        never "it"."""
        lo = min(window.start, window[0].sent.start)
        for token in window.doc[lo : window.end]:
            verb = token.head
            if token.lower_ != "as" or token.dep_ != "mark" or verb.i <= token.i:
                continue
            lemma = verb.lemma_.lower()
            if lemma not in self._verbs and lemma not in self.lexicon.naming and lemma != "put":
                continue
            if verb.i >= window.end:
                continue
            named = [c for c in token.children if c.dep_ == "pobj"]  # As Ruiz, ..., put it
            subject = named[0] if named else _subject(verb, lo, window.end)
            if subject is not None:  # like "according to X": a newspaper may speak
                return Attribution(subject, verb.text, verb.i, source=True)
        return None

    def _reported(
        self, doc: Any, start: int, span: QuotedSpan
    ) -> tuple[Attribution, tuple[int, int]] | None:
        """The cue before a quotation (from ``start``) whose reported clause holds it, and
        that clause's bounds up to the quotation's end."""
        window = doc.char_span(start, span.start, alignment_mode="contract")
        if window is None:
            return None
        for token in window:
            found = reported_clause(token, self._verbs, self.lexicon.source_phrases)
            if found is None:
                continue
            speaker, lo, hi = found
            first, last = doc[lo], doc[hi - 1]
            if first.idx <= span.start and span.inner_start < last.idx + len(last.text):
                bounds = _trim(doc_text(doc), first.idx, span.end)
                return Attribution(speaker, _cue_text(doc, token), token.i), bounds
        return None

    def _governing(
        self, doc: Any, span: QuotedSpan, resolver: SpeakerResolver
    ) -> Attribution | None:
        """The cue verb a quotation inside a clause hangs from, when its subject is named."""
        inner = doc.char_span(span.inner_start, span.inner_end, alignment_mode="contract")
        if inner is None or not len(inner):
            return None
        verb = inner.root.head
        if verb.i == inner.root.i and verb.i > 0:
            return None
        for _ in range(3):  # through "and", "of", an apposition: promised lower taxes and “…”
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        cues = self._verbs | self.lexicon.naming
        reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues
        if verb.lemma_.lower() not in cues and reported:
            verb = verb.head  # for saying that X was a “…”: saying
        lemma = verb.lemma_.lower()
        speech = lemma in cues
        if not speech and verb.pos_ not in ("VERB", "AUX"):
            return None
        subject = _subject(verb, verb.sent.start, verb.sent.end)
        if subject is None or (subject.i >= inner.start and subject.i < inner.end):
            return None
        if not speech:  # Tribe likened the rules to “burning the Constitution”: a person's
            # words framed by a verb that is not a cue, credited to a named person, unless
            # the verb is a copula, the quotation a title, or the verb sits in what a cue
            # verb reports (Flynn said Trump was “absolutely right”: Flynn's words)
            named = [subject, *_appositions(subject)]
            framed = (
                any(resolver.is_person(token) for token in named)
                and verb.pos_ == "VERB"
                and verb.lemma_.lower() != "be"
                and not _title_case(inner.text.rstrip(" .!?,;:"))
                and not any(a.lemma_.lower() in self._verbs for a in verb.ancestors)
            )
            return Attribution(subject, verb.text, verb.i, speech=False) if framed else None
        has_name = bool(subject.ent_type_) or subject.pos_ == "PROPN"
        has_name = has_name or any(c.dep_ == "poss" and c.ent_type_ for c in subject.children)
        if not has_name and subject.lower_ not in self.lexicon.pronouns:  # Lee's doctor: someone
            return None  # what "some" have called “shuttle diplomacy”: a phrase
        return Attribution(subject, verb.text, verb.i)

    def _lead_paragraph(
        self, doc: Any, span: QuotedSpan, resolver: SpeakerResolver
    ) -> Attribution | None:
        """A paragraph that ends in a colon introducing this one: Reporter X says: ¶ “…” /
        Continued Stone: ¶ “…”."""
        text = doc_text(doc)
        start = text.rfind("\n", 0, span.start)
        if start < 0 or text[start + 1 : span.start].strip():
            return None  # the quotation does not open its paragraph
        end = len(text[:start].rstrip())
        if end == 0 or text[end - 1] != ":":
            return None
        lead = max(text.rfind("\n", 0, end) + 1, 0)
        found = self._before(doc, lead, end)
        return found if found is not None else self._name_lead(doc, lead, end + 1, resolver)

    def _cue_in(
        self, doc: Any, lo: int, hi: int, *, prefer_last: bool, sentence: bool = False
    ) -> Attribution | None:
        """The first (last) cue in tokens ``lo``–``hi`` with a speaker; ``sentence``: its
        subject may stand earlier in the sentence (before a quotation that came first)."""
        indices = range(hi - 1, lo - 1, -1) if prefer_last else range(lo, hi)
        asked: Attribution | None = None
        for i in indices:
            token = doc[i]
            phrase = self._source_phrase(doc, i)
            if phrase is not None:
                return phrase
            if token.lemma_.lower() in self._verbs and token.pos_ in ("VERB", "AUX"):
                subject = _subject(token, min(lo, token.sent.start) if sentence else lo, hi)
                if subject is not None:
                    return Attribution(subject, token.text, token.i)
                if asked is None and addressed(token):  # “…?” Lee was asked: no one named
                    asked = Attribution(None, token.text, token.i)  # asks, unless a cue
        return asked  # with a speaker stands in the same words (who told X when asked: “…”)

    def _source_phrase(self, doc: Any, i: int) -> Attribution | None:
        """ "according to X": the cue and X's head token."""
        for words in self.lexicon.source_phrases:
            n = len(words)
            if i + n > len(doc) or tuple(t.lower_ for t in doc[i : i + n]) != words:
                continue
            objects = [t for t in doc[i + n - 1].children if t.dep_ == "pobj"]
            head = objects[0] if objects else (doc[i + n] if i + n < len(doc) else None)
            if head is not None and not head.is_punct:
                return Attribution(head, doc[i : i + n].text, i)
        return None

    # -- speakers -----------------------------------------------------------------
    def _speaker(self, resolver: SpeakerResolver, found: Attribution) -> Speaker | None:
        """The speaker of an attribution (:func:`.quote_attribution.attribution_speaker`)."""
        return attribution_speaker(
            resolver,
            found,
            verbs=self._verbs,
            phrases=self._phrases,
            statements=self.lexicon.statements,
            spokespeople=self.lexicon.spokespeople,
        )

    # -- indirect -----------------------------------------------------------------
    def _indirect(
        self,
        doc: Any,
        spans: list[QuotedSpan],
        used: set[int],
        resolver: SpeakerResolver,
        made: list[Quote],
    ) -> list[Quote]:
        """Reported speech (:func:`.quote_indirect.indirect_quotes`)."""

        def speaker_of(head: Any, cue: str, cue_index: int) -> Speaker | None:
            return self._speaker(resolver, Attribution(head, cue, cue_index))

        return indirect_quotes(
            doc,
            spans,
            used,
            made,
            verbs=self._verbs,
            phrases=self.lexicon.source_phrases,
            min_words=self.config.min_indirect_words,
            speaker_of=speaker_of,
        )


def _signed_line(doc: Any, span: QuotedSpan) -> Attribution | None:
    """“…” ¶ — Ana Ruiz.: the name that signs a quotation (:func:`.quote_leads.signed_line`)."""
    name = signed_line(doc, span)
    return None if name is None else Attribution(name[0], name[1], name[0].i)
