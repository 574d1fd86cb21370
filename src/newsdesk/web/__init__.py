"""The web desk: pages, feeds and the JSON API over one store.

Importing this package is cheap: FastAPI, Jinja2 and uvicorn load only when
:func:`serve` or :func:`newsdesk.web.app.create_app` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.settings import Settings

__all__ = ["serve"]


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the desk on ``host:port`` (loopback by default) until interrupted."""
    import uvicorn

    from newsdesk.web.app import create_app

    app = create_app(settings)
    print(f"newsdesk: serving {settings.db} at http://{host}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
