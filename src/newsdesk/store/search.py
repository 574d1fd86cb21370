"""The search language users type, translated into an FTS5 query plus filters.

    ferry "Port Selva" -rumour outlet:"Northgate Wire" date:2026-03-10
    quake OR earthquake date:2026-03-09/2026-03-11

Bare words and "quoted phrases" must all match (bm25 ranks them); ``-word``
excludes; ``OR`` between two terms makes either enough; ``outlet:`` and
``date:`` (a day, or an ISO interval ``start/end``) and ``entity:`` (articles that
name a person, organisation or place, in any spelling an outlet used) filter, and so do
``country:JP`` and ``kind:state`` (the outlet's country and kind in the registry) and
``lang:ja`` (the article's language).
A term in Japanese, Chinese or Korean script (kana, ideographs, Hangul) is looked up as
a substring in the trigram index of migration 0015 (``articles_cjk``): unicode61 reads an
unspaced run as one word, so 奈良 inside 日韓首脳会談が奈良で would never match there.
Such terms must all be present (AND); ``-term`` excludes; they take no part in ``OR``.
:func:`filter_sql` turns the filters into SQL for the CLI's and the web's search
alike. Every user term is
quoted before it reaches FTS5, so no input can inject FTS5 syntax; malformed
input raises :class:`SearchSyntaxError` with a hint.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from newsdesk.errors import SearchSyntaxError

__all__ = ["ParsedQuery", "Spellings", "filter_sql", "parse_query", "with_entity_names"]

_TOKEN = re.compile(r'\s*(?:(-)?(\w+):("([^"]*)"|\S+)|(-)?"([^"]*)"|(\S+))', re.UNICODE)
_FILTERS = ("outlet", "date", "entity", "country", "lang", "kind")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
TRIGRAM = 3  # the trigram index finds substrings this long; shorter ones are scanned for


@dataclass(slots=True)
class ParsedQuery:
    match: str  # the FTS5 MATCH expression, "" when only filters were given
    outlets: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    date_from: str | None = None  # inclusive, YYYY-MM-DD
    date_to: str | None = None  # inclusive, YYYY-MM-DD
    countries: list[str] = field(default_factory=list)  # country:JP (the outlet's country)
    languages: list[str] = field(default_factory=list)  # lang:ja (the article's language)
    kinds: list[str] = field(default_factory=list)  # kind:state (the outlet's kind)
    cjk: list[str] = field(default_factory=list)  # terms in CJK script: all must be present
    cjk_excluded: list[str] = field(default_factory=list)  # -terms in CJK script
    # entity: name -> the canonical names of the entity it denotes in the store, as the
    # entity page counts them (see :func:`with_entity_names`); empty until resolved
    entity_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def outlet_filters(self) -> bool:
        """``country:``, ``lang:`` or ``kind:`` given (filters on the registry or language)."""
        return bool(self.countries or self.languages or self.kinds)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _parse_day(text: str, query: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise SearchSyntaxError(
            f"bad date {text!r} in {query!r}: write date:YYYY-MM-DD or date:YYYY-MM-DD/YYYY-MM-DD"
        ) from None


def _registry_filter(parsed: ParsedQuery, name: str, value: str) -> None:
    """``country:``, ``lang:``, ``kind:``: checked against the valid values."""
    from newsdesk.outlets.model import OutletInputError, check_country, check_kind, check_language

    try:
        if name == "country":
            parsed.countries.append(check_country(value))
        elif name == "lang":
            parsed.languages.append(check_language(value))
        else:
            parsed.kinds.append(check_kind(value))
    except OutletInputError as exc:
        raise SearchSyntaxError(f"{name}:{value}: {str(exc).rsplit(' [', 1)[0]}") from None


def _apply_filter(parsed: ParsedQuery, name: str, value: str, query: str) -> None:
    if name in {"country", "lang", "kind"}:
        _registry_filter(parsed, name, value)
    elif name == "outlet":
        parsed.outlets.append(value)
    elif name == "entity":
        parsed.entities.append(value)
    else:
        start, _, end = value.partition("/")
        parsed.date_from = _parse_day(start, query)
        parsed.date_to = _parse_day(end, query) if end else parsed.date_from
        if parsed.date_to < parsed.date_from:
            raise SearchSyntaxError(f"date interval {value!r} ends before it starts")


def parse_query(query: str) -> ParsedQuery:
    """Translate a user's query; raise SearchSyntaxError with a hint when it is malformed."""
    if query.count('"') % 2:
        raise SearchSyntaxError(
            f'unbalanced quote in {query!r}: close the phrase with a second " or drop the quote'
        )
    parsed = ParsedQuery(match="")
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = last_cjk = False
    for m in _TOKEN.finditer(query):
        neg_filter, name, raw_value, quoted_value, neg_phrase, phrase, word = m.groups()
        if name is not None and name.lower() in _FILTERS:
            if neg_filter:
                raise SearchSyntaxError(f"-{name}: is not supported; filter on what you want")
            value = quoted_value if quoted_value is not None else raw_value
            _apply_filter(parsed, name.lower(), value, query)
            continue
        if name is not None:  # "foo:bar" that is not a filter: search it as words
            word = f"{'-' if neg_filter else ''}{name}:{raw_value}"
        if word == "OR" and last_cjk:  # CJK terms take no part in OR: all must be present
            continue
        last_cjk = False
        if word == "OR":
            if not positives or pending_or:
                raise SearchSyntaxError("OR needs a term on each side, as in: quake OR earthquake")
            pending_or = True
            continue
        negative = bool(neg_phrase) or (word is not None and word.startswith("-") and len(word) > 1)
        term = phrase if phrase is not None else (word[1:] if negative and word else word)
        terms = re.findall(r"\w+", term or "", re.UNICODE)
        if not terms:
            continue
        if _CJK.search(term or ""):  # looked up in the trigram index (filter_sql)
            (parsed.cjk_excluded if negative else parsed.cjk).append(" ".join(terms))
            pending_or, last_cjk = False, True
            continue
        fts = _quote(" ".join(terms))
        if negative:
            negatives.append(fts)
        elif pending_or:
            positives[-1] = f"{positives[-1]} OR {fts}"
            pending_or = False
        else:
            positives.append(fts)
    if pending_or:
        raise SearchSyntaxError("OR needs a term on each side, as in: quake OR earthquake")
    _set_match(parsed, positives, negatives)
    return parsed


_ONLY_EXCLUDES = "a query needs at least one term to look for; -term only excludes from the results"


def _set_match(parsed: ParsedQuery, positives: list[str], negatives: list[str]) -> None:
    """The FTS5 expression from the terms to find and those to exclude; SearchSyntaxError
    when the query has nothing to look for."""
    if negatives and not positives and not parsed.cjk:
        raise SearchSyntaxError(_ONLY_EXCLUDES)
    if positives:
        expr = " AND ".join(f"({p})" for p in positives)
        parsed.match = expr + "".join(f" NOT {n}" for n in negatives)
    elif parsed.cjk_excluded and not parsed.cjk:
        raise SearchSyntaxError(_ONLY_EXCLUDES)
    elif not (
        parsed.outlets or parsed.date_from or parsed.entities or parsed.outlet_filters or parsed.cjk
    ):
        raise SearchSyntaxError('empty query: give a word, a "phrase" or a filter such as outlet:')


# articles naming an entity: the mentions whose canonical name or written form is the
# value, widened to every mention of the canonical names those resolve to
_ENTITY_SQL = (
    "{a}.id IN (SELECT article_id FROM mentions WHERE canonical COLLATE NOCASE IN"
    " (SELECT canonical FROM mentions WHERE canonical = ? COLLATE NOCASE"
    " OR text = ? COLLATE NOCASE))"
)


_RESOLVED_SQL = "{a}.id IN (SELECT article_id FROM mentions WHERE canonical IN ({marks}))"


Spellings = Callable[[sqlite3.Connection, str], Sequence[str]]


def with_entity_names(
    parsed: ParsedQuery, db: sqlite3.Connection, spellings: Spellings | None
) -> ParsedQuery:
    """``parsed`` with each ``entity:`` name resolved by ``spellings`` (the entity
    resolver's, :func:`newsdesk.annotate.entity_resolver.entity_spellings`, given by the
    CLI, the web and the charts) to every canonical name of the entity it denotes, so a
    search or a chart counts the articles the entity's page lists; as parsed without one."""
    if spellings is None or not parsed.entities:
        return parsed
    names = dict(parsed.entity_names)
    for name in parsed.entities:
        found = tuple(spellings(db, name.strip()))
        if found:
            names[name.strip()] = found
    return replace(parsed, entity_names=names) if names else parsed


def _cjk_sql(term: str) -> tuple[str, list[Any]]:
    """Rowids of articles holding ``term`` (CJK script) in title or text."""
    if len(term) >= TRIGRAM:
        return "SELECT rowid FROM articles_cjk WHERE articles_cjk MATCH ?", [_quote(term)]
    return (
        "SELECT rowid FROM articles_cjk WHERE instr(title, ?) > 0 OR instr(text, ?) > 0",
        [term, term],
    )


HIDDEN_ROWIDS = "(SELECT h.rowid FROM article_marks m JOIN articles h ON h.id = m.article_id)"


def filter_sql(
    parsed: ParsedQuery, *, alias: str = "a", resolved_only: bool = False
) -> tuple[list[str], list[Any]]:
    """WHERE clauses (joined with AND by the caller) and their parameters for the filters
    of ``parsed``: ``outlet:``, ``date:`` and ``entity:`` over the articles table ``alias``.
    ``resolved_only``: an ``entity:`` the resolver found selects just the articles of the
    entity it found (what its page lists: an entity's chart), not also those that wrote
    the name as given for another entity (a search for ``entity:Clinton`` finds articles
    where "Clinton" is Hillary Clinton too)."""
    where: list[str] = []
    params: list[Any] = []
    if parsed.outlets:
        where.append(f"{alias}.outlet COLLATE NOCASE IN ({','.join('?' * len(parsed.outlets))})")
        params.extend(parsed.outlets)
    if parsed.date_from:
        where.append(f"substr({alias}.published, 1, 10) BETWEEN ? AND ?")
        params.extend([parsed.date_from, parsed.date_to])
    for name in parsed.entities:
        names = parsed.entity_names.get(name.strip(), ())
        if names and resolved_only:
            marks = ",".join("?" * len(names))
            where.append(_RESOLVED_SQL.format(a=alias, marks=marks))
            params.extend(names)
            continue
        where.append(_ENTITY_SQL.format(a=alias))
        params.extend([name.strip(), name.strip()])
        if names:  # or any article naming the entity the resolver found for ``name``
            marks = ",".join("?" * len(names))
            where[-1] = f"({where[-1]} OR {_RESOLVED_SQL.format(a=alias, marks=marks)})"
            params.extend(names)
    for column, values in (("country", parsed.countries), ("kind", parsed.kinds)):
        if values:  # the outlet registry's facts (newsdesk.outlets)
            marks = ",".join("?" * len(values))
            where.append(
                f"{alias}.outlet IN (SELECT name FROM outlets WHERE {column} IN ({marks}))"
            )
            params.extend(values)
    if parsed.languages:
        where.append(f"{alias}.language IN ({','.join('?' * len(parsed.languages))})")
        params.extend(parsed.languages)
    for terms, negate in ((parsed.cjk, ""), (parsed.cjk_excluded, "NOT ")):
        for term in terms:
            sql, values = _cjk_sql(term)
            where.append(f"{alias}.rowid {negate}IN ({sql})")
            params.extend(values)
    # articles a mute/keep rule hides are never found (newsdesk.rules; written so the
    # web's index-only ranking can swap "a.rowid" for "articles_fts.rowid")
    where.append(f"{alias}.rowid NOT IN {HIDDEN_ROWIDS}")
    return where, params
