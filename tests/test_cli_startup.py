"""Start-up: a command imports what it uses, not the whole desk.

``newsdesk --help`` and ``newsdesk entity NAME --json`` run in a fresh interpreter, and
the modules it holds at the end are checked against a list of heavy ones (behaviour, not
timing: bench/entity_lookup.py times them).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from newsdesk.article import Annotations, Article, Mention, Quote
from newsdesk.cli import app
from newsdesk.cli_common import COMMAND_MODULES, plain_coercion
from newsdesk.store import SqliteStore
from newsdesk.store.database import migrations

# what no lookup needs: the models, the web, the summariser, the mail and the commands'
# own modules (each imported only when one of its commands runs)
HEAVY = (
    "pydantic",
    "numpy",
    "scipy",
    "spacy",
    "torch",
    "rich",
    "email_validator",
    "lxml",
    "trafilatura",
    "newsdesk.web",
    "newsdesk.summarize",
    "newsdesk.publish",
    "newsdesk.cluster",
    "newsdesk.ingest",
    "newsdesk.outlets",
    "newsdesk.store.watch",
    "newsdesk.store.subscribers",
    *COMMAND_MODULES,
)

RUN = """
import json, sys
out, sys.argv = sys.argv[1], ["newsdesk", *sys.argv[2:]]
from newsdesk.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
with open(out, "w", encoding="utf-8") as f:
    json.dump({"code": code, "modules": sorted(sys.modules)}, f)
"""


def _run(tmp_path: Path, *args: str) -> tuple[int, str, set[str]]:
    """(exit status, stdout, the modules imported) of ``newsdesk ARGS`` in a fresh process."""
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    found = json.loads(out.read_text(encoding="utf-8"))
    return int(found["code"] or 0), done.stdout, set(found["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store where two reports name Sanae Takaichi (once by surname) and quote her."""
    path = tmp_path / "desk.db"
    with SqliteStore(path) as store:
        text = "Sanae Takaichi met the Harbour Workers Union in Port Selva."
        store.articles.add_source(
            "gen",
            [
                Article(
                    source=f"gen:{i}",
                    format="text",
                    raw=text,
                    text=text,
                    id=f"a{i}",
                    title=f"Harbour talks, report {i}",
                    outlet="Coast Post",
                    published=datetime(2026, 3, 10, 8, i, tzinfo=UTC),
                )
                for i in range(2)
            ],
        )
        name = ["Sanae Takaichi", "Takaichi"]
        store.annotations.save_annotations(
            [
                (
                    f"a{i}",
                    Annotations(
                        entities=[Mention(name[i], "PERSON", 0, 9, canonical="Sanae Takaichi")],
                        quotes=[Quote("The talks go on", 0, 15, speaker="Sanae Takaichi")],
                    ),
                )
                for i in range(2)
            ]
        )
    return path


def test_cli_startup_entity_json_imports_no_heavy_module(tmp_path: Path, db: Path) -> None:
    code, stdout, modules = _run(tmp_path, "--db", str(db), "entity", "Takaichi", "--json")
    assert code == 0
    profile = json.loads(stdout)
    assert profile["name"] == "Sanae Takaichi" and "Takaichi" in profile["aliases"]
    assert _heavy(modules) == []
    assert {"newsdesk.annotate.entity_resolver", "newsdesk.serialize"} <= modules


def test_cli_startup_stories_json_imports_no_heavy_module(tmp_path: Path, db: Path) -> None:
    code, stdout, modules = _run(tmp_path, "--db", str(db), "stories", "--json")
    assert code == 0
    assert json.loads(stdout) == []
    assert _heavy(modules) == []


def test_cli_startup_help_lists_every_command_without_models(tmp_path: Path) -> None:
    code, stdout, modules = _run(tmp_path, "--help")
    assert code == 0
    for name in ("ingest", "entity", "backfill", "export", "run", "outlet", "subscribe",
                 "erase", "newsletter", "sources", "outlets", "rules", "watch"):  # fmt: skip
        assert f" {name} " in stdout, name
    # --help imports the command modules (for their help) and typer's rich help, no more
    models = [m for m in _heavy(modules) if m != "rich" and not m.startswith("rich.")]
    assert [m for m in models if m not in COMMAND_MODULES] == []


def test_cli_startup_a_command_module_is_imported_only_for_its_commands(
    tmp_path: Path, db: Path
) -> None:
    code, _, modules = _run(tmp_path, "--db", str(db), "outlets", "export")
    assert code == 0
    assert "newsdesk.cli_outlets" in modules
    assert not modules & {"newsdesk.cli_watch", "newsdesk.cli_subscribers", "newsdesk.cli_rules"}


def test_cli_startup_unknown_command_still_suggests_from_every_module(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "watchh"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "'watch'" in done.stderr


def _top_level_modules() -> dict[str, set[str]]:
    """Top-level command -> the modules whose functions it runs (every module imported)."""
    for module in COMMAND_MODULES:
        __import__(module)
    found: dict[str, set[str]] = {}
    for info in app.registered_commands:
        callback = info.callback
        assert callback is not None
        name = info.name or typer.main.get_command_name(callback.__name__)
        found.setdefault(name, set()).add(callback.__module__)
    for group in app.registered_groups:
        assert group.typer_instance is not None and group.name
        callbacks = [c.callback for c in group.typer_instance.registered_commands]
        found.setdefault(group.name, set()).update(c.__module__ for c in callbacks if c)
    return found


def test_cli_startup_command_modules_list_what_each_module_adds() -> None:
    claimed: dict[str, set[str]] = {}
    for module, names in COMMAND_MODULES.items():
        for name in names:
            claimed.setdefault(name, set()).add(module)
    added = {
        name: modules - {"newsdesk.cli"}
        for name, modules in _top_level_modules().items()
        if modules != {"newsdesk.cli"}
    }
    assert claimed == added


def test_cli_startup_every_command_module_is_listed() -> None:
    src = Path(__file__).resolve().parent.parent / "src" / "newsdesk"
    registering = {
        f"newsdesk.{path.stem}"
        for path in src.glob("cli_*.py")
        if ".command(" in path.read_text(encoding="utf-8")
    }
    assert registering == set(COMMAND_MODULES)


def _params(command: Any) -> list[Any]:
    found = [p for p in command.params if hasattr(p, "type_descriptor")]
    for sub in getattr(command, "commands", {}).values():
        found += _params(sub)
    return found


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error a user would see
        return type(exc).__name__, str(exc)
    return type(got).__name__, got


def test_cli_startup_plain_values_parse_as_typer_parses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer import core

    monkeypatch.setattr(core, "build_runtime_param", core.build_runtime_param)  # restored
    plain_coercion()
    plain = core.build_runtime_param
    typer_own = getattr(plain, "typer_own", plain)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    values = [None, "", "x", "./x", "a//b", "-", "file.txt", str(tmp_path), "5", "0", "-3",
              "1.5", "yes", True, False, 0, 3, 64, 65, 0.01, 1.0, (), ("a", "b"),
              ("file.txt", "./y"), ("5",)]  # fmt: skip
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    params = _params(group)
    assert len(params) > 100
    for param in params:
        descriptor = param.type_descriptor
        for value in values:
            mine = _outcome(plain(descriptor), value, param, ctx)
            theirs = _outcome(typer_own(descriptor), value, param, ctx)
            assert mine == theirs, (param.name, value)


def test_cli_startup_up_to_date_store_reads_no_migration(tmp_path: Path) -> None:
    latest = migrations()[-1][0]
    assert migrations(after=latest) == []
    assert [v for v, _ in migrations(after=latest - 1)] == [latest]
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.schema_version == latest
    with SqliteStore(tmp_path / "s.db") as store:  # reopened: already current
        assert store.schema_version == latest
