"""Read-only ``value["field"]`` for the typed values the desk reads.

The typed values that flow from the builders to the renderers (a story's reading,
coverage and perspectives, its entities and quotes, an entity's profile) are slotted
dataclasses; templates and the few older readers that index by key
(``o["article_id"]``, ``found.get("quotes", [])``) read them through
:class:`KeyedFields`: a value is read by its field name, nothing is written. Only
:mod:`newsdesk.serialize` turns them into JSON.

A light module on purpose: the outlets, the annotate views and the summarizer all use it,
and importing it loads nothing else.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KeyedFields"]


class KeyedFields:
    """Read-only ``value["field"]`` and ``value.get("field", default)`` for typed values."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)
