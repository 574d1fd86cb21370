"""The roles written next to a name: a title before it, an apposition after it.

"South Korean President" in "South Korean President Lee Jae-myung"; "an associate
professor at the University of Tokyo" in "Li Hao, an associate professor at the
University of Tokyo, said": kept as the entity's roles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_keys import _titles

_DETERMINERS = frozenset({"a", "an", "the"})
_CLAUSE_WORDS = frozenset({"who", "which", "whose", "whom", "that", "where", "when"})


@cache
@cache
def _roles_data() -> dict[str, Any]:
    return _data("entities_roles.json")


def _is_title_word(token: Any, words: frozenset[str]) -> bool:
    return token.lower_ in words and (token.is_title or token.is_upper or token.lower_ in {"-"})


def _title_before(doc: Any, start: int) -> list[str]:
    """ "South Korean President" in "South Korean President Lee Jae-myung"."""
    titles = frozenset(_roles_data()["title_words"])
    modifiers = frozenset(_roles_data()["title_modifiers"]) | titles
    i = start
    has_title = False
    while i > 0:
        token = doc[i - 1]
        if token.ent_type_ in {"NORP", "GPE", "ORG"}:
            i -= 1
            continue
        if token.lower_ in modifiers and (token.is_title or token.is_upper or token.is_punct):
            has_title = has_title or token.lower_ in titles
            i -= 1
            continue
        break
    while i < start and doc[i].is_punct:
        i += 1
    if not has_title or i == start:
        return []
    return [doc[i:start].text]


def _apposition_after(doc: Any, end: int) -> list[str]:
    """ "associate professor at the University of Tokyo" in "Li Hao, an associate …,"."""
    if end >= len(doc) or doc[end].text != ",":
        return []
    limit = int(_roles_data()["max_apposition_tokens"])
    nouns = frozenset(_roles_data()["role_nouns"])
    i = end + 1
    tokens: list[Any] = []
    while i < len(doc) and len(tokens) <= limit * 2:
        token = doc[i]
        if token.text in {",", ".", ";", ":", "(", ")", "“", "”", '"'}:
            break
        if token.tag_.startswith("VB") or token.tag_ == "MD" or token.lower_ in _CLAUSE_WORDS:
            return []
        tokens.append(token)
        i += 1
    if not tokens or i >= len(doc) or doc[i].text not in {",", ".", ";"}:
        return []
    roles = []
    for part in _split_conjoined(tokens):
        words = part[1:] if part and part[0].lower_ in _DETERMINERS else part
        if not words or len(words) > limit:
            continue
        head = [t.lower_ for t in words[: next(_until_preposition(words), len(words))]]
        if any(word in nouns for word in head):
            roles.append(doc[words[0].i : words[-1].i + 1].text)
    return roles


def _until_preposition(words: Sequence[Any]) -> Iterator[int]:
    return (n for n, t in enumerate(words) if t.tag_ == "IN")


def _split_conjoined(tokens: list[Any]) -> list[list[Any]]:
    """ "an associate professor at X and a research fellow at Y" -> two roles."""
    parts: list[list[Any]] = [[]]
    for n, token in enumerate(tokens):
        follows = tokens[n + 1].lower_ if n + 1 < len(tokens) else ""
        if token.lower_ == "and" and follows in _DETERMINERS:
            parts.append([])
            continue
        parts[-1].append(token)
    return [p for p in parts if p]


def title_body(doc: Any, ent: Any) -> bool:
    """Whether a name ends a title whose other words are written before it ("secretary of
    State", "then-secretary of State", "the Secretary of State"): the body in a title's
    words, no entity of its own. The titles are names_rules.json's that name a body after
    "of"."""
    before = [t for t in doc[max(0, ent.start - 4) : ent.start]]
    words = tuple(t.lower_ for t in ent)
    for title in _titles():
        if "of" not in title[:-1] or title[-len(words) :] != words:
            continue
        head = title[: -len(words)]
        lead = before[-len(head) :] if len(before) >= len(head) else []
        if [t.lower_ for t in lead] == list(head):
            return True
    return False
