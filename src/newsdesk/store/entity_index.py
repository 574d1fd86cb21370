"""The entity index: canonical names, their types, mentions, article counts and written
forms (kept by triggers on ``mentions``), and the words of each name's key.

``entity NAME`` on the command line and ``/entity/NAME`` on the web resolve a name through
:func:`newsdesk.annotate.entity_resolver.resolve_entity`, which reads only these tables,
by a few indexed lookups: a name's neighbourhood (the names sharing a word of its key),
never the whole store. The words are written where annotations are saved
(:meth:`AnnotationRepository.save_annotations`); a store that held mentions before the
index existed builds them once, on first use, with progress (:meth:`ensure_entity_index`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence

from newsdesk.store.database import Repository

__all__ = [
    "EntityIndexRepository",
    "NameRow",
    "add_words",
    "mentions_placed",
    "names_marked",
    "names_named",
    "names_with_all",
    "names_within",
    "other_script",
    "script_twins",
    "twin_in_latin",
]

NameRow = tuple[str, str, int]  # (canonical, type, mentions)
_BUILD_CHUNK = 5000
# letters of a script other than Latin: Greek to Hangul, CJK and kana
_OTHER_SCRIPT = re.compile(r"[\u0370-\u1fff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def other_script(name: str) -> bool:
    """Whether ``name`` is written (in part) in a script other than Latin."""
    return bool(_OTHER_SCRIPT.search(name))


def _word_rows(names: Iterable[tuple[str, str]]) -> list[tuple[str, str, str, int]]:
    from newsdesk.annotate.names import index_words

    rows: list[tuple[str, str, str, int]] = []
    for canonical, kind in set(names):
        words, count = index_words(canonical, kind)
        rows.extend((word, canonical, kind, count) for word in words)
    return rows


def add_words(db: sqlite3.Connection, names: Iterable[tuple[str, str]]) -> None:
    """Index the key words of these (canonical, type) names (those already indexed stay)."""
    db.executemany(
        "INSERT OR IGNORE INTO entity_words (word, canonical, type, words) VALUES (?, ?, ?, ?)",
        _word_rows(names),
    )


def _rows(cursor: sqlite3.Cursor) -> list[NameRow]:
    return [(str(r[0]), str(r[1]), int(r[2])) for r in cursor]


def names_named(db: sqlite3.Connection, text: str) -> tuple[list[NameRow], list[NameRow]]:
    """(names whose canonical is ``text``, names ever written ``text``), any case; the second
    with the mentions written so, most first."""
    text = text.strip()
    canonical = db.execute(
        "SELECT canonical, type, mentions FROM entity_names WHERE canonical = ? COLLATE NOCASE"
        " ORDER BY mentions DESC, canonical, type",
        (text,),
    )
    named = _rows(canonical)
    written = db.execute(
        "SELECT canonical, type, sum(mentions) AS n FROM entity_written"
        " WHERE text = ? COLLATE NOCASE GROUP BY canonical, type"
        " ORDER BY n DESC, canonical, type LIMIT 50",
        (text,),
    )
    return named, _rows(written)


# names joined to the index words' holders a query picks (``{holders}``: canonical, type)
_HOLDERS_SQL = (
    "SELECT n.canonical, n.type, n.mentions FROM entity_names n JOIN ({holders}) w"
    " ON w.canonical = n.canonical AND w.type = n.type"
    " ORDER BY n.mentions DESC, n.canonical, n.type LIMIT ?"
)


def _names_held(
    db: sqlite3.Connection, holders: str, params: Sequence[str | int], limit: int
) -> list[NameRow]:
    """The names ``holders`` (SQL over ``entity_words``) picks, most mentioned first."""
    return _rows(db.execute(_HOLDERS_SQL.format(holders=holders), [*params, limit]))


def names_marked(
    db: sqlite3.Connection, words: Sequence[str], *, limit: int = 200
) -> list[NameRow]:
    """Names with any of these index words (a key's letters "=…", initials "^…", a word)."""
    if not words:
        return []
    marks = ",".join("?" * len(words))
    holders = f"SELECT DISTINCT canonical, type FROM entity_words WHERE word IN ({marks})"
    return _names_held(db, holders, words, limit)


def names_with_all(
    db: sqlite3.Connection, words: Sequence[str], *, limit: int = 200
) -> list[NameRow]:
    """Names whose key holds every one of ``words`` (and maybe more): the holders of a key."""
    unique = sorted(set(words))
    if not unique:
        return []
    marks = ",".join("?" * len(unique))
    holders = (
        f"SELECT canonical, type FROM entity_words WHERE word IN ({marks})"
        " GROUP BY canonical, type HAVING count(*) = ?"
    )
    return _names_held(db, holders, [*unique, len(unique)], limit)


def names_within(
    db: sqlite3.Connection, words: Sequence[str], *, limit: int = 500
) -> list[NameRow]:
    """Names every word of whose key is one of ``words``: a key's parts ("Lee" of "Lee
    Jae Myung")."""
    unique = sorted(set(words))
    if not unique:
        return []
    marks = ",".join("?" * len(unique))
    holders = (
        f"SELECT canonical, type FROM entity_words WHERE word IN ({marks})"
        " GROUP BY canonical, type HAVING count(*) = max(words)"
    )
    return _names_held(db, holders, unique, limit)


def mentions_placed(
    db: sqlite3.Connection, names: Sequence[str]
) -> list[tuple[str, str, str | None, str | None]]:
    """(article id, text as written, story id, published) of every mention of these
    canonical names, oldest article first: an entity page's articles in one indexed pass."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    rows = db.execute(
        "SELECT m.article_id, m.text, a.story_id, a.published FROM mentions m"
        f" JOIN articles a ON a.id = m.article_id WHERE m.canonical IN ({marks})"
        " ORDER BY coalesce(a.published, a.fetched, ''), a.id, m.seq",
        list(names),
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


# a name in another script stored as a canonical of its own and, written the same way in
# another article, joined to a Latin-script canonical: the cross-script join runs in store
# order, so the articles read before the English name was known kept their own script
_TWINS_SQL = (
    "SELECT w.text, w.canonical, w.type, n.mentions FROM entity_written w"
    " JOIN entity_names n ON n.canonical = w.text AND n.type = w.type"
    " WHERE w.canonical != w.text{where} ORDER BY w.mentions DESC, w.canonical"
)


def script_twins(
    db: sqlite3.Connection, names: Sequence[str] = ()
) -> list[tuple[str, str, str, int]]:
    """(name in another script, the Latin-script canonical it was joined to, type, the
    name's own mentions): of these Latin canonicals ``names``, or all when none are given."""
    where, params = "", list(names)
    if names:
        where = f" AND w.canonical IN ({','.join('?' * len(names))})"
    rows = db.execute(_TWINS_SQL.format(where=where), params)
    found = [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]
    return [r for r in found if other_script(r[0]) and not other_script(r[1])]


def twin_in_latin(db: sqlite3.Connection, name: str, kind: str) -> str | None:
    """The Latin-script canonical that ``name`` (another script), written so, was joined to
    in some article; the one joined most often."""
    if not other_script(name):
        return None
    _, written = names_named(db, name)
    return next((c for c, k, _ in written if k == kind and not other_script(c)), None)


class EntityIndexRepository(Repository):
    """The entity index's upkeep; the store class provides the connections."""

    def entity_index_ready(self) -> bool:
        """Whether every stored name's words are in the index."""
        with self._reader() as db:
            row = db.execute(
                "SELECT value FROM entity_index_state WHERE name = 'words_built'"
            ).fetchone()
        return row is not None

    def ensure_entity_index(self, progress: Callable[[int, int], None] | None = None) -> bool:
        """Build the words of a store that had names before the index (once); True if built now.

        ``progress(done, total)`` is called after each chunk of names."""
        if self.entity_index_ready():
            return False
        with self._reader() as db:
            names = [(str(r[0]), str(r[1])) for r in db.execute(
                "SELECT canonical, type FROM entity_names ORDER BY canonical, type"
            )]  # fmt: skip
        for start in range(0, len(names), _BUILD_CHUNK):
            with self._transaction() as db:
                add_words(db, names[start : start + _BUILD_CHUNK])
            if progress is not None:
                progress(min(start + _BUILD_CHUNK, len(names)), len(names))
        with self._transaction() as db:
            # names written while this ran were indexed by save_annotations
            db.execute("INSERT OR REPLACE INTO entity_index_state VALUES ('words_built', '1')")
        return True
