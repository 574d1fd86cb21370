"""Who a quote's speaker mention refers to: the mention span, pronouns, surnames.

The speaker of a quote is a noun phrase next to a cue verb ("Lee said", "said a
source", "according to the ministry"). :class:`SpeakerResolver` turns the
phrase's head token into the mention as written and a canonical name:

- a pronoun (he, she, they, …) becomes the nearest preceding entity of a type
  it may refer to, outside quotations (a name inside a quote is rarely the one
  who speaks); the mention offsets stay on the pronoun;
- a surname or a titled surname ("Lee", "President Lee") becomes the full name
  of a PERSON met earlier in the article ("Lee Jae-Myung"); for a name
  written surname first the first word counts too;
- with ``canonical`` given (the entity stage's name index), every entity
  mention is passed through it instead: ``canonical(mention_text, type)``.

Anything else (a source, South Korean officials) is its own text.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Canonical", "Speaker", "SpeakerResolver"]

Canonical = Callable[[str, str], str]

_NP_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod", "quantmod"})
_TRIM = " \t\n,;:.—–-“”\"'’‘«»()"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker mention as written (offsets into the text) and the name it resolves to."""

    name: str
    start: int
    end: int


class SpeakerResolver:
    """Resolves speaker mentions of one document."""

    def __init__(
        self,
        doc: Any,
        *,
        pronouns: Mapping[str, frozenset[str]],
        titles: frozenset[str],
        quoted: Iterable[tuple[int, int]] = (),
        canonical: Canonical | None = None,
    ) -> None:
        self._doc = doc
        self._pronouns = pronouns
        self._titles = titles
        self._canonical = canonical
        self._ents = sorted(doc.ents, key=lambda ent: ent.start_char)
        self._ent_starts = [ent.start_char for ent in self._ents]
        self._quoted = sorted(quoted)
        self._surnames: dict[str, list[tuple[int, str]]] = {}
        for ent in self._ents:
            words = ent.text.split()
            if ent.label_ == "PERSON" and len(words) >= 2:
                for key in {words[0].lower(), words[-1].lower()}:
                    self._surnames.setdefault(key, []).append((ent.start_char, ent.text))

    # -- mentions -----------------------------------------------------------------
    def mention(self, token: Any) -> Any:
        """The noun phrase of a speaker's head token: its entity, else the token and modifiers."""
        ent = self._entity_at(token.idx)
        left = token.i
        for child in token.lefts:
            if child.dep_ in _NP_DEPS:
                left = min(left, child.left_edge.i)
        right = token.i
        for child in token.rights:
            if child.dep_ in ("compound", "flat"):
                right = max(right, child.right_edge.i)
        phrase = self._doc[left : right + 1]
        if ent is not None and ent.label_ == "PERSON":
            return ent
        if ent is not None and not (phrase.start < ent.start or phrase.end > ent.end):
            return ent
        if ent is not None and token.pos_ == "PROPN" and ent.end < phrase.end:
            return ent  # a name ending before the head: keep the entity
        return phrase

    def _entity_at(self, char: int) -> Any | None:
        pos = bisect.bisect_right(self._ent_starts, char) - 1
        if pos >= 0 and self._ents[pos].start_char <= char < self._ents[pos].end_char:
            return self._ents[pos]
        return None

    def _inside_quote(self, start: int) -> bool:
        pos = bisect.bisect_right(self._quoted, (start, 1 << 62)) - 1
        return pos >= 0 and self._quoted[pos][0] <= start < self._quoted[pos][1]

    # -- names --------------------------------------------------------------------
    def resolve(self, span: Any) -> Speaker:
        """The speaker for a mention span: pronouns and surnames resolved."""
        text = span.text.strip(_TRIM) or span.text
        start = span.start_char + span.text.find(text)
        end = start + len(text)
        allowed = self._pronouns.get(text.lower())
        if allowed is not None:
            name = self._antecedent(start, allowed)
            return Speaker(name or text, start, end)
        label = self._type_of(span, text)
        if not label:
            return Speaker(text, start, end)
        words = text.split()
        while len(words) > 1 and (
            words[0].lower().strip(".") in self._titles or words[0].islower()
        ):
            words = words[1:]  # "Mayor Ana Petrova" is Ana Petrova
        name = self.name(" ".join(words), label, start)
        if label == "PERSON" and len(name.split()) >= 2 and self._canonical is None:
            for key in {name.split()[0].lower(), name.split()[-1].lower()}:
                self._surnames.setdefault(key, []).append((start, name))
        return Speaker(name, start, end)

    def _type_of(self, span: Any, text: str) -> str:
        ent = self._entity_at(span.start_char)
        if self._full_name(text, span.start_char) is not None:
            return "PERSON"  # a surname of a person seen: a PERSON whatever NER said
        words = [w for w in text.split() if w.lower().strip(".") not in self._titles]
        if (
            ent is not None
            and ent.end_char >= span.end_char - 1
            and ent.start_char <= span.start_char
        ):
            return str(ent.label_)
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and ent is not None:
            return "PERSON"  # NER caught a part of a full name ("Petrova" as GPE)
        if any(token.pos_ == "PROPN" for token in span):
            return "PERSON" if len(text.split()) <= 3 else ""
        return ""

    def name(self, text: str, label: str, position: int) -> str:
        """The canonical name of an entity mention at ``position``."""
        if self._canonical is not None:
            return self._canonical(text, label)
        if label == "PERSON":
            full = self._full_name(text, position)
            if full is not None:
                return full
        return text

    def _full_name(self, text: str, position: int) -> str | None:
        words = text.replace("’s", "").split()
        if not words:
            return None
        if any(word.lower().strip(".") not in self._titles for word in words[:-1]):
            return None
        candidates = self._surnames.get(words[-1].lower())
        if not candidates:
            return None
        before = [name for start, name in candidates if start <= position]
        return before[-1] if before else candidates[0][1]

    def _antecedent(self, position: int, allowed: frozenset[str]) -> str | None:
        """The nearest entity before ``position`` of an allowed type, outside quotations."""
        pos = bisect.bisect_left(self._ent_starts, position) - 1
        while pos >= 0:
            ent = self._ents[pos]
            pos -= 1
            if ent.end_char > position or self._inside_quote(ent.start_char):
                continue
            label = "PERSON" if self._full_name(ent.text, ent.start_char) else ent.label_
            if label in allowed:
                return self.name(ent.text, label, ent.start_char)
        return None
