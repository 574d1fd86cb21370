"""Entity pages at a bounded cost: a name directory kept per store state, and profiles
that read at most :data:`MAX_ARTICLES` articles.

``newsdesk entity NAME`` groups every name in the store (:class:`NameIndex`) on each
call; for the web that cost (seconds on a big store, more than linear in the names)
was paid per new name, unknown names included, so anyone could tie the server up.
Here the grouping is done once per store state into a :class:`Directory`: a name is
looked up in dictionaries (as written, case-folded, or by its normalised key, the
same rules as the CLI), so an unknown name is a 404 before any other work.

While ``ingest`` or ``run`` write, the store's state changes every few seconds.
A directory that took long to build is then rebuilt in a separate process, at most
one at a time, at a lower CPU priority, starting at most every 30 s or three build
times, while requests go on answering from the previous one (a name first read in
the last minute or so may not have its page yet). A small store's directory is
rebuilt inline.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.article import Entity
from newsdesk.store import web_queries as q

__all__ = ["MAX_ARTICLES", "Directory", "EntityDirectory", "bounded_profile"]

log = logging.getLogger("newsdesk.web")

MAX_ARTICLES = 300  # an entity page reads the newest this many of its articles
INLINE_BUILD = 1.0  # seconds: a directory built faster than this is rebuilt inline
INLINE_NAMES = 1000  # a store with more distinct names builds its first directory in a worker
MIN_PAUSE = 30.0  # seconds between the starts of two background builds, at least
KINDS = ("PERSON", "ORG", "GPE")


@dataclass(slots=True)
class Directory:
    """Every entity of the store and the ways to find one by name."""

    entities: list[Entity] = field(default_factory=list)  # most mentioned first
    by_name: dict[str, int] = field(default_factory=dict)  # folded name or alias -> entity
    by_key: dict[tuple[str, ...], int] = field(default_factory=dict)  # name key -> entity
    by_written: dict[str, str] = field(default_factory=dict)  # folded text -> canonical

    def find(self, name: str) -> Entity | None:
        """The entity ``name`` denotes, by the CLI's rules; None, at once, when none does."""
        found = self._find(name)
        if found is None:
            canonical = self.by_written.get(name.strip().casefold())
            found = self._find(canonical) if canonical else None
        return found

    def _find(self, name: str) -> Entity | None:
        from newsdesk.annotate.names import name_key

        index = self.by_name.get(name.strip().casefold())
        if index is None:
            for kind in KINDS:
                key = name_key(name, kind)
                if key and key in self.by_key:
                    index = self.by_key[key]
                    break
        return None if index is None else self.entities[index]


def build_directory(
    names: list[tuple[str, str, int]], written: list[tuple[str, str, int]]
) -> Directory:
    """Group the store's names (as ``entity_profile`` does) and index every way to find one."""
    from newsdesk.annotate.names import NameIndex, name_key

    index = NameIndex()
    for canonical, kind, count in names:
        index.add(canonical, kind, count=count)
    directory = Directory(entities=index.entities())
    for i, entity in enumerate(directory.entities):
        for spelling in (entity.name, *entity.aliases):
            directory.by_name.setdefault(spelling.strip().casefold(), i)
        key = name_key(entity.name, entity.type)
        if key:
            directory.by_key.setdefault(key, i)
    best: dict[str, tuple[int, str]] = {}
    for text, canonical, count in written:
        folded = text.strip().casefold()
        held = best.get(folded)
        if held is None or (-count, canonical) < (-held[0], held[1]):
            best[folded] = (count, canonical)
    directory.by_written = {folded: canonical for folded, (_, canonical) in best.items()}
    return directory


def load_directory(db_path: str) -> Directory:
    """Read and group the names of the store at ``db_path`` (run in a worker process)."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        db.execute("PRAGMA busy_timeout=10000")
        names, written = q.entity_name_counts(db), q.written_forms(db)
    return build_directory(names, written)


def _background() -> None:
    """The rebuilding process yields the CPU to the server answering requests."""
    import os

    with contextlib.suppress(OSError):
        os.nice(10)


class EntityDirectory:
    """The current :class:`Directory` of one store, rebuilt as the store changes."""

    def __init__(self, path: Path, state: Callable[[], str]) -> None:
        self.path, self._state = path, state
        self._lock = threading.Lock()  # one inline build at a time
        self._current: tuple[str, Directory] | None = None
        self._took = 0.0  # seconds the last build took
        self._started = 0.0  # monotonic time the last build started
        self._pending: Future[Directory] | None = None
        self._pool: ProcessPoolExecutor | None = None

    def get(self) -> tuple[str, Directory]:
        """(version, directory): the current one, or the latest while a new one is built."""
        token = self._state()
        current = self._current
        if current is not None and current[0] == token:
            return current
        if current is not None and self._took >= INLINE_BUILD:
            self._refresh_in_background(token)
            return current
        with self._lock:
            current = self._current
            if current is None or (current[0] != token and self._took < INLINE_BUILD):
                self._started = time.monotonic()
                if current is None and self._many_names():
                    # the first build of a big store: in the worker process, waited for
                    # without holding the interpreter, so other requests go on meanwhile
                    directory = self._worker().submit(load_directory, str(self.path)).result()
                else:
                    directory = load_directory(str(self.path))
                self._took = time.monotonic() - self._started
                current = self._current = (token, directory)
            return current

    def warm(self) -> None:
        """Build the first directory now, on a thread of its own (the server's start-up)."""
        threading.Thread(target=self._warm, name="newsdesk-entities", daemon=True).start()

    def _warm(self) -> None:
        try:
            self.get()
        except Exception:  # the first request builds it again and reports what is wrong
            log.exception("building the entity directory failed")

    def _many_names(self) -> bool:
        try:
            with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
                return q.entity_name_count(db) > INLINE_NAMES
        except sqlite3.Error:
            return False

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            spawn = multiprocessing.get_context("spawn")  # never fork a threaded server
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=spawn, initializer=_background
            )
        return self._pool

    def _refresh_in_background(self, token: str) -> None:
        with self._lock:
            if self._pending is not None:
                return
            if time.monotonic() - self._started < max(MIN_PAUSE, 3 * self._took):
                return
            self._started = time.monotonic()
            pending = self._worker().submit(load_directory, str(self.path))
            self._pending = pending

        def done(future: Future[Directory]) -> None:
            try:
                directory = future.result()
            except Exception:  # keep answering from the directory we have
                log.exception("rebuilding the entity directory failed")
            else:
                self._current = (token, directory)
                self._took = time.monotonic() - self._started
            finally:
                self._pending = None

        pending.add_done_callback(done)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def bounded_profile(store: Any, entity: Entity) -> dict[str, Any]:
    """``newsdesk entity NAME --json`` of ``entity``, reading at most MAX_ARTICLES articles
    (the newest): ``articles``, ``stories``, first and last seen cover every article;
    ``roles`` and ``quotes`` come from the newest MAX_ARTICLES."""
    from newsdesk.annotate.names import name_key

    variants = sorted({entity.name, *entity.aliases})
    mentions = store.articles_mentioning(variants)  # oldest first
    ids = list(dict.fromkeys(article_id for article_id, _, _ in mentions))
    with store.reader() as db:
        placed = q.story_days_of(db, ids)
    days = sorted(day for _, day in placed.values() if day)
    stories = list(dict.fromkeys(s for i in ids if (s := placed.get(i, (None, None))[0])))
    newest = ids[-MAX_ARTICLES:]
    found = store.annotations_of(newest)
    keys = {name_key(v, entity.type) for v in variants}
    roles: dict[str, None] = {}
    quotes = []
    for article_id in newest:
        notes = found.get(article_id)
        if notes is None:
            continue
        for named in notes.named:
            if name_key(named.name, named.type) in keys:
                roles.update(dict.fromkeys(named.roles))
        for quote in notes.quotes:
            if quote.speaker and name_key(quote.speaker, "PERSON") in keys:
                quotes.append({"text": quote.text, "article_id": article_id, "kind": quote.kind})
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": sorted(({text for _, _, text in mentions} | set(variants)) - {entity.name}),
        "mentions": entity.mentions,
        "roles": list(roles),
        "country": entity.country,
        "first_seen": days[0] if days else None,
        "last_seen": days[-1] if days else None,
        "articles": ids,
        "stories": stories,
        "quotes": quotes,
    }
