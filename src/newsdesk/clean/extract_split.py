"""A body split over several containers: the rest of the article after an ad row.

Some sites cut the article into blocks of the same kind ("<div class='article__body'>"
... an advertisement row ... "<div class='article__body'>" ...); extractors pick the best
block and leave the others out, so a reader gets the first half of the report. When the
extracted text holds a paragraph of one such block, the other blocks of the same tag and
class, under a parent of the same tag and class, are the same article: their paragraphs
that the text lacks are appended, in page order. A block must hold prose (sentences) to
count; a block of short lines or links, or one inside a comment section, is not the
article's.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsdesk.clean.extract_rules import text_of
from newsdesk.clean.lines import is_prose

__all__ = ["continuation"]

PROBE_CHARS = 60
MIN_PARAGRAPH_CHARS = 80
MIN_BLOCK_CHARS = 200
MAX_CLIMB = 3  # how far above a paragraph its block's class is looked for
KEY_RE = re.compile(r"[\W_]+")
COMMENTS_RE = re.compile(r"comment|discussion|respon[sd]|repl(?:y|ies)", re.IGNORECASE)


def _key(text: str) -> str:
    return KEY_RE.sub("", text.casefold())


def _signature(node: HtmlElement | None) -> str:
    if node is None:
        return ""
    return f"{node.tag} {node.get('class') or ''} {node.get('id') or ''}".strip()


def _prose_paragraphs(block: HtmlElement) -> list[str]:
    texts = [text_of(p) for p in block.iter("p")]
    return [t for t in texts if len(t) >= MIN_PARAGRAPH_CHARS and is_prose(t)]


def _block_of(paragraph: HtmlElement) -> HtmlElement | None:
    node = paragraph.getparent()
    for _ in range(MAX_CLIMB):
        if node is None or node.tag in ("body", "html"):
            return None
        if (node.get("class") or "").strip():
            return node
        node = node.getparent()
    return None


def continuation(tree: HtmlElement, text: str) -> list[str]:
    """Paragraphs of the article's other blocks that ``text`` lacks, in page order."""
    have = _key(text)
    if not have:
        return []
    block = None
    for paragraph in tree.iter("p"):
        words = text_of(paragraph)
        if len(words) >= MIN_PARAGRAPH_CHARS and _key(words[:PROBE_CHARS]) in have:
            block = _block_of(paragraph)
            if block is not None:
                break
    if block is None:
        return []
    inside = {id(node) for node in block.iter()} | {id(node) for node in block.iterancestors()}
    siblings = tree.xpath(f"//{block.tag}[@class=$cls]", cls=block.get("class"))
    missing: list[str] = []
    for other in siblings:
        if id(other) in inside:  # the block itself, one inside it or one around it
            continue
        if _signature(other.getparent()) != _signature(block.getparent()):
            continue  # a block of the same class elsewhere: a quote box, a sidebar
        if any(COMMENTS_RE.search(_signature(a)) for a in other.iterancestors()):
            continue
        new = [p for p in _prose_paragraphs(other) if _key(p[:PROBE_CHARS]) not in have]
        if sum(len(p) for p in new) >= MIN_BLOCK_CHARS:
            missing.extend(new)
            have += "".join(_key(p) for p in new)
    return missing
