"""The word lists and patterns of ``data/extract_rules.json``, and small text helpers the
extract_* modules share."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lxml.html import HtmlElement

__all__ = ["Rules", "key", "norm_space", "rules", "text_of"]

WS_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Rules:
    article_types: frozenset[str]
    title_meta: tuple[str, ...]
    author_meta: tuple[str, ...]
    date_meta: tuple[str, ...]
    byline_classes: tuple[str, ...]
    byline_prefix_re: re.Pattern[str]
    author_reject: tuple[str, ...]
    comment_markers: tuple[str, ...]
    boilerplate_re: re.Pattern[str]
    author_tail_re: re.Pattern[str]
    author_reject_exact: frozenset[str]
    name_particles: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The word lists in ``data/extract_rules.json``, loaded once."""
    raw = json.loads(
        resources.files("newsdesk.clean").joinpath("data/extract_rules.json").read_text("utf-8")
    )
    prefixes = sorted(raw["byline_prefixes"], key=len, reverse=True)
    return Rules(
        article_types=frozenset(raw["article_types"]),
        title_meta=tuple(raw["title_meta"]),
        author_meta=tuple(raw["author_meta"]),
        date_meta=tuple(raw["date_meta"]),
        byline_classes=tuple(raw["byline_classes"]),
        byline_prefix_re=re.compile(
            r"^(?:" + "|".join(re.escape(p) for p in prefixes) + r")(?!\w)\s*:?\s*", re.IGNORECASE
        ),
        author_reject=tuple(raw["author_reject_words"]),
        comment_markers=tuple(raw["comment_markers"]),
        boilerplate_re=re.compile("|".join(raw["boilerplate_lines"]), re.IGNORECASE),
        author_reject_exact=frozenset(raw["author_reject_exact"]),
        name_particles=frozenset(raw["name_particles"]),
        author_tail_re=re.compile(
            r"(?<!\s)\s+(?:" + "|".join(raw["author_trailing_noise"]) + r")(?:\W.*)?$",
            re.IGNORECASE,
        ),
    )


def norm_space(text: str | None) -> str:
    return WS_RE.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()


def text_of(node: HtmlElement) -> str:
    return norm_space(" ".join(node.itertext()))


def key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
