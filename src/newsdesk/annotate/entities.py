"""Named entities: spaCy's NER, then canonical names, corrected types and roles.

spaCy's small English model finds the names; :class:`EntityRecognizer` makes
them usable: a mention's span loses a leading "the", a title and a possessive
("President Lee’s" -> "Lee", role "President"); every mention gets the
canonical name of its entity from a :class:`NameIndex` over the article (or a
whole story: pass ``context``); types are corrected by the index (a surname of a
person seen is PERSON, a known city is not a PERSON); titles before a name
("South Korean President") and appositions after it ("Li Hao, an associate
professor at the University of Tokyo") are kept as the entity's roles.
Numbers, dates and durations are not entities here: dates are ``dates.py``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.annotate import nlp as nlp_module
from newsdesk.annotate.name_edges import (
    as_dateline_place,
    as_determined,
    determined_types,
    is_time_zone,
    number_parts,
    numbered_names,
    without_function_edges,
)
from newsdesk.annotate.name_evidence import (
    body_by_apposition,
    body_by_holdings,
    body_by_noun_before,
    body_by_pronoun,
    person_by_kin_before,
    person_by_list,
    person_by_own,
    person_by_words,
    person_named,
    relative_by_surname,
)
from newsdesk.annotate.name_forms import BRAND_CASE
from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_found import (
    _common_words,
    _Found,
    _lone_surnames,
    _missed_full_names,
    _missed_names,
    _one_word_bodies,
)
from newsdesk.annotate.name_found import (
    _tokens_among as _tokens_among,
)
from newsdesk.annotate.name_leads import (
    BODY_RUN_ON_TAGS,
    HEADLINE_CUT_TYPES,
    after_lead_words,
    after_prefix,
    after_region,
    before_head_noun,
    before_headline_verb,
    headline_cut,
    nicknamed,
    only_handle,
    paired_quotes,
    unquoted,
)
from newsdesk.annotate.name_parts import (
    _TRAILING_POSSESSIVE as _TRAILING_POSSESSIVE,
)
from newsdesk.annotate.name_parts import (
    ENTITY_TYPES,
    _bare,
    _credit_parts,
    _dash_parts,
    _name_parts,
    _owners,
    _person_titles,
)
from newsdesk.annotate.name_roles import (
    _apposition_after,
    _roles_data,
    _title_before,
    title_body,
)
from newsdesk.annotate.names import (
    PLACE_TYPES,
    NameIndex,
    is_name,
    name_key,
    place_country,
    split_title,
)
from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_marks import quoted_spans
from newsdesk.article import Entity, Mention
from newsdesk.spans import one_line

__all__ = ["ENTITY_TYPES", "EntityAnnotation", "EntityRecognizer"]

# a conjunction the tagger took in at a span's end ("iPad Pro and" of "iPad Pro and MacBook
# Pro wall chargers"): no name ends in one
_TRAILING_JOINER = re.compile(r"\s+(?:and|or|&)$")


@dataclass(slots=True)
class EntityAnnotation:
    """The mentions in one text (offsets into it) and the entities they name."""

    mentions: list[Mention]
    entities: list[Entity]


class EntityRecognizer:
    """Mentions with canonical names and corrected types, over spaCy docs.

    ``nlp`` defaults to :func:`newsdesk.annotate.nlp.load` without the parser
    (NER needs none), loaded on first use. Docs already parsed by a fuller
    pipeline can be passed in instead of text.
    """

    def __init__(self, *, nlp: Any | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = nlp_module.load(parser=False)
        return self._nlp

    # -- one text ------------------------------------------------------------------------

    def mentions(self, doc_or_text: Any, *, context: NameIndex | None = None) -> list[Mention]:
        """The entity mentions in one text or doc, resolved against ``context``.

        With ``context`` the mentions are added to it (a story's index grows
        article by article); without, the article is its own context.
        """
        return self.annotate(doc_or_text, context=context).mentions

    def annotate(self, doc_or_text: Any, *, context: NameIndex | None = None) -> EntityAnnotation:
        """Mentions and the entities they name, for one text or doc."""
        doc = self.nlp(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
        return self.annotate_group([doc], context=context)[0]

    # -- many texts ----------------------------------------------------------------------

    def pipe(
        self, texts: Iterable[Any], *, batch_size: int = 64, n_process: int = 1
    ) -> Iterator[EntityAnnotation]:
        """Annotate many articles, each its own context, through ``nlp.pipe``."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            yield self.annotate_group([doc])[0]

    def annotate_group(
        self, docs: Sequence[Any], *, context: NameIndex | None = None
    ) -> list[EntityAnnotation]:
        """Docs that share one context (a story's articles, a document's sentences).

        Every name in the group is added to the index first, so a surname in the
        first doc resolves to a full name in the last.
        """
        index = context if context is not None else NameIndex()
        found = [self.found(doc) for doc in docs]
        common = _common_words(list(docs), found)  # '"Coal isn't the villain," he said'
        found = [
            [item for item in items if (n, item.start) not in common]
            for n, items in enumerate(found)
        ]
        after = _after_full_names(found, held=_full_name_words(index))
        first = _alone_first(found, written=[name_key(*name) for name in index.names()])
        for n, items in enumerate(found):
            quoted = _quoted(doc_text(docs[n]), items)
            for item in items:
                index.add(
                    item.text,
                    item.type,
                    roles=item.roles,
                    after_full=(n, item.start) in after,
                    alone_first=(n, item.start) in first,
                    its_own=item.its_own,
                    person_said=item.person_said,
                    kin_named=item.kin_named,
                    quoted=item.start in quoted,
                )
        people = _full_names(index)
        known = frozenset(word for name in people for word in name.split())
        bodies = _one_word_bodies(found)
        surnames = _lone_surnames(found) - known
        missed = [
            _missed_full_names(doc, items, surnames) for doc, items in zip(docs, found, strict=True)
        ]
        for doc, items, more in zip(docs, found, missed, strict=True):
            more += _missed_names(doc, items + more, known, bodies, people=people)
            # a missed name that takes in a found one ("Ivanka" of "Ivanka Trump") replaces it
            items[:] = [i for i in items if not any(m.start <= i.start < m.end for m in more)]
        common = _common_words(list(docs), found, tested=missed)
        for n, (items, more) in enumerate(zip(found, missed, strict=True)):
            more[:] = [item for item in more if (n, item.start) not in common]
            for item in more:
                index.add(item.text, item.type, person_said=item.person_said)
            items.extend(more)
            items.sort(key=lambda item: item.start)
        entities = index.entities()
        results = []
        for items in found:
            mentions = []
            for item in items:
                if not is_name(item.text, item.type):
                    continue  # no word to name it by: no entity
                canonical, kind = index.lookup(item.text, item.type)
                mentions.append(Mention(item.text, kind, item.start, item.end, canonical))
            names = {m.canonical for m in mentions}
            results.append(EntityAnnotation(mentions, [e for e in entities if e.name in names]))
        return results

    # -- spans and roles -----------------------------------------------------------------

    def found(self, doc: Any) -> list[_Found]:
        """spaCy's entities in ``doc``, trimmed, with roles; values left out."""
        items = []
        ents = _with_named_after(doc, nicknamed(doc, _with_suffixes(doc)))
        numbered = numbered_names(ents)
        ents = [
            without_function_edges(doc, part)
            for ent in ents
            for part in number_parts(doc, ent, numbered)
        ]
        determined = determined_types(ents)
        ents = [as_dateline_place(doc, as_determined(doc, ent, determined)) for ent in ents]
        alone = {_bare(e.text): e.label_ for e in ents if e.label_ in ENTITY_TYPES}
        owners = _owners(doc, ents)
        for whole in ents:
            if whole.label_ not in ENTITY_TYPES or is_time_zone(doc, whole):
                continue
            if title_body(doc, whole):
                continue  # "secretary of State": a title's words
            parts = [
                p
                for dashed in _dash_parts(doc, whole)
                for part in _credit_parts(doc, dashed)
                for p in _name_parts(doc, part, alone, owners)
            ]
            for ent in parts:
                item = _trim(doc, ent)
                if item is None:
                    continue
                if _industry_end(item.text) or _legal_suffix(item.text):
                    pass  # "Marc Fisher Footwear produces her shoe line": her, the client's
                elif _said_person(doc, ent, item.type):
                    item.type, item.person_said = "PERSON", True  # "Scott, 43,"
                elif item.type in PLACE_TYPES | {"ORG"} and _listed_person(doc, ent):
                    item.type = "PERSON"  # "Marlys Popma, Troy Price, Christopher Rants"
                elif item.type == "ORG" and person_by_words(doc, ent):
                    # "Fiorina offered her own approach": her own says a person, as an age
                    # does, whatever spaCy typed the name's other mentions; a bare "her"
                    # may be another's ("Forbes said her net worth …"), a vote only
                    item.type, item.person_said = "PERSON", person_by_own(doc, ent)
                elif item.type == "PERSON" and len(ent) == 1 and body_by_pronoun(doc, ent):
                    item.type, item.its_own = "ORG", True  # "Twitter … since its IPO"
                elif item.type in {"PERSON", "ORG"} and body_by_apposition(doc, ent):
                    item.type, item.its_own = "ORG", True  # "Patriot Coal, a coal company"
                elif item.type in PLACE_TYPES | {"ORG"} and _company_by_holdings(doc, ent):
                    item.type, item.its_own = "ORG", True  # "Valeant's stock price"
                elif item.type in PLACE_TYPES | {"PERSON"} and _company_by_noun(doc, ent):
                    item.type, item.its_own = "ORG", True  # "tobacco company Altria"
                item.kin_named = item.type == "PERSON" and relative_by_surname(doc, ent)
                if item.type in {"PERSON", "ORG", "GPE", "WORK_OF_ART", "PRODUCT"}:
                    item.roles.extend(_title_before(doc, ent.start))
                    item.roles.extend(_apposition_after(doc, ent.end))
                items.append(item)
        return items


def _quoted(text: str, items: list[_Found]) -> frozenset[int]:
    """The starts of the names in ``items`` written inside a quotation of ``text``: a
    speaker's words, who names people as they are said ("Donald Trump"), not as the writer
    styles them ("Donald J. Trump")."""
    spans = [(s.inner_start, s.inner_end) for s in quoted_spans(text)]
    return frozenset(
        item.start for item in items if any(a <= item.start and item.end <= b for a, b in spans)
    )


def _said_person(doc: Any, ent: Any, kind: str) -> bool:
    """Whether the words around a name spaCy typed a body, a product, a person, or a place
    the gazetteer does not know ("Rihanna, who was honored", typed GPE), say a person's. A
    place written after a comma or a preposition, or abbreviated, is the region of the
    place or the person before it ("a nurse from Brownsville, Texas, who was polled",
    "Grijalva of Arizona, a co-chairman", "Daytona Beach, Fla., who"): its words are hers."""
    if kind in PLACE_TYPES:
        before = doc[ent.start - 1] if ent.start else None
        if before is not None and before.text == "," and person_by_kin_before(doc, ent):
            return place_country(ent.text) is None  # "his wife, Melania," typed GPE
        if before is not None and (before.text == "," or before.pos_ == "ADP"):
            return False
        return (
            not ent.text.endswith(".")
            and place_country(ent.text) is None
            and person_named(doc, ent)
        )
    return kind in {"ORG", "PERSON", "PRODUCT"} and person_named(doc, ent)


def _listed_person(doc: Any, ent: Any) -> bool:
    """A name typed a body or a place, no known place, between two people of a list."""
    return place_country(ent.text) is None and person_by_list(doc, ent)


def _company_by_holdings(doc: Any, ent: Any) -> bool:
    """A name typed a place or a body that owns a company's shares, no known place: a
    company's own, and its place votes are the company's."""
    return place_country(ent.text) is None and body_by_holdings(doc, ent)


def _company_by_noun(doc: Any, ent: Any) -> bool:
    """A name typed a place or a person right after a body's noun, no known place: a body's
    own ("tobacco company Altria", "drug companies such as Pfizer")."""
    return place_country(ent.text) is None and body_by_noun_before(doc, ent)


def _with_suffixes(doc: Any) -> list[Any]:
    """spaCy's entities, a legal suffix it tagged on its own ("Chrysler" "LLC", "Acme"
    ", Inc.") joined to the name before it: one organisation, "Chrysler LLC"."""
    suffixes = _person_titles()[1]
    ents: list[Any] = []
    for ent in doc.ents:
        prev = ents[-1] if ents else None
        between = doc_text(doc)[prev.end_char : ent.start_char] if prev is not None else ""
        if (
            prev is not None
            and prev.label_ in {"ORG", "PERSON", "PRODUCT"}
            and ent.text.casefold() in suffixes
            and between.strip() in {"", ","}
            and "\n" not in between
        ):
            joined = doc.char_span(prev.start_char, ent.end_char, label="ORG")
            if joined is not None:
                ents[-1] = joined
                continue
        ents.append(ent)
    return ents


# a name cut after "of" ("the Strait of", "the Bay of"): a capitalised head, then "of"
_OF_END = re.compile(r"(?:^|\s)[A-Z][\w'’-]*\s+of$")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")  # one line


def _with_named_after(doc: Any, ents: list[Any]) -> list[Any]:
    """A place or body spaCy cut after "of" ("the Strait of" | "Georgia", "the Bay of" |
    "Bengal") is one name with the capitalised words after it on its line: the larger
    place named after another (the Strait of Georgia is not Georgia), with the first
    span's type; an entity spaCy tagged in those words is part of it."""
    text = doc_text(doc)
    kept: list[Any] = []
    covered = -1
    for ent in ents:
        if ent.start_char < covered:
            continue  # inside the name before it
        after = _NAME_AFTER.match(text, ent.end_char)
        if ent.label_ in {"LOC", "GPE", "FAC", "ORG"} and _OF_END.search(ent.text) and after:
            end = max([after.end()] + [e.end_char for e in ents if e.start_char < after.end()])
            joined = doc.char_span(ent.start_char, end, label=ent.label_)
            if joined is not None:
                kept.append(joined)
                covered = end
                continue
        kept.append(ent)
    return kept


def _full_name_words(index: NameIndex) -> set[str]:
    """The words of the people's full names ``index`` already holds: names of a story's
    earlier articles or a long text's earlier pieces, written before what is added now."""
    words: set[str] = set()
    if not len(index):
        return words  # a new index: nothing was written before
    for name, kind in index.names():
        key = name_key(name)
        if kind == "PERSON" and len(key) > 1:
            words.update(key)
    return words


def _after_full_names(found: list[list[_Found]], *, held: set[str]) -> set[tuple[int, int]]:
    """The names typed a place that are written after a full name tagged PERSON holding
    their words (of ``held``, or of one written earlier in the group, docs in turn): how a
    surname refers back to the person named first ("Narendra Modi … Modi"), never how a
    place written before the venue named after it ("Macau … Galaxy Macau") reads. Each
    as (doc's place in the group, start)."""
    held = set(held)
    after: set[tuple[int, int]] = set()
    for n, items in enumerate(found):
        for item in sorted(items, key=lambda item: item.start):
            key = name_key(item.text, item.type)
            if item.type in PLACE_TYPES and key and held.issuperset(key):
                after.add((n, item.start))
            elif len(key) > 1 and item.type == "PERSON":
                held.update(key)
    return after


def _alone_first(
    found: list[list[_Found]], *, written: Iterable[tuple[str, ...]]
) -> set[tuple[int, int]]:
    """The one-word names written before any longer name they start (of ``written``, the
    names read before, or one earlier in the group, docs in turn): the text names a body
    on its own first ("Disney said …"), so a longer name it starts later ("the Disney
    Channel") is a part of it, where a short form written after the full name refers back
    to it ("Harvard University … Harvard"). Each as (doc's place in the group, start)."""
    firsts = {key[0] for key in written if len(key) > 1}
    alone: set[tuple[int, int]] = set()
    for n, items in enumerate(found):
        for item in sorted(items, key=lambda item: item.start):
            key = name_key(item.text, item.type)
            if len(key) == 1 and key[0] not in firsts:
                alone.add((n, item.start))
            elif len(key) > 1:
                firsts.add(key[0])
    return alone


def _full_names(index: NameIndex) -> frozenset[str]:
    """The full names of the people in ``index`` ("Sanae Takaichi")."""
    return frozenset(
        name for name, kind in index.names() if kind == "PERSON" and len(name.split()) > 1
    )


# a court case's name: two parties' names with "v." between them ("Trump v. Trump", "Roe v.
# Wade"); a fixture's bare "v" ("Birmingham v Barnsley") and a match-up's "vs." are no case
_CASE_NAME = re.compile(r"[\w.'’]\s+v\.\s+(?:the\s+)?[A-Z]")


# what spaCy types a people's name it does not know ("Latino" ORG, "Kazakh" GPE)
_PEOPLE_TYPED = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT"})


def _people(text: str) -> bool:
    """Whether ``text``, one word (possessive off), is a people's name names_rules.json's
    peoples know ("Latino", "Kazakhs", "Sunnis"): no country's adjective gives it."""
    word = _TRAILING_POSSESSIVE.sub("", text.strip())
    words = word.split()
    if len(words) == 2 and words[0].casefold() == "the":
        words = words[1:]
    return len(words) == 1 and words[0].casefold() in _data("names_rules.json")["peoples"]


# a Spanish plural article, which opens a group's name ("Los Lobos") and no person's
_PLURAL_ARTICLES = frozenset({"los", "las"})


def _plural_article_name(text: str) -> bool:
    """Whether ``text`` opens with a plural article before a capitalised word and is no known
    place ("Los Hijos de Trump", "Las Cafeteras"; not "Los Angeles")."""
    words = text.split()
    return (
        len(words) > 1
        and words[0].casefold() in _PLURAL_ARTICLES
        and words[1][:1].isupper()
        and place_country(text) is None
    )


# a double-barrelled surname the tokenizer split: the rest of "Okonkwo-Reyes"
_HYPHENATED_TAIL = re.compile(r"(?:[-‐‑][A-ZÀ-Þ][\w'’]*)+")


def _trim(doc: Any, ent: Any) -> _Found | None:
    """The entity's span without a leading "the", title or trailing possessive."""
    text = ent.text
    start = ent.start_char
    kind = "PERSON" if _titled_person(text, ent.label_) else ent.label_
    if kind == "PERSON" and (_legal_suffix(text) or _industry_end(text)):
        kind = "ORG"  # "Brennick LLC", "Marc Fisher Footwear": a company whatever spaCy tagged
    if kind == "NORP" and BRAND_CASE.match(text):
        kind = "ORG"  # "iTunes": a brand's spelling; a people or a party starts in capitals
    if _CASE_NAME.search(text):
        kind = "LAW"  # "Trump v. Trump", "Roe v. Wade": a court case, no one's name
    if kind in _PEOPLE_TYPED and _people(text):
        kind = "NORP"  # "Latino voters", typed ORG: a people
    if kind == "PERSON" and _plural_article_name(text):
        kind = "ORG"  # "Los Hijos de Trump", a troupe: a group, no one person
    name, titles = split_title(text, kind)
    name = _TRAILING_JOINER.sub("", name)
    stripped = _TRAILING_JOINER.sub("", _TRAILING_POSSESSIVE.sub("", text))
    stripped = stripped.rstrip() if len(stripped) < len(text) else stripped
    end = start + len(stripped)
    if name and name != stripped:
        offset = stripped.rfind(name)
        if offset < 0:
            return None
        start += offset
    if ent.label_ == "PERSON" and end == start + len(stripped):
        joined = _HYPHENATED_TAIL.match(doc_text(doc), end)  # "Mara Okonkwo" + "-Reyes"
        if joined and not _tagged_otherwise(doc, end, joined.end()):
            end = joined.end()
    if end == start + len(stripped):
        end = _place_particle_end(doc, end)  # "Mar" + "-a-Lago"
    full = doc_text(doc)
    start, end = one_line(full, start, end)
    start, end = unquoted(full, start, end)
    start, end = paired_quotes(full, start, end)
    start, end = only_handle(full, start, end)  # "the @realDonaldTrump Twitter feed"
    start = after_lead_words(full, start, end)
    if kind == "PERSON":
        start = after_region(doc, after_prefix(full, start, end), end)
    if kind in HEADLINE_CUT_TYPES:
        start, end = headline_cut(full, start, end, kind)
    if kind == "PERSON":
        end = before_headline_verb(doc, start, before_head_noun(full, start, end))
    elif kind == "ORG":  # "Clinton and Sanders Aren’t Butting Heads …"
        end = before_headline_verb(doc, start, end, tags=BODY_RUN_ON_TAGS)
    if kind == "ORG":
        end = _before_title(full, start, end)
    text = full[start:end]
    if not text.strip() or not any(ch.isalpha() for ch in text) or text.islower():
        return None  # no letters, or all in lower case: "moon", "meth", "n’t" name no one
    if len(text.rstrip(".")) == 1 and text.isascii():
        return None  # a lone initial ("J Clin Investig", "M."): no one's name
    return _Found(text=text, type=kind, start=start, end=end, roles=titles)


# the rest of a place's name whose words a particle joins by hyphens ("-a-Lago" of
# "Mar-a-Lago", "-upon-Avon", "-sur-Mer"), which the tokenizer splits and spaCy cuts
_PARTICLE_TAIL = re.compile(
    r"(?:[-‐‑](?:a|al|by|da|de|del|des|di|du|el|en|la|le|les|on|sous|sur|upon|y))+"
    r"(?:[-‐‑][A-ZÀ-Þ][\w'’]*)+(?![\w-])"
)


def _place_particle_end(doc: Any, end: int) -> int:
    """The end of a name that runs on by hyphens and a particle into capitalised words
    spaCy left untagged ("Mar-a-Lago", typed a person as "Mar"); ``end`` otherwise."""
    joined = _PARTICLE_TAIL.match(doc_text(doc), end)
    if joined is None:
        return end
    span = doc.char_span(end, joined.end(), alignment_mode="expand")
    return end if span is None or any(t.ent_type_ for t in span) else joined.end()


def _tagged_otherwise(doc: Any, start: int, end: int) -> bool:
    """Whether spaCy tagged the words at ``start:end`` as a name of another type than a
    person's: "-Gatehouse" of "the Gannett-Gatehouse merger", an ORG split into its two
    companies, is no double-barrelled surname of "Gannett"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ not in {"", "PERSON"} for t in span)


def _legal_suffix(text: str) -> bool:
    """Whether a name of several words ends in a company's legal form ("LLC", "Inc.",
    "GmbH"); two-letter forms that are also surnames ("Sa", "Co") are left out."""
    words = text.split()
    last = words[-1].casefold().replace(".", "") if len(words) > 1 else ""
    return len(last) > 2 and last in _person_titles()[1]


def _industry_end(text: str) -> bool:
    """Whether a name of several words ends in a word for the trade a company is in,
    capitalised ("Marc Fisher Footwear", "Tom Harlow Apparel": names_rules.json's
    industry_words and trade_words): a company named after its founder, no person."""
    words = text.split()
    if len(words) < 2 or not words[-1].istitle():
        return False
    rules = _data("names_rules.json")
    return words[-1].casefold() in {*rules["industry_words"], *rules["trade_words"]}


def _titled_person(text: str, label: str) -> bool:
    """Whether an organisation's span is a person behind a title only people hold
    ("Spokeswoman Sandy Angers", "Mayor Dana Whitfield"): the title, then capitalised
    words (two at most), none of them an organisation's suffix."""
    if label != "ORG":
        return False
    words = text.split()
    folded = [w.casefold() for w in words]
    titles, suffixes = _person_titles()
    for n, title in titles:
        rest = words[n:]
        if " ".join(folded[:n]) != title or not 1 <= len(rest) <= 2:
            continue
        return all(w[:1].isupper() and w.casefold() not in suffixes for w in rest)
    return False


_NEXT_WORD = re.compile(r"\s+([\w.-]+)")


def _before_title(text: str, start: int, end: int) -> int:
    """An organisation's name ends before the title that follows it: "Boeing Executive Vice
    President Scott Carson" is Boeing's executive vice president; the name is "Boeing". A
    title word closes the name only when another title word follows ("Health and Safety
    Executive said" keeps its last word)."""
    words = text[start:end].split()
    follows = _NEXT_WORD.match(text, end)
    if len(words) < 2 or follows is None or not follows.group(1)[:1].isupper():
        return end
    titles = frozenset(_roles_data()["title_words"])
    title_like = titles | frozenset(_roles_data()["title_modifiers"])
    if words[-1].casefold() in titles and follows.group(1).casefold() in title_like:
        return text.rfind(words[-2], start, end) + len(words[-2])
    return end
