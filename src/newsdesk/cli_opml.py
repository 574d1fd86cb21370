"""``newsdesk sources import|export``: reading lists as OPML 2.0; importing registers them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdesk.cli_common import _open_store, _stdout
from newsdesk.cli_sources import sources_app
from newsdesk.errors import UsageError


@sources_app.command("import")
def sources_import(
    file: Annotated[Path, typer.Argument(metavar="FILE.opml", help="An OPML reading list.")],
    every: Annotated[
        int, typer.Option("--every", metavar="MINUTES", help="Poll interval for new sources.")
    ] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Follow every feed of an OPML file (Miniflux, FreshRSS, Inoreader…), keeping folders."""
    from newsdesk.live.opml import parse_opml
    from newsdesk.live.sources import check_every

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror or exc}") from None
    found = parse_opml(data, name=str(file))
    report = _follow_all(found.feeds, every=check_every(every))
    report["problems"] = found.problems
    if as_json:
        _stdout(report)
    else:
        typer.echo(
            f"{report['followed']} sources followed, {report['already']} already followed,"
            f" {len(found.problems)} outlines skipped"
        )
        for problem in found.problems:
            typer.echo(f"skipped {file}: {problem}", err=True)
    if found.problems:
        raise typer.Exit(1)


def _follow_all(feeds: list[Any], *, every: int) -> dict[str, Any]:
    from newsdesk.live.sources import follow_source
    from newsdesk.store.source_lists import SourceDetails

    followed = already = 0
    with _open_store() as store:
        known = store.source_lists.source_details()
        for feed in feeds:
            details = SourceDetails(category=feed.category, html_url=feed.html_url)
            if feed.url in known:  # keep its schedule and outlet; fill in what it lacks
                already += 1
                old = known[feed.url]
                store.source_lists.set_source_details(
                    feed.url,
                    SourceDetails(
                        category=old.category or details.category,
                        html_url=old.html_url or details.html_url,
                    ),
                )
                continue
            follow_source(store, feed.url, every=every, outlet=feed.title)
            store.source_lists.set_source_details(feed.url, details)
            known[feed.url] = details
            followed += 1
    return {"followed": followed, "already": already}


@sources_app.command("export")
def sources_export(
    file: Annotated[
        Path | None, typer.Argument(metavar="[FILE.opml]", help="Write here, not stdout.")
    ] = None,
) -> None:
    """The followed sources as OPML 2.0, folders from their categories."""
    from newsdesk.live.opml import OpmlFeed, write_opml
    from newsdesk.store.source_lists import SourceDetails

    with _open_store() as store:
        sources = store.sources.followed()
        details = store.source_lists.source_details()
    feeds = []
    for source in sources:
        known = details.get(source.url, SourceDetails())
        feeds.append(
            OpmlFeed(
                url=source.url,
                title=source.outlet,
                html_url=known.html_url,
                category=known.category,
            )
        )
    document = write_opml(feeds)
    if file is None:
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
        return
    try:
        file.write_bytes(document)
    except OSError as exc:
        raise UsageError(f"{file}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"{len(feeds)} sources written to {file}", err=True)
