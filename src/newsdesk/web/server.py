"""Serving the desk: the address it links to, and uvicorn."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.settings import Settings

__all__ = ["serve", "served_settings"]

_ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def served_settings(settings: Settings, *, host: str, port: int) -> Settings:
    """Settings whose ``base_url`` is the address the desk is served at, unless one was set.

    Feed and page links are absolute; without ``NEWSDESK_BASE_URL`` they point at
    ``host:port`` as served (``localhost`` for a wildcard address, which has no
    address of its own to link to — set ``NEWSDESK_BASE_URL`` when serving others).
    """
    if settings.base_url_set:
        return settings
    name = "localhost" if host in _ANY_ADDRESS else host
    if ":" in name:  # an IPv6 literal
        name = f"[{name}]"
    return settings.with_(base_url=f"http://{name}:{port}")


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the desk on ``host:port`` (loopback by default) until interrupted."""
    import uvicorn

    from newsdesk.web.app import create_app

    settings = served_settings(settings, host=host, port=port)
    app = create_app(settings)
    print(f"newsdesk: serving {settings.db} at http://{host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
