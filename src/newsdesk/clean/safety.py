"""Text from untrusted sources made safe to keep: no control characters, no markup in
one-line fields, and a bounded length.

Used by every reader (so nothing unsafe is stored) and by the cleaner (so text
that reaches it some other way is held to the same limits). Everything here is
linear in the length of its input.
"""

from __future__ import annotations

import html
import re

__all__ = ["cap_text", "plain_line", "strip_controls", "strip_markup"]

# C0 controls except \t and \n, DEL, and the C1 range (U+0080-U+009F: CSI and friends,
# which some terminals obey as escapes). \r is turned into \n first. Lone surrogates too
# (a JSON "\ud800" escape): no UTF-8 can hold them, so hashing or storing the text fails.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+")
# one such character: looked for first, since most text has none (a search for a single
# character scans a page about three times faster than one for a run of them)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,1000}>")
_SPACES = re.compile(r"\s+")
# a tag left in scraped text: a name, then attributes with quoted values (straight or
# curly: "<a href=”https://…” target=”_blank”>"), or an HTML element's own name
_ATTRIBUTE = r"""\s+[\w:-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|”[^”<>]*”|[^\s<>]+))?"""
_MARKUP = re.compile(
    rf"</?(?P<name>[A-Za-z][\w:-]{{0,30}})(?P<attributes>(?:{_ATTRIBUTE}){{0,20}})\s*/?>"
)
# fmt: off
_ELEMENTS = frozenset((
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "div", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "i", "iframe", "img", "li", "ol", "p", "script", "small",
    "span", "strong", "style", "sub", "sup", "table", "td", "th", "tr", "u", "ul",
))
# fmt: on

# How far back from the cap a paragraph or sentence end is looked for before a plain
# word break is used instead.
_BACKTRACK = 0.2


def strip_controls(text: str) -> str:
    """``text`` without NUL and the other control characters (tabs and newlines kept)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) is None:
        return text
    return _CONTROLS.sub("", text)


def plain_line(value: str | None, *, limit: int = 1000) -> str | None:
    """A one-line field (title, author, outlet) as plain text: markup and entities that
    a feed double-encoded are taken out, controls removed, spaces collapsed, at most
    ``limit`` characters. None when nothing is left."""
    if value is None:
        return None
    text = value[: limit * 4]
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _SPACES.sub(" ", strip_controls(text)).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip() + "…"
    return text or None


def strip_markup(text: str) -> tuple[str, list[str]]:
    """``text`` without the tags a scraper left in it (their inner text kept), and the tags
    taken out. A tag is markup when it has an attribute with a value, names an HTML
    element, or closes a name opened with one (``<tweet author="…">…<tweet/>``); anything
    else in angle brackets ("<Ctrl>", "<your code goes here>", "x<y>z") stays."""
    if "<" not in text:
        return text, []
    tags = list(_MARKUP.finditer(text))
    opened = {m["name"].casefold() for m in tags if "=" in m["attributes"]}
    markup = [
        m for m in tags if "=" in m["attributes"] or m["name"].casefold() in _ELEMENTS | opened
    ]
    if not markup:
        return text, []
    kept: list[str] = []
    end = 0
    for m in markup:
        kept.append(text[end : m.start()])
        end = m.end()
    kept.append(text[end:])
    return "".join(kept), [m.group(0) for m in markup]


def cap_text(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` characters, and whether it was cut.

    The cut falls at the last paragraph break before the limit, else the last line
    or sentence end, else the last space, as long as that keeps at least 80% of
    the limit; otherwise it is a hard cut.
    """
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    floor = int(limit * (1 - _BACKTRACK))
    for mark in ("\n\n", "\n", ". ", " "):
        at = head.rfind(mark, floor)
        if at > 0:
            return head[: at + (1 if mark == ". " else 0)].rstrip(), True
    return head, True
