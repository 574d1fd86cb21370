"""What every ``newsdesk`` subcommand shares: the app, the global options, the store.

``cli.py`` and the ``cli_*`` modules import from here (never from each other's
registration module), so the command modules have no import cycle.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, get_args, get_origin

import typer
import typer.main
from typer.core import TyperGroup

from newsdesk.errors import UsageError
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from typer._click import Command, Context
    from typer._coercion import TypeDescriptor
    from typer.core import _TyperParameter

    from newsdesk.store import SqliteStore

__all__ = [
    "COMMAND_MODULES",
    "EXECUTOR",
    "WORKERS",
    "_fail",
    "_line",
    "_open_store",
    "_show_annotations",
    "_stdout",
    "app",
    "parse_published",
    "plain_coercion",
    "state",
]

# module -> the top-level commands it adds (cli.py lists them): a command module is
# imported only when one of its commands runs, or when every command is listed (--help)
COMMAND_MODULES: dict[str, tuple[str, ...]] = {}


class _Commands(MutableMapping[str, "Command"]):
    """The root group's commands: asking for one imports only the modules that add it;
    listing them (help, suggestions) imports every command module first."""

    def __init__(self, built: dict[str, Command], load: Callable[[str | None], None]) -> None:
        self.built = built
        self._load = load

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            self._load(name)
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        self._load(None)
        return iter(self.built)

    def __len__(self) -> int:
        self._load(None)
        return len(self.built)


class LazyGroup(TyperGroup):
    """``newsdesk``: the commands of ``cli.py`` at once, those of the command modules
    (:data:`COMMAND_MODULES`) when first asked for, so ``newsdesk entity NAME`` imports
    neither the mail, watch and outlet commands nor what they import."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.lazy = _Commands(dict(self.commands), self._load)
        self.commands = self.lazy
        # what typer built this group from: the app's commands and groups registered so far
        self._seen = (len(app.registered_commands), len(app.registered_groups))

    def _load(self, name: str | None) -> None:
        wanted = [m for m, names in COMMAND_MODULES.items() if name is None or name in names]
        for module in wanted or COMMAND_MODULES:  # a name no module claims: all of them
            import_module(module)
        commands, groups = app.registered_commands, app.registered_groups
        had_commands, had_groups = self._seen
        if (len(commands), len(groups)) == self._seen:
            return
        self._seen = (len(commands), len(groups))
        if not all(g.name for g in groups[had_groups:]):  # typer merges those: build anew
            fresh = typer.main.get_group(app)
            assert isinstance(fresh, LazyGroup)
            self.lazy.built.clear()
            self.lazy.built.update(fresh.lazy.built)
            return
        # build what is new, in typer's order: the commands as registered, then the groups
        old = list(self.lazy.built.values())
        ordered = [c for c in old if not isinstance(c, TyperGroup)]
        ordered += [
            typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            for info in commands[had_commands:]
        ]
        ordered += [c for c in old if isinstance(c, TyperGroup)]
        ordered += [
            typer.main.get_group_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
                suggest_commands=app.suggest_commands,
            )
            for info in groups[had_groups:]
        ]
        self.lazy.built.clear()
        self.lazy.built.update((c.name, c) for c in ordered if c.name)


app = typer.Typer(
    name="newsdesk",
    help="A self-hosted news desk: ingest, clean and search news from many outlets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


class _State:
    settings: Settings = Settings()
    debug: bool = False


state = _State()


@app.callback()
def _main(
    db: Annotated[
        Path | None, typer.Option("--db", help="The store (SQLite file); default $NEWSDESK_DB.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    settings = Settings.from_env()
    state.settings = settings.with_(db=db) if db else settings
    state.debug = debug


def _stdout(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _line(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _show_annotations(payload: Any) -> None:
    from newsdesk.terminal import show_annotations

    show_annotations(payload)


def _fail(message: str, code: int = 2) -> NoReturn:
    from newsdesk.terminal import printable

    typer.echo(printable(f"error: {message}"), err=True)
    raise typer.Exit(code)


def _open_store() -> SqliteStore:
    from newsdesk.store import SqliteStore

    return SqliteStore(state.settings.db)


_NOT_PLAIN = object()


def _plain_value(
    annotation: Any, info: Any, value: Any, param: _TyperParameter, ctx: Context
) -> Any:
    """``value`` as typer's pydantic adapter would give it back, where that needs no
    adapter: a str for a str, a bool for a bool, a number in bounds for a number (a default),
    a path written as ``Path`` prints it for a ``Path`` (typer's own checks run on it), a
    list of those; else :data:`_NOT_PLAIN`."""
    from typer._param_types import coerce_cli_path

    if annotation is str and type(value) is str:
        return value
    if annotation is bool and type(value) is bool:
        return value
    if annotation in (int, float) and type(value) is annotation:  # a default, in bounds
        if (info.min is None or value >= info.min) and (info.max is None or value <= info.max):
            return value
        return _NOT_PLAIN
    if annotation is Path and type(value) is str and info.path_type is None:
        path = Path(value)
        if str(path) == value:  # typer's messages quote the value as written
            return coerce_cli_path(path, info, path_type=Path, param=param, ctx=ctx)
        return _NOT_PLAIN
    if get_origin(annotation) is list and isinstance(value, list | tuple):
        (item,) = get_args(annotation)
        found = []
        for each in value:  # in order, so the first bad one is the one typer would name
            plain = _plain_value(item, info, each, param, ctx)
            if plain is _NOT_PLAIN:
                return _NOT_PLAIN
            found.append(plain)
        return found
    return _NOT_PLAIN


def plain_coercion() -> None:
    """Let a parameter's value skip typer's pydantic adapter where it needs none.

    Typer (0.29) coerces each parameter's value through a pydantic ``TypeAdapter``, and
    importing pydantic costs ``newsdesk entity NAME`` more CPU than the lookup itself. A
    value that adapter gives back unchanged (:func:`_plain_value`) is taken as it is; any
    other value goes through typer's own adapter, built when first needed. Run once per
    process by :func:`newsdesk.cli.main`; a typer without these internals is left alone.
    """
    try:
        from typer import _coercion, core

        build = core.build_runtime_param
        base = _coercion.RuntimeParam
    except (ImportError, AttributeError):
        return
    if getattr(build, "plain", False):
        return

    @dataclass(frozen=True)
    class PlainParam(base):  # type: ignore[misc,valid-type]
        descriptor: Any = None
        adapter: list[Any] = field(default_factory=list)  # typer's, made when first needed

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
            found = _plain_value(self.annotation, self.parameter_info, value, param, ctx)
            if found is not _NOT_PLAIN:
                return found
            if not self.adapter:
                self.adapter.append(build(self.descriptor))
            return self.adapter[0]._coerce_value(value, param=param, ctx=ctx)

    def plain(descriptor: TypeDescriptor) -> Any:
        if descriptor.file_annotation is not None or descriptor.parameter_info.parser:
            return build(descriptor)
        return PlainParam(descriptor.parameter_info, descriptor.annotation, descriptor)

    plain.plain = True  # type: ignore[attr-defined]
    plain.typer_own = build  # type: ignore[attr-defined]
    core.build_runtime_param = plain


def parse_published(value: str | None) -> datetime | None:
    """``--published``: a day (2026-01-13) or an ISO 8601 date-time."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--published {value!r} is not a date: write YYYY-MM-DD or an ISO 8601 date-time"
        ) from None


WORKERS = typer.Option(
    "--workers",
    min=1,
    help="Processes for the per-article stages (default: NEWSDESK_WORKERS, else the cores).",
)
EXECUTOR = typer.Option(  # see newsdesk.cli_backfill and docs/ray.md
    "--executor",
    metavar="ray[:ADDRESS]|local|inline",
    help="Where the per-article stages run (ray: pip install 'newsdesk\\[ray]'; default local).",
)
