"""Checkable statements in a sentence: counts, ordinals, vote tallies, dates, role holders.

Each is a :class:`Fact` with a *key* (what it is about: "death toll", "which meeting",
"date: talks resume", "foreign minister") and a *value* normalised so that agreeing
paraphrases compare equal ("twelve" == "12", "88 votes to 71" == "88 to 71",
"Jae-Myung" == "Jae-myung"). Word lists live in ``data/quantities.json``.

A fact also carries *when* it is stated of -- the years its sentence names, the months it
names alone ("in September": ``"month:09"``), or ``"past"`` when the sentence recalls
another time ("years ago", "last year", "the last such patch") or the role's holder is one
of another time ("former", "then-", "new") -- and, for a date or an ordinal, the words that
govern it (``near``: "stopped … in the sixth round", "must act by May 9"), so that only
values of one event predicate are compared. A count carries its *span*, over what time it
was counted (:func:`span_of`: "46 arrested Wednesday night" one night, "over 50 arrests
over four nights" four), and is keyed by its governing word in its own clause ("a shooting
that wounded three people, killing one": three injured, not a toll of three).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from newsdesk.summarize.text import content_words, number_words, stopwords

__all__ = [
    "Fact",
    "concept_words",
    "counting_words",
    "facts_in",
    "name_key",
    "names_agree",
    "span_of",
    "time_of",
]

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?%?|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SPACED_THOUSANDS = re.compile(r"\b(\d{1,3}) , (\d{3})\b(?! , \d)")  # "170 , 000" (tokenised)
_YEARS = re.compile(r"\b(?:1[89]|20)\d\d\b")
# a sentence that recalls another time than the story's: its numbers are of that time
_ANOTHER_TIME = re.compile(
    r"\b(?:(?:\w+|a|an)\s+(?:years?|decades?)\s+ago|last\s+(?:year|decade)|in\s+the\s+past"
    r"|(?:the|its|their)\s+(?:last|previous|prior)\s+such)\b",
    re.IGNORECASE,
)
# a month named alone, as a time: "struck southern Iran in September" (not "September 12")
_MONTH_ALONE = re.compile(
    r"(?<!\d\s)\b(?:in|last|early|late|mid-?|during)\s+(?:early\s+|late\s+|mid-?)?"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b(?!\s*\d)",
    re.IGNORECASE,
)
# a role's holder of another time: "former Interior Secretary X", "then-coach X", "new …"
_HOLDER_OF_A_TIME = re.compile(
    r"\b(?:former|then|ex|late|previous|outgoing|incoming|new|interim|acting)\s*-?\s*$",
    re.IGNORECASE,
)
# the words that may stand between a number and the verb that says what it counts
# ("killing at least 12", "injuring more than 30"); any other word ends the look back
_QUANTIFIERS = frozenset(
    ["at", "least", "most", "about", "around", "some", "more", "than", "nearly", "almost",
     "over", "under", "up", "to", "an", "a", "estimated", "approximately", "roughly", "only",
     "another", "further", "fewer", "less", "as", "many", "the"]
)  # fmt: skip
_LINKS = frozenset(["were", "was", "are", "is", "have", "has", "had", "been", "being", "be"])
_CLAUSE_ENDS = frozenset(["and", "or", "but", "while", "whereas", "including", "with"])
_VAGUE = frozenset(["several", "few", "many", "some", "hundreds", "thousands"])
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"]
    )
    for m in names.split()
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip
_NUMBER_WORDS = number_words()
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_TALLY = re.compile(r"\b(\d{1,3})\s+(?:votes?\s+)?(?:to|-|–)\s+(\d{1,3})\b")
_DATE = re.compile(
    r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b"
    r"|\b(?P<day2>\d{1,2})\s+(?P<month2>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
)
_STAMP_BEFORE = re.compile(
    r"\b(?:updated|posted|published|modified|created|last\s+updated)\s*(?:[:|@-]\s*)?"
    r"(?:(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$",
    re.IGNORECASE,
)
_STAMP_AFTER = re.compile(
    r"^\s*,?\s*(?:\d{4}\b\s*,?)?\s*(?:[|@-]\s*)?(?:at\s+)?"
    r"(?:(?:last\s+)?(?:updated|posted|published)\b|\d{1,2}\s*[:.]\s*\d{2}\b)",
    re.IGNORECASE,
)
_STAMP_WORDS = frozenset(
    [
        "updated", "update", "posted", "published", "modified", "last", "gmt", "bst", "utc",
        "cet", "et", "pt", "edt", "est", "pdt", "pst", "am", "pm", "mon", "monday", "tue",
        "tuesday", "wed", "wednesday", "thu", "thursday", "fri", "friday", "sat", "saturday",
        "sun", "sunday", "today", "yesterday",
    ]
)  # fmt: skip
_UNITS = frozenset(
    [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "percent", "per", "km", "kilometres",
        "kilometers", "miles", "metres", "meters", "feet", "kg", "kilograms", "pounds", "tons",
        "tonnes", "dollars", "euros", "points", "goals", "runs", "punches", "rounds", "games",
        "laps", "yards",
    ]
)  # fmt: skip
_AGE = re.compile(r"(\b[A-Z][\w'-]+\s*,\s*)(\d{1,3})(\s*,)")  # "Klitschko, 36, stopped…"
# "a 66-year-old woman", "an 8- to 12-week-old fetus" (also tokenised: "66 - year - old"):
# an age counts nothing, whatever verb stands before it ("killed a 66-year-old woman")
_AGED = re.compile(
    r"\b\d{1,3}(?:\s*-?\s*(?:to|or|-)\s*-?\s*\d{1,3})?\s*-?\s*"
    r"(?:years?|months?|weeks?|days?)\s*-?\s*old\b",
    re.IGNORECASE,
)
_TITLES = frozenset(
    ["rep", "sen", "gov", "dr", "mr", "mrs", "ms", "lt", "gen", "col", "capt", "sgt", "prof",
     "st", "rev", "hon"]
)  # fmt: skip
_ROLE = re.compile(
    r"\b(?P<qual>[A-Z][\w'’-]+|[a-z]+)\s+"
    r"(?P<role>(?i:prime minister|minister|president|chief executive"
    r"|spokes(?:person|man|woman)|mayor|governor|commander|director|chair(?:man|woman)?|coach"
    r"|manager|secretary|ambassador|captain|chief))\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_NAME_BEFORE = re.compile(r"\b(?:[A-Z][\w'’-]+\s+){1,2}$")  # "South " of "South Sudan's"
_SENTENCE_OPENERS = frozenset(["today", "yesterday", "meanwhile", "but", "in", "on", "then"])
_NOT_QUALIFIERS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "his",
        "her",
        "their",
        "its",
        "said",
        "by",
        "with",
        "as",
        "former",
    ]
)


@dataclass(slots=True, frozen=True)
class Fact:
    """One checkable statement: what it is about, its normalised value, and as written."""

    key: str
    value: str
    written: str
    context: frozenset[str]  # content words of the sentence, for "about the same thing"
    kind: str  # "count" | "ordinal" | "tally" | "date" | "role"
    when: frozenset[str] = frozenset()  # years the sentence names; "past": another time
    near: frozenset[str] = frozenset()  # a date's or ordinal's governing words ("stopped")
    counted: str = ""  # a count's noun, by its kind ("protesters" -> "protest size"), or ""
    span: frozenset[str] = frozenset()  # over what time a count was counted (:func:`span_of`)


@cache
def _lexicon() -> dict[str, Any]:
    data = resources.files("newsdesk.summarize").joinpath("data/quantities.json")
    loaded: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    concepts = {w: name for name, words in loaded["concepts"].items() for w in words}
    return {
        "concepts": concepts,
        "generic": frozenset(loaded["generic_nouns"]),
        "ordinal_nouns": frozenset(loaded["ordinal_nouns"]),
    }


def name_key(name: str) -> str:
    """A surname key: accents, case, hyphens, spaces folded ("Okonkwo Reyes" == "Okonkwo-Reyes")."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    parts = re.split(r"\s+", plain.strip())
    return re.sub(r"[-'’]", "", parts[-1]) if parts else ""


def _fold_name(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def names_agree(a: str, b: str) -> bool:
    """Two spellings of one name: the surname of one is among the other's name parts."""
    parts_a = [p for p in re.split(r"[\s'’-]+", _fold_name(a)) if p]
    parts_b = [p for p in re.split(r"[\s'’-]+", _fold_name(b)) if p]
    if not parts_a or not parts_b:
        return False
    return parts_a[-1] in parts_b or parts_b[-1] in parts_a


def _number(tokens: list[str], i: int) -> float | None:
    token = tokens[i]
    if token.endswith("%"):
        return None
    words = _NUMBER_WORDS
    tens, _, units = token.partition("-")
    if (token == "hundred" or token in _SCALE) and i and tokens[i - 1] in _VAGUE:
        return None  # "several hundred protesters": no count to compare
    if token in words:
        value: float = words[token]
    elif tens in words and units in words and words[units] < 10:
        value = words[tens] + words[units]
    elif token[0].isdigit():
        try:
            value = float(token.replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    if i + 1 < len(tokens) and tokens[i + 1] in _SCALE:
        value *= _SCALE[tokens[i + 1]]
    return value


def _is_date_or_year(tokens: list[str], i: int, value: float) -> bool:
    token = tokens[i]
    if len(token) == 4 and token.isdigit() and 1800 <= value <= 2100:
        return True
    before = tokens[i - 1] if i else ""
    if before == "not" or (before in {"at", "by", "until", "till"} and value <= 24):
        return True
    near = tokens[max(0, i - 1) : i + 2]
    return any(t.rstrip(".") in _MONTHS for t in near) or (
        i + 1 < len(tokens) and tokens[i + 1] in {"per", "percent", "pm", "am", "o'clock", "p.m"}
    )


_COUNTED = frozenset(
    [
        "people",
        "persons",
        "others",
        "residents",
        "villagers",
        "children",
        "pupils",
        "workers",
        "members",
        "passengers",
        "crew",
        "staff",
        "families",
        "households",
        "homes",
    ]
)


def _concept(tokens: list[str], i: int, breaks: frozenset[int] = frozenset()) -> str | None:
    """What the number at ``i`` counts, by its governing word in its own clause: the verb
    right before it ("killing at least 12", "wounded three people, killing one": 3
    injured), the word after it, or what happens to the people it counts ("31 people were
    hurt"). ``breaks``: the tokens a comma, semicolon, colon, dash or bracket stands before;
    no look crosses one ("Of the 23 pirates arrested, 12 are Somali": 12 counts none)."""
    concepts: dict[str, str] = _lexicon()["concepts"]
    j = i + 1
    while j < len(tokens) and tokens[j] in _SCALE:
        j += 1
    nxt = tokens[j] if j < len(tokens) and j not in breaks else ""
    if nxt == "of" or nxt in _UNITS:
        return None  # "44 seconds into the round", "missing four games": it counts its unit
    for k in range(i - 1, max(-1, i - 5), -1):
        if k + 1 in breaks:
            break
        if tokens[k] in concepts:
            return concepts[tokens[k]]
        if tokens[k] not in _QUANTIFIERS:
            break  # "died and seven were…": the verb belongs to another number
    if nxt in concepts:
        if j + 1 < len(tokens) and tokens[j + 1] in _LINKS:  # "16 protesters were arrested"
            for k in range(j + 2, min(j + 4, len(tokens))):
                if k in breaks:
                    break
                if tokens[k] in concepts:
                    return concepts[tokens[k]]
        return concepts[nxt]
    if nxt in _COUNTED or nxt in _LINKS:  # "31 people were hurt", "seven were injured"
        for k in range(j + 1, min(j + 4, len(tokens))):
            if k in breaks or tokens[k] in _CLAUSE_ENDS or tokens[k][:1].isdigit():
                break  # "three people, killing one": another count's verb
            if tokens[k] in concepts:
                return concepts[tokens[k]]
            if tokens[k] == "homes" and tokens[j + 1] == "from":
                return "people evacuated"
    if "toll" in tokens[max(0, i - 15) : i] and tokens[i - 1] in {"to", "at", "of"}:
        return "death toll"  # "the death toll … has risen to 15"
    return None


def _display(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


# nouns any count may count: "27 people were injured" and "31 passengers hurt" may be one
_ANYONE = frozenset(["people", "persons", "others", "individuals", "victims"])


def _counted(tokens: list[str], i: int, key: str) -> str:
    """The noun the number at ``i`` counts ("16 protesters" -> "protest size", "three
    officers" -> "officer"), "" when it names none or anyone ("46 were", "27 people")."""
    j = i + 1
    while j < len(tokens) and tokens[j] in _SCALE:
        j += 1
    noun = tokens[j] if j < len(tokens) else ""
    if not noun.isalpha() or noun in _ANYONE or noun in _LINKS or noun in stopwords():
        return ""
    kind = _lexicon()["concepts"].get(noun)
    if kind == key:
        return ""  # "24 dead": the count's own word, no noun
    return kind or (noun[:-1] if len(noun) > 3 and noun.endswith("s") else noun)


def _counts(
    text: str, found: list[re.Match[str]], tokens: list[str], context: frozenset[str]
) -> list[Fact]:
    marks: list[re.Match[str]] | None = None  # read once a number may count something
    breaks: frozenset[int] = frozenset()
    facts = []
    for i in range(len(tokens)):
        value = _number(tokens, i)
        if value is None or value < 2 or _is_date_or_year(tokens, i, value):
            continue
        if marks is None:
            marks = list(_CLAUSE_MARK.finditer(text))
            breaks = _clause_breaks(found, marks)
        key = _concept(tokens, i, breaks)
        if key is None:
            continue
        span = span_of(_clause(text, found[i].start(), marks))
        fact = Fact(key, _display(value), tokens[i], context, "count", span=span)
        facts.append(replace(fact, counted=_counted(tokens, i, key)))
    return facts


def _clause(text: str, at: int, marks: list[re.Match[str]]) -> str:
    """The clause of the word at ``at`` (between clause marks), with a short opening one
    ("Since the shooting, over 50 arrests…", "So far, 24 have died")."""
    start = max((m.end() for m in marks if m.end() <= at), default=0)
    end = min((m.start() for m in marks if m.start() >= at), default=len(text))
    clause = text[start:end]
    if marks and start > 0 and len(text[: marks[0].start()].split()) <= _OPENING_WORDS:
        clause = f"{text[: marks[0].start()]} {clause}"
    return clause


def _clause_breaks(found: list[re.Match[str]], marks: list[re.Match[str]]) -> frozenset[int]:
    """The tokens a clause mark stands before (a comma, semicolon, colon, dash, bracket)."""
    starts = [t.start() for t in found]
    breaks = set()
    for mark in marks:
        i = bisect_left(starts, mark.end())
        if 0 < i < len(found) and found[i - 1].end() <= mark.start():
            breaks.add(i)
    return frozenset(breaks)


def _occasions(match: re.Match[str]) -> int | None:
    """Days an "over four nights" / "in the past 24 hours" span covers (None: unsaid)."""
    count, unit = match.group("n").casefold(), match.group("unit").casefold()
    if count in {"a", "an", "one", "single"}:
        number: float = 1
    elif count.isdigit():
        number = int(count)
    elif count in _NUMBER_WORDS:
        number = _NUMBER_WORDS[count]
    else:
        return None
    if unit.startswith("hour"):
        return max(1, -(-int(number) // 24))
    return int(number) * (7 if unit.startswith("week") else 1)


def span_of(text: str) -> frozenset[str]:
    """Over what time a sentence's counts were counted, the most specific it says: ``"N"``
    days ("over four nights", "in the past eight days"; "in the past 24 hours" is one of
    several: ``"1*"``), one of several occasions (``"1*"``: "in one night", "a day",
    "on the second night"), a night named (``"1"``: "Wednesday night", "overnight"), a
    running total (``"all"``: "so far", "in total", "since the shooting"), a part of the
    whole (``"part"``: "in Europe alone", "among children alone"), or none."""
    if _SPAN_PART.search(text):
        return frozenset(["part"])  # "in Europe alone": a part of the whole, not the whole
    spans: set[str] = set()
    for match in _SPAN_DAYS.finditer(text):
        days = _occasions(match)
        if days is not None:
            spans.add("1*" if days == 1 else str(days))  # "in 24 hours": one day of several
    if spans:
        return frozenset(spans)
    if _SPAN_ONE_OF.search(text):
        return frozenset(["1*"])
    if _SPAN_NIGHT.search(text):
        return frozenset(["1"])
    return frozenset(["all"]) if _SPAN_ALL.search(text) else frozenset()


_OPENING_WORDS = 6  # "Since the shooting, …": an opening clause this short says when
# a comma in "25,000" separates thousands, not clauses
_CLAUSE_MARK = re.compile(r"(?<!\d),|,(?!\d{3}\b)|[;:()\[\]—–]|\s-\s|\s--\s")
_COUNT_WORD = (
    r"(?P<n>\d{1,3}|a|an|one|single|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fourteen|fifteen|twenty|thirty)"
)
# "over four nights", "in the past eight days", "during two weeks of", "in 24 hours"
_SPAN_DAYS = re.compile(
    r"\b(?:over|in|during|across|after|for|within)\s+(?:the\s+)?(?:past\s+|last\s+|first\s+)?"
    + _COUNT_WORD
    + r"\s+(?:straight\s+|consecutive\s+|successive\s+|full\s+)?(?P<unit>days?|nights?|weeks?"
    r"|hours?)\b",
    re.IGNORECASE,
)
# one occasion of several: "in one night", "a single day", "on the second night", "a day"
_SPAN_ONE_OF = re.compile(
    r"\b(?:(?:in|on)\s+(?:one|a\s+single)|(?:on\s+)?the\s+(?:first|second|third|fourth|fifth"
    r"|last|same)|each|every|per)\s+(?:day|night|evening)\b",
    re.IGNORECASE,
)
_SPAN_NIGHT = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|last|that)\s+(?:night|evening)\b"
    r"|\bovernight\b",
    re.IGNORECASE,
)
# a count of one part of the whole: "killed 25 million people in Europe alone"
_SPAN_PART = re.compile(
    r"\b(?:in|on|at|from|among|for)\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,3}?\s+alone\b",
    re.IGNORECASE,
)
_SPAN_ALL = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|altogether|since\s+(?:the|its|their|mon|tue"
    r"|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b",
    re.IGNORECASE,
)
_DEADLINE = frozenset(["by", "until", "till", "before", "ahead", "deadline", "due"])
_SINCE = frozenset(["since", "from"])


def _governing(before: str) -> frozenset[str]:
    """The words that govern a date or an ordinal: the content words among the last few
    before it that are not names, numbers or calendar words ("stopped Okafor in the" ->
    {"stopped"}), and "@by" / "@since" when it is a deadline or a start, not a day."""
    words = _TOKEN.findall(before)[-5:]
    kept = [w for w in words if not w[:1].isupper() and not w[:1].isdigit()]
    near = content_words(" ".join(kept)) - frozenset(_MONTHS) - _STAMP_WORDS
    last = {w.casefold() for w in words[-2:]}
    if last & _DEADLINE:
        near |= {"@by"}
    elif last & _SINCE:
        near |= {"@since"}
    return frozenset(near)


def _ordinals(
    tokens: list[str], spans: list[int], text: str, context: frozenset[str]
) -> list[Fact]:
    nouns = _lexicon()["ordinal_nouns"]
    found = []
    for i, token in enumerate(tokens):
        if token not in _ORDINALS:
            continue
        for j in (i + 1, i + 2):
            if j < len(tokens) and tokens[j].rstrip("s") in nouns:
                noun = tokens[j].rstrip("s")
                near = _governing(text[: spans[i]])
                found.append(
                    Fact(f"which {noun}", str(_ORDINALS[token]), token, context, "ordinal",
                         near=near)
                )  # fmt: skip
                break
    return found


def _page_stamp(text: str, start: int, end: int, context: frozenset[str]) -> bool:
    """A date that is page furniture: next to "updated"/"posted" or a clock time, or in a
    sentence that says nothing else (a dateline stamp on a line of its own)."""
    if _STAMP_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    if _STAMP_AFTER.match(text[end : end + 40]):
        return True
    said = [
        w for w in context
        if not w[:1].isdigit() and w not in _MONTHS and w not in _STAMP_WORDS and len(w) > 2
    ]  # fmt: skip
    return len(said) < 3


def counting_words() -> frozenset[str]:
    """Every word that names what some count counts ("killed", "injured", "arrested"…)."""
    return frozenset(_lexicon()["concepts"])


def concept_words(key: str) -> frozenset[str]:
    """The words that name what a count of ``key`` counts ("killed", "dead"… for the death
    toll): two sentences sharing only these share no subject."""
    concepts: dict[str, str] = _lexicon()["concepts"]
    return frozenset(w for w, name in concepts.items() if name == key)


def facts_in(text: str, context: frozenset[str]) -> list[Fact]:
    """Every fact this sentence states; ``context`` is its content words."""
    folded = unicodedata.normalize("NFKC", text).replace("’", "'")
    unaged = _AGED.sub("aged", _AGE.sub(r"\1age\3", folded))  # an age counts nothing
    unaged = _SPACED_THOUSANDS.sub(r"\1,\2", unaged)
    found = list(_TOKEN.finditer(unaged))
    tokens = [t.group().casefold() for t in found]
    spans = [t.start() for t in found]
    facts = _counts(unaged, found, tokens, context)
    facts += _ordinals(tokens, spans, unaged, context)
    if re.search(r"\bvot(?:e|es|ed|ing)\b|\bpassed\b", folded, re.IGNORECASE):
        for match in _TALLY.finditer(folded):
            value = f"{int(match.group(1))}–{int(match.group(2))}"
            facts.append(Fact("vote tally", value, match.group(0), context, "tally"))
    for match in _DATE.finditer(folded):
        month = (match.group("month") or match.group("month2") or "").casefold()
        day = int(match.group("day") or match.group("day2"))
        if _page_stamp(folded, match.start(), match.end(), context):
            continue  # "Updated: May 24, 2005, 3:23 PM ET": the page's clock, not the news
        if month in _MONTHS and 1 <= day <= 31:
            value = f"{_MONTHS[month]:02d}-{day:02d}"
            near = _governing(folded[: match.start()])
            facts.append(Fact("date", value, match.group(0), context, "date", near=near))
    for match in _ROLE.finditer(folded):
        qualifier = match.group("qual").casefold()
        if qualifier in _NOT_QUALIFIERS or not match.group("qual")[:1].isupper():
            continue  # "general manager X": whose? one team's manager is not another's
        if match.group("name").split()[0].casefold().rstrip(".") in _TITLES:
            continue  # "committee chairman Rep. …": a title, not the holder's name
        before = _NAME_BEFORE.search(folded[: match.start()])
        named = [w for w in (before.group().split() if before else []) if w.casefold()
                 not in _NOT_QUALIFIERS | _SENTENCE_OPENERS]  # fmt: skip
        if named:  # "South Sudan's president": the qualifier is the whole name
            qualifier = " ".join([*named, qualifier]).casefold()
        key = f"{qualifier} {match.group('role').casefold()}"
        name = re.sub(r"'s$", "", match.group("name"))  # "Secretary Salazar's decision"
        start = before.start() if before else match.start()
        then = frozenset(["past"]) if _HOLDER_OF_A_TIME.search(folded[:start]) else frozenset()
        facts.append(Fact(key, _fold_name(name), name, context, "role", when=then))
    if not facts:
        return facts
    when = _time_of(folded)
    return [replace(f, when=f.when | when) for f in facts] if when else facts


def time_of(text: str) -> frozenset[str]:
    """When a sentence is stated of (a fact's ``when``): the years it names, the months it
    names alone, ``"past"`` when it recalls another time."""
    return _time_of(unicodedata.normalize("NFKC", text))


def _time_of(folded: str) -> frozenset[str]:
    when = set(_YEARS.findall(folded))
    when |= {f"month:{_MONTHS[m['month'].casefold()]:02d}" for m in _MONTH_ALONE.finditer(folded)}
    if _ANOTHER_TIME.search(folded):
        when.add("past")
    return frozenset(when)
