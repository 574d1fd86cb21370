"""Shared plumbing for the bench/ scripts: where the eval data is, what machine ran, results.

Not a test helper and not part of the package: the scripts in bench/ import it by path
(``python bench/<name>.py`` puts bench/ on ``sys.path``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
DEFAULT_EVAL_DIR = (REPO_ROOT / ".." / "shared" / "eval").resolve()
PACKAGES = (
    "newsdesk",
    "trafilatura",
    "lxml",
    "htmldate",
    "courlan",
    "charset-normalizer",
    "justext",
)

Row = dict[str, Any]


def make_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=DEFAULT_EVAL_DIR,
        help=f"folder holding the shared eval data (default: {DEFAULT_EVAL_DIR})",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="only the first N pages (quick runs)"
    )
    parser.add_argument(
        "--no-save", action="store_true", help="print the table but do not write bench/results/"
    )
    return parser


def require_dir(eval_dir: Path, sub: str, needed: Sequence[str]) -> Path:
    """The folder ``eval_dir/sub``; exit 2 with a clear message when it or a file is missing."""
    folder = eval_dir / sub
    missing = [name for name in needed if not (folder / name).exists()]
    if missing:
        print(
            f"error: eval data not found: {folder} lacks {', '.join(missing)}.\n"
            f"Point --eval-dir at the shared eval folder (default {DEFAULT_EVAL_DIR}).",
            file=sys.stderr,
        )
        sys.exit(2)
    return folder


def aeb_pages(eval_dir: Path, count: int, into: Path) -> int:
    """The first ``count`` AEB news pages (sorted names), decompressed into ``into`` as
    0000.html, 0001.html, ...; how many were written."""
    folder = require_dir(eval_dir, "scrapinghub_aeb", ["html"])
    files = sorted((folder / "html").glob("*.html.gz"))[:count]
    into.mkdir(parents=True, exist_ok=True)
    for n, path in enumerate(files):
        with gzip.open(path, "rb") as fh:
            (into / f"{n:04d}.html").write_bytes(fh.read())
    return len(files)


def read_gz_bytes(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def decode_html(raw: bytes) -> str:
    """Bytes to str the way trafilatura decodes its own byte input (so both get the same text)."""
    from trafilatura.utils import decode_file

    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", errors="replace")


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def machine_info() -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "packages": package_versions(),
    }


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.1f}"
    return str(value)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title)
        print(" | ".join(columns))
        for row in rows:
            print(" | ".join(fmt(row.get(c, "")) for c in columns))
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col, justify="left" if col == columns[0] else "right")
    for row in rows:
        table.add_row(*(fmt(row.get(c, "")) for c in columns))
    Console(width=max(120, Console().width)).print(table)


def markdown_table(columns: Sequence[str], rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(fmt(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def save_results(
    name: str,
    *,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Row],
    notes: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write bench/results/<name>.json and .md; returns the Markdown path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    info = machine_info()
    payload = {"name": name, "machine": info, "columns": list(columns), "rows": list(rows)}
    if extra:
        payload.update(extra)
    (RESULTS_DIR / f"{name}.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    pkgs = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    md = [
        f"# {title}",
        "",
        f"- date: {info['date']}",
        f"- machine: {info['nproc']} CPUs, {info['cpu']}",
        f"- python: {info['python']}",
        f"- packages: {pkgs}",
        "",
        markdown_table(columns, rows),
        "",
    ]
    md += [f"- {note}" for note in notes]
    path = RESULTS_DIR / f"{name}.md"
    path.write_text("\n".join(md).rstrip() + "\n", encoding="utf-8")
    return path


def newsdesk_runner() -> Callable[[str], Any]:
    """newsdesk's extract_html, importable from a source checkout without installing."""
    src = REPO_ROOT / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    from newsdesk.clean.extract import extract_html

    return extract_html


def run_newsdesk(
    checkout: Path, db: Path, args: Sequence[str], *, env: Mapping[str, str] | None = None
) -> str:
    """stdout of ``newsdesk --db DB ARGS`` run from the source checkout ``checkout`` in a
    fresh process (one worker, unless ``env``: the whole environment it runs in); exit 1
    (nothing found) is an answer, anything else stops the bench with newsdesk's stderr."""
    if env is None:
        env = dict(os.environ, PYTHONPATH=str(checkout / "src"), NEWSDESK_WORKERS="1")
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"newsdesk {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}"
        )
    return done.stdout


def name_script(name: str) -> str:
    """The script a name is written in: latin, han, hangul, kana (kana wins over han)."""
    found = set()
    for c in name:
        if "\uac00" <= c <= "\ud7af":
            found.add("hangul")
        elif "\u3040" <= c <= "\u30ff" and c not in "・ー":
            found.add("kana")
        elif "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
            found.add("han")
        elif c.isascii() and c.isalpha():
            found.add("latin")
    for script in ("kana", "hangul", "han", "latin"):
        if script in found:
            return script
    return "other"


PAGE_FIELDS = ("id", "title", "text", "published", "outlet", "lang")


def ingest_annotated(
    docs: Path, src: Path, limit: int | None
) -> tuple[dict[str, str], dict[str, Any], float]:
    """``newsdesk ingest`` of the JSON Lines pages ``docs`` (their first ``limit``) with the
    source tree ``src`` in a fresh process and a temporary store: each stored article's
    language by id, the annotations by id, and the CPU seconds the command took."""
    from newsdesk.store.sqlite import SqliteStore

    lines = [json.loads(x) for x in docs.read_text(encoding="utf-8").splitlines() if x.strip()]
    lines = lines[:limit] if limit else lines
    env = dict(os.environ, PYTHONPATH=str(src))
    with tempfile.TemporaryDirectory() as tmp:
        path, db = Path(tmp) / "docs.jsonl", Path(tmp) / "pages.db"
        path.write_text(
            "".join(
                json.dumps(
                    {k: d[k] for k in PAGE_FIELDS if d.get(k) is not None}, ensure_ascii=False
                )
                + "\n"
                for d in lines
            ),
            encoding="utf-8",
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk", "--db", str(db), "ingest", str(path), "--json"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            raise SystemExit(f"newsdesk ingest failed ({done.returncode}): {done.stderr[-2000:]}")
        store = SqliteStore(db)
        try:
            languages = {a.id or "": a.language or "" for a in store.articles.articles()}
            notes = store.annotations.annotations_of(list(languages))
        finally:
            store.close()
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return languages, notes, cpu
