"""Evaluating many watchlists against a pass's new articles without one FTS5 query each.

The new articles (a chunk of rowids at a time) are indexed once in an in-memory FTS5
table with the store's own tokenizer, and the token instances (term, article, column,
offset) of the words the watchlists use are read back from ``fts5vocab`` in one query:
they are the tokens FTS5 itself made, so nothing is guessed about how a word is cut or
folded. A watchlist's query, as :func:`~newsdesk.store.search.parse_query` writes it
(``("a" OR "b c") AND ("d") NOT "e"``), is then evaluated in Python: a phrase matches
an article where its tokens follow one another in one column. The words of each phrase
are tokenized by the same FTS5 tokenizer. A query whose expression has any other shape
is left to SQL (the caller asks FTS5 about it as before).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = [
    "CHUNK",
    "Compiled",
    "Expression",
    "TokenIndex",
    "nocase",
    "parse_expression",
    "phrases_of",
    "token_index",
    "tokenizer_of",
]

CHUNK = 2000  # new articles indexed in memory at once
Expression = tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]  # (groups of phrases, NOTs)

_PART = re.compile(r'"((?:[^"]|"")*)"|(\()|(\))|\b(AND|OR|NOT)\b|(\S)')
_TOKENIZE = re.compile(r"""tokenize\s*=\s*(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)")""", re.I)


def tokenizer_of(db: sqlite3.Connection, table: str = "articles_fts") -> str | None:
    """The ``tokenize`` option the store's FTS5 table was made with (None: unknown)."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    found = _TOKENIZE.search(row[0] or "") if row else None
    if not found:
        return None
    single, double = found.groups()
    return single.replace("''", "'") if single is not None else double.replace('""', '"')


def parse_expression(match: str) -> Expression | None:
    """``("a" OR "b c") AND ("d") NOT "e"`` as ((("a",), ("b c",)), ...), ("e",)): every
    group must hold one of its phrases, no NOT phrase may be present. None for any other
    shape (evaluated by FTS5 instead)."""
    parts = [m.groups() for m in _PART.finditer(match)]
    groups: list[tuple[str, ...]] = []
    negatives: list[str] = []
    i = 0

    def phrase(at: int) -> str | None:
        if at < len(parts) and parts[at][0] is not None:
            return str(parts[at][0]).replace('""', '"')
        return None

    while i < len(parts):
        quoted, opened, _closed, word, other = parts[i]
        if other is not None or quoted is not None:
            return None
        if opened and not negatives and (not groups or parts[i - 1][3] == "AND"):
            alternatives = []
            i += 1
            while True:
                text = phrase(i)
                if text is None:
                    return None
                alternatives.append(text)
                i += 1
                if i < len(parts) and parts[i][3] == "OR":
                    i += 1
                    continue
                if i < len(parts) and parts[i][2]:
                    i += 1
                    break
                return None
            groups.append(tuple(alternatives))
        elif word == "AND" and groups and not negatives and i + 1 < len(parts) and parts[i + 1][1]:
            i += 1
        elif word == "NOT" and groups:
            text = phrase(i + 1)
            if text is None:
                return None
            negatives.append(text)
            i += 2
        else:
            return None
    if not groups:
        return None
    return tuple(groups), tuple(negatives)


class _PhraseCache:
    """Phrase text -> its tokens under one tokenizer (FTS5 itself cuts them)."""

    def __init__(self, size: int = 20_000) -> None:
        self._known: OrderedDict[tuple[str, str], tuple[str, ...]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()  # the follower and the desk's pass may both ask

    def tokens(
        self, db: sqlite3.Connection, tokenizer: str, texts: Iterable[str]
    ) -> dict[str, tuple[str, ...]]:
        with self._lock:
            return self._tokens(db, tokenizer, set(texts))

    def _tokens(
        self, db: sqlite3.Connection, tokenizer: str, wanted: set[str]
    ) -> dict[str, tuple[str, ...]]:
        found = {t: self._known[(tokenizer, t)] for t in wanted if (tokenizer, t) in self._known}
        missing = sorted(wanted - set(found))
        if missing:
            db.execute("DELETE FROM q")
            db.executemany("INSERT INTO q (rowid, x) VALUES (?, ?)", enumerate(missing, 1))
            cut: dict[int, list[tuple[int, str]]] = defaultdict(list)
            for term, doc, offset in db.execute("SELECT term, doc, offset FROM qv"):
                cut[int(doc)].append((int(offset), str(term)))
            for n, text in enumerate(missing, 1):
                found[text] = tuple(term for _, term in sorted(cut.get(n, [])))
                self._known[(tokenizer, text)] = found[text]
            while len(self._known) > self._size:
                self._known.popitem(last=False)
        return found


_PHRASES = _PhraseCache()


class Compiled(NamedTuple):
    """An expression with its phrases cut into tokens by the store's tokenizer."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]  # per group, its phrases' tokens
    negatives: tuple[tuple[str, ...], ...]
    terms: frozenset[str]  # every token it uses
    firsts: tuple[frozenset[str], ...]  # per group, its phrases' first tokens
    usable: bool  # False: a phrase FTS5 reads as no token (FTS5 decides those)


class TokenIndex:
    """The token instances of a chunk of new articles, for the terms asked about.

    One per thread and tokenizer (:func:`token_index`), reused pass after pass."""

    def __init__(self, tokenizer: str) -> None:
        self.tokenizer = tokenizer
        quoted = tokenizer.replace("'", "''")
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.executescript(
            f"CREATE VIRTUAL TABLE t USING fts5 (title, text, tokenize = '{quoted}');"
            "CREATE VIRTUAL TABLE tv USING fts5vocab (t, 'instance');"
            f"CREATE VIRTUAL TABLE q USING fts5 (x, tokenize = '{quoted}');"
            "CREATE VIRTUAL TABLE qv USING fts5vocab (q, 'instance');"
        )
        # term -> rowid -> {(column, offset)}
        self.postings: dict[str, dict[int, set[tuple[int, int]]]] = {}
        self.rowids: set[int] = set()
        # keyed by the expression's text (a str keeps its hash: a thousand are looked up
        # each pass)
        self._compiled: dict[str, Compiled] = {}
        self._triggers: dict[str, list[str]] = {}
        self._terms: set[str] = set()
        self._prepared: frozenset[str] = frozenset()

    def compile(self, wanted: dict[str, Expression]) -> dict[str, Compiled]:
        """Each expression (by its text) with its phrases' tokens, kept for the next pass."""
        missing = [k for k in wanted if k not in self._compiled]
        if missing:
            if len(self._compiled) > 20_000:
                self._compiled.clear()
                missing = list(wanted)
            tokens = _PHRASES.tokens(
                self.db, self.tokenizer, {t for k in missing for t in phrases_of(wanted[k])}
            )
            for key in missing:
                groups, negatives = wanted[key]
                cut = tuple(tuple(tokens[p] for p in g) for g in groups)
                nots = tuple(tokens[p] for p in negatives)
                every = [t for g in cut for p in g for t in p] + [t for p in nots for t in p]
                usable = all(p for g in cut for p in g) and all(nots)
                firsts = tuple(frozenset(p[0] for p in g if p) for g in cut)
                self._compiled[key] = Compiled(cut, nots, frozenset(every), firsts, usable)
        return {k: self._compiled[k] for k in wanted}

    def prepare(self, compiled: dict[str, Compiled]) -> set[str]:
        """Get ready for these expressions; the terms whose instances they need. A term ->
        expressions map (the first tokens of the phrases of each one's narrowest group)
        is kept while the expressions stay the same."""
        usable = frozenset(k for k, c in compiled.items() if c.usable)
        if usable != self._prepared:
            triggers: dict[str, list[str]] = defaultdict(list)
            terms: set[str] = set()
            for key in usable:
                terms |= compiled[key].terms
                for token in min(compiled[key].firsts, key=len):
                    triggers[token].append(key)
            self._triggers, self._terms, self._prepared = dict(triggers), terms, usable
        return self._terms

    def candidates(self) -> set[str]:
        """The prepared expressions that can match the loaded rows: one first token of a
        phrase of their narrowest group is present."""
        found: set[str] = set()
        for term in self.postings.keys() & self._triggers.keys():
            found.update(self._triggers[term])
        return found

    def load(self, rows: Sequence[tuple[int, str, str | None]], terms: set[str]) -> None:
        """Index (rowid, title, text) rows and keep the instances of ``terms``."""
        self.postings = {}
        self.rowids = {int(r[0]) for r in rows}
        self.db.execute("DELETE FROM t")
        self.db.executemany("INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)", rows)
        if not terms:
            return
        # every instance of the chunk, filtered here: cheaper than asking fts5vocab for
        # hundreds of terms by name
        for term, doc, col, offset in self.db.execute("SELECT term, doc, col, offset FROM tv"):
            if term in terms:
                place = (0 if col == "title" else 1, offset)
                self.postings.setdefault(term, {}).setdefault(doc, set()).add(place)

    def phrase_rowids(self, tokens: tuple[str, ...]) -> set[int]:
        """The rowids where ``tokens`` follow one another in one column."""
        lists = [self.postings.get(t) for t in tokens]
        if not tokens or any(not p for p in lists):
            return set()
        first = lists[0]
        assert first is not None
        docs = set(first)
        for other in lists[1:]:
            assert other is not None
            docs &= other.keys()
        if len(tokens) == 1:
            return docs
        found = set()
        for doc in docs:
            rest = [p[doc] for p in lists[1:] if p is not None]
            for col, offset in first[doc]:
                if all((col, offset + k) in places for k, places in enumerate(rest, 1)):
                    found.add(doc)
                    break
        return found

    def evaluate(self, compiled: Compiled) -> set[int]:
        """The loaded rowids the expression matches."""
        postings = self.postings
        for firsts in compiled.firsts:  # a group none of whose phrases can start: no match
            if not any(f in postings for f in firsts):
                return set()
        result: set[int] | None = None
        for group in compiled.groups:
            hits: set[int] = set()
            for tokens in group:
                hits |= self.phrase_rowids(tokens)
            result = hits if result is None else result & hits
            if not result:
                return set()
        assert result is not None
        for tokens in compiled.negatives:
            result -= self.phrase_rowids(tokens)
        return result


_LOCAL = threading.local()


def token_index(tokenizer: str) -> TokenIndex:
    """This thread's index for ``tokenizer`` (made once)."""
    indexes: dict[str, TokenIndex] = _LOCAL.__dict__.setdefault("indexes", {})
    if tokenizer not in indexes:
        indexes[tokenizer] = TokenIndex(tokenizer)
    return indexes[tokenizer]


def phrases_of(expression: Expression) -> list[str]:
    groups, negatives = expression
    return [*[p for g in groups for p in g], *negatives]


def nocase(text: str) -> str:
    """SQLite's NOCASE: ASCII letters folded, nothing else."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
