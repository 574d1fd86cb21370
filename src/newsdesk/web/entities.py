"""Entity pages through the one resolver the CLI uses, over the store's entity index.

``/entity/NAME``, ``/api/v1/entities/NAME`` and ``newsdesk entity NAME`` all answer
through :func:`newsdesk.annotate.entity_resolver.resolve_entity`, which reads the entity
index kept current as annotations are saved (:mod:`newsdesk.store.entity_index`): a
name, known or not, costs a few indexed lookups, never a regrouping of the store, so
there is nothing to rebuild as ``ingest`` or ``run`` write. A store that had names
before the index existed builds the index's words once, when the server starts
(:meth:`EntityDirectory.warm`); until then names resolve by their exact spelling.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.annotate.entity_resolver import MAX_ARTICLES, entity_profile, resolve_entity
from newsdesk.annotate.views import EntityProfile
from newsdesk.article import Entity

if TYPE_CHECKING:
    from newsdesk.store.protocols import DeskRepositories, EntityIndexStore

__all__ = ["MAX_ARTICLES", "Directory", "EntityDirectory", "bounded_profile"]

log = logging.getLogger("newsdesk.web")


@dataclass(frozen=True, slots=True)
class Directory:
    """Finds an entity by name in the store at ``path``, through the one resolver."""

    path: Path

    def find(self, name: str) -> Entity | None:
        """The entity ``name`` denotes, by the CLI's rules; None when none does."""
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as db:
            db.execute("PRAGMA busy_timeout=10000")
            return resolve_entity(db, name)


class EntityDirectory:
    """The desk's entity finder: (store state, :class:`Directory`) for each request."""

    def __init__(
        self,
        path: Path,
        state: Callable[[], str],
        *,
        opener: Callable[[], AbstractContextManager[EntityIndexStore]] | None = None,
    ) -> None:
        self.path, self._state, self._opener = path, state, opener
        self._directory = Directory(path)

    def get(self) -> tuple[str, Directory]:
        """(version, directory): the version keys the profiles the desk caches."""
        return self._state(), self._directory

    def warm(self) -> None:
        """Build the index's words for an older store, on a thread of its own."""
        threading.Thread(target=self._warm, name="newsdesk-entities", daemon=True).start()

    def _warm(self) -> None:
        if self._opener is None:  # nothing to build with
            return
        try:
            with self._opener() as store:
                store.entity_index.ensure_entity_index(
                    lambda done, total: log.info("indexing entity names: %d of %d", done, total)
                )
        except Exception:  # names still resolve by their exact spelling meanwhile
            log.exception("building the entity index failed")

    def close(self) -> None:
        """Nothing held open between requests."""


def bounded_profile(store: DeskRepositories, entity: Entity) -> EntityProfile:
    """``newsdesk entity NAME --json`` of ``entity`` (the resolver's profile)."""
    return entity_profile(store, entity)
