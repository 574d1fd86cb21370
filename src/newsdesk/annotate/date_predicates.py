"""What a span of a date candidate is, read from its words and its parse: a holiday, a title
("NBC's Today", "60 Minutes", the film "May"), a rate ("$1 billion a year"), an indefinite
day ("one day"), the future in general ("the schools of tomorrow"), a day named in full
elsewhere in the article. :class:`newsdesk.annotate.dates.DateNormalizer` asks these before
it reads a candidate as a date or a length.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from newsdesk.annotate.date_rules import Context, clean, lexicon, normalise
from newsdesk.annotate.nlp import doc_text

__all__ = [
    "NAME_LABELS",
    "RATE",
    "calendar_day",
    "conditional",
    "day_when",
    "determiner_at",
    "generic_day",
    "holiday",
    "is_work_title",
    "modal",
    "named_day",
    "named_years",
    "names_a_day",
    "prose_end",
    "quoted_title",
    "rate",
    "share_of",
    "someday",
    "soon_ahead",
    "titled_length",
]

_WORK_NOUNS = set(lexicon()["work_nouns"])
_BARE_MONTH = re.compile("(?:" + "|".join(m.capitalize() for m in lexicon()["months"]) + r")\.?")
_GENERIC_HEADS = set(lexicon()["generic_day_heads"])
_FULL_DATE = re.compile(
    r"\b(?:" + "|".join(lexicon()["months"]) + r")\.? \d{1,2}(?:st|nd|rd|th)?,? "
    r"(?:1[5-9]|20)\d\d\b",
    re.I,
)
_OPENERS = set("\"'“‘«*_")
_CLOSERS = set("\"'”’»*_")
RATE = re.compile(r"(?<![\w-])(?:a|an|per) (?:day|week|month|year)(?![\w-])", re.I)
_TIMES = {"once", "twice", "thrice", "times"}
_SOMEDAY = {"one day", "some day", "someday", "one of these days"}
_SOON_RELATIVE = {"after", "afterwards", "afterward", "thereafter", "before", "as"}


def holiday(text: str) -> bool:
    """ "Thanksgiving Day", "Election Day": a holiday spaCy tagged as an event."""
    name = clean(text)
    name = name[5:] if name.startswith("last ") or name.startswith("next ") else name
    return name in lexicon()["moving_holidays"] or name in lexicon()["holidays"]


def soon_ahead(span: Any, looking: str) -> bool:
    """ "will soon move", "may soon seek", "as soon as possible": a reference to the future
    from the time of speaking; not "was soon released" or "soon after the vote" (later than
    a time the narration told, not than now) nor the "as soon as" of "as soon as Tuesday",
    nor a degree ("how soon", "too soon")."""
    if looking != "future":
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return clean(span.text) != "soon" or (
        before not in ("as", "too", "how") and after not in _SOON_RELATIVE
    )  # "how soon investors can withdraw", "cannot come too soon": a degree, not a time


_SHARE = re.compile(
    r"(?:(?:about|around|almost|nearly|roughly|some|over|under|more than|less than|just over|"
    r"just under|close to|fully) )?(?:a|one) quarter",
    re.I,
)
_OF_NOT_TIME = re.compile(  # "a quarter of the year", "a quarter of 2008" stay a time
    r",?\s+of\s+(?!(?:the |this |that |last |next |each |every )?(?:fiscal )?"
    r"(?:year|century|hour|day|\d{4})\b)",
    re.I,
)


def share_of(text: str, end: int, said: str) -> bool:
    """ "about a quarter of Americans", "789, or about a quarter, of its dealers": a share of
    something, no three months ("a quarter of the year" and "a quarter of 2008" stay times)."""
    return _SHARE.fullmatch(said.strip()) is not None and _OF_NOT_TIME.match(text, end) is not None


NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "NORP", "LAW"}
_DAY_NAMES = {"Today", "Tomorrow", "Yesterday", "Tonight"}


def named_day(span: Any) -> bool:
    """ "NBC's Today show", "VOA Today", "Radio 4's Today programme": a capitalised day word
    inside a sentence after a name or a possessive is a title, not a day."""
    if span.text not in _DAY_NAMES or span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    return before.tag_ == "POS" or before.pos_ == "PROPN" or before.ent_type_ in NAME_LABELS


_UNIT_WORDS = re.compile(r"(?:Second|Minute|Hour|Day|Week|Month|Year|Decade)s|Centuries")


def titled_length(span: Any) -> bool:
    """ "60 Minutes", "Seven Days" inside a sentence of lower-case words: a title, not a
    length (a headline in title case keeps its "Two Weeks")."""
    if span.start == span.sent.start or not _UNIT_WORDS.fullmatch(span[-1].text):
        return False
    before = span.doc[span.start - 1]
    return not before.text[:1].isupper()


def modal(verb: Any) -> bool:
    """ "could leave", "can start": a verb a modal governs is no untensed caption verb."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def rate(span: Any) -> bool:
    """ "$1 billion a year", "hundreds of interviews a day": a frequency, not a length (not
    "for a year", "a year ago", "in a day")."""
    if not RATE.fullmatch(span.text):
        return False
    before = span.doc[span.start - 1] if span.start else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in ("ago", "earlier", "later", "before", "after"):
        return False
    if before is not None and before.lower_ in _TIMES:
        return True  # "twice a month", "three times a day"
    if before is None or before.pos_ == "ADP" or before.lower_ in ("than", "about"):
        return False
    return before.pos_ in ("NOUN", "PROPN", "NUM", "SYM") or before.like_num


def someday(span: Any) -> bool:
    """ "Islam will one day be …": an indefinite future day, not a length ("for one day")."""
    if clean(span.text) not in _SOMEDAY:
        return False
    before = span.doc[span.start - 1] if span.start else None
    return before is None or before.pos_ != "ADP"


def day_when(span: Any) -> bool:
    """ "there was a day when the mill employed half the town", "if there ever came a day
    when ...": a day a clause of "when" describes, no length of one day."""
    if clean(span.text) not in ("a day", "one day"):
        return False
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.lower_ == "when"


def conditional(span: Any) -> bool:
    """``span`` sits in a clause of "if" ("if there ever came a day when …")."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless")
        for a in span.root.ancestors
        for c in a.children
    )


def calendar_day(value: str) -> date | None:
    """The calendar day a ``YYYY-MM-DD`` value names, None when no calendar has it."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def generic_day(span: Any) -> bool:
    """ "the cars of tomorrow", "the schools of tomorrow": the future in general, no day."""
    root = span.root
    return (
        len(span) == 1
        and root.lower_ == "tomorrow"
        and root.dep_ == "pobj"
        and root.head.lower_ in _GENERIC_HEADS
        and root.head.head.pos_ in ("NOUN", "PROPN")
    )


def named_years(text: str, anchor: date | None) -> dict[str, str]:
    """Month-day -> year of each date the article names in full ("Sept. 11, 2001"): a bare
    "Sept. 11" later in the same article is that day, however far from publication."""
    years: dict[str, str] = {}
    for m in _FULL_DATE.finditer(text):
        timex = normalise(m.group(0), Context(anchor=anchor))
        if timex is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", timex.value):
            years.setdefault(timex.value[5:], timex.value[:4])
    return years


def is_work_title(doc: Any, start: int, end: int, span: Any) -> bool:
    """A month name that is the title of a work, not a date: in quotes or markup emphasis,
    named by a work noun ("the film May", "her album March"), tagged a work of art, or a
    bare capitalised month used as a noun with its own article ("the March was peaceful")."""
    text = doc_text(doc)
    words = text[start:end].strip()
    if not _BARE_MONTH.fullmatch(words):
        return False
    before, after = text[max(0, start - 2) : start].strip(), text[end : end + 2].strip()
    if before[-1:] in _OPENERS and after[:1] in _CLOSERS:
        return True
    if any(e.label_ == "WORK_OF_ART" and e.start <= span.start < e.end for e in doc.ents):
        return True
    root = span.root
    near = [t for t in doc[max(0, span.start - 2) : span.start] if not t.is_punct]
    if near and _names_a_work(near[-1]):  # "the film May", "her album “March”"
        return True
    if root.dep_ in ("appos", "compound") and _names_a_work(root.head):
        return True
    det = [c for c in root.children if c.dep_ == "det"]
    return bool(det) and root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and words[0].isupper()


_TITLE_SMALL = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for"})
_DAY_WORDS = frozenset({"today", "tomorrow", "tonight", "yesterday"})


def quoted_title(text: str, start: int, end: int) -> bool:
    """A time expression that is the whole of a quotation in title case, or that follows a
    name's possessive in title case, is the title of a show or a work, not a time: "on
    ABC's “This Week,”", "told ABC's This Week", "appeared on “Tomorrow”". One weekday or
    month quoted alone ("she said “Monday.”") or owned ("Trump's Monday") is still a day."""
    words = text[start:end].split()
    if not words or not all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words):
        return False
    if len(words) == 1 and words[0].lower() not in _DAY_WORDS:
        return False
    after = text[end : end + 3].lstrip(",.!?;:")
    if text[start - 1 : start] in _OPENERS - {"*", "_"} and after[:1] in _CLOSERS:
        return True
    # unquoted, a show a network owns: "told ABC's This Week", "on NBC's Today"; a time of
    # more than one word capitalised, or a day word, right after a name's possessive
    before = text[max(0, start - 16) : start]
    owned = re.search(r"\b[A-Z][\w&.-]*['’]s\s$", before) is not None
    return owned and (len(words) > 1 or words[0].lower() in _DAY_WORDS)


def names_a_day(said: str) -> bool:
    """ "Tuesday's", "Jan. 5", "Christmas": a single day, whatever its year."""
    timex = normalise(said, Context())
    return timex is not None and bool(re.fullmatch(r"XXXX-(?:\d\d-\d\d|WXX-\d)", timex.value))


def _names_a_work(token: Any) -> bool:
    lemma = token.lemma_.lower()
    if lemma in ("title", "entitle"):
        return True  # "a book titled March"
    return token.pos_ == "NOUN" and lemma in _WORK_NOUNS


def determiner_at(doc: Any, at: int) -> bool:
    """The word at character ``at`` says which month ("this", "last", "the count that
    November"), not a conjunction ("said that November was …", "officials said that
    November sales …") nor a verb ("to last")."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    word = span[0]
    if word.lower_ != "that":
        return word.tag_ in ("DT", "JJ")
    before = doc[word.i - 1] if word.i > 0 else None
    return word.dep_ != "mark" and not (before is not None and before.tag_.startswith("VB"))


_CREDIT = re.compile(  # "(AP Photo/…)", "(Getty Images)", "Photo: …", "Credit: …"
    r"\s*(?:\((?:AP|AFP|Reuters|REUTERS|Getty|Photo|PHOTO|Image|Credit)\b|(?:Photo|PHOTO|Credit)\s?:)"
)
_PROSE_STOPS = (".", "!", "?", '"', "”", "’", "'")


def prose_end(sent: Any) -> bool:
    """Whether ``sent`` ends as a sentence of prose does: a closing stop, and no photo credit
    after it on its line ("… hold their caucus on Monday. (AP Photo/…)": a caption, whose
    present narrates the past). A headline's present has no stop."""
    if not sent.text.rstrip().endswith(_PROSE_STOPS):
        return False
    doc = sent.doc
    rest = doc.text[sent.end_char : sent.end_char + 80].split("\n", 1)[0]
    return _CREDIT.match(rest) is None
