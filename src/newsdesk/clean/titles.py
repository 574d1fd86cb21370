"""Titles that are never debris, and a title from the lead when a page gives none.

:func:`title_debris` says why a candidate title is page furniture rather than a headline:
a media or caption notice ("Please enable Javascript to watch this video", "Image
copyright Reuters Image caption ..."), a share bar, a photo credit ("Getty Images / NAME /
Contributor"), a bare dateline or page stamp ("CITY, Country |", "23 July 2013 Last updated
at 13 : 42 GMT"), or a line that is a debris line of the cleaner. The rules are shapes (a
short line plus furniture vocabulary, credit separators, timestamp tokens), not strings
seen on particular pages.

:func:`without_site_tail` takes the site's name off the end of a title a record carries
("<headline> - RT USA News", "<headline> - 滚动新闻 - 湖南日报网 - 华声在线",
"<headline>-中新网"): a page's markup title is trimmed against its site name during
extraction, a record's title only by this shape.

:func:`lead_title` is the short extract of the lead sentence used when no real title
exists; :func:`choose_title` is the one function every reader path uses, so ``articles``,
the web and search show the same title.
"""

from __future__ import annotations

import re

from newsdesk.clean.data import CleanData, load_data
from newsdesk.clean.furniture import is_disclosure, title_furniture
from newsdesk.clean.lines import (
    CLOSERS,
    capitalised_share,
    is_cjk,
    is_title_like,
    normalise,
    split_lines,
)

__all__ = [
    "LEAD_TITLE_WORDS",
    "choose_title",
    "lead_title",
    "one_word_heading",
    "title_debris",
    "without_site_tail",
]

LEAD_TITLE_WORDS = 14  # a title made from the lead stops after this many words
# the share of capitalised content words of a headline printed with a full stop: a lead
# full of names reaches 0.6 ("Without a hometown star … fans at Yankee Stadium adopted
# Josh Hamilton."), Title Case is near 1
_TITLE_CASE = 0.75
_LEAD_CJK_CHARS = 40


def title_debris(text: str | None, data: CleanData | None = None) -> str | None:
    """Why ``text`` cannot be a title (a short reason), or None when it can."""
    line = normalise(text or "")
    if not line:
        return "empty"
    if is_cjk(line):
        return None if len(line) >= 4 else "too_short"
    if len(line.split()) < 2:
        return "too_short"
    data = data if data is not None else load_data()
    rule = next((r for r in data.rules if r.matches(line)), None)
    if rule is not None:
        return rule.reason
    return title_furniture(line)


# how a headline line ends: an ellipsis the outlet printed (normalised to "..."), a full
# stop, the separator a deck follows ("…side doors; \nIn Congress, …"), closing quotes
# ("U.S.;" keeps its abbreviation's stop: a headline has a stop or a separator, not both)
_LINE_END = re.compile(
    r"(?P<dots>(?:\s*\.){3})?(?P<stop>[;:,]|(?<!\b[A-Z]\.[A-Z])\.)?(?P<closers>[\"'”’»)]*)\s*$"
)
# a quotation: the line opens with a quote mark it closes only at its end
_QUOTATION = re.compile(r"^[\"“‘«][^\"“”‘’«»]*[\"”’»]+\W*$")


def _headline_end(line: str) -> str:
    """``line`` as a headline prints it: its final stop or deck separator off, an
    ellipsis the outlet printed kept ("Names Its New Chair, But …"), closing quotes kept
    ("… Into The Spring’")."""
    end = _LINE_END.search(line)
    assert end is not None  # every part of the pattern is optional
    dots = end["dots"] or ""
    if not (dots or end["stop"]):
        return line.rstrip()
    ellipsis = (" " if dots[:1].isspace() else "") + "…" if dots else ""
    return line[: end.start()].rstrip() + ellipsis + end["closers"]


def _cut(sentence: str) -> str:
    if is_cjk(sentence):
        return sentence[:_LEAD_CJK_CHARS] + ("…" if len(sentence) > _LEAD_CJK_CHARS else "")
    tokens = sentence.split()
    if len(tokens) <= LEAD_TITLE_WORDS:
        return _headline_end(sentence)
    return " ".join(tokens[:LEAD_TITLE_WORDS]).rstrip(" ,;:-–—") + "…"


# "SEOUL, South Korea (CNN) —", "(Reuters) -", "MADRID —": the dateline is not the headline
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+(?:,\s*[\w .'’-]{2,30}?)?\s*)?"
    r"\([A-Z][\w .&-]{0,20}\)\s*[-—–―‒:]*\s*|"
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:,\s*[\w .'’-]{2,30}?)?\s*[—–―‒-]+\s+"
)
# a sentence ends at . ! ? (not after an initial, "Mary J. Blige", a title, "Mr. Lee", or in
# a case's name, "Roe v. Wade")
_SENTENCE = re.compile(
    r"(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bGov\.)"
    r"(?<!\bSen\.)(?<!\bRep\.)(?<!\bGen\.)(?<!\bv\.)(?<!\bvs\.)(?<=[.!?。！？])"
    r"[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9À-Ý])"
)


def _headline_with_stop(text: str, data: CleanData) -> bool:
    """A line in Title Case that ends with a full stop, as some archives print their
    headlines ("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to
    Avoid Bad Optics.", "Mayor: ‘We Will Keep It Running.’", a teaser the outlet cut
    itself, "… Chair, But …."): the headline, not a lead sentence."""
    core = text.rstrip(CLOSERS)
    if not core.endswith(".") or _DATELINE.match(text) or _QUOTATION.match(text):
        return False  # a dateline opens a lead, never a headline; nor is a quotation one
    head = core.rstrip(" .").rstrip(CLOSERS)
    share = capitalised_share(head, data.title)
    if share is None or share < _TITLE_CASE:
        return False
    if core.endswith("..."):  # a teaser may stop on any word ("…, But …")
        return data.title.min_words <= len(head.split()) <= data.title.max_words
    return is_title_like(head, data.title)


def lead_title(text: str, data: CleanData | None = None) -> str | None:
    """A short extract of the lead sentence: the first line that is not furniture."""
    data = data if data is not None else load_data()
    for line in split_lines(text)[:40]:
        if title_debris(line.norm, data) is not None or is_disclosure(line.norm):
            continue  # furniture, or "This post is sponsored by …": not the lead
        if _TABLE_ROW.match(line.norm):
            continue  # a table's row ("| 26 | 01 | 2022 | Praxis | Video |"): never the lead
        if not is_cjk(line.norm) and len(line.norm.split()) < 4:
            continue
        if _headline_with_stop(line.norm, data):
            return _headline_end(line.norm)  # a headline, whole: no lead to cut short
        body = _DATELINE.sub("", line.norm)
        first = _SENTENCE.split(body, maxsplit=1)[0]
        if not is_cjk(first) and len(first.split()) < 4:  # "6. The council…", "oOh! media…"
            first = body
        whole = _whole_first_word(first, text, data)
        if whole and title_debris(whole, data) is None:
            return _cut(whole)
    return None


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _whole_first_word(sentence: str, text: str, data: CleanData) -> str:
    """``sentence`` with its first word whole: a page that set its first letter apart (a
    drop cap) lost it to the scraper ("outh Korea has become …"); the letter comes back when
    the text writes the word whole elsewhere, with one capital only ("South Korean"). A
    sentence whose first word is a word ("de Blasio", "iPhone"), or whose word the text
    does not tell, is kept as it is (a lead cut by words still says what happened)."""
    found = _FIRST_WORD.match(sentence)
    if found is None or not sentence[:1].islower():
        return sentence
    fragment = found.group()
    if not fragment.islower() or fragment.casefold() in data.common_words:
        return sentence
    capitals = set(re.findall(rf"(?<!\w)([A-Z]){re.escape(fragment)}(?!\w)", text))
    return capitals.pop() + sentence if len(capitals) == 1 else sentence


# the separators a title's tail hangs on: spaced dashes and bars, or a bare hyphen or
# underscore between two CJK characters ("演讲-中新网")
_TAIL_SEPARATOR = re.compile(
    r"\s+[-|–—_·－]\s+|(?<=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])[-_|－](?=\S)"
)
_TAIL_WORDS = 4  # a site name or a section label is a few words
_TAIL_CJK_CHARS = 10
_HEAD_WORDS = 4  # what is left must still read as a headline
_HEAD_CJK_CHARS = 8
# the words a site's name is made of ("RT USA News", "China News Network", "湖南日报网")
# broadcasters' names are networks and their stations ("CBS Los Angeles", "FOX 5 DC", "BR24")
_SITE_WORD = re.compile(
    r"\b(?:news|network|online|daily|times|post|herald|tribune|journal|gazette|website|"
    r"magazine|radio|tv)\b|\.(?:com|net|org|cn|co|jp|kr|de|uk)\b|"
    r"^(?:cbs|nbc|abc|fox|msnbc|pbs|npr|cbc|ctv|itv|sky|rte|ard|zdf|orf|srf|rtl|br24|ndr|wdr|"
    r"swr|mdr|rbb)\b|"
    r"[网網报報社台]$|在线|新闻|新聞|ニュース|新聞|뉴스|일보|신문|방송",
    re.IGNORECASE,
)


def _tail_sized(part: str) -> bool:
    part = part.strip(' "”’»')
    if not part:
        return False
    if is_cjk(part):
        return len(part) <= _TAIL_CJK_CHARS
    return len(part.split()) <= _TAIL_WORDS and not part.endswith((".", "!", "?"))


def _head_sized(head: str) -> bool:
    return len(head) >= _HEAD_CJK_CHARS if is_cjk(head) else len(head.split()) >= _HEAD_WORDS


def _site_name(part: str, data: CleanData) -> bool:
    folded = part.strip(' "”’»').casefold()
    names = (*data.outlets, *data.aggregators)
    return bool(_SITE_WORD.search(folded)) or any(n.casefold() == folded for n in names)


def without_site_tail(title: str, data: CleanData | None = None) -> str:
    """``title`` less a trailing site name or section trail: two or more short parts after
    the headline ("- Section - Site"), or one that names a site; the headline left must
    still be one (four words, or eight CJK characters)."""
    parts = _TAIL_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    data = data if data is not None else load_data()
    tail = 0
    while tail < len(parts) - 1 and _tail_sized(parts[len(parts) - 1 - tail]):
        tail += 1
    if tail == 1 and not _site_name(parts[-1], data):
        tail = 0
    if tail == 0:
        return title
    cut = [m.start() for m in _TAIL_SEPARATOR.finditer(title)][len(parts) - 1 - tail]
    head = title[:cut].strip()
    return head if _head_sized(head) else title


# a row of a table as the extractor writes it: cells between bars
_TABLE_ROW = re.compile(r"^\|.*\|$|^\|\s")
_ONE_WORD_LETTERS = 4
# a word shaped like a name: an inner capital ("BestCrypt", "iPhone") or letters joined by a
# hyphen ("Bielersee-Winterhechte")
_NAME_SHAPED = re.compile(r"^[\w'’-]*(?:[a-zà-ÿ][A-ZÀ-Ý]|[^\W\d_]-[^\W\d_])[\w'’-]*$")


def one_word_heading(title: str, text: str, data: CleanData | None = None) -> bool:
    """A one-word title shaped like a name ("Bielersee-Winterhechte", "BestCrypt") that is
    also a line of its own in the page's text (its heading): a title, not a label."""
    data = data if data is not None else load_data()
    word = normalise(title)
    if len(word.split()) != 1 or sum(c.isalpha() for c in word) < _ONE_WORD_LETTERS:
        return False
    if not _NAME_SHAPED.search(word):
        return False  # a plain word ("Video", "Home") is a label as often as a heading
    if title_furniture(word) is not None or any(r.matches(word) for r in data.rules):
        return False
    return any(line.norm.casefold() == word.casefold() for line in split_lines(text)[:40])


def choose_title(
    given: str | None,
    found: str | None,
    text: str,
    data: CleanData | None = None,
    *,
    heading: bool = False,
) -> tuple[str | None, str]:
    """The article's title and where it came from ("given", "text", "lead" or "none").

    ``given`` is what the record or the page's markup said (``heading``: a one-word title
    the page's text carries as a line of its own, see :func:`one_word_heading`); ``found``
    the headline line the cleaner read off the text. Debris is never chosen; with no real
    title, the lead is cut.
    """
    data = data if data is not None else load_data()
    if given and (heading or title_debris(given, data) is None):
        return without_site_tail(given, data), "given"
    if found and title_debris(found, data) is None:
        return found, "text"
    lead = lead_title(text, data)
    return (lead, "lead") if lead else (None, "none")
