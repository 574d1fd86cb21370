"""``newsdesk`` commands of the live desk; importing this module registers them on the app."""

from __future__ import annotations

from newsdesk.cli import app  # noqa: F401
