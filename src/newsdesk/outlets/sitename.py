"""The name a page gives its own site in its ``<title>``, for hosts the registry lacks.

``og:site_name`` and a JSON-LD publisher's name are read by the extractor (they reach
the resolver as ``Article.outlet``). Many pages state neither and end their ``<title>``
with the site's name instead: "Das Ministerium informiert | Die PARTEI Lübeck". That
suffix is taken only when it is consistent with the page's host (its letters hold the
host's name, or the host's name holds its letters, or its words' initials spell it), so
a headline's last clause ("… - Reuters" on a blog quoting Reuters, "… | Interview") is
never mistaken for the site.

A stated site name can carry more than the name: a slogan or a list of sections ("WSVN 7News |
Miami News, Weather, Sports | Fort Lauderdale", "My Daily Magazine - Art, Design, DIY"), or a
page's title before it ("Achtsam durch die Krise | Die FURCHE"). :func:`site_name_part`
keeps the part that is the name.
"""

from __future__ import annotations

import html
import re
import unicodedata

from newsdesk.article import Article

__all__ = ["host_label", "host_words", "page_title", "site_name_part", "title_site_name"]

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|•|//)\s+")
# a tagline, not a name: the site's address after a preposition ("Island News on
# www.islandpost.example"), a question ("Gardener needed? Call us"); an exclamation mark
# alone is many a brand's ("OK! Magazin", "TACH!")
_ON_HOST = re.compile(
    r"\s(?:on|at|auf|bei|sur|en|op|@)\s+(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\s*$", re.I
)
_SENTENCE = re.compile(r"[?¿]")
# a description: "A blog about …", "Ein Blog über …" (a comma is many a blog's name:
# "Das Leben, der Meister und ich")
_INDEFINITE = {"a", "an", "ein", "eine", "un", "une", "una", "uno", "een", "um", "uma"}
_DESCRIPTION_WORDS = 4
_SCAN_CHARS = 300_000
_MAX_WORDS = 6
_MAX_CHARS = 60
_MIN_KEY = 3
_SECOND_LEVEL = {"co", "com", "net", "org", "or", "ne", "ac", "gov", "go", "edu", "gob"}
# hosting platforms whose sub-domain is the site (as newsdesk.outlets.resolve reads them)
_PLATFORMS = {"wordpress", "blogspot", "tumblr", "substack", "medium", "livejournal", "weebly",
              "typepad", "github", "over-blog", "hypotheses", "ucoz", "forumieren"}  # fmt: skip
_GENERIC = {"www", "m", "mobile", "amp", "blog", "blogs", "news", "de", "en", "archiv", "wiki"}


def _letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def host_label(host: str) -> str:
    """The registrable name of a host without its suffix: ``www.die-partei.net`` ->
    ``die-partei``, ``news.bbc.co.uk`` -> ``bbc``, ``joyofsox.blogspot.nl`` -> ``blogspot``."""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return labels[0] if labels else ""
    core = labels[:-1]
    if len(core) >= 2 and core[-1] in _SECOND_LEVEL and len(labels[-1]) == 2:
        core = core[:-1]
    return core[-1]


def page_title(article: Article) -> str | None:
    """The ``<title>`` of an article read from an HTML page (HTML files, WARC records,
    fetched pages), unescaped; None for anything else."""
    if article.extras.get("raw_format") != "html" or not article.raw:
        return None
    found = _TITLE.search(article.raw[:_SCAN_CHARS])
    if found is None:
        return None
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", found.group(1))).split())
    return text or None


def _consistent(name: str, host: str) -> bool:
    key = _letters(name)
    labels = [host_label(host), *host.lower().split(".")[:-1]]
    words = [w for w in re.split(r"[\s&.,'’-]+", name) if w]
    initials = _letters("".join(w[0] for w in words if w.casefold() != "the"))
    for label in dict.fromkeys(labels):
        if label in _GENERIC:
            continue
        wanted = _letters(label)
        if len(wanted) < _MIN_KEY or len(key) < _MIN_KEY:
            continue
        if wanted in key or (key in wanted and len(key) >= 0.5 * len(wanted)):
            return True
        if len(words) >= 2 and initials == wanted:
            return True
    return False


def _host_string(text: str) -> bool:
    return " " not in text and "." in text.strip(".")


def site_name_part(name: str | None, host: str | None) -> str | None:
    """The part of a stated site name that names the site: of the parts between " | ",
    " - ", " • " or " // ", the first when it is consistent with ``host`` (a site states its
    name first: "ingenieur.de - Jobbörse … für Ingenieure"), else the first consistent one,
    a name before a host string; else the first part. A name without separators, or
    without a host to check against, is kept whole. A tagline where the name belongs ("Island
    News and Views on www.dailyislandpost.example", "Gardener needed? Call us", "A blog
    about travel, books and life") gives way to the host's name, read as words with the
    tagline's help ("Daily Island Post")."""
    if not name or not host:
        return name
    parts = [p.strip(" \t·•:") for p in _SEPARATORS.split(name)]
    parts = [p for p in parts if p]
    if len(parts) >= 2:
        consistent = [p for p in parts if _consistent(p, host)]
        consistent.sort(key=lambda p: (p is not parts[0], _host_string(p)))
        if consistent:
            return consistent[0]
        name = parts[0]
    if _tagline(name, host):
        return host_words(host, name) or name
    return name


def _tagline(name: str, host: str) -> bool:
    """Whether a stated name is a tagline: the address after a preposition, a question, or
    a description (an indefinite article before three words or more) that does not hold
    the host's name."""
    if _ON_HOST.search(name) or _SENTENCE.search(name):
        return True
    words = name.split()
    described = len(words) >= _DESCRIPTION_WORDS and words[0].casefold() in _INDEFINITE
    return described and not _consistent(name, host)


def host_words(host: str, hint: str = "") -> str | None:
    """The host's name as words: ``0900-gardener.example`` -> "0900 Gardener";
    ``dailyislandpost.example`` with "Island News" as ``hint`` -> "Daily Island Post" (a
    hint's word inside a label splits it there); None for a generic or empty label."""
    label = host_label(host)
    labels = host.lower().split(".")
    if label in _PLATFORMS and len(labels) >= 3:
        label = labels[0] if labels[0] not in _GENERIC else labels[1]  # quaynotes.wordpress.com
    if not label or label in _GENERIC:
        return None
    known = sorted(
        {w for w in map(_letters, re.split(r"\W+", hint)) if len(w) >= _MIN_KEY},
        key=len,
        reverse=True,
    )
    words: list[str] = []
    for chunk in filter(None, re.split(r"[-_]+", label)):
        words.extend(_split_at(chunk, known))
    return " ".join(w if w.isdigit() else w[:1].upper() + w[1:] for w in words) or None


def _split_at(chunk: str, known: list[str]) -> list[str]:
    """``chunk`` cut before and after the first (longest) known word inside it, recursively."""
    for word in known:
        at = chunk.find(word)
        if at >= 0 and word != chunk:
            before, after = chunk[:at], chunk[at + len(word) :]
            return (
                [*_split_at(before, known), word, *_split_at(after, known)]
                if before or after
                else [word]
            )
    return [chunk] if chunk else []


def title_site_name(title: str | None, host: str | None) -> str | None:
    """The part of ``title`` after its last " | " or " - " when it names the site of
    ``host`` (see the module docstring); None otherwise."""
    if not title or not host:
        return None
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return None
    name = parts[-1].strip(" \t·•:")
    if not name or len(name) > _MAX_CHARS or len(name.split()) > _MAX_WORDS:
        return None
    if _host_string(name):
        return None  # a host string ("example.com"): the registry or the host name serve
    return name if _consistent(name, host) else None
