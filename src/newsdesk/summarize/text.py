"""Sentences and the words that carry their content, as summary and comparison read them.

Everything here is plain string work (no model), so a story's articles are read in
milliseconds: sentences are split on end punctuation, and a sentence's *content* is the set
of its lower-cased words without stopwords, numbers written in words turned into digits and a
light plural strip, so "twelve bodies" and "12 body" share their content.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "DATELINE",
    "Sentence",
    "bare_quotation",
    "broken_line",
    "closes_quotation",
    "content_words",
    "deck_line",
    "headline_key",
    "headline_line",
    "inside_quotation",
    "normalise_quote",
    "number_words",
    "numbers_in",
    "open_quotation",
    "outlet_voice",
    "split_sentences",
    "stopwords",
    "title_cased",
    "transcript_line",
    "word_count",
]

# a sentence ends at . ! ? … before a capital, or at a line break; a page that lost the space
# after a full stop glues two ("… at the Iowa caucus.The outcome showed …"): a stop right after
# a word of three lower-case letters and right before a capitalised word ends one too
# Japanese, Chinese and Korean: 。！？ end a sentence with no space after them, and a
# Korean one ends "…다. " before Hangul (no capital follows)
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_SPLIT = re.compile(
    r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])|\n+"
    rf"|(?<=[。！？])[」』”’）)]?\s*(?=\S)|(?<=[{_CJK_CHARS}][.!?])[\"”’)]?\s+(?=[\"“‘(]?[{_CJK_CHARS}])"
)
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Govs|Sen|Sens|Rep|Reps|Del|Rev|Hon|Pres|Capt|Cmdr|Col|Lt|Sgt"
    r"|Maj|Adm|Amb|Atty|Supt|Prof|Jan|Feb|Mar|Apr|Jun"
    r"|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.K|Inc|Ltd|Co|vs|v|etc|approx)\.$"
    # a middle initial after a given name: "Rep. Robert C. \"Bobby\" Scott", "Harry F. Byrd"
    r"|\b[A-Z][a-z]+ [A-Z]\.$"
)
# an initial after a lower-case word ("oilman T. Boone Kessler") before a name that goes on:
# no sentence ends there ("plan B. The Council voted" does: "The" opens a sentence)
_INITIAL_AFTER_WORD = re.compile(r"\b[a-z]+ [A-Z]\.$")
_NAME_GOES_ON = re.compile(r"([A-Z][a-z]+)\s+[A-Z][a-z]+")
# initials after a given name ("George H.W.") before a surname ("Bush won"): no sentence
# ends there ("in Washington D.C. The mayor …" does: "The" opens a sentence)
_INITIALS_AFTER_NAME = re.compile(r"\b[A-Z][a-z]+ (?:[A-Z]\.){2,3}$")
# initials after a lower-case word ("of the D.C.", "from the U.N.") before a name that goes
# on ("Circuit", "Secretary-General"): the initials name its body, no sentence ends there
_INITIALS_AFTER_WORD = re.compile(r"\b[a-z]+ (?:[A-Z]\.){2,3}$")
# a US state as news agencies shorten it, before a title or name ("former Fla. Gov. Jeb
# Bush"); "in San Bernardino, Calif. The shooting …" still ends
_STATE = re.compile(
    r"\b(?:Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
    r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.$"
)
# a clock time goes on with its zone, day, month or a bracket ("6:40 p.m. (GMT +8) after …",
# "By 9 a.m. Sunday, the …", "at 10 a.m. ET and"); "at 10:21 a.m. According to …" ends
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_CLOCK_GOES_ON = re.compile(
    r"\(|(?:ET|EST|EDT|E\.T\.|PT|PST|PDT|CT|CST|CDT|MT|MST|MDT|GMT|UTC|BST|CET|CEST|Eastern|"
    r"Pacific|Central|Mountain|local|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December)\b"
)
_SURNAME = re.compile(r"([A-Z][a-z]+)\b")
_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*", re.UNICODE)
_VOICE = re.compile(r"\b(?:we|we're|we’re|you|your|you're|you’re|I|our|us)\b", re.IGNORECASE)
# the page pointing at itself: "is below", "listed above", "see below"
_PAGE = re.compile(
    r"\b(?:is|are|listed|shown|described|mentioned|detailed|see|read on)\s+(?:below|above)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_NUMBER = re.compile(r"^\d[\d,.]*$")
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip


@dataclass(slots=True, frozen=True)
class Sentence:
    """One sentence of one article: its text, where it sits, and its content words."""

    text: str
    index: int  # position in the article, 0-based
    start: int  # character offset in the article text
    words: frozenset[str]


@cache
def stopwords() -> frozenset[str]:
    """Function words that say nothing about what a sentence reports (a data file)."""
    data = resources.files("newsdesk.summarize").joinpath("data/stopwords.txt")
    return frozenset(data.read_text(encoding="utf-8").split())


def number_words() -> dict[str, int]:
    """Numbers written in words, as digits ("twelve" -> 12)."""
    return dict(_NUMBER_WORDS)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").casefold()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if _NUMBER.match(word):
        return word.replace(",", "").rstrip(".")
    if word in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[word])
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry content: folded, stopwords out, numbers as digits;
    Japanese, Chinese and Korean runs as their character pairs (written without spaces, or
    with particles glued on, their words are not the runs between spaces)."""
    stop = stopwords()
    folded = _fold(text)
    words = (_stem(w) for w in _WORD.findall(_CJK_RUN.sub(" ", folded)))
    found = {w for w in words if w not in stop and (len(w) > 1 or w.isdigit())}
    for run in _CJK_RUN.findall(folded):
        found.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    return frozenset(found)


def word_count(text: str) -> int:
    """How long ``text`` is in English words' worth, the measure the summary's lengths are
    set in: a run between spaces is a word; Chinese, written unspaced, one per two
    characters, Japanese (its words spelled out in kana) one per three; a Korean word
    with its particles glued on a word and a half ("경찰은
    시위대 100명을 연행했다" tells what eight English words do)."""
    halves = 0
    for token in text.split():
        runs = _CJK_RUN.findall(token)
        hangul = any(_HANGUL.match(run) for run in runs)
        unspaced = sum(len(run) for run in runs if not _HANGUL.match(run))
        if unspaced:
            per = 3 if _KANA.search(token) else 2  # Japanese spells words out in kana
            halves += 2 * max(1, (unspaced + per - 1) // per + bool(_LATIN_IN.search(token)))
        else:
            halves += 3 if hangul else 2
    return halves // 2


_HANGUL = re.compile("[\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_LATIN_IN = re.compile(r"[A-Za-z0-9]")


def numbers_in(words: frozenset[str]) -> frozenset[str]:
    """The numbers among content words (years included)."""
    return frozenset(w for w in words if w[:1].isdigit())


# a question or exclamation quoted, then who said it: "“Who pays?” Mr. Voss asked, …" is one
# sentence; split after the mark, its attribution would stand as a sentence of its own
_ASKED = re.compile(r"[?!][\"”’]$")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w.'’-]*|the|a|an|his|her|their)(?:\s+[\w.'’-]+){0,4}?\s+"
    r"(?:said|says|asked|asks|added|adds|wrote|writes|told|tells|tweeted|replied|shouted|"
    r"exclaimed|wondered|continued|declared|joked|quipped|recalled|insisted|demanded)\b"
)


def _joined(before: str, after: str, rest: str = "") -> bool:
    """Whether the split between ``before`` and ``after`` fell inside a sentence: after an
    abbreviation, inside a name whose initial follows a lower-case word, between a given
    name's initials and the surname ("George H.W. Bush"), between a body's initials and
    the rest of its name ("the D.C. Circuit"), after a state's short form before a name
    ("former Fla. Gov. Jeb Bush"), between a clock time and its zone or day ("9 a.m.
    Sunday"), or between a quoted question and who asked it ("“Why?” Mr. Voss asked")."""
    if _ABBREV.search(before):
        return True
    if _ASKED.search(before):  # the attribution may run past an abbreviation ("Mr. Voss")
        return bool(_ATTRIBUTION.match((rest or after).lstrip()))
    if _CLOCK.search(before):
        return bool(_CLOCK_GOES_ON.match(after.lstrip()))
    if any(p.search(before) for p in (_INITIALS_AFTER_NAME, _INITIALS_AFTER_WORD, _STATE)):
        surname = _SURNAME.match(after.lstrip())
        return bool(surname and surname[1].casefold() not in stopwords())
    name = _NAME_GOES_ON.match(after.lstrip())
    return bool(
        name and _INITIAL_AFTER_WORD.search(before) and name[1].casefold() not in stopwords()
    )


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of an article's text, with their offsets; abbreviations do not split."""
    pieces: list[tuple[int, str]] = []
    cursor = 0
    for match in _SPLIT.finditer(text):
        pieces.append((cursor, text[cursor : match.start() + len(match.group(0).rstrip())]))
        cursor = match.end()
    pieces.append((cursor, text[cursor:]))
    merged: list[tuple[int, str]] = []
    for start, piece in pieces:
        if (
            merged
            and _joined(merged[-1][1].rstrip(), piece, text[start : start + 120])
            and "\n" not in text[start - 1 : start]
        ):
            begin, _ = merged[-1]
            merged[-1] = (begin, text[begin : start + len(piece)])
            continue
        merged.append((start, piece))
    sentences: list[Sentence] = []
    for start, piece in merged:
        stripped = piece.strip()
        if not stripped:
            continue
        offset = start + piece.index(stripped[0])
        sentences.append(Sentence(stripped, len(sentences), offset, content_words(stripped)))
    return sentences


def normalise_quote(text: str) -> str:
    """A quote's words only, folded: the form in which two outlets' quotes are compared."""
    return " ".join(_WORD.findall(_fold(text)))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_TITLE_CASE_SHARE = 0.8  # of the words of four letters or more (a lead full of names: 0.6)


def title_cased(text: str) -> bool:
    """A line in Title Case, as a headline is set ("Trump Got More Votes In Ohio Than
    Clinton"): at least four long words, nearly all capitalised, not all in capitals."""
    words = _LONG_WORD.findall(text)
    if len(words) < 4 or all(w.isupper() for w in words):
        return False
    return sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def bare_quotation(text: str) -> bool:
    """A sentence that is a quotation and nothing else (“Maybe there is, I don't know.”):
    alone it says neither who spoke nor about what."""
    return text[:1] in ("“", '"') and not any(c.isalnum() for c in unquoted(text))


_TERMINALS = " .;!?…\"'”’"  # ";": the deck separator an archive ends a headline with


def headline_key(text: str) -> str:
    """A headline as compared with a line: folded, its stop or ellipsis off."""
    return " ".join(text.casefold().split()).rstrip(_TERMINALS)


@lru_cache(maxsize=256)
def _first_line(body: str) -> str:
    """The first line of ``body`` when more text follows it (a headline above its text),
    else "": read once per text, however many of its sentences are asked about."""
    end = body.find("\n")
    return body[:end] if end != -1 and body[end:].strip() else ""


def headline_line(title: str | None, body: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` is its text's headline printed as a line: in the first paragraph
    when that paragraph is the title, whole (archives print the headline above the text,
    "Blistering attacks upend Trump's pivot to statesman mode.", sometimes as two sentences);
    anywhere, the title set in Title Case; or the first line its title cut short with an
    ellipsis (a headline longer than a title may be)."""
    if not title:
        return False
    own, line = headline_key(title), headline_key(sentence.text)
    first = _first_line(body)
    if sentence.start < len(first) and printed_headline(title, first):
        return True
    if not title_cased(title):
        return False
    cut = title.rstrip().endswith(("…", "...")) and sentence.index == 0 and line.startswith(own)
    return line == own or cut


def printed_title(title: str | None, extras: Mapping[str, object]) -> str | None:
    """The title as a headline the text may print above its lead: none when the title is the
    text's first line cut short (the cleaner's ``title_source`` "lead") in sentence case,
    which may be the lead's own start ("The Angels made an eight-year offer to … during…")
    as well as a headline; a first line in Title Case is a headline either way."""
    cut = bool(title) and str(title).rstrip().endswith(("…", "..."))
    lead = extras.get("title_source") == "lead" and not title_cased(str(title))
    return None if cut and lead else title


def printed_headline(title: str, line: str) -> bool:
    """Whether ``line`` is the headline ``title`` printed whole, or the headline a title cut
    short with an ellipsis began ("Why Obama's high-court pick might still fly - with the
    aid of a lame…" over "… with the aid of a lame duck.")."""
    own, printed = headline_key(title), headline_key(line)
    cut = title.rstrip().endswith(("…", "..."))
    return printed == own or (cut and len(own.split()) >= 4 and printed.startswith(own))


# the dash may be an em or en dash, a hyphen, a horizontal bar ("WASHINGTON ― …") or a figure dash
DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[^—–―‒()]{1,25}?)?(?:\s*\([^)]{1,40}\))?\s*[—–―‒-]\s+"
    # "(CNN) — Colombian troops …", "BOGOTA, Colombia (CNN) Colombian President …": a wire's
    # one-word name in brackets, with no dash after it
    r"|^(?:[A-Z][A-Z .'’-]{2,40}(?:,\s*[^—–―‒()]{1,25}?)?\s*)?\([A-Z][\w&.-]{1,15}\)\s*"
    r"(?:[—–―‒-]\s*)?(?=[A-Z“\"])"
    # "Mexico City (AFP) – It featured drama …": a place set in title case, then the wire's
    # name in brackets (no hyphen: "Sen. Ted Cruz (R-Texas) — " is a name) and a dash
    r"|^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}(?:,\s*[A-Z][a-z.]+(?:\s+[A-Z][a-z.]+){0,2})?"
    r"\s*\([A-Z][A-Za-z&. ]{1,20}\)\s*[—–―‒-]\s+(?=[A-Z“\"])"
    # "Aug 27 (Reuters) - Democrat Hillary Clinton …": the day a wire dated it, the place
    # left off (or set in title case before it)
    r"|^(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3},\s*)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2}"
    r"\s*\([A-Z][A-Za-z&. ]{1,20}\)\s*[—–―‒-]\s+(?=[A-Z“\"])"
    # "Washington, DC, United States: Getting to the Moon …", "Dekalb, Ill. — Mike Glass …":
    # a place in title case, its state or country after a comma, then a colon or a dash (a
    # word in capitals before a colon is a speaker or a kicker: "DEAR ABBY:", "TAPPER:")
    r"|^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][a-z]+){0,2}){1,2}"
    r"\s*[:—–―‒-]\s+(?=[A-Z“\"])"
)


def deck_line(body: str, sentence: Sentence, title: str | None = None) -> bool:
    """Whether ``sentence`` is the deck printed under its text's headline: archives end the
    headline line with the deck separator ";" and set the deck on the next line
    ("… secret weapon, Trump hints; \nSays Clinton would stack Supreme Court against gun
    advocates."), a short line over a lead that opens with its dateline is one too
    ("After a pause in the north, senator seems ready for a fight in the south.\n\nPORT
    SELVA - …": the dateline opens the story), and so is a line in headline English under
    the ``title`` printed as the first line ("Rabbis vow to boycott …\n\nProtest is set as
    Jewish leaders consider qualms about GOP front-runner.\n\nA group of rabbis …"). A
    deck sums the headline up without a subject: it is no news sentence."""
    first = body.find("\n")
    if first != -1 and body[:first].rstrip().endswith(";"):
        end = body.find("\n", first + 1)
        end = len(body) if end == -1 else end
        if len(body[first:end].split()) <= _DECK_WORDS:  # else the lead under a headline
            return first < sentence.start < end
    spans = _over_dateline(body)
    if title:
        spans += _under_headline(title, body)
    return any(start <= sentence.start < end for start, end in spans)


_DECK_WORDS = 25  # a deck is a line, not a paragraph


@lru_cache(maxsize=256)
def _over_dateline(body: str) -> tuple[tuple[int, int], ...]:
    """The short lines over a lead that opens with a dateline, among the text's first three
    lines: a wire's story begins at its dateline."""
    lines, start = [], 0
    for line in body.split("\n"):
        if line.strip():
            lines.append((start, start + len(line), line.strip()))
        start += len(line) + 1
    for n, (_, _, text) in enumerate(lines[:3]):
        if n and DATELINE.match(text):
            return tuple(
                (a, b) for a, b, t in lines[:n] if len(t.split()) <= _DECK_WORDS
            )  # fmt: skip
    return ()


# headline English drops articles and pronouns ("Plan would create huge experiment in effects
# of higher labor costs.") and says no day: a short lead that does either is news ("It won't
# be easy to get rid of coal.", "Sanders won Tuesday's primary in West Virginia."). A deck
# may keep a later article where its subject has none ("Approval would end one of the
# biggest walk-offs in company history."), a lead opens with one or with a name.
_ARTICLES = re.compile(r"\b(?:the|a|an)\b", re.IGNORECASE)
_PROSE_WORDS = re.compile(
    r"\b(?:i|me|my|we|us|our|you|your|he|him|his|she|her|it|its|they|them|their|"
    r"today|tonight|yesterday|tomorrow|week|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"\b",
    re.IGNORECASE,
)
_BARE_SUBJECT_WORDS = 3  # a deck's subject: no article among its first words
# words that open a sentence of prose, not a bare subject
_OPENER_WORDS = (
    "then now but and or so yet still also instead meanwhile however here there this that "
    "these those what when where why how who which if as after before since while though "
    "although because in on at for with by from of to once even just only never always "
    "being having not no all some many most every each one two"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
_HEADLINE_DECK_WORDS = (5, 12)
_LEAD_WORDS = 15  # a lead paragraph of one short sentence still tells the news in prose


_DECKS = 2  # lines of deck an archive sets under one headline


@lru_cache(maxsize=256)
def _under_headline(title: str, body: str) -> tuple[tuple[int, int], ...]:
    """The lines in headline English right under the headline a text prints as its first
    line (``title``) and over a lead paragraph: the deck an archive keeps between them, in
    one line or two ("ad blitz planned; romney to speak out.\n\nOther voices counter it's
    time to embrace the mogul.")."""
    lines, start = [], 0
    for line in body.split("\n"):
        if line.strip():
            lines.append((start, start + len(line), line.strip()))
        start += len(line) + 1
    if len(lines) < 3 or not printed_headline(title, lines[0][2]):
        return ()
    decks: list[tuple[int, int]] = []
    for a, b, text in lines[1 : _DECKS + 2]:
        if len(text.split()) >= _LEAD_WORDS:
            return tuple(decks)
        if len(decks) == _DECKS or not _headline_english(text, body):
            return ()
        decks.append((a, b))
    return ()


def _headline_english(line: str, body: str) -> bool:
    """A short line of one sentence with no pronoun and no day, and either no article at
    all or a bare subject: no article in its first words, the first an open-class word that
    is no name (the text never writes it capitalised inside a sentence: "Approval", not
    "Paul"; "Then", "Being" open prose)."""
    low, high = _HEADLINE_DECK_WORDS
    words = line.split()
    if not (
        low <= len(words) <= high
        and line.rstrip("\"'”’").endswith((".", "?", "!"))
        and len(split_sentences(line)) == 1
        and not _PROSE_WORDS.search(line)
    ):
        return False
    if not _ARTICLES.search(line):
        return True
    first = words[0].strip("\"'“‘(")
    return (
        first.isalpha()
        and first.lower() not in _OPENERS
        and words[1][:1].islower()  # "Paul Manafort has …", "President Barack Obama …": a name
        and not _ARTICLES.search(" ".join(words[:_BARE_SUBJECT_WORDS]))
        and re.search(rf"\b[a-z][\w,]*\s+{re.escape(first)}\b", body) is None  # a name's
    )


# a transcript line's speaker: "Q:", "A:", a name in capitals ("JOEL BENENSON:"); a question's
# "Q" printed against its first word ("QWhat happens now?") once answers are labelled
_LABEL = re.compile(r"(Q|A|[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,3}):\s")
_GLUED_Q = re.compile(r"Q(?=[A-Z][a-z’'])")


@lru_cache(maxsize=256)
def _spoken_lines(body: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``body``'s lines a speaker's label opens, when the text is a dialogue:
    a label said twice (a surname counts for the full name) or questions and answers. One
    label alone ("UPDATE: …") is a kicker over news, not a transcript."""
    lines, start = [], 0
    for line in body.split("\n"):
        lines.append((start, start + len(line), line.strip()))
        start += len(line) + 1
    labels = [(a, b, _LABEL.match(t)) for a, b, t in lines]
    said = [m[1].split()[-1] for _, _, m in labels if m]
    if not any(said.count(name) >= 2 for name in said) and not {"Q", "A"} <= set(said):
        return ()
    answers = said.count("A") >= 2
    return tuple(
        (a, b) for (a, b, m), (_, _, t) in zip(labels, lines, strict=True)
        if m or (answers and _GLUED_Q.match(t))
    )  # fmt: skip


def transcript_line(body: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` lies in a line of a transcript or interview, which opens with its
    speaker's label ("BENENSON: Senator Sanders doesn't get to decide when we debate.",
    "A: … I think American women were shocked …"): the speaker's words, unquoted, not the
    outlet's telling."""
    spans = _spoken_lines(body)
    at = bisect_right(spans, (sentence.start, 1 << 62)) - 1
    return at >= 0 and spans[at][0] <= sentence.start < spans[at][1]


# each opening quotation mark and the marks that close it: English “…”, German „…“ (and
# „…”), French «…», straight "…", and the pairs sources mix ('"work-related”')
_CLOSES = {"“": '”"', "„": "“”", "«": "»", '"': '"”'}


def _read_mark(expected: list[str], text: str, i: int) -> bool:
    """Read the quotation mark at ``text[i]`` into ``expected`` (the closers of the
    quotations open, innermost last): marks nest ('"MAYOR: … “a disaster.” But …'); a
    straight mark opens after a space, else closes. True when it closes a quotation opened
    before ``text``; a closing mark opening a paragraph opens one."""
    mark = text[i]
    if mark == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–"):
        expected.append(_CLOSES['"'])
        return False
    if mark in _MISPRINTED and (i == 0 or text[i - 1] == "\n"):
        expected.append(_MISPRINTED[mark])  # ”Mr. Trump embodies …” opening a paragraph
        return False
    shut = next((k for k in range(len(expected) - 1, -1, -1) if mark in expected[k]), None)
    if shut is not None:
        del expected[shut:]
        return False
    if mark in _CLOSES and mark != '"':
        expected.append(_CLOSES[mark])
        return False
    return not expected


# a closing mark that opens a paragraph opens a quotation (a paragraph of a quotation
# that goes on opens with “; ” there is a misprint of it)
_MISPRINTED = {"”": '”"', "»": "«»"}
_MARK = re.compile('[“”„«»"]')
_MARK_OR_BREAK = re.compile('[“”„«»"\n]')


def _quotations(text: str) -> tuple[bool, bool]:
    """Whether ``text`` closes a quotation it did not open, and whether it ends inside one
    it opened."""
    expected: list[str] = []
    closes_earlier = False
    for found in _MARK.finditer(text):
        closes_earlier = _read_mark(expected, text, found.start()) or closes_earlier
    return closes_earlier, bool(expected)


@lru_cache(maxsize=256)
def _open_after(body: str) -> tuple[list[int], list[bool]]:
    """Whether a quotation is open after each quotation mark or line break of ``body``
    (offsets one past the mark, ascending; a line break closes every quotation, and a
    paragraph may open inside one whose opening mark was lost: :func:`_opened_before`): one
    scan of a text, however many of its sentences are asked about."""
    expected = _opened_before(body, 0)
    offsets, open_ = [0], [bool(expected)]
    for found in _MARK_OR_BREAK.finditer(body):
        if found[0] == "\n":
            expected = _opened_before(body, found.end())
        else:
            _read_mark(expected, body, found.start())
        offsets.append(found.end())
        open_.append(bool(expected))
    return offsets, open_


# a straight mark shaped as a closer: after a letter or a sentence's stop, before a space
# or a stop ('Rossonero (red-black)," Ronaldinho told'; not 6'2" tall)
_STRAIGHT_CLOSER = re.compile(r'(?<=[^\W\d_]|[.,!?)])"(?=[\s,.;:]|$)')


def _opened_before(body: str, start: int) -> list[str]:
    """The quotation a paragraph starting at ``start`` opens inside, as ``_read_mark``'s
    ``expected``: its first mark that closes one it never opened ('I really wanted to come
    to Milan. A lot of things happened …," Ronaldinho told': the scraper lost the opening
    mark), else none."""
    end = body.find("\n", start)
    expected: list[str] = []
    for found in _MARK.finditer(body, start, len(body) if end < 0 else end):
        at = found.start()
        if _read_mark(expected, body, at):
            closer = body[at] != '"' or _STRAIGHT_CLOSER.match(body, at) is not None
            return [body[at]] if closer else []
    return []


def open_quotation(text: str) -> bool:
    """Whether ``text`` ends inside a quotation it opened (the head of one that goes on)."""
    return _quotations(text)[1]


def closes_quotation(text: str) -> bool:
    """Whether ``text`` closes a quotation opened before it (the tail of one split over
    sentences: 'of [his] systems" including his heart.')."""
    return _quotations(text)[0]


def inside_quotation(body: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` of ``body`` lies inside a quotation an earlier sentence of its
    paragraph opened ('He added, “We'll round them all up? Every one of them, …”'): it
    carries no quotation marks, so shown alone it reads as the outlet's own claim."""
    offsets, open_ = _open_after(body)
    return open_[bisect_right(offsets, sentence.start) - 1]


def broken_line(text: str) -> bool:
    """Whether ``text`` opens with a word all in lower case: the rest of a sentence a line
    break cut ("of the issue gear up for national, local elections."), no sentence of its
    own; a name written so ("iPhone", "eBay") is not all lower case."""
    words = text.lstrip("\"“‘'([ ").split(maxsplit=1)
    first = words[0].rstrip(",;:.") if words else ""
    return first.isalpha() and first.islower()


def outlet_voice(text: str) -> bool:
    """The outlet talking to its reader ("we're looking at…", "All that and more is
    below in the latest Lunch Break."), outside quotation marks."""
    said = unquoted(text)
    return _VOICE.search(said) is not None or _PAGE.search(said) is not None


def unquoted(text: str) -> str:
    """``text`` with each “…” or "…" span removed, as ``_QUOTED.sub("", text)`` would, in
    linear time (the pattern rescans to the end from every unclosed mark: quadratic)."""
    kept: list[str] = []
    i, n = 0, len(text)
    nxt: dict[str, int] = {}  # mark -> its next index at or after the last look (-1: none)

    def find(mark: str, start: int) -> int:
        cached = nxt.get(mark)
        if cached is None or (cached != -1 and cached < start):
            cached = nxt[mark] = text.find(mark, start)
        return cached

    while i < n:
        curly, straight = find("“", i), find('"', i)
        starts = [k for k in (curly, straight) if k != -1]
        if not starts:
            break
        k = min(starts)
        close = find("”", k + 1) if k == curly else find('"', k + 1)
        if close == -1:  # unclosed: the mark stays, the scan moves past it
            kept.append(text[i : k + 1])
            i = k + 1
            continue
        kept.append(text[i:k])
        i = close + 1
    kept.append(text[i:])
    return "".join(kept)
