"""The store's subscribers, consent records and erasures.

Mixed into :class:`~newsdesk.store.sqlite.SqliteStore`; the only place these tables
are spoken to in SQL.
"""

from __future__ import annotations

__all__ = ["SubscriberTables"]


class SubscriberTables:
    """Subscribers with their consent, schedule and topics; erased addresses as salted hashes."""
