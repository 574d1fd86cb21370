"""Who a quote's speaker mention refers to: the mention span, pronouns, surnames.

The speaker of a quote is a noun phrase next to a cue verb ("Lee said", "said a
source", "according to the ministry"). :class:`SpeakerResolver` turns the
phrase's head token into the mention as written and a canonical name:

- a pronoun (he, she) becomes a PERSON named in the same or the previous
  sentence (the sentence a quotation of several sentences opens counts as the
  pronoun's own, as does the quotation's before “…?” she asked), outside
  quotations (a name inside a quote is rarely the one who speaks): the subject
  of the words in its own sentence that lead in the quotation (At the time,
  Varga seemed to hint …: “…,” he told …), else the subject of a main clause
  there, nearest first, else of any clause, else the only person named there,
  else the speaker of a quotation ending there (“….” ¶ He added: the one who
  said it), else the person an office standing as a subject there names (The
  director …. “…,” he said); a Mr/Mrs/Ms before a name decides its gender.
  Otherwise, and for every other pronoun (I, we, they, it, one, who, that),
  there is no speaker name; the mention offsets stay on the pronoun;
- a relative "who" that is the cue's subject (Olsen, who said “…” / who said
  that …) keeps its mention, and the name shown is the one of the noun it
  stands for, which :mod:`.quotes` resolves (:func:`relative_mention`);
- a role ("the senator", "the mayor") becomes the one person named earlier with
  that office before the name (Senator Ana Ruiz, Sen. Ana Ruiz), when there is
  exactly one;
- a surname or a titled surname ("Lee", "President Lee") becomes the full name
  of a PERSON met earlier in the article ("Lee Jae-Myung"); for a name
  written surname first the first word counts too;
- with ``canonical`` given (the entity stage's name index), every entity
  mention is passed through it instead: ``canonical(mention_text, type)``.

A person's name is shown without the titles before it ("Mayor Ana Petrova" is Ana
Petrova, whichever way it was reached: the mention, a surname's full name, a pronoun's
antecedent, the entity stage's canonical name): :func:`untitled`, by the titles of the
quote lexicon and of the entity stage (which keeps a title as the entity's role). A name
with no capitalised word left ("pope", from "the pope") is none.

**A speaker name is always a named entity**: a PERSON, or an organisation,
country or group (ORG, GPE, NORP) when the attribution lets a body speak
(``body=True``: "according to X", "X said in a statement", "a spokesperson for
X"). Anything else (a source, South Korean officials, "One", a product, a work,
a time) keeps its mention offsets with ``name=None``: the quote has a speaker
mention but no name to show.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsdesk.annotate.names import split_title
from newsdesk.annotate.quote_lexicon import cue_lexicon

__all__ = [
    "Canonical",
    "Speaker",
    "SpeakerResolver",
    "relative_mention",
    "unquoted_subject",
    "untitled",
]

Canonical = Callable[[str, str], str]

_BODIES = frozenset({"ORG", "GPE", "NORP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MALE = frozenset({"mr", "mister", "sir", "lord", "king", "prince"})
_FEMALE = frozenset({"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess"})
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# offices written before a name (Senator Ana Ruiz) that "the senator" later stands for
_ROLES = frozenset(
    {
        "senator",
        "mayor",
        "governor",
        "minister",
        "president",
        "judge",
        "congressman",
        "congresswoman",
        "chancellor",
        "ambassador",
        "general",
        "sheriff",
        "pastor",
        "bishop",
        "pope",
        "rabbi",
    }
)
# an office's short form before a name (Sen. Ana Ruiz) stands for the office itself: "the
# senator" later is she
_ABBREVIATED = {
    "sen": frozenset({"senator"}),
    "gov": frozenset({"governor"}),
    "rep": frozenset({"congressman", "congresswoman"}),
    "gen": frozenset({"general"}),
    "amb": frozenset({"ambassador"}),
    "pres": frozenset({"president"}),
}
# the words of an attribution that NER folds into a name: “…,” Said Kate / Says Lee
_CUE_WORDS = frozenset({"said", "says", "say", "added", "adds", "told", "tells", "asked", "asks"})
_NP_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod", "quantmod"})
_TRIM = " \t\n,;:.—–-“”\"'’‘«»()"
_MARKS = ('"', "“", "”", "«", "»")  # quotation marks around a nickname inside a name


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker mention as written (offsets into the text) and the name it resolves to."""

    name: str | None  # a named entity, or None: nothing to show
    start: int
    end: int


@cache
def _lexicon_titles() -> frozenset[str]:
    raw = resources.files("newsdesk.annotate").joinpath("data/quotes_cues.json").read_text("utf-8")
    return frozenset(json.loads(raw)["titles"])


def untitled(name: str | None, titles: frozenset[str] | None = None) -> str | None:
    """A person's name as shown: the titles before it off (``titles``, by default the quote
    lexicon's, and the entity stage's: "Mayor Ana Petrova", "Treasurer Ana Petrova" and
    "the Rev. Ana Petrova" are Ana Petrova); None when no capitalised word is left ("pope").
    A name that is only a title ("President") is kept. For people only: an organisation's
    name may start with a title word (General Motors)."""
    if not name:
        return None
    known = _lexicon_titles() if titles is None else titles
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".") in known and words[1][:1].isupper():
        words = words[1:]
    shown, _ = split_title(" ".join(words), "PERSON")
    if not any(word[:1].isupper() for word in shown.split()):
        return None
    return shown


def _parted_name(modifier: Any, head: Any) -> bool:
    """Whether a modifier is a name a comma parts from the head it precedes (Of Keller,
    Brandt said: Keller is no part of the speaker); a list of adjectives (the bespectacled,
    71-year-old diplomat) is one phrase."""
    between = head.doc[modifier.right_edge.i + 1 : head.i]
    return modifier.pos_ == "PROPN" and any(token.text == "," for token in between)


class SpeakerResolver:
    """Resolves speaker mentions of one document."""

    def __init__(
        self,
        doc: Any,
        *,
        pronouns: Mapping[str, frozenset[str]],
        titles: frozenset[str],
        quoted: Iterable[tuple[int, int]] = (),
        cue_words: frozenset[str] = _CUE_WORDS,
        canonical: Canonical | None = None,
    ) -> None:
        self._doc = doc
        self._pronouns = pronouns
        self._titles = titles
        self._canonical = canonical
        # the entity stage's type by votes over all mentions, when canonical is its index
        owner = getattr(canonical, "__self__", None)
        self._typed: Callable[[str, str], str] | None = getattr(owner, "resolve_type", None)
        self._cue_words = cue_words | _CUE_WORDS
        self._ents = sorted(doc.ents, key=lambda ent: ent.start_char)
        self._ent_starts = [ent.start_char for ent in self._ents]
        self._quoted = sorted(quoted)
        self._surnames: dict[str, list[tuple[int, str]]] = {}
        self._heard: list[tuple[int, str]] = []  # (end, speaker name) of quotes so far
        self._starts: list[int] | None = None
        self._told: dict[str, list[str]] | None = None  # name -> genders its pronouns tell
        for ent in self._ents:  # "Obama Says" of a headline is no full name: Says is a cue
            words = [w for w in ent.text.split() if w.lower() not in self._cue_words]
            if ent.label_ == "PERSON" and len(words) >= 2 and len(words) == len(ent.text.split()):
                for key in {words[0].lower(), words[-1].lower()}:
                    self._surnames.setdefault(key, []).append((ent.start_char, ent.text))

    # -- mentions -----------------------------------------------------------------
    def mention(self, token: Any) -> Any:
        """The noun phrase of a speaker's head token: its entity, else the token and modifiers;
        never a name a comma parts from it (Of Keller, Brandt, who …, said: Brandt)."""
        ent = self._entity_at(token.idx)
        left = token.i
        for child in token.lefts:
            if child.dep_ in _NP_DEPS and not _parted_name(child, token):
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
    def resolve(self, span: Any, *, body: bool = False) -> Speaker:
        """The speaker for a mention span: pronouns and surnames resolved; ``name`` None when
        the mention is no named entity (or an organisation where ``body`` is False)."""
        while len(span) > 1 and span[0].lower_ in self._cue_words:
            span = span[1:]  # “…” Said Kate: the cue is not part of the name
        while len(span) > 1 and span[-1].lower_ in self._cue_words:
            span = span[:-1]  # a headline's "Obama Says …": nor here
        text = span.text.strip(_TRIM) or span.text
        start = span.start_char + span.text.find(text)
        end = start + len(text)
        if any(mark in text for mark in _MARKS):  # Marta "Tiny" Oskarsson, cut at a mark
            words = [w for w in text.split() if not any(mark in w for mark in _MARKS)]
            text = " ".join(words) or text
        if text.lower() in self._pronouns:
            allowed = self._pronouns[text.lower()]
            name = self._antecedent(start, allowed) if "PERSON" in allowed else None
            return Speaker(self._shown(name), start, end)
        label = self._type_of(span, text)
        if label != "PERSON" and not (body and label in _BODIES):
            holder = self._role_holder(text, start)  # “…,” the senator said: Senator X
            return Speaker(self._shown(holder), start, end)  # a source, One: no name
        words = text.split()
        while len(words) > 1 and (
            words[0].lower().strip(".") in self._titles or words[0].islower()
        ):
            words = words[1:]  # "Mayor Ana Petrova" is Ana Petrova
        name = self.name(" ".join(words), label, start)
        if label == "PERSON" and len(name.split()) >= 2 and self._canonical is None:
            for key in {name.split()[0].lower(), name.split()[-1].lower()}:
                self._surnames.setdefault(key, []).append((start, name))
        if label != "PERSON":
            return Speaker(name, start, end)
        shown = self._shown(name)  # the full name or the index's may carry the title again
        if shown is None:  # "the pope": a role, no name; the one person holding it, if any
            shown = self._shown(self._role_holder(text, start))
        return Speaker(shown, start, end)

    def _shown(self, name: str | None) -> str | None:
        return untitled(name, self._titles)

    def _role_holder(self, text: str, position: int) -> str | None:
        """The person a role names ("the senator", "the mayor"): the one person named
        before ``position`` with that title in front of the name (Senator Ana Ruiz), when
        there is exactly one; else as :meth:`_described` finds it."""
        words = text.lower().split()
        if len(words) < 2 or words[0] not in ("the", "this"):
            return None
        if len(words) != 2 or words[1] not in _ROLES:  # the Republican nominee: by its noun
            return self._described(words, position)
        role = words[1]
        names = set()
        for ent in self._ents:
            if ent.start_char >= position:
                break
            if ent.label_ != "PERSON" or self._inside_quote(ent.start_char):
                continue
            first = ent.text.split()[0]
            before = self._doc[ent.start - 1].text if ent.start > 0 else ""
            rest = [w for w in ent.text.split() if not _holds(w, role)]
            if (_holds(first, role) or _holds(before, role)) and rest:
                names.add(self.name(" ".join(rest), "PERSON", ent.start_char))
        if not names:  # Ana Ruiz, the mayor of Dunmore, …: the mayor
            return self._described(words, position)
        return names.pop() if len(names) == 1 else None

    def _described(self, words: list[str], position: int) -> str | None:
        """The person "the Republican nominee" (the ferry captain) stands for: the one person
        named before ``position`` with that noun right before the name (nominee Ana Ruiz)
        or in an apposition to it (Ana Ruiz, the party's nominee), when exactly one is."""
        noun = words[-1]
        if len(words) > 4 or not noun.isalpha() or noun in self._pronouns:
            return None
        names = set()
        for ent in self._ents:
            if ent.start_char >= position:
                break
            if ent.label_ != "PERSON" or self._inside_quote(ent.start_char):
                continue
            before = self._doc[ent.start - 1].lower_ if ent.start > 0 else ""
            root = ent.root
            described = {c.lemma_.lower() for c in root.children if c.dep_ == "appos"}
            if root.dep_ == "appos":
                described.add(root.head.lemma_.lower())
            if noun in (before, *described) or noun.rstrip("s") in described:
                names.add(self.name(ent.text, "PERSON", ent.start_char))
        return names.pop() if len(names) == 1 else None

    def is_person(self, token: Any) -> bool:
        """Whether a head token names a person: NER's PERSON, the surname of a person named
        in the article ("Trump" tagged ORG after "Donald Trump"), or the entity stage's vote;
        never a pronoun."""
        span = self.mention(token)
        text = span.text.strip(_TRIM) or span.text
        if text.lower() in self._pronouns:
            return False
        return self._type_of(span, text) == "PERSON"

    def label(self, label: str, position: int) -> str | None:
        """The person a transcript label ("WALLACE", "MS. LEE") names: the one PERSON of the
        article whose surname it is, else None. A name counts by its words after its last
        title: a headline's "Kell Gov Holm" is the Karen Holm named in the text, not a
        second Holm."""
        words = [
            w for w in label.replace("’", "'").split() if w.lower().strip(".") not in self._titles
        ]
        if not words:
            return None
        surname = words[-1].strip(".").lower()
        names = {
            self._own_words(ent.text)
            for ent in self._ents
            if ent.label_ == "PERSON" and ent.text.split()[-1].lower().strip(".") == surname
        }
        names = {name for name in names if len(name.split()) >= 2} or names
        if len(names) != 1:
            return None
        name = names.pop()
        return self._shown(self.name(name, "PERSON", position))

    def _own_words(self, name: str) -> str:
        """The words of a name after the last title in it (Kell Gov Holm: Holm; Senator
        Ana Ruiz: Ana Ruiz)."""
        words = name.split()
        titled = [i for i, word in enumerate(words) if word.lower().strip(".") in self._titles]
        return " ".join(words[titled[-1] + 1 :] if titled else words) or name

    def _type_of(self, span: Any, text: str) -> str:
        label = self._ner_type(span, text)
        if self._typed is not None and text:
            try:
                return self._typed(text, label or "PERSON") if label else label
            except Exception:  # a name the index cannot read keeps NER's type
                return label
        return label

    def _ner_type(self, span: Any, text: str) -> str:
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
        if ent is None and all(token.pos_ == "PROPN" for token in span if token.is_alpha):
            if len(span) == 1 and span[0].is_stop:  # “Much of X's ire …”: a sentence's first word
                return ""
            return "PERSON" if words and len(words) <= 3 and words[-1][:1].isupper() else ""
        return ""

    def name(self, text: str, label: str, position: int) -> str:
        """The canonical name of an entity mention at ``position``; a word in lower case the
        parser's span ran into at its end is no part of it ('Juan "Chuy" Manriquez of')."""
        words = text.split()
        while len(words) > 1 and words[-1].islower():
            words.pop()
        text = " ".join(words) or text
        if self._canonical is not None:
            name = self._canonical(text, label)
            if not self._cue_word_in(name) or self._cue_word_in(text):
                return name
            # the index's name folds in a cue word of a headline ("Obama Says"): the mention's
        if label == "PERSON":
            full = self._full_name(text, position)
            if full is not None:
                return full
        return text

    def _cue_word_in(self, name: str) -> bool:
        return any(word.lower() in self._cue_words for word in name.split())

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

    def heard(self, end: int, name: str | None) -> None:
        """Record that a quotation ending at ``end`` was credited to ``name``."""
        if name is not None:
            self._heard.append((end, name))

    def _last_heard(self, first: int, position: int) -> str | None:
        """The speaker of the last quotation that ends between ``first`` and ``position``:
        “…. We've got to get back to the issues.” ¶ He added, “…”: the one who said it."""
        said = [name for end, name in self._heard if first <= end <= position]
        return said[-1] if said else None

    def _antecedent(self, position: int, allowed: frozenset[str]) -> str | None:
        """The PERSON a pronoun at ``position`` refers to, in its sentence or the one before.

        A name with Mr (Mrs, Ms) before it does not agree with "she" ("he"). The subject of
        the words leading in the quotation in the pronoun's own sentence wins (At the time,
        Varga seemed to hint …: “…,” he told the Courier, after Kell said …); else the one
        name that a title says agrees wins, unless another person is a speech verb's
        subject there ("Trump adviser Jason Miller said …. “…,” he added": a Mr. Trump
        elsewhere tells only Trump's gender); else the subject of a main clause there,
        nearest first, then of any clause (Ana Petrova showed Lee Jun the site. “…,” she
        said: Ana Petrova); else the only person named there; else none."""
        token = self._token_at(position)
        if token is None:
            return None
        sent = self._opening_sentence(token.sent)
        first = self._doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        gender = _PRONOUN_GENDER.get(token.lower_, "")
        lo = bisect.bisect_left(self._ent_starts, first)
        hi = bisect.bisect_left(self._ent_starts, position)
        spans = sorted([*self._ents[lo:hi], *self._missed_surnames(first, token)],
                       key=lambda span: span.start_char)  # fmt: skip
        candidates = []
        for ent in spans:
            if ent.end_char > position or self._inside_quote(ent.start_char):
                continue
            label = "PERSON" if self._full_name(ent.text, ent.start_char) else ent.label_
            if label != "PERSON" and self._typed is not None:
                label = self._typed(ent.text, label)
            if label != "PERSON" or label not in allowed:
                continue
            name = self.name(ent.text, label, ent.start_char)
            known = self._gender_of(ent) if gender else ""
            said = (known or self._told_gender(name)) if gender else ""
            if said and said != gender:
                continue  # a Mr. for "she", or a name whose own pronouns are "he"
            candidates.append((ent, name, known))
        own = [  # At the time, Varga seemed to hint …: “…,” he told the Courier: Varga
            name
            for ent, name, _ in candidates
            if ent.start_char >= sent.start_char and self._leads_in(ent, token)
        ]
        if own:
            return own[-1]
        agreeing = {name for _, name, known in candidates if known}
        spoke = {  # a speech verb's subject there ("Trump adviser Jason Miller said …")
            name
            for ent, name, _ in candidates
            if ent.root.dep_ in _SUBJECTS and ent.root.head.lower_ in self._cue_words
        }
        if len(agreeing) == 1 and spoke <= agreeing:
            return agreeing.pop()  # the one Mrs. of the two people named: she; a Mr.
            # elsewhere in the text does not outrank another who just spoke
        subjects = [(ent, name) for ent, name, _ in candidates if ent.root.dep_ in _SUBJECTS]
        main = [name for ent, name in subjects if _main_clause(ent.root.head)]
        if main:  # “…,” Varga shot back when Brandt blamed …. “…,” he said: Varga
            return main[-1]
        if subjects:
            return subjects[-1][1]
        names = {name for _, name, _ in candidates}
        if len(names) == 1:
            return names.pop()
        if not candidates:  # the sentence before is a quotation: the one who said it
            return self._last_heard(first, position) or self._office_subject(first, token)
        return None

    def _leads_in(self, ent: Any, pronoun: Any) -> bool:
        """Whether ``ent`` is the subject of the words that lead in a quotation closed
        right before ``pronoun``, in the pronoun's own sentence, and no one else's report holds
        those words (At the time, Varga seemed to hint …: “…,” he told the Courier; not
        He said that Lew had …. “…,” he said, nor Varga is no liberal, he said)."""
        if ent.root.dep_ not in _SUBJECTS:
            return False
        text = self._doc.text
        if not any(  # “…,” he told: the pronoun right after the quotation's closing mark
            ent.end_char <= a and b <= pronoun.idx and not text[b : pronoun.idx].strip()
            for a, b in self._quoted
        ):
            return False
        verb = ent.root.head
        while verb.head.i != verb.i:
            verb = verb.head
            if verb.i == pronoun.head.i or self._inside_quote(verb.idx):
                continue  # the parse may hang the lead-in on a verb of the quotation
            if any(c.dep_ in _SUBJECTS for c in verb.children):
                return False
        return True

    def _missed_surnames(self, first: int, pronoun: Any) -> list[Any]:
        """One-word spans, from character ``first`` up to the pronoun, that the parse makes a
        clause's subject and NER tagged nothing, where the word is the surname of a person
        the text names in full ("Trump blamed Clinton …": opening the sentence, "Trump" was
        read as a noun, and "he" went to the one person tagged there, Clinton)."""
        start = self._token_at(first)
        if start is None:
            return []
        return [
            self._doc[token.i : token.i + 1]
            for token in self._doc[start.i : pronoun.i]
            if token.dep_ in _SUBJECTS
            and not token.ent_type_
            and token.is_title
            and not self._inside_quote(token.idx)
            and self._full_name(token.text, token.idx) is not None
        ]

    def _office_subject(self, first: int, pronoun: Any) -> str | None:
        """The person an office names that is the subject of a clause from character
        ``first`` up to the pronoun, nearest first, where no person is named there (The
        director spent the week on the fees. ¶ “…,” he said: the one director named
        before, Karl Olsen); else None."""
        start = self._token_at(first)
        if start is None:
            return None
        for token in reversed(self._doc[start.i : pronoun.i]):
            if token.dep_ not in _SUBJECTS or token.lower_ not in self._titles:
                continue  # an office (the admiral), not a thing (the hashtag #Paris)
            if self._inside_quote(token.idx):
                continue
            dets = [c for c in token.children if c.dep_ == "det" and c.lower_ in ("the", "this")]
            if not dets:
                continue
            phrase = self._doc[dets[0].i : token.i + 1]
            holder = self._role_holder(phrase.text, phrase.start_char)
            if holder is not None:
                return holder
        return None

    def _opening_sentence(self, sent: Any) -> Any:
        """The sentence in which the quotation that ``sent`` starts inside of opens, else
        ``sent``: for “Nobody should see what I saw. Nobody should lose what we lost,” she
        said, the parse's sentence of "she" starts in the quotation's second sentence, and
        the sentence before it is more of the same words, naming no one who speaks. So too
        for a sentence that opens on a word in lower case right after a quotation's closing
        mark: for “Who will pay?” she asked, the parse starts a sentence at "she", but the
        quotation and its tag are one sentence."""
        pos = bisect.bisect_right(self._quoted, (sent.start_char, 1 << 62)) - 1
        if pos >= 0 and self._quoted[pos][1] <= sent.start_char and sent[0].is_lower:
            between = self._doc.text[self._quoted[pos][1] : sent.start_char]
            if between.strip(" ") == "":  # “…?” she asked, on one line
                token = self._token_at(self._quoted[pos][0])
                return sent if token is None else self._opening_sentence(token.sent)
        if pos < 0 or not self._quoted[pos][0] < sent.start_char < self._quoted[pos][1]:
            return sent
        token = self._token_at(self._quoted[pos][0])
        return sent if token is None else token.sent

    def _token_at(self, char: int) -> Any | None:
        if self._starts is None:
            self._starts = [token.idx for token in self._doc]
        i = bisect.bisect_right(self._starts, char) - 1
        return self._doc[i] if i >= 0 else None

    def _gender_of(self, ent: Any) -> str:
        """ "m" or "f" when a title before the name (or any mention of the same person by
        surname) says; a namesake's title says nothing ("Mr. Quint" of Ivo Quint is no
        "he" for Mara Quint)."""
        surname = ent.text.split()[-1].lower()
        person = self.name(ent.text, "PERSON", ent.start_char)
        for other in self._ents:
            if other.label_ != "PERSON" or other.text.split()[-1].lower() != surname:
                continue
            if self.name(other.text, "PERSON", other.start_char) != person:
                continue
            said = _gender(other.text.split()[0])  # "Mrs. Ilse Brandauer" as one entity
            if said:
                return said
            if other.start > 0:
                said = _gender(self._doc[other.start - 1].lower_.strip("."))
                if not said and other.start > 1 and self._doc[other.start - 1].text == ".":
                    said = _gender(self._doc[other.start - 2].lower_)
                if said:
                    return said
        return ""

    def _told_gender(self, name: str | None) -> str:
        """ "m" or "f" where two or more "he"/"she" tell of ``name`` and all agree, else ""
        (one may be another's: Wakefield told the Post that she was a regular); it rules a
        name out for the other pronoun, and never picks one name over another."""
        told = self._pronoun_genders().get(name or "", [])
        return told[0] if len(told) >= 2 and len(set(told)) == 1 else ""

    def _pronoun_genders(self) -> dict[str, list[str]]:
        """The genders that a "he" or "she" tells of a name: a pronoun outside quotations
        that is the subject of a clause the name's own verb governs, where that name is the
        only person the sentence names outside quotations (Holm said she would …; Vik
        arrived and he …). A possessive ("her father … his company") tells nothing, nor a
        pronoun in a clause of someone else's (Holm said her father told her he …)."""
        if self._told is not None:
            return self._told
        self._told = {}
        for token in self._doc:
            gender = _PRONOUN_GENDER.get(token.lower_, "")
            if not gender or token.dep_ not in _SUBJECTS or self._inside_quote(token.idx):
                continue
            verb = token.head
            if verb.dep_ not in ("ccomp", "conj", "advcl") or verb.head.i == verb.i:
                continue
            sent = token.sent
            people = [
                ent
                for ent in self._ents
                if ent.label_ == "PERSON"
                and sent.start_char <= ent.start_char < sent.end_char
                and not self._inside_quote(ent.start_char)
            ]
            names = {self.name(ent.text, "PERSON", ent.start_char) for ent in people}
            if len(names) != 1 or None in names:
                continue
            if not any(
                ent.root.dep_ in _SUBJECTS and ent.root.head.i == verb.head.i and ent.end <= token.i
                for ent in people
            ):
                continue
            self._told.setdefault(str(next(iter(names))), []).append(gender)
        return self._told


def relative_mention(speaker: Speaker, subject: Any, cue: Any) -> Speaker:
    """``speaker`` as written where the subject of ``cue`` is the relative pronoun "who"
    (whom): Olsen, who said “…” / Olsen, who said that …: the mention is "who" and the name
    shown the one it stands for (``subject`` may be "who" or, as a reported clause's
    speaker, that noun), as a "she" keeps her own mention. A "that" or "which" (a sign that
    said “…”) keeps the noun it stands for, which tells what spoke where no name is shown;
    another subject of the clause (Olsen, who Brandt called “…”) speaks in its own words."""
    who = [subject] if subject.tag_ == "WP" and subject.head.dep_ == "relcl" else []
    if not who and cue.dep_ == "relcl" and subject.i == cue.head.i:
        who = [c for c in cue.children if c.dep_ in _SUBJECTS and c.tag_ == "WP"]
    return Speaker(speaker.name, who[0].idx, who[0].idx + len(who[0].text)) if who else speaker


def unquoted_subject(subject: Any, verb: Any) -> Any:
    """``subject`` of ``verb``, unless the parse took it from a quotation that closes
    before the verb and a speech cue is set into the verb (“Stubborn,” she said, meaning
    that …: "Stubborn" for "meaning"): quoted words are what is said, so that cue's
    subject (she) says it. A quoted title in the subject's own phrase (Lee, star of
    “Harbour,” thanked …) stays: no cue there tells who else speaks."""
    doc = subject.doc
    before = [t for t in doc[subject.sent.start : subject.i] if t.is_quote]
    between = [t for t in doc[subject.i + 1 : verb.i] if t.is_quote]
    if not before or not between or before[-1].tag_ != "``" or between[0].tag_ != "''":
        return subject
    speech = cue_lexicon().speech
    for child in verb.children:
        found = [c for c in child.children if c.dep_ in _SUBJECTS]
        if child.dep_ == "parataxis" and child.lemma_.lower() in speech and found:
            return found[0]
    return subject


def _holds(word: str, role: str) -> bool:
    """Whether a title written before a name is ``role``, in full or short (Senator, Sen.)."""
    title = word.lower().strip(".")
    return title == role or role in _ABBREVIATED.get(title, ())


def _main_clause(verb: Any) -> bool:
    """Whether a verb heads its sentence's main clause (or one joined to it by "and"),
    not a clause inside another (when Brandt blamed …, who said …)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


def _gender(word: str) -> str:
    word = word.lower().strip(".")
    return "m" if word in _MALE else "f" if word in _FEMALE else ""
