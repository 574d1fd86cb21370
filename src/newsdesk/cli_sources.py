"""``newsdesk`` commands of the live desk; importing this module registers them on the app.

``sources add|list|remove`` manage the followed sources; ``run`` is the desk
unattended (see :mod:`newsdesk.live.runner`). Heavy modules are imported inside
the commands so ``newsdesk --help`` answers at once.
"""

from __future__ import annotations

import signal
import sys
import threading
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsdesk.cli_common import _open_store, _stdout, app, state
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.store.sources import FollowedSource

sources_app = typer.Typer(
    name="sources",
    help="The feeds and pages `newsdesk run` follows on schedule.",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


def source_row(source: FollowedSource) -> dict[str, Any]:
    """A followed source in the CLI contract's shape (fields may be added, never renamed)."""
    return {
        "url": source.url,
        "outlet": source.outlet,
        "every": source.every,
        "last_polled": source.last_polled,
        "last_error": source.last_error,
        "articles": source.articles,
        "kind": source.kind,
        "last_status": source.last_status,
        "errors": source.errors,
        "next_poll": source.next_poll,
    }


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="The http(s) URL of an RSS/Atom feed or a page.")],
    every: Annotated[int, typer.Option("--every", metavar="MINUTES", help="Poll interval.")] = 30,
    outlet: Annotated[
        str | None, typer.Option(help="The outlet, when the source says none.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    no_discover: Annotated[
        bool, typer.Option("--no-discover", help="Follow URL as given; fetch nothing now.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow a private/loopback address.")
    ] = False,
) -> None:
    """Follow a feed or page: `newsdesk run` polls it every MINUTES (again: change how).
    A site's home page is fetched and the feed it declares is followed instead."""
    from newsdesk.live.discovery import discover_for_add
    from newsdesk.live.sources import check_every, follow_source

    if not no_discover:  # feed discovery (newsdesk.live.discovery)
        check_every(every)
        private = allow_private or state.settings.allow_private
        found = discover_for_add(url, settings=state.settings.with_(allow_private=private))
        typer.echo(found.how, err=True)
        url = found.url
    with _open_store() as store:
        source = follow_source(store, url, every=every, outlet=outlet)
    if as_json:
        _stdout(source_row(source))
    else:
        typer.echo(f"following {source.url} every {source.every} min")


@sources_app.command("list")
def sources_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """The followed sources: schedule, last poll, last error, articles given."""
    with _open_store() as store:
        found = store.sources.followed()
    if as_json:
        _stdout([source_row(s) for s in found])
        return
    if not found:
        typer.echo("no sources followed; add one with `newsdesk sources add URL`")
    from newsdesk.terminal import printable

    for source in found:
        outlet = f" ({source.outlet})" if source.outlet else ""
        polled = source.last_polled or "never"
        typer.echo(printable(f"{source.url}{outlet}", one_line=True))
        typer.echo(
            f"    every {source.every} min, {source.articles} articles,"
            f" last polled {polled}, next {source.next_poll}"
        )
        if source.last_error:
            line = f"    last error ({source.errors} in a row): {source.last_error}"
            typer.echo(printable(line, one_line=True))


@sources_app.command("remove")
def sources_remove(
    url: Annotated[str, typer.Argument(help="A followed URL, as `sources list` shows it.")],
) -> None:
    """Stop following a source (its articles stay in the store)."""
    with _open_store() as store:
        removed = store.sources.unfollow(url.strip())
    if not removed:
        raise UsageError(f"{url!r} is not followed; see `newsdesk sources list`")
    typer.echo(f"no longer following {url.strip()}")


def _log(line: str) -> None:
    sys.stderr.write(f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} {line}\n")
    sys.stderr.flush()


@app.command()
def run(
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron).")] = False,
    interval: Annotated[
        float, typer.Option(metavar="SECONDS", help="Seconds between passes.", min=0.05)
    ] = 30.0,
    host_delay: Annotated[
        float, typer.Option(metavar="SECONDS", help="Seconds between requests to one host.", min=0)
    ] = 1.0,
    workers: Annotated[int, typer.Option(help="Sources fetched at once.", min=1, max=64)] = 8,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow sources on private/loopback addresses.")
    ] = False,
    no_stories: Annotated[
        bool,
        typer.Option(
            "--no-stories", help="Store only; stories and annotations on a later run without it."
        ),
    ] = False,
) -> None:
    """The desk unattended: poll due sources, ingest, refresh the brief, send newsletters."""
    from newsdesk.live.runner import DeskConfig, DeskRunner

    settings = state.settings.with_(
        allow_private=allow_private or state.settings.allow_private,
        stories=not no_stories,
        annotate=state.settings.annotate and not no_stories,
    )
    config = DeskConfig(interval=interval, host_delay=host_delay, workers=workers)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():  # asked twice: stop now
            raise KeyboardInterrupt
        _log(f"stopping on {signal.Signals(signum).name}: finishing the current step")
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        with _open_store() as store:
            DeskRunner(store, settings, log=_log, stop=stop, config=config).run(once=once)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
