"""``newsdesk watch add|list|remove``: saved searches that alert; importing registers them.

A watchlist is evaluated by ``newsdesk run`` each pass against the articles committed
since the last one (see :mod:`newsdesk.watch.alerts`). Heavy modules are imported
inside the commands so ``newsdesk --help`` answers at once.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsdesk.cli_common import _open_store, _stdout, app, state
from newsdesk.errors import UsageError

watch_app = typer.Typer(
    name="watch",
    help="Watchlists: saved searches that `newsdesk run` alerts on (mail, webhook, feed).",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="A name: letters, digits, spaces, . ' - _")],
    query: Annotated[str, typer.Argument(help='The search syntax: words, "phrase", entity:, …')],
    email: Annotated[
        str | None, typer.Option("--email", metavar="ADDR", help="Mail alerts to this address.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option("--webhook", metavar="URL", help="POST alerts (JSON) here.")
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(help="Key for the webhook's HMAC-SHA256 signature (default NEWSDESK_SECRET)."),
    ] = None,
    per_hour: Annotated[
        int, typer.Option("--per-hour", metavar="N", help="At most N alert mails an hour.")
    ] = 6,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow a webhook on a private address.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Save a search as a watchlist: `run` alerts on articles committed from now on."""
    from newsdesk.watch.lists import add_watchlist, watch_row

    settings = state.settings
    with _open_store() as store:
        watch = add_watchlist(
            store, settings, name, query, email=email, webhook=webhook, secret=secret,
            allow_private=allow_private or settings.allow_private, per_hour=per_hour,
        )  # fmt: skip
    if as_json:
        _stdout(watch_row(watch, base_url=settings.base_url))
        return
    where = [w for w in (watch.email, watch.webhook) if w] or ["its feed only"]
    typer.echo(f"watching {watch.name!r}: {watch.query}; alerts to {', '.join(where)}")


@watch_app.command("list")
def watch_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """The watchlists: query, where alerts go, matches, and any failing receiver."""
    from newsdesk.watch.lists import health, watch_row

    with _open_store() as store:
        found = store.watch.watches()
        waiting = store.watch_alerts.ledger_waiting()
    base = state.settings.base_url
    if as_json:
        rows = []
        for w in found:
            row = watch_row(w, base_url=base)
            row["waiting"] = {c: waiting.get((w.id, c), 0) for c in w.channels}
            rows.append(row)
        _stdout(rows)
        return
    if not found:
        typer.echo('no watchlists; add one with `newsdesk watch add NAME "QUERY"`')
    for w in found:
        where = ", ".join(x for x in (w.email, w.webhook) if x) or "feed only"
        typer.echo(f"{w.name}: {w.query}\n    alerts to {where}; {w.matched} matches")
        held = sum(waiting.get((w.id, c), 0) for c in w.channels)
        if held:
            typer.echo(f"    {held} matches waiting for the next alert")
        problem = health(w)
        if problem:
            typer.echo(f"    {problem}")


@watch_app.command("remove")
def watch_remove(
    name: Annotated[str, typer.Argument(help="A watchlist's name, as `watch list` shows it.")],
) -> None:
    """Remove a watchlist and its alert history (articles stay)."""
    with _open_store() as store:
        removed = store.watch.remove_watch(name.strip())
    if not removed:
        raise UsageError(f"there is no watchlist called {name!r}; see `newsdesk watch list`")
    typer.echo(f"removed watchlist {name.strip()!r}")
