"""Backfill of one WARC of real news pages: the Ray executor (2 workers) vs one in-process worker.

Builds a WARC of ``--articles`` HTML responses (default 2,000) from the real pages in the
shared eval data (warc_samples, the scrapinghub AEB pages, the trafilatura eval pages;
repeated under varied URLs when there are not enough), in a work folder, never in the
repository. Then runs, as a user would, in alternation, ``--runs`` times each::

    newsdesk --db A.db backfill LIST --executor inline --json
    newsdesk --db B.db backfill LIST --executor ray --workers 2 --json

and reports wall-clock medians, articles/s, CPU seconds (the command's whole process
tree, Ray's processes included, sampled from /proc), the ratio, and whether the stores
are the same in ids, copy links, story membership and annotations.

Resumable: the WARC, a frozen copy of src/newsdesk and every finished run (its timings,
report and a digest of its store) are kept in ``--work-dir`` (default
bench/out/backfill_ray-N); run the same command again after an interruption and it
goes on with the runs still missing, on the same code and the same WARC::

    python bench/backfill_ray.py [--articles 2000] [--runs 3] [--workers 2] [--work-dir DIR]
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

NAME = "backfill_ray"
NEWSDESK = Path(sys.executable).with_name("newsdesk")
UNSUPPORTED = "unsupported_language"  # an annotation skipped, the article kept


def _pages(eval_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(name, HTML bytes) of every real page, the three sources interleaved."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    samples: list[tuple[str, bytes]] = []
    folder = require_dir(eval_dir, "warc_samples", ["scrapinghub_news_20_repackaged.warc.gz"])
    for warc in sorted(folder.glob("*.warc.gz")):
        if "clipped" in warc.name:  # the deliberately truncated one
            continue
        with warc.open("rb") as handle:
            for i, record in enumerate(
                ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True)
            ):
                kind = (
                    (record.http_headers.get("Content-Type") or "") if record.http_headers else ""
                )
                if "html" in kind:
                    samples.append((f"{warc.stem}-{i}", record.reader.read()))
    aeb = sorted(require_dir(eval_dir, "scrapinghub_aeb", ["html"]).joinpath("html").glob("*.gz"))
    tra = sorted(require_dir(eval_dir, "trafilatura_eval", ["html"]).joinpath("html").glob("*.gz"))
    pools = [
        samples,
        [(f"aeb-{p.name}", gzip.decompress(p.read_bytes())) for p in aeb],
        [(f"tra-{p.name}", gzip.decompress(p.read_bytes())) for p in tra],
    ]
    longest = max(len(p) for p in pools)
    for i in range(longest):
        for pool in pools:
            if i < len(pool):
                yield pool[i]


def build_warc(eval_dir: Path, folder: Path, articles: int) -> tuple[Path, int]:
    """One gzipped WARC of ``articles`` responses; (path, distinct pages used)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [(n, b) for n, b in _pages(eval_dir) if b.strip()]
    path = folder / "backfill.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for k in range(articles):
            name, body = pages[k % len(pages)]
            url = f"https://pages.bench.example/{name.replace('.', '-')}?round={k // len(pages)}"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path, min(articles, len(pages))


def freeze_code(folder: Path) -> Path:
    """A copy of src/newsdesk as it is now (kept when the folder has one: a resumed bench
    runs the code it started with): every run imports it (PYTHONPATH), so edits made to
    the tree while the bench runs cannot make the two executors' stores differ."""
    target = folder / "code"
    if not (target / "newsdesk" / "__init__.py").exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(
            REPO_ROOT / "src" / "newsdesk",
            target / "newsdesk",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return target


def _tree_cpu(root: int) -> dict[tuple[int, int], float]:
    """CPU seconds so far of ``root`` and every process below it, by (pid, start time)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[19]), (int(fields[11]) + int(fields[12])) / tick)
    below = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in below and pid not in below:
                below.add(pid)
                grew = True
    return {(pid, times[pid][0]): times[pid][1] for pid in below if pid in times}


def run_backfill(
    listing: Path, db: Path, executor: str, workers: int, code: Path
) -> dict[str, Any]:
    """One backfill as a user runs it: wall seconds, CPU seconds of its process tree."""
    command = [str(NEWSDESK), "--db", str(db), "backfill", str(listing), "--json"]
    command += ["--executor", executor, "--workers", str(workers)]
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", PYTHONPATH=str(code))
    seen: dict[tuple[int, int], float] = {}
    before = os.times()
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    out: dict[str, str] = {}

    def drain(name: str, stream: Any) -> None:
        out[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(n, st))
        for n, st in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    while proc.poll() is None:
        seen.update(_tree_cpu(proc.pid))  # a process's last sample stands for it
        time.sleep(0.5)
    for reader in readers:
        reader.join()
    seconds = time.perf_counter() - started
    after = os.times()
    waited = (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )
    if proc.returncode not in (0, 1) or not out.get("out", "").strip():
        sys.stderr.write(out.get("err", "")[-4000:])
        raise SystemExit(f"{' '.join(command)} exited {proc.returncode}")
    return {
        "seconds": seconds,
        # sampled every 0.5 s (a process's last half second may be missed); the command
        # itself and what it waited for, from the kernel, beside it
        "cpu_tree": max(sum(seen.values()), waited),
        "cpu_waited": waited,
        "report": json.loads(out["out"]),
    }


def contents(db: Path) -> dict[str, Any]:
    """What must be the same whatever the executor: ids, copies, stories, annotations."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        copies = dict(conn.execute("SELECT id, copy_of FROM articles ORDER BY id").fetchall())
        members: dict[str, list[str]] = {}
        for article, story in conn.execute("SELECT id, story_id FROM articles ORDER BY id"):
            if story is not None:
                members.setdefault(story, []).append(article)
        notes = dict(conn.execute("SELECT article_id, data FROM annotations").fetchall())
    return {
        "ids": ids,
        "copies": copies,
        "stories": sorted(members.values()),
        "annotations": notes,
    }


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def fingerprint(db: Path) -> dict[str, Any]:
    """Digests of each part of ``contents`` (and of each article's annotations, to say
    which differ): what a finished run keeps in the work folder."""
    found = contents(db)
    parts = {part: _digest(value) for part, value in found.items()}
    notes = {key: _digest(value) for key, value in found["annotations"].items()}
    return {
        "parts": parts,
        "annotations": notes,
        "articles": len(found["ids"]),
        "languages": _languages(db),
    }


def _languages(db: Path) -> dict[str, dict[str, int]]:
    """Per language: articles stored, with a story, annotated, not annotated (no pack)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT coalesce(a.language, '?'), count(*), sum(a.story_id IS NOT NULL),"
            ' sum(n.data IS NOT NULL AND n.data NOT LIKE \'%"skipped": "unsupported%\'),'
            ' sum(n.data LIKE \'%"skipped": "unsupported%\')'
            " FROM articles a LEFT JOIN annotations n ON n.article_id = a.id"
            " GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    keys = ("stored", "with story", "annotated", "no pack")
    return {lang: dict(zip(keys, map(int, rest), strict=True)) for lang, *rest in rows}


def _work_dir(args: Any) -> Path:
    folder = args.work_dir or REPO_ROOT / "bench" / "out" / f"{NAME}-{args.articles}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()  # the shard list names the WARC by this path, from any cwd


def _prepare(args: Any, folder: Path) -> tuple[Path, dict[str, Any]]:
    """The shard list and the WARC's description, built once per work folder."""
    listing = folder / "shards.txt"
    about_file = folder / "warc.json"
    warc = folder / "backfill.warc.gz"
    if not (listing.exists() and about_file.exists() and warc.exists()):
        warc, distinct = build_warc(args.eval_dir, folder, args.articles)
        about = {"articles": args.articles, "distinct": distinct, "bytes": warc.stat().st_size}
        about_file.write_text(json.dumps(about), encoding="utf-8")
        listing.write_text(f"{warc}\n", encoding="utf-8")
    about = json.loads(about_file.read_text(encoding="utf-8"))
    if about["articles"] != args.articles:
        raise SystemExit(
            f"{folder} holds a {about['articles']}-article WARC: use another --work-dir"
        )
    return listing, about


def main() -> None:
    parser = make_parser(__doc__ or NAME)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work-dir", type=Path, default=None)
    parser.add_argument(
        "--keep-stores", action="store_true", help="keep each run's store (to see what differs)"
    )
    args = parser.parse_args()
    folder = _work_dir(args)
    listing, about = _prepare(args, folder)
    code = freeze_code(folder)
    runs_dir = folder / "runs"
    runs_dir.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    for run in range(args.runs):
        for executor in ("inline", "ray"):
            done = runs_dir / f"{executor}-{run}.json"
            if done.exists():
                continue
            db = folder / f"{executor}-{run}.db"
            for stale in folder.glob(f"{executor}-{run}.db*"):
                stale.unlink()  # an interrupted run starts again from an empty store
            found = run_backfill(listing, db, executor, args.workers, code)
            if found["report"].get("rejected") or not found["report"].get("ingested"):
                raise SystemExit(
                    f"{executor} run {run + 1} ingested nothing or rejected its input: "
                    f"{found['report'].get('rejected')}"
                )
            found.update(fingerprint(db), load=os.getloadavg(), finished=time.time())
            if not args.keep_stores:
                for used in folder.glob(f"{executor}-{run}.db*"):
                    used.unlink()
            done.write_text(json.dumps(found), encoding="utf-8")
            print(
                f"run {run + 1} {executor}: {found['seconds']:.1f} s,"
                f" {found['cpu_tree']:.1f} CPU s",
                file=sys.stderr,
            )
    results = {
        executor: [
            json.loads((runs_dir / f"{executor}-{run}.json").read_text(encoding="utf-8"))
            for run in range(args.runs)
        ]
        for executor in ("inline", "ray")
    }
    baseline = results["inline"][0]
    same: dict[str, bool] = {}
    differing: dict[str, list[str]] = {}
    for executor, runs in results.items():
        for run, found in enumerate(runs):
            label = f"{executor}-{run}"
            same[label] = found["parts"] == baseline["parts"]
            for part, value in found["parts"].items():
                if value != baseline["parts"][part]:
                    differing.setdefault(part, []).append(label)
    notes_differing = {
        f"{executor}-{run}": sum(
            1
            for key, value in found["annotations"].items()
            if baseline["annotations"].get(key) != value
        )
        for executor, runs in results.items()
        for run, found in enumerate(runs)
    }
    rows = []
    for executor, label in (("inline", "inline (1 in-process worker)"),
                            ("ray", f"ray ({args.workers} workers, local instance)")):  # fmt: skip
        runs = results[executor]
        median = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu_tree"] for r in runs)
        report = runs[-1]["report"]
        rows.append(
            {
                "executor": label,
                "runs": len(runs),
                "median s": round(median, 1),
                "articles/s": round(args.articles / median, 2),
                "CPU s": round(cpu, 1),
                "CPU s/article": round(cpu / args.articles, 3),
                "ingested": report["ingested"],
                "duplicates": report["duplicates"],
                "failed": report["failed"],
                # kept, searched and in stories, not annotated: no language pack
                "stored, not annotated (no pack)": report["dropped"].get(UNSUPPORTED, 0),
                "dropped": sum(report["dropped"].values()) - report["dropped"].get(UNSUPPORTED, 0),
            }
        )
    ratio = rows[0]["median s"] / rows[1]["median s"]
    cpu_ratio = rows[1]["CPU s"] / rows[0]["CPU s"]
    columns = list(rows[0])
    print_table(f"backfill of a {args.articles}-article WARC", columns, rows)
    print(f"ray / inline speed: {ratio:.2f}x; stores identical: {all(same.values())}")
    loads = [r["load"] for runs in results.values() for r in runs]
    notes = [
        f"WARC: {args.articles} HTML responses built from {about['distinct']} distinct real pages"
        f" (warc_samples, scrapinghub AEB, trafilatura eval; repeats under other URLs),"
        f" {about['bytes'] / 1e6:.1f} MB gzipped, one shard",
        f"commands: newsdesk --db DB backfill LIST --json --executor inline|ray"
        f" --workers {args.workers}, alternating, fresh store each run, every run on one"
        f" copy of src/newsdesk taken at the start",
        f"ray / inline speed (medians): {ratio:.2f}x (target >= 1.5x);"
        f" ray used {cpu_ratio:.2f}x the CPU seconds of inline (whole process trees)",
        f"stores identical to the first inline run (ids, copy links, story membership,"
        f" annotations): {all(same.values())}"
        + (
            ""
            if all(same.values())
            else f"; differing: {differing}; articles whose annotations differ: {notes_differing}"
        ),
        f"load average at the start of this report's last session: "
        f"{', '.join(f'{x:.1f}' for x in load_before)}; 1-minute load at the end of each"
        f" run: {', '.join(f'{x[0]:.1f}' for x in loads)}",
    ]
    if args.articles < 2000 or args.runs < 3:
        inline_rate = rows[0]["CPU s/article"]
        notes.append(
            f"scale: {args.articles} articles, {args.runs} run(s) each (the target is a"
            f" 2,000-article backfill, medians of 3): at {inline_rate:.3f} CPU s/article inline,"
            f" 2,000 articles are about {2000 * inline_rate / 60:.0f} CPU minutes per inline"
            f" run; measure it at a quiet moment with"
            f" `python bench/backfill_ray.py --articles 2000 --runs 3` (resumable: run the same"
            f" command again after an interruption)"
        )
    languages = results["inline"][-1].get("languages")
    if languages:  # runs made before this note was added have none
        shown = ", ".join(
            f"{lang} {'/'.join(str(n) for n in counts.values())}"
            for lang, counts in languages.items()
        )
        notes.append(
            f"articles stored by language in the last inline run (stored / with a story /"
            f" annotated / not annotated, no language pack): {shown}; an article in a language"
            f" without a pack is stored, searched and clustered (multilingual embedding), only"
            f" its annotation is skipped (counted under {UNSUPPORTED})"
        )
    for note in notes:
        print(note)
    if not args.no_save:
        extra = {
            "timings": {k: [r["seconds"] for r in v] for k, v in results.items()},
            "cpu_seconds": {k: [r["cpu_tree"] for r in v] for k, v in results.items()},
            "ratio": ratio,
            "cpu_ratio": cpu_ratio,
            "identical": same,
            "differing": differing,
            "annotations_differing": notes_differing,
            "articles": args.articles,
            "ray": metadata.version("ray"),
        }
        path = save_results(
            NAME,
            title=f"Backfill: Ray executor ({args.workers} workers) vs inline",
            columns=columns,
            rows=rows,
            notes=notes,
            extra=extra,
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
