"""kill -9 during ``newsdesk ingest``, then resume: does the store equal a clean run's?

A clean run ingests the corpus once into its own store. Then each trial starts the same
``newsdesk ingest`` into a fresh store, SIGKILLs it at a random moment (uniform over the
clean run's duration, model loading included), runs the same command again to the end,
and compares the store with the clean one: article ids, copy links, annotations (every
field) and story membership (story ids and their members). ``--chain`` kills one store
N times in a row (each resumed run killed again) and compares once at the end.

The corpus is the demo's sample corpus (src/newsdesk/sample/corpus: HTML, feeds, WARC,
scraped text, JSON Lines), or ``--ecbplus N`` real pages: the first N ECB+ documents
read from /work/shared/eval/ecbplus at bench time and written as text files into a
temporary folder (nothing copied into the repository).

    python bench/kill_resume.py                 # 20 independent kills
    python bench/kill_resume.py --chain         # 20 kills of one store, then compare
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

NEWSDESK = [sys.executable, "-m", "newsdesk"]


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*NEWSDESK, "--db", str(db), "ingest", str(corpus), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=db.parent,
    )


def _finish(db: Path, corpus: Path) -> dict[str, Any]:
    proc = _ingest(db, corpus)
    out, err = proc.communicate(timeout=3600)
    if proc.returncode not in (0, 1) or not out.strip():
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.decode()[-2000:]}")
    return json.loads(out)


def snapshot(db: Path) -> dict[str, Any]:
    """What must match: ids, copy links, annotations, stories (read through the store)."""
    from newsdesk.store import SqliteStore

    with SqliteStore(db) as store:
        articles = sorted(store.articles.articles(), key=lambda a: a.id or "")
        ids = [a.id or "" for a in articles]
        notes = store.annotations.annotations_of(ids)
        return {
            "ids": ids,
            "copies": {
                a.id: [a.extras.get(k) for k in ("copy_of", "copy_kind", "copy_similarity")]
                for a in articles
            },
            "annotations": {k: asdict(v) for k, v in sorted(notes.items())},
            "stories": sorted((s.id, sorted(s.articles)) for s in store.stories.stories()),
            "story_of": {
                a.id: store.stories.resolve_story(a.story_id) if a.story_id else None
                for a in articles
            },
        }


def differences(clean: dict[str, Any], other: dict[str, Any]) -> list[str]:
    found = []
    for key in clean:
        if clean[key] == other[key]:
            continue
        if isinstance(clean[key], dict):
            keys = set(clean[key]) | set(other[key])
            n = sum(1 for k in keys if clean[key].get(k) != other[key].get(k))
            found.append(f"{key}: {n} differ")
        else:
            found.append(f"{key}: {len(clean[key])} vs {len(other[key])}")
    return found


def _count(db: Path) -> int:
    from newsdesk.store import SqliteStore

    if not db.exists():
        return 0
    try:
        with SqliteStore(db) as store:
            return store.articles.count()
    except Exception:
        return -1


def _kill_after(db: Path, corpus: Path, delay: float) -> tuple[bool, int]:
    """Start an ingest, SIGKILL it after ``delay`` s; (killed before it ended, articles)."""
    proc = _ingest(db, corpus)
    try:
        proc.wait(timeout=delay)
        ended = True
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        ended = False
    proc.communicate()
    return not ended, _count(db)


def _ecbplus(eval_dir: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` ECB+ documents as text files (read at bench time)."""
    from defusedxml import ElementTree as ET

    root = eval_dir / "ecbplus"
    files = sorted(root.rglob("*.xml"))[:limit]
    if not files:
        raise SystemExit(f"no ECB+ XML under {root}")
    folder.mkdir()
    for path in files:
        tokens = [t.text or "" for t in ET.parse(path).getroot().iter("token")]
        (folder / f"{path.stem}.txt").write_text(" ".join(tokens), encoding="utf-8")
    return folder


def _report(
    args: Any,
    rows: list[dict[str, Any]],
    *,
    label: str,
    clean: dict[str, Any],
    report: dict[str, Any],
    clean_s: float,
    quiet: bool = False,
) -> None:
    """Print the table (unless ``quiet``) and write bench/results (unless --no-save)."""
    equal = sum(1 for r in rows if r["equal"])
    title = "kill -9 during ingest, then resume: the store against a clean run's"
    columns = list(rows[0])
    if not quiet:
        print_table(title, columns, rows)
        print(f"{equal} of {len(rows)} equal to the clean run")
    if not args.no_save:
        name = "kill_resume_chain" if args.chain else "kill_resume"
        save_results(
            name,
            title=title,
            columns=columns,
            rows=rows,
            notes=[
                f"Corpus: {label}; clean run {report['ingested']} articles,"
                f" {len(clean['stories'])} stories, {clean_s:.1f} s (models loaded).",
                f"Kills: SIGKILL at a moment uniform in 0.5..{clean_s * args.window:.1f} s"
                f" after the command started (seed {args.seed}). "
                + (
                    "--chain: one store, each run resumed by the next; 'articles at kills'"
                    " lists the rows stored when each run died, -1 where that run had"
                    " already ended (nothing left to do) before its kill."
                    if args.chain
                    else "A run that had already ended is started again on a fresh store"
                    " and killed earlier, so every trial is a kill; 'articles at kill':"
                    " rows stored when it died."
                ),
                "Compared: article ids, copy links (copy_of, kind, similarity), every"
                " annotation field, story ids with their members, each article's story.",
                f"Result: {equal} of {len(rows)} equal.",
            ],
            extra={"equal": equal, "trials": len(rows), "clean_seconds": clean_s},
        )


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--chain", action="store_true", help="kill one store N times in a row")
    parser.add_argument("--ecbplus", type=int, default=0, help="use N ECB+ pages instead")
    parser.add_argument(
        "--window", type=float, default=0.9, help="kill within this share of the clean run's time"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kill_resume_"))
    try:
        if args.ecbplus:
            corpus = _ecbplus(args.eval_dir, args.ecbplus, work / "corpus")
            label = f"{args.ecbplus} ECB+ documents (text)"
        else:
            corpus = REPO_ROOT / "src" / "newsdesk" / "sample" / "corpus"
            files = sum(1 for p in corpus.rglob("*") if p.is_file())
            label = f"the demo sample corpus ({files} files)"
        started = time.monotonic()
        report = _finish(work / "clean.db", corpus)
        clean_s = time.monotonic() - started
        clean = snapshot(work / "clean.db")
        print(f"clean run: {report['ingested']} articles, {len(clean['stories'])} stories, "
              f"{clean_s:.1f} s", flush=True)  # fmt: skip
        rows = []
        if args.chain:
            db = work / "chain.db"
            stored = []
            for _ in range(args.kills):
                killed, count = _kill_after(db, corpus, rng.uniform(0.5, clean_s * args.window))
                stored.append(count if killed else -1)
            _finish(db, corpus)
            diff = differences(clean, snapshot(db))
            rows.append({"trial": "chain", "kills": args.kills, "articles at kills":
                         " ".join(map(str, stored)), "equal": not diff,
                         "differences": "; ".join(diff) or "-"})  # fmt: skip
        else:
            for trial in range(args.kills):
                db = work / f"t{trial}.db"
                delay, killed, count, high = 0.0, False, 0, clean_s * args.window
                while not killed:  # a run that ended before its kill is tried again, earlier
                    for leftover in db.parent.glob(db.name + "*"):
                        leftover.unlink()
                    delay = rng.uniform(0.5, high)
                    killed, count = _kill_after(db, corpus, delay)
                    high = max(1.0, delay * 0.8)
                _finish(db, corpus)
                diff = differences(clean, snapshot(db))
                rows.append({"trial": trial + 1, "kill at s": round(delay, 1),
                             "killed": killed, "articles at kill": count,
                             "equal": not diff, "differences": "; ".join(diff) or "-"})  # fmt: skip
                print(rows[-1], flush=True)
                if not args.no_save:  # kept after every trial: a long run can be stopped
                    _report(args, rows, label=label, clean=clean, report=report,
                            clean_s=clean_s, quiet=True)  # fmt: skip
        _report(args, rows, label=label, clean=clean, report=report, clean_s=clean_s)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
