"""``newsdesk`` commands of the outlet registry; importing this module registers them.

``outlets`` lists the registry, ``outlet NAME`` shows one, ``outlets set`` adds or
changes one, ``outlets import``/``export`` move it as CSV, ``outlets resolve`` resolves
stored articles again. ``stories --blindspot`` (in :mod:`newsdesk.cli`) calls
:func:`blindspot_stories` here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsdesk.cli_common import _open_store, _stdout, app
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.outlets.blindspots import Blindspot

__all__ = ["blindspot_stories"]

outlets_app = typer.Typer(
    name="outlets",
    help="The outlet registry: who publishes, from where, of what kind.",
    invoke_without_command=True,
)
app.add_typer(outlets_app, name="outlets")

JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")]


def _outlet_json(outlet: Any, counts: dict[str, tuple[int, int]]) -> dict[str, Any]:
    articles, stories = counts.get(outlet.name, (0, 0))
    return outlet.as_json() | {"articles": articles, "stories": stories}


@outlets_app.callback()
def outlets_list(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option(help="Only this country (ISO 3166 code).")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind of outlet.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the outlets of the registry (with their articles in the store)."""
    if ctx.invoked_subcommand is not None:
        return
    from newsdesk.outlets.model import check_country, check_kind

    wanted_country = check_country(country) if country else None
    wanted_kind = check_kind(kind) if kind else None
    with _open_store() as store:
        registry = store.outlets.outlet_registry()
        counts = store.outlets.outlet_counts()
    rows = [
        _outlet_json(o, counts)
        for o in registry
        if (wanted_country is None or o.country == wanted_country)
        and (wanted_kind is None or o.kind == wanted_kind)
    ]
    if as_json:
        _stdout(rows)
        return
    _show_outlets(rows)


@app.command("outlet")
def outlet_show(
    name: Annotated[str, typer.Argument(help="An outlet's name or alias.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one outlet: its hosts, country, languages, kind, owner and source note."""
    with _open_store() as store:
        registry = store.outlets.outlet_registry()
        found = registry.by_name(name) or registry.by_host(name)
        counts = store.outlets.outlet_counts()
    if found is None:
        raise UsageError(f"no outlet called {name!r}; see `newsdesk outlets`")
    row = _outlet_json(found, counts)
    if as_json:
        _stdout(row)
        return
    _show_outlet(row)


@outlets_app.command("set")
def outlets_set(
    name: Annotated[str, typer.Argument(help="The outlet's name (a new one is added).")],
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code: JP.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="wire, public_broadcaster, state, private, aggregator or blog."),
    ] = None,
    language: Annotated[
        list[str] | None, typer.Option("--language", help="ISO 639-1 code (again: several).")
    ] = None,
    host: Annotated[
        list[str] | None, typer.Option("--host", help="A host (again: several).")
    ] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name.")] = None,
    owner: Annotated[str | None, typer.Option(help="Who owns it.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free notes.")] = None,
    source: Annotated[str | None, typer.Option(help="Where the facts come from.")] = None,
    rename: Annotated[str | None, typer.Option(help="A new name for it.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an outlet or change one: the options given replace those facts."""
    from newsdesk.outlets.model import Outlet

    changes = _outlet_changes(country=country, kind=kind, language=language, host=host,
                              alias=alias, owner=owner, notes=notes, source=source)  # fmt: skip
    with _open_store() as store:
        existing = store.outlets.outlet_registry().by_name(name)
        base = existing or Outlet(name=" ".join(name.split()))
        if rename:
            changes["name"] = " ".join(rename.split())
        outlet = base.with_(**changes, origin="user")
        resolved = store.outlets.save_outlet(outlet, rename_from=base.name if existing else None)
        row = _outlet_json(outlet, store.outlets.outlet_counts())
    if as_json:
        _stdout(row | {"resolved": resolved, "added": existing is None})
        return
    verb = "added" if existing is None else "changed"
    typer.echo(f"{verb} {outlet.name}; {resolved} stored article(s) resolved anew", err=True)


def _outlet_changes(
    *,
    country: str | None,
    kind: str | None,
    language: list[str] | None,
    host: list[str] | None,
    alias: list[str] | None,
    owner: str | None,
    notes: str | None,
    source: str | None,
) -> dict[str, Any]:
    """The facts ``outlets set`` was given, checked, as ``Outlet.with_`` arguments (an empty
    ``--owner``/``--notes``/``--source`` clears that fact)."""
    from newsdesk.outlets.csvio import normalise_host
    from newsdesk.outlets.model import check_country, check_kind, check_language

    changes: dict[str, Any] = {}
    if country is not None:
        changes["country"] = check_country(country)
    if kind is not None:
        changes["kind"] = check_kind(kind)
    if language:
        changes["languages"] = tuple(check_language(x) for x in language)
    if host:
        changes["hosts"] = tuple(dict.fromkeys(normalise_host(h) for h in host))
    if alias:
        changes["aliases"] = tuple(alias)
    for key, value in (("owner", owner), ("notes", notes), ("source", source)):
        if value is not None:
            changes[key] = value or None
    return changes


@outlets_app.command("import")
def outlets_import(
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="Outlets as CSV.")],
    replace: Annotated[
        bool, typer.Option(help="Take the file's facts for outlets that already exist.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Add outlets from a CSV file; conflicts with stored outlets are reported, not merged."""
    from newsdesk.outlets.csvio import read_outlets_csv

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{file}: cannot read: {exc}") from exc
    read = read_outlets_csv(text)
    with _open_store() as store:
        report = store.outlets.import_outlets(read.outlets, replace=replace)
    payload = report.as_json() | {"errors": read.errors}
    if as_json:
        _stdout(payload)
    else:
        typer.echo(
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.conflicts)} conflicts, "
            f"{len(read.errors)} bad rows; {report.resolved} article(s) resolved anew",
            err=True,
        )
        for conflict in report.conflicts:
            typer.echo(f"conflict: {conflict.name}: {conflict.error}", err=True)
        for error in read.errors:
            typer.echo(f"line {error['line']}: {error['error']}", err=True)
    if report.conflicts or read.errors:
        raise typer.Exit(1)


@outlets_app.command("export")
def outlets_export(
    file: Annotated[
        Path | None, typer.Argument(metavar="[FILE.csv]", help="Default: standard output.")
    ] = None,
) -> None:
    """Write the registry as CSV (the columns `outlets import` reads)."""
    from newsdesk.outlets.csvio import write_outlets_csv

    with _open_store() as store:
        text = write_outlets_csv(store.outlets.outlet_registry())
    if file is None:
        sys.stdout.write(text)
        return
    file.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {text.count(chr(10)) - 1} outlets to {file}", err=True)


@outlets_app.command("resolve")
def outlets_resolve(
    everything: Annotated[
        bool, typer.Option("--all", help="Every article, not only those without an outlet.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Resolve stored articles against the registry again (after editing it by hand)."""
    with _open_store() as store:
        changed = store.outlets.resolve_stored(weak_only=True, everything=everything)
    if as_json:
        _stdout({"changed": changed})
        return
    typer.echo(f"{changed} article(s) changed outlet", err=True)


def blindspot_stories(*, by: str, follow: list[str], day: str | None, as_json: bool) -> None:
    """``stories --blindspot``: see :mod:`newsdesk.outlets.blindspots`."""
    from newsdesk.outlets.blindspots import BlindspotConfig, find_blindspots
    from newsdesk.outlets.model import check_country, check_kind

    if by not in {"country", "kind"}:
        raise UsageError(f"--by {by!r}: use country or kind")
    check = check_country if by == "country" else check_kind
    wanted = [check(x) for item in follow for x in item.split(",") if x.strip()]
    with _open_store() as store:
        found = find_blindspots(store, config=BlindspotConfig(by=by), follow=wanted, day=day)
    if as_json:
        from newsdesk.serialize import blindspots_json

        _stdout(blindspots_json(found))
        return
    _show_blindspots(found)


def _e(value: object) -> str:
    from rich.markup import escape

    from newsdesk.terminal import printable

    return escape(printable("" if value is None else value, one_line=True))


def _show_outlets(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from newsdesk.terminal import out

    table = Table("Outlet", "Country", "Kind", "Languages", "Articles", title="Outlets")
    for row in rows:
        table.add_row(
            _e(row["name"]),
            _e(row["country"] or "?"),
            _e(row["kind"]),
            _e(" ".join(row["languages"])),
            str(row["articles"]),
        )
    out.print(table)


def _show_outlet(row: dict[str, Any]) -> None:
    from newsdesk.terminal import out

    out.print(f"[bold]{_e(row['name'])}[/bold]")
    for key in (
        "country_name",
        "kind",
        "languages",
        "hosts",
        "aliases",
        "owner",
        "notes",
        "source",
    ):
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            out.print(f"  {key.replace('_', ' ')}: {_e(value)}")
    out.print(f"  {row['articles']} article(s) in {row['stories']} story(ies) here")


def _show_blindspots(found: list[Blindspot]) -> None:
    from newsdesk.terminal import out

    if not found:
        out.print("No blindspots: every followed group covered the stories it could.")
        return
    for spot in found:
        covered = ", ".join(f"{c['label']} {c['articles']}" for c in spot["covered_by"])
        missing = ", ".join(m["label"] for m in spot["missing"])
        out.print(f"[bold]{_e(spot['title'] or spot['story_id'])}[/bold] ({_e(spot['story_id'])})")
        out.print(f"  covered by {_e(covered)}; not by {_e(missing)}")
