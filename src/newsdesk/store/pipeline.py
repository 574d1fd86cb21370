"""What the ingest pipeline asks the store between its stages.

Mixed into :class:`~newsdesk.store.sqlite.SqliteStore`. The pipeline asks which
ids are stored already before it embeds and annotates a batch: a duplicate is
neither embedded nor annotated again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager

__all__ = ["PipelineQueries"]

CHUNK = 500  # ids per query (SQLite's variable limit is far above)


class PipelineQueries:
    def reader(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that are stored."""
        found: set[str] = set()
        unique = sorted(set(ids))
        with self.reader() as db:
            for start in range(0, len(unique), CHUNK):
                part = unique[start : start + CHUNK]
                marks = ",".join("?" * len(part))
                rows = db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part)
                found.update(r[0] for r in rows)
        return found
