"""What the ingest pipeline asks the store between its stages.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore`. The pipeline asks which
ids are stored already before it embeds and annotates a batch: a duplicate is
neither embedded nor annotated again.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.store.database import Repository

__all__ = ["PipelineRepository"]

CHUNK = 500  # ids per query (SQLite's variable limit is far above)


class PipelineRepository(Repository):
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that are stored."""
        found: set[str] = set()
        unique = sorted(set(ids))
        with self._reader() as db:
            for start in range(0, len(unique), CHUNK):
                part = unique[start : start + CHUNK]
                marks = ",".join("?" * len(part))
                rows = db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part)
                found.update(r[0] for r in rows)
        return found
