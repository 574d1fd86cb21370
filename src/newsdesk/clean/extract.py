"""Main text and metadata out of an HTML page.

The page is parsed once with lxml. Title, author and date come from the page's explicit
markup first (JSON-LD, meta tags, ``<h1>`` agreeing with ``<title>``, bylines, ``<time>``;
see :mod:`newsdesk.clean.extract_meta` and :mod:`newsdesk.clean.extract_author`), with
trafilatura's byline XPaths as the author fallback. htmldate decides the publication day
and the markup's timestamp on that same day supplies the time and UTC offset. Before
trafilatura finds the article body, short paragraphs that are nothing but links are
dropped; the body is then trimmed of a repeated headline and of well-known boilerplate
lines (share prompts, "Read more:" links, copyright notices, newsletter forms).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.clean.data import DebrisRule, load_data
from newsdesk.clean.date_locales import limit_htmldate_languages
from newsdesk.clean.extract_author import author_from_trafilatura
from newsdesk.clean.extract_meta import (
    MarkupMeta,
    choose_title,
    clean_author,
    markup_metadata,
    parse_date,
    rules,
)
from newsdesk.clean.extract_rules import text_of
from newsdesk.clean.extract_split import continuation
from newsdesk.clean.extract_tail import trim_about
from newsdesk.clean.furniture import is_stamp
from newsdesk.clean.lines import is_prose, normalise
from newsdesk.clean.mojibake import repair_mojibake

__all__ = ["Extracted", "extract_html"]

LOGGER = logging.getLogger(__name__)
KEY_RE = re.compile(r"[\W_]+")
HEAD_LINES = 3
LINK_LINE_MAX_CHARS = 80
LINK_LINE_SHARE = 0.9
BULLET_RE = re.compile(r"^(?:[-•*·]\s+)+")  # trafilatura writes list items as "- item"


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    extras: dict[str, str] = field(default_factory=dict)
    # lines taken out of the body as (text, reason), for Article.removed
    removed: list[tuple[str, str]] = field(default_factory=list)


def _key(text: str) -> str:
    return KEY_RE.sub(" ", text.casefold()).strip()


# the cleaner's rules the body is trimmed by here (same reasons, recorded as removed):
# "related" headings and the list of titles under them, photo credits, sign-up prompts and
# promos (an author's "Email NAME at ADDRESS" tagline); none of them raises a flag
SECTION_REASONS = frozenset(["related", "credits", "newsletter_signup", "promo"])
LIST_ITEM_MAX_CHARS = 160
# a wire story's staff credit is the cleaner's to take (it belongs to the report's text)
STAFF_CREDIT_RE = re.compile(r"^(?:additional )?(?:reporting|writing|editing|compiled) by\b", re.I)


PROMO_REASONS = frozenset(["newsletter_signup", "promo"])
PROMO_PARAGRAPH_MAX_CHARS = 320
PROMO_PARAGRAPH_MAX_SENTENCES = 3
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _promo_ending(norm: str, section_rules: list[DebrisRule]) -> DebrisRule | None:
    """The sign-up or promo rule the last sentence of a short paragraph matches, whole:
    "There's plenty more where that came from. Sign up for the free daily newsletter.",
    "NAME's book is out now. Follow us on Twitter." A paragraph is a promo when it ends
    in one; a report's sentence that merely mentions a newsletter does not match whole."""
    if len(norm) > PROMO_PARAGRAPH_MAX_CHARS:
        return None
    sentences = SENTENCE_END_RE.split(norm)
    if not 2 <= len(sentences) <= PROMO_PARAGRAPH_MAX_SENTENCES:
        return None
    last = sentences[-1].strip()
    return next((r for r in section_rules if r.reason in PROMO_REASONS and r.matches(last)), None)


def _trim_sections(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop a "More on this topic" heading with the titles listed under it (up to the next
    line of prose), photo-credit lines and page stamps, by the cleaner's whole-line rules."""
    data = load_data()
    section_rules = [r for r in data.rules if r.reason in SECTION_REASONS]
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    in_list = False
    for line in lines:
        item = BULLET_RE.sub("", line.strip())
        norm = normalise(item)
        rule = next((r for r in section_rules if norm and r.matches(norm)), None)
        if rule is not None and rule.reason == "credits" and STAFF_CREDIT_RE.match(norm):
            rule = None
        if rule is None and norm:  # a short paragraph that ends in a call to sign up
            rule = _promo_ending(norm, section_rules)
        if rule is None and norm and is_stamp(norm):  # a page stamp: the cleaner's rule
            removed.append((item, "timestamp"))
            continue
        if rule is None and in_list and norm:
            if not is_prose(norm) and len(norm) <= LIST_ITEM_MAX_CHARS:
                removed.append((item, "related"))
                continue
            in_list = False
        if rule is None:
            kept.append(line)
            continue
        removed.append((item, rule.reason))
        in_list = rule.starts_list or (in_list and rule.reason == "related")
    return kept, removed


def _trim_body(text: str, title: str | None) -> tuple[str, list[tuple[str, str]]]:
    """Drop a leading copy of the headline and lines that are boilerplate on any site;
    the related-story lists and credits taken out come back with their reasons."""
    lines = text.split("\n")
    if title:
        tkey = _key(title)
        for i, line in enumerate(lines[:HEAD_LINES]):
            if tkey and _key(line) == tkey:
                del lines[i]
                break
    lines, removed = _trim_sections(lines)
    lines, about = trim_about(lines)
    removed += about
    pattern = rules().boilerplate_re
    kept = [line for line in lines if not pattern.search(BULLET_RE.sub("", line.strip()))]
    return "\n".join(kept).strip(), removed


LINK_ONLY_XPATH = XPath(
    f".//body//p[.//a][string-length(normalize-space(.)) < {LINK_LINE_MAX_CHARS}]"
)
# a paragraph that is a list of links ("<a>…</a> [VIDEO]<br><a>…</a>"): related stories
LINK_LIST_XPATH = XPath(".//body//p[count(.//a) >= 2]")
LINK_LIST_SHARE = 0.75
# a short heading-like block that only introduces the links after it ("Don't miss")
INTRO_MAX_CHARS = 60
HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
# a list of teaser cards (a linked headline and a short subline) is related stories,
# whatever its heading says; two items make a list
LIST_XPATH = XPath(".//body//ul | .//body//ol")
CARD_LIST_MIN_ITEMS = 2
CARD_MAX_CHARS = 200
EMPHASIS = frozenset(["strong", "b", "em"])


def _anchor_share(para: HtmlElement) -> tuple[int, float]:
    text = "".join(para.itertext()).strip()
    anchors = sum(len("".join(a.itertext()).strip()) for a in para.iter("a"))
    return len(text), (anchors / len(text) if text else 0.0)


def _is_intro(node: HtmlElement | None) -> bool:
    """A heading, or a paragraph all in bold, short and without a full stop: the title of
    the block after it."""
    if node is None or not isinstance(node.tag, str):
        return False
    text = " ".join("".join(node.itertext()).split())
    if not text or len(text) > INTRO_MAX_CHARS or text.endswith((".", "?", "!")):
        return False
    if node.tag in HEADINGS:
        return True
    if node.tag != "p" or (node.text or "").strip() or len(node) != 1:
        return False
    return node[0].tag in EMPHASIS and not (node[0].tail or "").strip()


def _is_card(item: HtmlElement) -> bool:
    """A list item that is a teaser card: a linked headline in a heading of its own, with
    at most a short subline (and a thumbnail) beside it."""
    text = " ".join("".join(item.itertext()).split())
    if not text or len(text) > CARD_MAX_CHARS:
        return False
    return any(node.tag in HEADINGS and node.find(".//a") is not None for node in item.iter())


def _drop_card_lists(tree: HtmlElement) -> None:
    """Remove lists whose every item is a teaser card: the "latest news" boxes a site puts
    under (or inside) the article, which extractors keep as "- headline subline" lines; a
    short heading that only introduces the list goes with it. (A list of plain links
    stays: in a body it is as often the article's own list of sources or products.)"""
    for node in LIST_XPATH(tree):
        if node.getparent() is None:
            continue
        items = [child for child in node if isinstance(child.tag, str) and child.tag == "li"]
        if len(items) < CARD_LIST_MIN_ITEMS or not all(_is_card(i) for i in items):
            continue
        intro = node.getprevious()
        if _is_intro(intro):
            intro.drop_tree()
        node.drop_tree()


def _drop_link_lines(tree: HtmlElement) -> int:
    """Remove paragraphs that are (almost) all anchor text: "Read more" teasers,
    related-story links and tag rows sit in paragraphs of their own inside the article,
    or as several links in one paragraph, one per line; a short heading that only
    introduces such links goes with them. Lists of teaser cards go too. Returns how many
    link paragraphs went."""
    _drop_card_lists(tree)
    dropped = 0
    for para in LINK_ONLY_XPATH(tree):
        length, share = _anchor_share(para)
        if length and share >= LINK_LINE_SHARE:
            para.drop_tree()  # keeps the tail text
            dropped += 1
    for para in LINK_LIST_XPATH(tree):
        length, share = _anchor_share(para)
        if length and share >= LINK_LIST_SHARE:
            intro = para.getprevious()
            if _is_intro(intro):
                intro.drop_tree()
            para.drop_tree()
            dropped += 1
    return dropped


def _links_were_the_body(html: str, data: dict[str, object], url: str | None) -> dict[str, object]:
    """A page whose body is a list of links (a link roll, a reading list, a post of
    linked headlines): when taking the link paragraphs out left no sentence, the body is
    read again with them in, and that reading is kept if it holds more text."""
    import trafilatura

    text = _str(data.get("text")) or ""
    if any(is_prose(line.strip()) for line in text.splitlines()):
        return data
    tree = trafilatura.load_html(repair_mojibake(html))
    if tree is None:
        return data
    _drop_hidden(tree)
    _drop_card_lists(tree)
    again = _body(tree, url)
    return again if len(_str(again.get("text")) or "") > len(text) else data


# text a reader never sees inline: hidden elements and the cards that pop up over a link
# (a person's bio and latest headlines), which read as run-on debris in the body
HIDDEN_XPATH = XPath(
    ".//body//*[@hidden or contains(translate(@style, 'DISPLAYNOE: ', 'displaynoe'),"
    " 'display:none') or contains(translate(@style, 'VISBLTYHDN: ', 'visbltyhdn'),"
    " 'visibility:hidden')]"
)
POPUP_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:tooltip|popover|hovercard|rollover)(?:$|[\s_-])", re.I)
POPUP_XPATH = XPath(".//body//*[@class][not(self::a)]")


def _drop_hidden(tree: HtmlElement) -> None:
    """Remove hidden elements and pop-up cards (with their text; the tail stays)."""
    doomed = list(HIDDEN_XPATH(tree))
    doomed += [
        node
        for node in POPUP_XPATH(tree)
        if POPUP_CLASS_RE.search(node.get("class", ""))
        and node.find("a") is None  # the link the card pops up over stays
        and node.find(".//p") is None
    ]
    for node in doomed:
        if node.getparent() is not None:
            node.drop_tree()


EMPTY_BLOCK_XPATH = XPath(".//body//*[self::div or self::p][not(*)][not(normalize-space())]")


def _break_empty_blocks(tree: HtmlElement) -> None:
    """An empty block between two runs of text parts them as a line break does ("… on
    Wednesday.<div class="fake-br"></div>The stabbing …"); trafilatura drops the block and
    glues the runs ("Wednesday.The stabbing"), one sentence to every later reader."""
    for node in EMPTY_BLOCK_XPATH(tree):
        parent, before = node.getparent(), node.getprevious()
        if parent is None or not (node.tail or "").strip():
            continue
        if not ((before.tail if before is not None else parent.text) or "").strip():
            continue
        br = tree.makeelement("br", {})
        br.tail = node.tail
        parent.replace(node, br)


BLOCKS_XPATH = XPath("count(//p | //div | //li | //td | //br | //tr | //h1 | //h2 | //h3)")
MAX_FALLBACK_BLOCKS = 1500  # above this many blocks the fallback extractors are skipped...
# ...unless the fast result looks wrong (a lead and no body: a page of long menus around a
# body split over two containers) and the page is not much larger than that
SHORT_BODY_CHARS = 500
MAX_RETRY_BLOCKS = 4000


def _run_trafilatura(tree: HtmlElement, url: str | None, *, fast: bool) -> dict[str, object]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        fast=fast,
    )
    if doc is None:
        return {}
    return dict(doc) if isinstance(doc, dict) else dict(doc.as_dict())


MENU_MIN_LINES = 12
MENU_MAX_PROSE_SHARE = 0.3  # the quality gate's "boilerplate" shape
KEEP_PROSE_SHARE = 0.8


def _prose(data: dict[str, object]) -> tuple[int, int, int]:
    """(characters in lines that read as sentences, all characters, lines) of a result."""
    lines = [line for line in (_str(data.get("text")) or "").split("\n") if line.strip()]
    prose = sum(len(line) for line in lines if is_prose(normalise(line)))
    return prose, sum(len(line) for line in lines), len(lines)


def _looks_like_a_menu(data: dict[str, object]) -> bool:
    prose, total, lines = _prose(data)
    return lines >= MENU_MIN_LINES and prose < MENU_MAX_PROSE_SHARE * total


def _body(tree: HtmlElement, url: str | None) -> dict[str, object]:
    """trafilatura with its fallbacks (readability, justext); where their choice looks
    wrong, trafilatura's own extraction alone, so long as it holds most of the prose:

    - past MAX_FALLBACK_BLOCKS the fallbacks are skipped (justext looks for each short
      paragraph's neighbours one by one: quadratic; 3,500 one-word paragraphs took 9 s,
      14,000 over a minute), unless that result is short (a lead and no body), up to
      MAX_RETRY_BLOCKS;
    - a result of many short lines with little prose (a site's menu, longer than the
      article, chosen by the fallback) is compared with the fast result."""
    blocks = BLOCKS_XPATH(tree)
    fast = blocks > MAX_FALLBACK_BLOCKS
    data = _run_trafilatura(tree, url, fast=fast)
    if fast and blocks <= MAX_RETRY_BLOCKS and len(_str(data.get("text")) or "") < SHORT_BODY_CHARS:
        retry = _run_trafilatura(tree, url, fast=False)
        if len(_str(retry.get("text")) or "") > len(_str(data.get("text")) or ""):
            return retry
    elif not fast and _looks_like_a_menu(data):
        alone = _run_trafilatura(tree, url, fast=True)
        kept = _prose(alone)[0]
        if kept >= max(SHORT_BODY_CHARS, KEEP_PROSE_SHARE * _prose(data)[0]):
            return alone if not _looks_like_a_menu(alone) else data
    return data


DESCRIPTION_XPATH = XPath(
    "//head/meta[@name='description' or @property='og:description' or "
    "@name='twitter:description']/@content"
)
LEAD_MIN_CHARS = 60  # a description shorter than this is a label, not a standfirst
LEAD_PROBE_CHARS = 50
LEAD_HOLDERS_XPATH = XPath("//body//*[contains(normalize-space(.), $probe)]")
LEAD_SKIP = frozenset(["a", "nav", "footer", "aside", "script", "style", "noscript", "button"])
XML_SPACE_RE = re.compile(r"[ \t\r\n]+")
ELLIPSIS_RE = re.compile(r"\s*(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")


def _lead(tree: HtmlElement) -> str | None:
    """The page's standfirst: the visible block of text that the page's own description
    (meta/og/twitter) repeats. Extractors often skip it, since it sits in a header of its
    own apart from the body; a description found nowhere in the body is never used."""
    # XPath's normalize-space collapses only ASCII white space: the probe is cut the same way
    descriptions = [XML_SPACE_RE.sub(" ", d).strip() for d in DESCRIPTION_XPATH(tree)]
    description = ELLIPSIS_RE.sub("", max(descriptions, key=len, default=""))
    if len(description) < LEAD_MIN_CHARS:
        return None
    probe = description[:LEAD_PROBE_CHARS]
    holders = LEAD_HOLDERS_XPATH(tree, probe=probe)
    parents = {id(node.getparent()) for node in holders}
    for node in holders:  # document order; the innermost holders hold no other holder
        if id(node) in parents or not isinstance(node.tag, str):
            continue
        if node.tag in LEAD_SKIP or any(a.tag in LEAD_SKIP for a in node.iterancestors()):
            continue
        text = text_of(node)
        if len(text) > 2 * len(description) + 100:
            return None  # the description is quoted from the body: nothing of its own
        return text
    return None


def _with_lead(text: str, lead: str | None) -> str:
    """The body with the standfirst in front, when the body does not hold it already."""
    if not lead or not text:
        return text
    probe = _key(lead).replace(" ", "")[:LEAD_PROBE_CHARS]  # "(CNN)President" = "(CNN) President"
    if probe in _key(text).replace(" ", ""):
        return text
    return f"{lead}\n{text}"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _published(meta: MarkupMeta, found: datetime | None, html: str) -> datetime | None:
    """htmldate's day (it weighs markup, URL and visible dates, and prefers published over
    modified), carried by the first markup timestamp on that same calendar day so the time
    and the page's own UTC offset survive; the markup's first date when htmldate finds none
    or only a bare year (:func:`_only_a_year`).

    Days are compared in the timestamp's own offset, never converted to UTC: 23:30+01:00 on
    the 5th is the 5th, as the page's readers saw it.
    """
    if found is None:
        return meta.published
    for when in meta.dates:
        if when.date() == found.date():
            return when
    return meta.published if _only_a_year(found, html) else found


def _only_a_year(found: datetime, html: str) -> bool:
    """htmldate's last resort reads a bare year, a footer's "© 2020", as its January 1: a
    midnight January 1 that the page writes nowhere as a day is no publication date."""
    if (found.month, found.day, found.hour, found.minute) != (1, 1, 0, 0):
        return False
    year = found.year
    day = re.compile(
        rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[-/.]0?1[-/.]{year}|\b1(?:st)?\.? Jan(?:uary|\.)?,? {year}"
        rf"|\bJan(?:uary|\.)? 1(?:st)?,? {year}",
        re.IGNORECASE,
    )
    return day.search(html) is None


def _merge(meta: MarkupMeta, data: dict[str, object], url: str | None, html: str) -> Extracted:
    title = choose_title(meta) or _str(data.get("title"))
    text, removed = _trim_body(_str(data.get("text")) or "", title)
    text = _with_lead(text, _str(data.get("lead")))
    published = _published(meta, parse_date(_str(data.get("date"))), html)
    author = meta.author or clean_author(_str(data.get("author")))
    return Extracted(
        text=text,
        title=title,
        author=author,
        published=published,
        site_name=meta.site_name or _str(data.get("sitename")),
        language=meta.language or _str(data.get("language")),
        url=_str(data.get("url")) or url,
        removed=removed,
    )


def _extract(html: str, url: str | None) -> Extracted:
    # trafilatura and htmldate load with the first page read (a run's parent, which reads
    # no page when workers do, never pays for them; the fork server preloads them)
    import trafilatura
    from htmldate import find_date

    if not isinstance(html, str) or not html.strip():
        return Extracted(text="", url=url)
    tree = trafilatura.load_html(repair_mojibake(html))  # a page saved as mojibake
    if tree is None:
        return Extracted(text="", url=url)
    meta = markup_metadata(tree)
    lead = _lead(tree)
    # trafilatura's byline XPaths, read before link-only paragraphs are dropped below
    author = author_from_trafilatura(tree) if meta.author is None else None
    _drop_hidden(tree)
    _break_empty_blocks(tree)
    links = _drop_link_lines(tree)
    data = _body(tree, url)
    if links:
        data = _links_were_the_body(html, data, url)
    rest = continuation(tree, _str(data.get("text")) or "")  # a body split by an ad row
    if rest:
        data["text"] = "\n".join([_str(data.get("text")) or "", *rest])
    data["author"] = author
    data["lead"] = lead
    # htmldate weighs the markup and the URL itself; it runs after trafilatura, which works
    # on its own copy of the tree, because its cleaning may edit the tree in place
    limit_htmldate_languages()
    data["date"] = find_date(tree, url=url, original_date=True, extensive_search=True)
    return _merge(meta, data, url, html)


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract the article body and metadata; ``text`` is "" when there is none.

    Never raises on bad input: a page that cannot be parsed gives ``Extracted(text="")``.
    """
    try:
        return _extract(html, url)
    except Exception:  # the readers' contract: a bad page must not stop a crawl
        LOGGER.debug("extraction failed for %s", url, exc_info=True)
        return Extracted(text="", url=url)
