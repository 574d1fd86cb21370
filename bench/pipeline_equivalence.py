"""Does an optimisation change what ingest stores? Two source trees, one input, two stores.

For a performance change that must not change outputs: ``newsdesk ingest`` of the demo
corpus and then ``--pages`` real news pages (scrapinghub_aeb/html, decompressed into a
temporary folder) into a fresh store, once with each source tree (``--reference``, e.g. a
``git archive`` of the commit before the change, and ``--candidate``, default this
checkout's ``src``), each with ``--workers`` 1 and 2. Every table of each store is dumped and
compared with the reference run of ``--workers 1``: ids, texts, copies, stories,
annotations, features.

What may differ and is not counted: times a row was written (``*_at`` columns, the
erasure salt), a story reading's digest (it hashes the package's code, so two trees key the
same reading differently: compared as the story it keys), the key order of a JSON text (a
set's order in another process), and embedding floats within ``--tolerance`` (torch with 1
or 2 threads sums in another order: about 1e-6 apart). The numpy arrays of the story state
are compared the same way.

``--commands N`` also compares what the commands that store nothing say, with each tree:
``clean --jsonl`` and ``annotate --jsonl`` over N files (the demo corpus, then the pages),
and a copy of the reference store after ``recluster``.

Run: ``python bench/pipeline_equivalence.py --reference /tmp/base/src [--pages 50]``
(exit status 1 when a table differs). Prints a table; saves nothing unless asked.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

import bench_common as bc

NAME = "pipeline_equivalence"
COLUMNS = ("run", "tables", "rows", "tables differing", "differences")
IGNORED = {"erasure_salt.salt"}
VECTOR_BYTES = 1024  # a float32 blob at least this long is read as a vector


def _canonical(value: Any, tolerance: float) -> Any:
    """A cell as compared: JSON text with sorted keys, vectors rounded to ``tolerance``."""
    digits = max(0, round(-np.log10(tolerance)))
    if isinstance(value, bytes):
        if value[:2] == b"PK":  # an npz of the story state
            try:
                with np.load(io.BytesIO(value)) as arrays:
                    return {k: np.round(arrays[k], digits).tolist() for k in sorted(arrays)}
            except (OSError, ValueError):
                pass
        if len(value) % 4 == 0 and len(value) >= VECTOR_BYTES:
            vector = np.frombuffer(value, dtype=np.float32)
            with np.errstate(all="ignore"):
                if np.isfinite(vector).all() and np.abs(vector).max() <= 10:  # else not floats
                    return np.round(vector + 0.0, digits).tolist()
        return value.hex()
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.dumps(json.loads(value), sort_keys=True)
        except ValueError:
            return value
    return value


def dump(db: Path, tolerance: float) -> dict[str, list[str]]:
    """Every table's rows (sorted, each a JSON line) without the columns that may differ."""
    import sqlite3

    out: dict[str, list[str]] = {}
    with sqlite3.connect(db) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        try:  # a reading's digest hashes the code too (code_stamp): compared as its story
            keyed = dict(conn.execute("SELECT digest, story_id FROM story_readings"))
        except sqlite3.Error:
            keyed = {}
        for table in sorted(names):
            try:
                cursor = conn.execute(f'SELECT * FROM "{table}"')
            except sqlite3.Error:
                continue  # a virtual table's shadow the module answers for
            columns = [d[0] for d in cursor.description]
            keep = [
                i
                for i, c in enumerate(columns)
                if not c.endswith("_at") and f"{table}.{c}" not in IGNORED
            ]
            digest = columns.index("digest") if "digest" in columns and keyed else None
            rows = [
                json.dumps(
                    [
                        f"reading of {keyed.get(row[i], '?')}"
                        if i == digest
                        else _canonical(row[i], tolerance)
                        for i in keep
                    ],
                    default=str,
                )
                for row in cursor
            ]
            out[table] = sorted(rows)
    return out


def compare(reference: dict[str, list[str]], other: dict[str, list[str]]) -> list[str]:
    """What differs, one line per table."""
    found = []
    for table in sorted(set(reference) | set(other)):
        a, b = reference.get(table), other.get(table)
        if a is None or b is None:
            found.append(f"{table}: only in one store")
        elif a != b:
            only_a, only_b = len(set(a) - set(b)), len(set(b) - set(a))
            found.append(f"{table}: {len(a)} vs {len(b)} rows, {only_a}/{only_b} unmatched")
    return found


def ingest(src: Path, db: Path, inputs: list[Path], workers: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env["PYTHONPATH"] = str(src)
    for folder in inputs:
        cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "ingest", str(folder),
               "--json", "--workers", str(workers)]  # fmt: skip
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{src}: ingest {folder} failed: {done.stderr[-2000:]}")


def _newsdesk(src: Path, args: list[str]) -> str:
    """One ``newsdesk`` command run with ``src`` on the path; its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env["PYTHONPATH"] = str(src)
    done = subprocess.run([sys.executable, "-m", "newsdesk", *args], env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode not in (0, 1):
        raise SystemExit(f"{src}: newsdesk {args[:3]} failed: {done.stderr[-2000:]}")
    return done.stdout


def commands(
    src: Path, files: list[Path], store: Path, work: Path, label: str, tolerance: float
) -> dict[str, list[str]]:
    """What the commands that store nothing (or rebuild) say: ``clean --jsonl`` and
    ``annotate --jsonl`` over ``files`` (2 workers), and the store after ``recluster``
    of a copy of ``store``; as tables of lines, compared like the stores."""
    names = [str(f) for f in files]
    out = {
        "clean --jsonl": _newsdesk(src, ["clean", *names, "--jsonl", "--workers", "2"]),
        "annotate --jsonl": _newsdesk(src, ["annotate", *names, "--jsonl", "--workers", "2"]),
    }
    tables = {k: [str(_canonical(v, tolerance)) for v in text.splitlines()]
              for k, text in out.items()}  # fmt: skip
    copy = work / f"recluster-{label}.db"
    shutil.copy(store, copy)
    tables["recluster --json"] = [_newsdesk(src, ["--db", str(copy), "recluster", "--json"])]
    tables.update({f"recluster: {k}": v for k, v in dump(copy, tolerance).items()})
    return tables


def main() -> None:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True, help="the src folder before")
    parser.add_argument("--candidate", type=Path, default=bc.REPO_ROOT / "src")
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--workers", default="1,2", help="worker counts to run (1 always)")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--commands", type=int, default=0, metavar="N",
                        help="also clean/annotate --jsonl N files, and recluster")  # fmt: skip
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nd-equivalence-"))
    rows: list[bc.Row] = []
    failed = False
    try:
        pages = work / "pages"
        pages.mkdir()
        folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["html"])
        for n, path in enumerate(sorted((folder / "html").glob("*.html.gz"))[: args.pages]):
            with gzip.open(path, "rb") as fh:
                (pages / f"{n:04d}.html").write_bytes(fh.read())
        inputs = [bc.REPO_ROOT / "src" / "newsdesk" / "sample" / "corpus", pages]
        counts = sorted({1, *(int(w) for w in args.workers.split(","))})
        runs = [("reference", args.reference, w) for w in counts]
        runs += [("candidate", args.candidate, w) for w in counts]
        reference: dict[str, list[str]] | None = None
        for label, src, workers in runs:
            db = work / f"{label}-{workers}.db"
            ingest(src, db, inputs, workers)
            tables = dump(db, args.tolerance)
            reference = reference or tables
            found = compare(reference, tables)
            failed = failed or bool(found)
            rows.append(
                {
                    "run": f"{label} --workers {workers}",
                    "tables": len(tables),
                    "rows": sum(len(v) for v in tables.values()),
                    "tables differing": len(found),
                    "differences": "; ".join(found) or "none",
                }
            )
            print(f"{label} --workers {workers}: {len(found)} tables differ", file=sys.stderr)
        if args.commands:
            sample = bc.REPO_ROOT / "src" / "newsdesk" / "sample" / "corpus"
            files = sorted(p for p in sample.rglob("*") if p.is_file())
            files = (files + sorted(pages.glob("*.html")))[: args.commands]
            base = work / "reference-1.db"
            said: dict[str, list[str]] | None = None
            for label, src in (("reference", args.reference), ("candidate", args.candidate)):
                tables = commands(src, files, base, work, label, args.tolerance)
                said = said or tables
                found = compare(said, tables)
                failed = failed or bool(found)
                rows.append(
                    {
                        "run": f"{label} clean/annotate --jsonl ({len(files)} files), recluster",
                        "tables": len(tables),
                        "rows": sum(len(v) for v in tables.values()),
                        "tables differing": len(found),
                        "differences": "; ".join(found) or "none",
                    }
                )
                print(f"{label} commands: {len(found)} tables differ", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bc.print_table(f"Stores after ingest vs reference --workers 1 ({args.pages} pages)",
                   COLUMNS, rows)  # fmt: skip
    if not args.no_save:
        bc.save_results(NAME, title="Pipeline equivalence (stores before/after a change)",
                        columns=COLUMNS, rows=rows,
                        notes=[f"reference: {args.reference}", f"candidate: {args.candidate}",
                               f"pages: {args.pages}", f"tolerance: {args.tolerance}"])  # fmt: skip
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
