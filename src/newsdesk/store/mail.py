"""The store's send ledger, suppressions and bounce scores.

Mixed into :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL.
"""

from __future__ import annotations

__all__ = ["MailTables"]


class MailTables:
    """One ledger row per (brief, subscriber), written before sending, marked after the 250."""
