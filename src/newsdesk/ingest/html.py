"""HTML pages: main text and metadata through ``newsdesk.clean.extract``.

Pathologically deep nesting is flattened before any parser sees it: libxml2
silently drops content below ~256 levels and Python tree walkers recurse, so
tags deeper than the limit are removed (their text is kept).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from newsdesk.article import Article
from newsdesk.clean.extract import extract_html
from newsdesk.clean.safety import strip_controls
from newsdesk.errors import EmptyInput
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.encoding import decode_document
from newsdesk.outlets.sitename import site_name_part
from newsdesk.settings import Settings

__all__ = ["article_from_html", "flatten_deep", "fragment_text", "max_depth", "read_html"]

# Deeper than this libxml2 loses content, whatever max_html_depth says.
PARSER_DEPTH = 200

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_RAW_TEXT_TAGS = ("script", "style")
_CANONICAL = re.compile(
    r"<link\b[^<>]*\brel\s*=\s*[\"']?canonical[\"']?[^<>]*>|"
    r"<meta\b[^<>]*\bproperty\s*=\s*[\"']og:url[\"'][^<>]*>",
    re.I,
)
_HREF = re.compile(r"\b(?:href|content)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "pre",
    ]
)


# _TAG's tags, read faster: the same matches (the first ">" after the name ends a tag, as
# _TAG's lazy run does), the run before ">" captured whole, so a tag is self-closing when it
# ends in "/" (_TAG's lazy run tried "/>" at every character: four times the scan)
_TAG_RUN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b([^<>]*)>")
_VOID_KIND, _OPEN_KIND = 0, 1  # a tag name's kind; a raw-text element's kind is its name
_KINDS: dict[str, int | str] = {}  # a tag name as written -> its kind
_KINDS_KEPT = 4096  # names remembered (a hostile page may write many)


def _kind(name: str) -> int | str:
    kind = _KINDS.get(name)
    if kind is None:
        low = name.lower()
        kind = _VOID_KIND if low in _VOID else low if low in _RAW_TEXT_TAGS else _OPEN_KIND
        if len(_KINDS) < _KINDS_KEPT:
            _KINDS[name] = kind
    return kind


def max_depth(html: str) -> int:
    """The deepest tag nesting, counted by a flat scan (no parser, no recursion).

    What a <script> or <style> holds is text, not tags: a script's HTML templates (whose
    closing tags are written "<\\/div>") would otherwise count as thousands of open tags."""
    depth = deepest = 0
    raw: str | None = None  # inside this raw-text element
    for closing, name, run in _TAG_RUN.findall(html):
        if raw is not None:
            if closing and name.lower() == raw:
                raw = None
            continue
        kind = _kind(name)
        if kind == _VOID_KIND or run.endswith("/"):
            continue
        if closing:
            depth = depth - 1 if depth else 0
        elif kind == _OPEN_KIND:
            depth += 1
            if depth > deepest:
                deepest = depth
        else:  # a raw-text element opens
            raw = str(kind)
    return deepest


def flatten_deep(html: str, limit: int) -> str:
    """Remove the tags nested deeper than ``limit``, keeping their text (and leaving what a
    script or style holds as it is)."""
    depth = 0
    raw: str | None = None

    def keep(match: re.Match[str]) -> str:
        nonlocal depth, raw
        closing, name, self_closing = match.groups()
        name = name.lower()
        if raw is not None:  # a script's text and its closing tag stay as they are
            raw = None if closing and name == raw else raw
            return match.group(0)
        if name in _VOID or self_closing:
            return match.group(0) if depth < limit else ""
        if name in _RAW_TEXT_TAGS and not closing:
            raw = name  # kept even deep down: without it the script's code would be text
            return match.group(0)
        if closing:
            depth = max(0, depth - 1)
            return match.group(0) if depth < limit else ""
        depth += 1
        return match.group(0) if depth <= limit else ""

    return _TAG.sub(keep, html)


_MANY_COMMENTS = 200
# Past this many characters (scripts and styles taken out first) a page is cut at a tag
# before extraction, flagged ``long``: extraction time grows with the page's paragraphs
# (a 10 MB page of them took ~45 s on 2 busy cores), and no article page needs more.
MAX_HTML_CHARS = 2_000_000
_MAX_KEPT_SCRIPT = 200_000


def _without_raw_text(html: str) -> str:
    """The page without the contents of its <script> and <style> elements (linear: each
    tag's next occurrence is looked for again only once it has been passed)."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    upcoming = {tag: lower.find(f"<{tag}") for tag in _RAW_TEXT_TAGS}
    while True:
        live = [(at, tag) for tag, at in upcoming.items() if at >= 0]
        if not live:
            break
        at, tag = min(live)
        opened = lower.find(">", at)
        closed = lower.find(f"</{tag}", opened) if opened >= 0 else -1
        if closed < 0:
            break
        keep = "ld+json" in lower[at:opened] and closed - opened < _MAX_KEPT_SCRIPT
        out.append(html[pos : (closed if keep else opened + 1)])  # JSON-LD metadata stays
        pos = closed
        for name, where in upcoming.items():
            if 0 <= where < pos:
                upcoming[name] = lower.find(f"<{name}", pos + 1)
    out.append(html[pos:])
    return "".join(out)


def cut_html(html: str) -> tuple[str, bool]:
    """The page, at most MAX_HTML_CHARS characters of it, and whether it was cut."""
    if len(html) <= MAX_HTML_CHARS:
        return html, False
    html = _without_raw_text(html)
    if len(html) <= MAX_HTML_CHARS:
        return html, False
    at = html.rfind("<", 0, MAX_HTML_CHARS)
    return html[: at if at > 0 else MAX_HTML_CHARS], True


def drop_unclosed_comments(html: str) -> str:
    """``<!--`` openers that no ``-->`` closes before the next opener, removed.

    libxml2 serialises an attribute by looking for the end of each comment opener in it:
    20,000 unclosed ``<!--`` in a meta tag's content took 4.5 s to write out, once per
    serialisation (htmldate serialises twice), and grew with the square. Only pages
    with more than a few hundred openers are touched; a real comment is left alone (and
    escaping would not do: an attribute's value is the same once its entities are read).
    """
    if html.count("<!--") <= _MANY_COMMENTS:
        return html
    parts = html.split("<!--")
    out = [parts[0]]
    for part in parts[1:]:
        out.append("<!--" if "-->" in part else "")
        out.append(part)
    return "".join(out)


def safe_html(html: str, settings: Settings) -> tuple[str, int]:
    """The page with pathological nesting flattened (and runs of unclosed comment
    openers made text), and the depth it had."""
    html = drop_unclosed_comments(html)
    limit = min(settings.max_html_depth, PARSER_DEPTH)
    if html.count("<") <= limit:
        return html, 0
    depth = max_depth(html)
    return (flatten_deep(html, limit), depth) if depth > limit else (html, depth)


def canonical_url(html: str) -> str | None:
    """The page's canonical or og:url address, if it declares one."""
    for match in _CANONICAL.finditer(html[:200_000]):
        href = _HREF.search(match.group(0))
        if href and href.group(1).startswith(("http://", "https://")):
            return href.group(1)
    return None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), paragraphs on their own lines."""
    fragment = strip_controls(fragment)  # lxml refuses text with control characters
    if "<" not in fragment:
        return fragment.strip()
    if fragment.count("<") > PARSER_DEPTH and max_depth(fragment) > PARSER_DEPTH:
        fragment = flatten_deep(fragment, PARSER_DEPTH)  # libxml2 drops text deeper down
    try:
        root = lxml_html.fromstring(fragment)
    except (etree.ParserError, ValueError):
        return ""
    if not isinstance(root.tag, str):  # a comment alone ("\u2029<!"): no element, no text
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "head", with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            # strip_controls again: a reference (&#27;) parses into a control lxml refuses
            element.tail = "\n" + strip_controls(element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # a malformed address names no host
        return None


def article_from_html(
    html: str,
    *,
    source: str,
    settings: Settings,
    url: str | None = None,
    fetched: datetime | None = None,
    fmt: str = "html",
) -> Article:
    """An Article from a decoded page: extracted text, title, author, date, outlet, url."""
    html = strip_controls(html)
    page, cut = cut_html(html)
    cleaned, depth = safe_html(page, settings)
    url = url or canonical_url(cleaned)
    extracted = extract_html(cleaned, url=url)
    text = extracted.text
    if not text.strip():
        text = fragment_text(cleaned)  # too short or too odd for trafilatura: keep all text
    article = Article(source=source, format=fmt, raw=html, text=text, url=url)
    article.title = extracted.title
    article.author = extracted.author
    article.outlet = site_name_part(extracted.site_name, _host(url or extracted.url))
    article.language = extracted.language
    article.fetched = fetched
    article.extras["raw_format"] = "html"
    for line, reason in extracted.removed:  # recorded as the cleaner records its removals
        article.remove(line, reason)
    if extracted.published is not None:
        article.published = extracted.published
        article.published_source = "metadata"
    if article.url is None and extracted.url:
        article.url = extracted.url
    if depth:
        article.extras["html_flattened_depth"] = depth
    if cut:
        article.flag("long")
        article.extras["html_chars_read"] = len(html)
    return article


def read_html(blob: Blob, settings: Settings) -> Readout:
    """One HTML page: one Article, or EmptyInput when it has no article text."""
    decoded = decode_document(blob.data, blob.content_type)
    article = article_from_html(
        decoded.text, source=blob.source, settings=settings, url=blob.url, fetched=blob.fetched
    )
    decoded.record(article.extras)
    if not article.text.strip():
        raise EmptyInput("the page has no article text that could be extracted")
    return Readout(articles=[article])
