"""The ``newsdesk`` command. Each subcommand is a thin wrapper over a plain function.

Human output goes to stdout; progress, warnings and errors to stderr; ``--json``
prints one JSON document on stdout and nothing else there. Exit status: 0
success, 1 some inputs rejected (the rest done), 2 usage error. Heavy modules
are imported inside the commands so ``newsdesk --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from newsdesk.cli_common import (  # the app and what every subcommand shares
    COMMAND_MODULES,
    EXECUTOR,
    WORKERS,
    _fail,
    _line,
    _open_store,
    _show_annotations,
    _stdout,
    app,
    parse_published,
    plain_coercion,
    state,
)
from newsdesk.errors import NewsdeskError, SearchSyntaxError, UsageError
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.stages.parent import IngestReport


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, globs or URLs.")],
    outlet: Annotated[
        str | None, typer.Option(help="The outlet, when the source says none.")
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for all.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
    no_stories: Annotated[
        bool, typer.Option("--no-stories", help="Store only; assign stories later.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    workers: Annotated[int | None, WORKERS] = None,
    executor: Annotated[str | None, EXECUTOR] = None,
) -> None:
    """Read news from SOURCES, clean it, mark copies, group it into stories, and store it."""
    from newsdesk.ingestion import ingest as run_ingest
    from newsdesk.terminal import source_progress

    when = parse_published(published)
    settings = state.settings.with_(allow_private=allow_private, stories=not no_stories)
    settings = settings.with_(workers=workers) if workers else settings
    from newsdesk.cli_backfill import open_executor

    with (
        open_executor(executor, workers, settings) as runner,
        _open_store() as store,
        source_progress() as on_source,
    ):
        report = run_ingest(
            sources,
            store,
            settings=settings,
            outlet=outlet,
            published=when,
            on_source=on_source,
            executor=runner,
        )
    if as_json:
        _stdout(report.as_json())
    else:
        _say_ingested(report)
    from newsdesk import process_exit

    process_exit.allow()  # store and executor closed, output written: no teardown needed
    if report.rejected:
        raise typer.Exit(1)


def _say_ingested(report: IngestReport) -> None:
    """``ingest``'s counts on stdout; each rejected source and failed stage on stderr."""
    from newsdesk.terminal import printable

    typer.echo(
        f"{report.ingested} ingested, {report.duplicates} duplicates, "
        f"{len(report.rejected)} rejected" + (f", {report.failed} failed" if report.failed else "")
    )
    for rejected in report.rejected:
        line = f"rejected {rejected['source']}: {rejected['error']}"
        typer.echo(printable(line, one_line=True), err=True)
    for failure in report.failures:  # kept, without that stage's work: articles --failed
        line = f"failed {failure['stage']} {failure['source']}: {failure['error']}"
        typer.echo(printable(line, one_line=True), err=True)


@app.command()
def clean(
    files: Annotated[list[Path], typer.Argument(help="Articles in any format ingest reads.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per FILE.")] = False,
    workers: Annotated[int | None, WORKERS] = None,
) -> None:
    """Clean one article (or several with --jsonl) and show what was removed, storing nothing."""
    from newsdesk.ingestion import clean_files
    from newsdesk.serialize import clean_result

    if len(files) > 1 and not as_jsonl:
        _fail("several FILEs need --jsonl (one line per file)")
    failed = False
    settings = state.settings.with_(workers=workers) if workers else state.settings
    if len(files) == 1:
        settings = settings.with_(workers=1)  # one file: no pool to start
    for path, article in clean_files(files, settings=settings):
        if isinstance(article, NewsdeskError):
            exc = article
            if not as_jsonl:
                raise exc
            failed = True
            sys.stdout.write(json.dumps({"source": str(path), "error": str(exc)}) + "\n")
            continue
        payload = clean_result(article)
        if as_jsonl:
            sys.stdout.write(
                json.dumps({**payload, "source": str(path)}, ensure_ascii=False) + "\n"
            )
        elif as_json:
            _stdout(payload)
        else:
            from newsdesk.terminal import show_cleaned

            show_cleaned(article)
    if failed:
        raise typer.Exit(1)


@app.command()
def articles(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    failed: Annotated[
        bool, typer.Option("--failed", help="Only articles a stage failed on, and why.")
    ] = False,
) -> None:
    """List the stored articles, newest first."""
    from newsdesk.serialize import article_row

    if failed:
        from newsdesk.cli_failures import show_failed

        show_failed(state.settings, as_json=as_json)
        return
    with _open_store() as store:
        rows = store.articles.articles()
    if as_json:
        _stdout([article_row(a) for a in rows])
        return
    from newsdesk.terminal import show_articles

    show_articles(rows)


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Show one stored article: metadata, cleaned text, flags and removed debris."""
    from newsdesk.serialize import article_full

    with _open_store() as store:
        found = store.articles.article(article_id)
        copies = store.articles.copies_of(article_id) if found else []
    if found is None:
        raise UsageError(
            f"no article {article_id!r} in {state.settings.db}; see `newsdesk articles`"
        )
    if as_json:
        _stdout(article_full(found, copies=copies))
        return
    from newsdesk.terminal import show_article

    show_article(found, copies=copies)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", -exclude, OR, outlet:, date:.')],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Full-text search over titles and texts, ranked by bm25."""
    from newsdesk.annotate.entity_resolver import entity_spellings
    from newsdesk.serialize import search_hit

    with _open_store() as store:
        hits = store.articles.search(query, limit=limit, spellings=entity_spellings)
    if as_json:
        _stdout([search_hit(h) for h in hits])
        return
    from newsdesk.terminal import show_hits

    show_hits(hits)


def parse_day(value: str | None) -> str | None:
    """``--date``: a day, YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date {value!r} is not a day: write YYYY-MM-DD") from None


@app.command()
def stories(
    day: Annotated[str | None, typer.Option("--date", help="Stories seen on this day.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    blindspot: Annotated[
        bool, typer.Option("--blindspot", help="Stories one group covers and another misses.")
    ] = False,
    by: Annotated[str, typer.Option(help="Blindspot groups: country or kind.")] = "country",
    follow: Annotated[
        list[str] | None, typer.Option(help="Blindspot: the groups you follow (JP,CN,KR).")
    ] = None,
) -> None:
    """List stories (most outlets first), optionally those seen on one day."""
    from newsdesk.serialize import story_row

    if blindspot:  # see newsdesk.cli_outlets
        from newsdesk.cli_outlets import blindspot_stories

        return blindspot_stories(by=by, follow=follow or [], day=parse_day(day), as_json=as_json)
    with _open_store() as store:
        rows = store.stories.stories(day=parse_day(day))
    if as_json:
        _stdout([story_row(s) for s in rows])
        return
    from newsdesk.terminal import show_stories

    show_stories(rows)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Show one story: its articles by outlet, copies, first and last seen."""
    from newsdesk.serialize import story_full
    from newsdesk.storyview import understand_story

    with _open_store() as store:
        found = store.stories.story(story_id)
        if found is None:
            raise UsageError(
                f"no story {story_id!r} in {state.settings.db}; see `newsdesk stories`"
            )
        members = [a for i in found.articles if (a := store.articles.article(i))]
        understanding = understand_story(store, members, found.title)
    if as_json:
        _stdout(story_full(found, members, understanding))
        return
    from newsdesk.terminal import show_story

    show_story(found, members, understanding)


@app.command()
def entities(
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """The people, organisations and places in the store, most mentioned first."""
    from newsdesk.annotate.views import store_entities

    with _open_store() as store:
        found = store_entities(store, limit=limit)
    if as_json:
        from newsdesk.serialize import entity_json

        _stdout([entity_json(e) for e in found])
        return
    from newsdesk.terminal import printable

    for item in found:
        aliases = f"  (also {', '.join(item['aliases'][:4])})" if item["aliases"] else ""
        line = f"{item['mentions']:>5}  {item['type']:<8} {item['name']}{aliases}"
        typer.echo(printable(line, one_line=True))


def _index_progress(done: int, total: int) -> None:
    typer.echo(f"indexing entity names: {done:,} of {total:,}", err=True)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, in any spelling an outlet used.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Show one person, organisation or place: aliases, roles, stories and quotes."""
    from newsdesk.annotate.entity_resolver import lookup

    with _open_store() as store:
        store.entity_index.ensure_entity_index(progress=_index_progress)
        profile = lookup(store, name)
    if profile is None:
        raise UsageError(f"no entity {name!r} in {state.settings.db}; try `newsdesk search`")
    if as_json:
        from newsdesk.serialize import entity_profile_json

        _stdout(entity_profile_json(profile))
        return
    from newsdesk.terminal import show_entity

    show_entity(profile)


@app.command()
def relations(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Relations between countries over time: the coded events between each pair."""
    from newsdesk.annotate.views import country_relations_in_store

    with _open_store() as store:
        found = country_relations_in_store(store)
    if as_json:
        from newsdesk.serialize import relations_json

        _stdout(relations_json(found))
        return
    from newsdesk.terminal import show_relations

    show_relations(found)


@app.command()
def annotate(
    files: Annotated[list[Path], typer.Argument(help="Articles in any format ingest reads.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (dates resolve against it).")
    ] = None,
    no_clean: Annotated[
        bool, typer.Option("--no-clean", help="Annotate the text as read.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON line per article.")] = False,
    workers: Annotated[int | None, WORKERS] = None,
) -> None:
    """Read entities, quotes, dates and events in articles, storing nothing."""
    from newsdesk.annotating import annotate_files

    if len(files) > 1 and not as_jsonl:
        _fail("several FILEs need --jsonl (one line per file or record)")
    when = parse_published(published)
    settings = state.settings.with_(workers=workers) if workers else state.settings
    if len(files) == 1:
        settings = settings.with_(workers=1)  # one file: no pool to start
    failed = annotate_files(
        files,
        settings=settings,
        published=when,
        clean=not no_clean,
        jsonl=as_jsonl,
        write=_line if as_jsonl else (_stdout if as_json else _show_annotations),
    )
    if failed:
        raise typer.Exit(1)


@app.command()
def recluster(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Rebuild every story from scratch, deterministically (after a settings change)."""
    from newsdesk.ingestion import recluster as rebuild

    with _open_store() as store:
        count = rebuild(store, settings=state.settings)
        total = len(store.stories.stories())
    if as_json:
        _stdout({"articles": count, "stories": total})
    else:
        typer.echo(f"{count} articles in {total} stories")


@app.command()
def brief(
    day: Annotated[
        str | None, typer.Option("--date", help="The day (default: the latest).")
    ] = None,
    top: Annotated[int, typer.Option(help="At most this many stories.", min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", help="md, html, text or json.")] = "text",
    rising: Annotated[
        bool | None,
        typer.Option(
            "--rising/--no-rising",
            help="Open with what is rising fastest (default: NEWSDESK_BRIEF_RISING).",
        ),
    ] = None,
) -> None:
    """The daily brief: the day's top stories, each summarised with its sources cited."""
    from newsdesk.publish import FORMATS, build_brief, render

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    with _open_store() as store:
        when = parse_day(day) or store.articles.latest_day()
        if when is None:
            held = store.articles.count()
            if not held:
                raise UsageError(f"{state.settings.db} holds no articles yet; ingest some first")
            raise UsageError(
                f"{state.settings.db} holds {held} article{'s' if held != 1 else ''} and none"
                " has a publication date, so no day's brief can be made: read them with"
                " `newsdesk stories`, or ingest dated ones (`ingest --published YYYY-MM-DD`,"
                ' a record\'s own "published")'
            )
        show = state.settings.brief_rising if rising is None else rising
        made = build_brief(store, date.fromisoformat(when), top=top, rising=show)
    output = render(made, fmt).rstrip("\n") + "\n"
    if fmt in ("text", "md"):  # read on a terminal: no escape sequences from articles
        from newsdesk.terminal import printable

        output = printable(output)
    sys.stdout.write(output)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """The web desk and JSON API: briefs, stories, articles, outlets, search, feeds."""
    from newsdesk.web.server import serve as run_server

    typer.echo(f"serving {state.settings.db} on http://{host}:{port}/", err=True)
    run_server(state.settings, host=host, port=port)


@app.command()
def password(
    user: Annotated[str, typer.Argument(help="The user to create, or whose password to change.")],
) -> None:
    """Set USER's password for the web desk's admin pages (read from a prompt, or stdin)."""
    from newsdesk.web.passwords import MIN_LENGTH, hash_password

    if not 1 <= len(user) <= 200 or any(c.isspace() for c in user):
        raise UsageError("a user name is 1 to 200 characters without spaces")
    if sys.stdin.isatty():
        secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if len(secret) < MIN_LENGTH:
        raise UsageError(f"the password needs at least {MIN_LENGTH} characters")
    with _open_store() as store:
        new = store.users.set_password_hash(user, hash_password(secret))
    typer.echo(f"{'created' if new else 'changed the password of'} {user}", err=True)


@app.command()
def demo(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
) -> None:
    """Ingest the bundled sample corpus into a demo store and show the latest day."""
    from newsdesk.demo import run_demo

    db = state.settings.db if state.settings.db != Settings().db else Path("newsdesk-demo.db")
    run_demo(state.settings.with_(db=db), as_json=as_json)


# the live desk's commands live beside this module: module -> the top-level commands it
# adds. A module is imported (registering its commands) only when one of them runs, or
# for --help (all, in this order); a module missing here is never imported
# (tests/test_cli_startup.py checks the list against the modules)
COMMAND_MODULES.update(
    {
        "newsdesk.cli_backfill": ("backfill",),
        "newsdesk.cli_export": ("export",),
        "newsdesk.cli_newsletter": ("newsletter",),
        "newsdesk.cli_opml": ("sources",),  # sources import / export
        "newsdesk.cli_outlets": ("outlet", "outlets"),
        "newsdesk.cli_rules": ("rules",),
        "newsdesk.cli_sources": ("run", "sources"),
        "newsdesk.cli_subscribers": (
            "subscribe",
            "subscribers",
            "unsubscribe",
            "subscriber",
            "erase",
        ),
        "newsdesk.cli_watch": ("watch",),
    }
)


def main() -> None:
    """Entry point: run the app, turning known errors into one clear line."""
    plain_coercion()  # no pydantic for values that need none: see cli_common
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:  # click's usage errors: its message, exit 2
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("interrupted; what was committed is kept, re-run to complete", err=True)
        sys.exit(130)
    except (UsageError, SearchSyntaxError) as exc:
        _report(exc, 2)
    except NewsdeskError as exc:
        _report(exc, 1)
    except Exception as exc:  # the last line of defence: no traceback unless --debug
        if state.debug:
            raise
        from newsdesk.terminal import printable

        line = f"error: {type(exc).__name__}: {exc} (run with --debug for details)"
        typer.echo(printable(line), err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def entry() -> NoReturn:
    """The process's entry point (``newsdesk``, ``python -m newsdesk``): :func:`main`, then
    an exit without Python's teardown where the command allowed it (:mod:`process_exit`)."""
    from newsdesk import process_exit

    try:
        main()
    except SystemExit as exc:
        process_exit.leave(exc.code)
    process_exit.leave(0)


def _report(exc: Exception, code: int) -> NoReturn:
    if state.debug:
        raise exc
    from newsdesk.terminal import printable

    typer.echo(printable(f"error: {exc}"), err=True)
    sys.exit(code)
