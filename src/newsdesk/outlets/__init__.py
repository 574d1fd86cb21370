"""Outlets as records: the registry, resolution of an article's outlet and carrier,
coverage per story, perspectives by group, and blindspots.

Only light modules are imported here; the summarizer loads when perspectives are asked.
"""

from __future__ import annotations

from newsdesk.outlets.model import KINDS, Outlet, OutletInputError
from newsdesk.outlets.registry import OutletRegistry

__all__ = ["KINDS", "Outlet", "OutletInputError", "OutletRegistry"]
