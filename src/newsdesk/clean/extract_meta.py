"""Title and publication dates read from a page's explicit markup (authors: extract_author).

The order is the publisher's own structured data first (JSON-LD ``NewsArticle``, with
``@id`` references resolved), then meta tags (Open Graph, Dublin Core, ``name=author``),
then visible markup (``<h1>`` agreeing with ``<title>``, ``itemprop``, bylines, ``<time
datetime>``). Anything that is not explicit is left to trafilatura and htmldate by the caller.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.clean.extract_author import author_from_markup, clean_author
from newsdesk.clean.extract_rules import key as _key
from newsdesk.clean.extract_rules import norm_space, rules
from newsdesk.clean.extract_rules import text_of as _text

__all__ = ["MarkupMeta", "clean_author", "markup_metadata", "parse_date", "rules"]

TITLE_SEP_RE = re.compile(r"(?<!\s)\s+(?:[|•·»›~/\\]|::|—|–|-|:)\s+")
DATE_PREFIX_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
MAX_SCRIPT_CHARS = 500_000
KICKER_MAX_WORDS = 5


@dataclass(slots=True)
class MarkupMeta:
    """What the page says about itself; every field may be missing."""

    titles: list[str] = field(default_factory=list)
    h1s: list[str] = field(default_factory=list)
    post_heads: list[str] = field(default_factory=list)
    html_title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: datetime | None = None
    dates: list[datetime] = field(default_factory=list)
    language: str | None = None


def parse_date(value: Any) -> datetime | None:
    """An ISO-8601-ish string to a datetime; None when it is not one."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    candidate = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    match = DATE_PREFIX_RE.match(value)
    if match:
        try:
            return datetime.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


def _plausible(when: datetime | None) -> datetime | None:
    if when is None or not 1995 <= when.year <= datetime.now().year + 1:
        return None
    return when


# --- JSON-LD ---------------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        text = script.text or ""
        if not text.strip() or len(text) > MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", text))
            except ValueError:
                continue
        objects.extend(_walk(data))
    return objects


def _person_names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names of the people in an ``author`` value; ``{"@id": ...}`` references (Yoast's
    ``@graph``) are looked up among the page's other JSON-LD objects."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        if "organization" in _types(value):
            return []
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _person_names(item, by_id)]
    return []


def _from_jsonld(tree: HtmlElement, meta: MarkupMeta) -> None:
    kinds = rules().article_types
    objects = _jsonld_objects(tree)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and "name" in o}
    ranked = sorted(
        (o for o in objects if _types(o) & kinds),
        key=lambda o: 0 if _types(o) & {"webpage", "itempage", "aboutpage", "creativework"} else -1,
    )
    for obj in ranked:
        headline = obj.get("headline") or (None if "webpage" in _types(obj) else obj.get("name"))
        if isinstance(headline, str) and norm_space(headline):
            meta.titles.append(norm_space(headline))
        if meta.author is None:
            names = [
                clean_author(n)
                for n in _person_names(obj.get("author") or obj.get("creator"), by_id)
            ]
            kept = [n for n in names if n]
            if kept:
                meta.author = "; ".join(dict.fromkeys(kept))
        when = _plausible(parse_date(obj.get("datePublished")))
        if when is not None:
            meta.dates.append(when)
    for obj in objects if meta.site_name is None else ():
        if _types(obj) & {"website", "newsmediaorganization", "organization"}:
            name = obj.get("name")
            if isinstance(name, str) and norm_space(name):
                meta.site_name = norm_space(name)
                break


# --- meta tags and visible markup ----------------------------------------------------------------


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content for each lowercased meta name/property/itemprop."""
    found: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        content = node.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = node.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _dates_from_markup(tree: HtmlElement, tags: dict[str, str]) -> Iterator[datetime]:
    """Publication timestamps the markup states, best first (modified dates are not read)."""
    for key in rules().date_meta:
        when = _plausible(parse_date(tags.get(key)))
        if when:
            yield when
    for node in tree.xpath(
        ".//*[@itemprop='datePublished']|.//time[@pubdate]|.//*[@class='published']"
    ):
        when = _plausible(
            parse_date(node.get("datetime") or node.get("content") or node.get("title"))
        )
        if when:
            yield when


# Menus and promo lists often hold a page's first dozens of headings; its own headline,
# the one agreeing with the meta title, can come after them all.
HEADINGS_MAX = 400
HEAD_XPATH = XPath(".//body//h1|.//body//h2|.//body//h3")
POST_HEAD_XPATH = XPath(
    ".//article//h1|.//main//h1|.//article//h2|.//h1[contains(@class,'title')]"
    "|.//h2[contains(@class,'title') or contains(@class,'headline')]"
    "|.//*[contains(@class,'entry-title') or contains(@class,'post-title')"
    " or contains(@class,'article-title') or contains(@class,'headline')][self::h1 or self::h2"
    " or self::h3 or self::div or self::span or self::a]"
)


# a heading only screen readers get ("Nav Social Menu", "Primary Sidebar"): the page's
# landmarks named for accessibility, never its headline
SCREEN_READER_RE = re.compile(
    r"(?:^|\s)(?:screen-reader-text|screen-reader-only|sr-only|visually-hidden|visuallyhidden"
    r"|element-invisible|hidden-visually|a11y-hidden)(?:$|\s)",
    re.IGNORECASE,
)


def _head_texts(nodes: list[HtmlElement], limit: int = 12) -> list[str]:
    texts = []
    nodes = [n for n in nodes if not SCREEN_READER_RE.search(n.get("class") or "")]
    for node in nodes[:limit]:
        text = _text(node)
        if 2 <= len(text) <= 300 and text not in texts:
            texts.append(text)
    return texts


def markup_metadata(tree: HtmlElement) -> MarkupMeta:
    """Everything the page states about itself in markup; never raises on odd markup."""
    meta = MarkupMeta()
    _from_jsonld(tree, meta)
    tags = _meta_tags(tree)
    for key in rules().title_meta:
        if tags.get(key):
            meta.titles.append(norm_space(tags[key]))
    title_node = tree.find(".//title")
    if title_node is not None:
        meta.html_title = _text(title_node) or None
    meta.h1s = _head_texts(HEAD_XPATH(tree), HEADINGS_MAX)
    meta.post_heads = _head_texts(POST_HEAD_XPATH(tree))
    meta.site_name = meta.site_name or norm_space(tags.get("og:site_name")) or None
    if meta.author and _key(meta.author) == _key(meta.site_name or ""):
        meta.author = None  # many sites name themselves where a byline belongs
    meta.author = meta.author or author_from_markup(tree, tags, meta.site_name)
    meta.dates.extend(_dates_from_markup(tree, tags))
    meta.published = meta.dates[0] if meta.dates else None
    lang = tree.get("lang") or tags.get("og:locale") or tags.get("content-language")
    meta.language = lang.replace("_", "-").split("-")[0].lower() if lang else None
    return meta


# --- title choice --------------------------------------------------------------------------------


def _strip_site(title: str, site_name: str | None) -> str:
    """``Headline | Site`` -> ``Headline``: drop an outer part naming the site, else the
    shorter outer part when the title has exactly one separator."""
    parts = TITLE_SEP_RE.split(title)
    seps = TITLE_SEP_RE.findall(title)
    if len(parts) < 2:
        return title
    site = _key(site_name or "")
    if site and site in _key(parts[-1]):
        return "".join(p + s for p, s in zip(parts[:-2], seps[:-1], strict=False)) + parts[-2]
    if site and site in _key(parts[0]):
        rest = title[len(parts[0]) + len(seps[0]) :]
        return rest.strip()
    if len(parts) == 2:
        return max(parts, key=len).strip()
    return title


def _agrees(head: str, keys: list[str]) -> bool:
    hk = _key(head)
    return len(hk) >= 4 and any(hk == k or (hk in k and len(hk) >= 0.3 * len(k)) for k in keys)


def _without_kicker(head: str, titles: list[str]) -> str | None:
    """``Kicker: Headline`` in the heading while the meta title is just ``Headline``: the
    heading's first words are a kicker (topic label), not part of the headline."""
    hk = _key(head)
    for title in titles:
        tk = _key(title)
        extra = hk[: len(hk) - len(tk)].split()
        if tk and tk != hk and hk.endswith(" " + tk) and len(extra) <= KICKER_MAX_WORDS:
            return title
    return None


def choose_title(meta: MarkupMeta) -> str | None:
    """The headline: a heading that agrees with the page title or meta titles, else the
    post's own heading, else the structured headline, else ``<title>`` without the site."""
    site = _key(meta.site_name or "")
    titles = [t for t in meta.titles if _key(t) != site]
    candidates = [*titles, *([meta.html_title] if meta.html_title else [])]
    keys = [_key(c) for c in candidates]
    for head in [*meta.post_heads, *meta.h1s]:
        kicked = _without_kicker(head, titles)
        if kicked:
            return kicked
    for head in [*meta.post_heads, *meta.h1s]:
        if _agrees(head, keys) and _key(head) != site:
            return head
    if meta.post_heads:
        return meta.post_heads[0]
    if titles:
        return _strip_site(titles[0], meta.site_name)
    if meta.html_title:
        return _strip_site(meta.html_title, meta.site_name)
    return meta.h1s[0] if meta.h1s else None
