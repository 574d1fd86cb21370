"""The web desk: pages, feeds and the JSON API over one store.

Importing this package is cheap: it imports none of its modules. FastAPI, Jinja2
and uvicorn load only when :func:`newsdesk.web.server.serve` or
:func:`newsdesk.web.app.create_app` is called.
"""
