"""The sign-up form, confirmation and unsubscribe pages.

Double opt-in; a GET never changes anything (link scanners must not act for anyone).
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
