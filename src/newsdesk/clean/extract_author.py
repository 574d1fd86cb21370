"""Who wrote the page: bylines in meta tags and visible markup, cleaned to a name."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.clean.extract_rules import key as _key
from newsdesk.clean.extract_rules import norm_space, rules
from newsdesk.clean.extract_rules import text_of as _text

__all__ = ["author_from_markup", "author_from_trafilatura", "clean_author"]

DOMAIN_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$")


def clean_author(value: str | None) -> str | None:
    """A person's name out of a byline string, or None when it does not look like one."""
    text = norm_space(html.unescape(value or ""))
    if not text:
        return None
    r = rules()
    for _ in range(2):
        text = r.byline_prefix_re.sub("", text).strip(" :,|-–—")
    text = re.split(r"\s+(?:\||—|–|-|·)\s+|\s{2,}|\n", text)[0]
    text = re.sub(r"\s*\b(?:on|am|le|el|il)\s+\d.*$", "", text)  # "by X on 3 May"
    text = re.sub(r"[,;]?\s+\d.*$", "", text).strip(" ,;:|")  # trailing dates and counters
    text = r.author_tail_re.sub("", text).strip(" ,;:|»→")  # "X am Samstag", "X Alle Artikel"
    text = re.sub(r"\s*\([^)]*\)?$", "", text)  # "X (Pressesprecher)"
    low = text.lower()
    if not text or len(text) > 80 or len(text.split()) > 10 or text.startswith(("http", "/")):
        return None
    if any(word in low for word in r.author_reject) or not any(c.isalpha() for c in text):
        return None
    if low in r.author_reject_exact or DOMAIN_RE.match(
        text
    ):  # "example.org" names a site, not a person
        return None
    return text


def _in_comments(node: HtmlElement) -> bool:
    markers = rules().comment_markers
    for anc in node.iterancestors():
        if anc.tag in {"form", "footer", "aside", "nav"}:
            return True
        label = f"{anc.get('class', '')} {anc.get('id', '')}".lower()
        if any(m in label for m in markers):
            return True
    return False


BYLINE_XPATH = XPath(
    ".//*[@itemprop='author']|.//*[@rel='author']|.//body//address"
    "|.//*[contains(@itemtype,'schema.org/Person')]"
)
_STARTS = " or ".join(
    f"starts-with(normalize-space(.), '{p}')"
    for p in (
        "By ",
        "by ",
        "BY ",
        "Von ",
        "von ",
        "Par ",
        "par ",
        "Por ",
        "Posted by ",
        "Written by ",
        "Geschrieben von ",
        "Erstellt von ",
        "Text: ",
    )
)
# a short line of its own that reads "By Jane Doe" (many blogs print no byline class)
PREFIXED_LINE_XPATH = XPath(
    ".//body//*[self::p or self::div or self::span or self::em or self::i or self::li"
    " or self::small or self::h4 or self::h5 or self::h6]"
    f"[string-length(normalize-space(.)) < 70][{_STARTS}]"
)
CLASSED_XPATH = XPath(".//body//*[@class]")


def _byline_nodes(tree: HtmlElement) -> Iterator[HtmlElement]:
    yield from BYLINE_XPATH(tree)
    classes = rules().byline_classes
    for node in CLASSED_XPATH(tree):
        if node.tag in {"body", "article", "html"}:
            continue
        cls = node.get("class", "").lower()
        if any(c in cls for c in classes) and not _in_comments(node):
            yield node


def _byline_texts(tree: HtmlElement, tags: dict[str, str]) -> Iterator[str]:
    for key in rules().author_meta:
        if tags.get(key):
            yield tags[key]
    for node in _byline_nodes(tree):
        names = node.xpath(".//*[@itemprop='name']")
        source = names[0] if names else node
        if source.tag in {"meta", "link"}:
            continue
        raw = _text(source)
        if len(raw) <= 120:
            yield raw


def _name_shaped(text: str) -> bool:
    """Two to four capitalised words (particles such as "von" or "de" allowed)."""
    words = text.split()
    particles = rules().name_particles
    return 2 <= len(words) <= 4 and all(w[0].isupper() or w in particles for w in words)


def author_from_markup(
    tree: HtmlElement, tags: dict[str, str], site_name: str | None
) -> str | None:
    """The first byline that reads as a name and is not the outlet's own name."""
    site = _key(site_name or "")
    for raw in _byline_texts(tree, tags):
        author = clean_author(raw)
        if author and _key(author) != site:
            return author
    for node in PREFIXED_LINE_XPATH(tree):  # weaker evidence: must look like a name
        author = clean_author(_text(node))
        if author and _name_shaped(author) and not _in_comments(node):
            return author
    return None


def author_from_trafilatura(tree: HtmlElement) -> str | None:
    """trafilatura's byline XPaths, read on the page's own tree: its ``extract_author``
    deep-copies the whole tree to prune comments first, which costs more than the rest of
    the author search; skipping matches inside comments, figures and ``<time>`` does the
    same job here."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.xpaths import AUTHOR_XPATHS

    for expression in AUTHOR_XPATHS:
        for node in expression(tree):
            if _in_comments(node) or any(a.tag in {"figure", "time"} for a in node.iterancestors()):
                continue
            raw = " ".join(" ".join(node.itertext()).split())
            if 2 < len(raw) < 120:
                author = clean_author(normalize_authors(None, raw))
                if author:
                    return author
    return None
