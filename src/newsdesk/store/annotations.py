"""The store's annotation tables: each article's annotations, and its entity mentions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from newsdesk.article import Annotations, Entity, Event, Mention, Quote, TimeExpression
from newsdesk.store.database import Repository
from newsdesk.store.entity_index import add_words, script_twins

__all__ = ["AnnotationRepository", "decode_annotations"]


def decode_annotations(data: dict[str, Any]) -> Annotations:
    """Annotations from their stored JSON (fields unknown to this version are ignored)."""

    def build(cls: Any, items: Iterable[dict[str, Any]]) -> list[Any]:
        names = set(cls.__dataclass_fields__)
        return [cls(**{k: v for k, v in item.items() if k in names}) for item in items]

    return Annotations(
        entities=build(Mention, data.get("entities", [])),
        quotes=build(Quote, data.get("quotes", [])),
        dates=build(TimeExpression, data.get("dates", [])),
        events=build(Event, data.get("events", [])),
        named=build(Entity, data.get("named", [])),
        skipped=data.get("skipped"),
    )


_ATOMS = frozenset({str, int, float, bool, type(None)})  # as they are, in asdict too


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of ``value`` for the JSON written at once: the same
    keys in the same order, lists and tuples and dicts walked alike, other values as they
    are (asdict deep-copies them, for a caller who keeps the dict). asdict was a fifth of
    the annotation writer's CPU in the parent (its generic walk, field by field)."""
    if type(value) in _ATOMS:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple):
        if hasattr(value, "_fields"):  # a named tuple, built again from its values
            return type(value)(*map(_plain, value))
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return type(value)((_plain(k), _plain(v)) for k, v in value.items())
    return value


class AnnotationRepository(Repository):
    """Annotation methods of the store; the store class provides the connections."""

    def unannotated(self) -> list[str]:
        """Ids of articles not annotated yet, in ingest order."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM annotations)"
                " ORDER BY rowid"
            ).fetchall()
        return [r[0] for r in rows]

    def save_annotations(self, items: Sequence[tuple[str, Annotations]]) -> None:
        """One transaction: each article's annotations and its mention rows; the entity
        index follows (its counts by trigger, the words of new names here)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            for article_id, found in items:
                db.execute(
                    "INSERT OR REPLACE INTO annotations (article_id, data, annotated_at)"
                    " VALUES (?, ?, ?)",
                    (article_id, json.dumps(_plain(found), ensure_ascii=False), now),
                )
                db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
                db.executemany(
                    "INSERT INTO mentions (article_id, seq, canonical, type, text, start, end)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (article_id, i, m.canonical or m.text, m.type, m.text, m.start, m.end)
                        for i, m in enumerate(found.entities)
                    ],
                )
                add_words(db, ((m.canonical or m.text, m.type) for m in found.entities))

    def annotations_of(self, ids: Sequence[str]) -> dict[str, Annotations]:
        found: dict[str, Annotations] = {}
        with self._reader() as db:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT article_id, data FROM annotations WHERE article_id IN ({marks})"
                for article_id, data in db.execute(sql, chunk):
                    found[article_id] = decode_annotations(json.loads(data))
        return found

    def all_events(self) -> list[tuple[str, Event]]:
        """(article id, event) for every stored event, in ingest order."""
        found: list[tuple[str, Event]] = []
        with self._reader() as db:
            rows = db.execute(
                "SELECT n.article_id, n.data FROM annotations n JOIN articles a"
                " ON a.id = n.article_id WHERE a.copy_of IS NULL ORDER BY a.rowid"
            )
            for article_id, data in rows:
                found += [(article_id, e) for e in decode_annotations(json.loads(data)).events]
        return found

    def entity_names(self) -> list[tuple[str, str, int]]:
        """(canonical name, type, mentions) over the whole store."""
        with self._reader() as db:
            return [
                (r[0], r[1], r[2])
                for r in db.execute(
                    "SELECT canonical, type, count(*) FROM mentions GROUP BY canonical, type"
                )
            ]

    def written_forms(self, names: Sequence[str]) -> list[tuple[str, str, str]]:
        """(canonical name, type, a text it was written as) for these canonical names,
        every text not the canonical itself (from the entity index)."""
        found: list[tuple[str, str, str]] = []
        with self._reader() as db:
            for at in range(0, len(names), 500):
                part = list(names[at : at + 500])
                found += [
                    (r[0], r[1], r[2])
                    for r in db.execute(
                        "SELECT canonical, type, text FROM entity_written WHERE canonical IN"
                        f" ({','.join('?' * len(part))}) AND text != canonical"
                        " ORDER BY canonical, type, text",
                        part,
                    )
                ]
        return found

    def script_twins(self) -> list[tuple[str, str, str, int]]:
        """(name in another script, the Latin-script name it was joined to in some article,
        type, the name's own mentions) over the whole store (:func:`entity_index.script_twins`)."""
        with self._reader() as db:
            return script_twins(db)

    def articles_mentioning(self, names: Sequence[str]) -> list[tuple[str, str, str]]:
        """(article id, canonical, text as written) of every mention of these names."""
        if not names:
            return []
        marks = ",".join("?" * len(names))
        with self._reader() as db:
            rows = db.execute(
                f"SELECT m.article_id, m.canonical, m.text FROM mentions m"
                f" JOIN articles a ON a.id = m.article_id WHERE m.canonical IN ({marks})"
                " ORDER BY coalesce(a.published, a.fetched, ''), a.id, m.seq",
                list(names),
            ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
