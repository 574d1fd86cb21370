"""The store's followed sources and their poll state (``newsdesk sources``, ``newsdesk run``).

Mixed into :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL.
"""

from __future__ import annotations

__all__ = ["SourceTables"]


class SourceTables:
    """Followed sources: URL, schedule, conditional-GET validators, backoff, last error."""
