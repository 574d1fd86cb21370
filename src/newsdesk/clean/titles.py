"""Titles that are never debris, and a title from the lead when a page gives none.

:func:`title_debris` says why a candidate title is page furniture rather than a headline:
a media or caption notice ("Please enable Javascript to watch this video", "Image
copyright Reuters Image caption ..."), a share bar, a photo credit ("Getty Images / NAME /
Contributor"), a bare dateline or page stamp ("CITY, Country |", "23 July 2013 Last updated
at 13 : 42 GMT"), or a line that is a debris line of the cleaner. The rules are shapes (a
short line plus furniture vocabulary, credit separators, timestamp tokens), not strings
seen on particular pages.

:func:`lead_title` is the short extract of the lead sentence used when no real title
exists; :func:`choose_title` is the one function every reader path uses, so ``articles``,
the web and search show the same title.
"""

from __future__ import annotations

import re

from newsdesk.clean.data import CleanData, load_data
from newsdesk.clean.furniture import is_disclosure, title_furniture
from newsdesk.clean.lines import is_cjk, normalise, split_lines

__all__ = ["LEAD_TITLE_WORDS", "choose_title", "lead_title", "title_debris"]

LEAD_TITLE_WORDS = 14  # a title made from the lead stops after this many words
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


def _cut(sentence: str) -> str:
    if is_cjk(sentence):
        return sentence[:_LEAD_CJK_CHARS] + ("…" if len(sentence) > _LEAD_CJK_CHARS else "")
    tokens = sentence.split()
    if len(tokens) <= LEAD_TITLE_WORDS:
        return sentence.rstrip(" .")
    return " ".join(tokens[:LEAD_TITLE_WORDS]).rstrip(" ,;:-–—") + "…"


# "SEOUL, South Korea (CNN) —", "(Reuters) -", "MADRID —": the dateline is not the headline
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+(?:,\s*[\w .'’-]{2,30}?)?\s*)?\([A-Z][\w .&-]{0,20}\)\s*[-—–:]*\s*|"
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,}(?:,\s*[\w .'’-]{2,30}?)?\s*[—–-]+\s+"
)
# a sentence ends at . ! ? (not after an initial, "Mary J. Blige", or a title, "Mr. Lee")
_SENTENCE = re.compile(
    r"(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bGov\.)"
    r"(?<!\bSen\.)(?<!\bRep\.)(?<!\bGen\.)(?<=[.!?。！？])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9À-Ý])"
)


def lead_title(text: str, data: CleanData | None = None) -> str | None:
    """A short extract of the lead sentence: the first line that is not furniture."""
    data = data if data is not None else load_data()
    for line in split_lines(text)[:40]:
        if title_debris(line.norm, data) is not None or is_disclosure(line.norm):
            continue  # furniture, or "This post is sponsored by …": not the lead
        if not is_cjk(line.norm) and len(line.norm.split()) < 4:
            continue
        body = _DATELINE.sub("", line.norm)
        first = _SENTENCE.split(body, maxsplit=1)[0]
        if not is_cjk(first) and len(first.split()) < 4:  # "6. The council…", "oOh! media…"
            first = body
        if first and title_debris(first, data) is None:
            return _cut(first)
    return None


def choose_title(
    given: str | None, found: str | None, text: str, data: CleanData | None = None
) -> tuple[str | None, str]:
    """The article's title and where it came from ("given", "text", "lead" or "none").

    ``given`` is what the record or the page's markup said; ``found`` the headline line the
    cleaner read off the text. Debris is never chosen; with no real title, the lead is cut.
    """
    data = data if data is not None else load_data()
    if given and title_debris(given, data) is None:
        return given, "given"
    if found and title_debris(found, data) is None:
        return found, "text"
    lead = lead_title(text, data)
    return (lead, "lead") if lead else (None, "none")
