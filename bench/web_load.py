"""The web desk under load: wrk at 10 connections against one `newsdesk serve` process.

A store of N generated articles (default 100,000; 100 days, 12 outlets, stories of about a
dozen articles, a quote and a name per article) is written directly through the store API
(no model runs). Then `newsdesk serve` (one process) and `datasette serve` on the same file
are started, every page is warmed once (the brief is built then, and kept per store state),
and `wrk -c10 -t2 -d10s` runs against: the brief page, a story page and an article page
(cycling over 500 ids each, by a Lua script), ranked search for a common and a rare term, an
outlet feed, the brief feed, and datasette's default FTS JSON for the same two terms. Also: a
repeat request answered 304 (client-side round trip over loopback, an upper bound of the
server's time), and bytes per page.

    python bench/web_load.py [--articles 100000] [--duration 10] [--no-save]
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.article import Annotations, Article, Mention, Quote
from newsdesk.store import SqliteStore

WORDS = [
    "council",
    "minister",
    "strike",
    "ferry",
    "port",
    "rail",
    "bank",
    "rate",
    "vote",
    "court",
    "river",
    "fire",
    "school",
    "police",
    "union",
    "talks",
    "budget",
    "election",
    "hospital",
    "storm",
    "bridge",
    "market",
    "farmers",
    "festival",
    "museum",
    "airport",
    "tunnel",
    "housing",
    "water",
    "energy",
    "wind",
    "solar",
    "grain",
    "coffee",
    "steel",
    "wages",
    "tourism",
    "drought",
]
COMMON = "harbour"  # in about one article in seven
RARE = "zephyrine"  # in about one article in ten thousand
OUTLETS = [f"Outlet {i}" for i in range(12)]
START = datetime(2026, 1, 1, tzinfo=UTC)
FTS = "&_fts_table=articles_fts&_fts_pk=rowid"  # datasette's table search over our FTS5 index


def _text(rng: random.Random, story: int) -> str:
    sentences = []
    for k in range(rng.randint(5, 8)):
        words = rng.sample(WORDS, 9)
        if rng.random() < 0.025:
            words[3] = COMMON
        sentences.append(f"The {' '.join(words)} s{story}k{k} said on Thursday.")
    if rng.random() < 0.0001:
        sentences.append(f"A {RARE} was seen.")
    return " ".join(sentences)


def generate(db: Path, n_articles: int, *, days: int = 100, seed: int = 11) -> None:
    rng = random.Random(seed)
    per_day = max(1, n_articles // days)
    with SqliteStore(db) as store:
        for chunk in range(0, n_articles, 5000):
            articles, assignments, notes = [], {}, []
            for i in range(chunk, min(chunk + 5000, n_articles)):
                day = i // per_day
                story = day * 1000 + rng.randint(0, max(1, per_day // 12))
                text = _text(rng, story)
                article = Article(
                    source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:06d}",
                    url=f"https://outlet{i % 12}.example/{i}",
                    title=f"Story {story} report {i}", outlet=OUTLETS[i % 12],
                    published=START + timedelta(days=day, minutes=rng.randint(0, 1439)),
                )  # fmt: skip
                articles.append(article)
                assignments[article.id] = f"s-{story:07d}"
                name = f"Person {story % 500}"
                notes.append((article.id, Annotations(
                    entities=[Mention(name, "PERSON", 0, 3, canonical=name)],
                    quotes=[Quote("We will keep going until every question is answered", 0, 10,
                                  speaker=name)],
                )))  # fmt: skip
            store.articles.add_source(f"gen-{chunk}", articles)
            store.stories.save_assignments(
                features=[], assignments=assignments, merges=[],
                titles={s: f"Generated story {s}" for s in set(assignments.values())},
            )  # fmt: skip
            store.annotations.save_annotations(notes)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, path: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not answer {path} within {timeout:.0f} s")


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body, response


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(value) * _UNITS[unit]


def wrk(port: int, paths: list[str], *, duration: int, script_dir: Path) -> dict[str, Any]:
    """wrk -c10 -t2 over ``paths`` (cycled by a Lua script); req/s, p50, p99, errors."""
    script = script_dir / f"paths{abs(hash(tuple(paths)))}.lua"
    listed = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\nlocal i = math.random(#paths)\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        ["wrk", "-c10", "-t2", f"-d{duration}s", "--timeout", "10s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    timeouts = re.search(r"timeout (\d+)", out)
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if "50" not in latency or "99" not in latency:
        raise SystemExit(f"cannot read wrk's latency distribution:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "req/s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50 ms": _ms(latency["50"]),
        "p99 ms": _ms(latency["99"]),
        "non-2xx": int(errors.group(1)) if errors else 0,
        "socket errors": socket_errors.group(1).strip() if socket_errors else "",
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def not_modified_ms(port: int, path: str, n: int = 300) -> tuple[float, float]:
    """(p50, p99) of a conditional GET answered 304, on one keep-alive connection."""
    _, _, first = _get(port, path)
    etag = first.getheader("etag")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"If-None-Match": etag})
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status == 304, response.status
    conn.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def _start(cmd: list[str], port: int, probe: str, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    process = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT)
    _wait(port, probe)
    return process


def _versions() -> dict[str, str]:
    from importlib import metadata

    found = {}
    for name in ("fastapi", "starlette", "uvicorn", "jinja2", "datasette"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    found["wrk"] = (wrk_version.split("\n")[0].split(" [")[0]).replace("wrk ", "")
    import sqlite3

    found["sqlite"] = sqlite3.sqlite_version
    return found


def run(db: Path, *, duration: int, tmp: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    bin_dir = Path(sys.executable).parent
    desk_port, ds_port = _free_port(), _free_port()
    desk = _start(
        [str(bin_dir / "newsdesk"), "--db", str(db), "serve", "--port", str(desk_port)],
        desk_port, "/api/v1/outlets", tmp / "serve.log",
    )  # fmt: skip
    datasette = _start(
        [str(bin_dir / "datasette"), "serve", str(db), "--port", str(ds_port)],
        ds_port, "/-/versions.json", tmp / "datasette.log",
    )  # fmt: skip
    try:
        with SqliteStore(db) as store:
            latest = store.articles.latest_day()
            stories = [s.id for s in store.stories.stories(day=latest)][:500]
            articles = [a.id or "" for a in store.articles.articles(limit=500)]
        dbname = db.stem
        targets = {
            "brief /": ["/"],
            "story /story/ID": [f"/story/{s}" for s in stories],
            "article /article/ID": [f"/article/{a}" for a in articles],
            f"search common ({COMMON})": [f"/search?q={COMMON}"],
            f"search rare ({RARE})": [f"/search?q={RARE}"],
            "feed /feeds/outlet/NAME.atom": ["/feeds/outlet/Outlet%203.atom"],
            "feed /feeds/brief.atom": ["/feeds/brief.atom"],
            f"datasette FTS JSON ({COMMON})": [f"/{dbname}/articles.json?_search={COMMON}{FTS}"],
            f"datasette FTS JSON ({RARE})": [f"/{dbname}/articles.json?_search={RARE}{FTS}"],
        }
        rows = []
        for name, paths in targets.items():
            port = ds_port if name.startswith("datasette") else desk_port
            t0 = time.perf_counter()
            status, body, _ = _get(port, paths[0])  # warm: builds and caches what it can
            warm_s = time.perf_counter() - t0
            for path in paths[1:50]:
                _get(port, path)
            row = {"page": name, "status": status, "bytes": len(body), "first s": warm_s}
            row.update(wrk(port, paths, duration=duration, script_dir=tmp))
            rows.append(row)
            print(row, flush=True)
        p50, p99 = not_modified_ms(desk_port, f"/article/{articles[0]}")
        extra = {"not_modified_ms": {"p50": p50, "p99": p99}}
    finally:
        for process in (desk, datasette):
            process.terminate()
            process.wait(timeout=10)
    return rows, extra


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--keep", type=Path, default=None, help="keep the store at this path")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = args.keep or tmp / "web.db"
        t0 = time.perf_counter()
        if not db.exists():
            generate(db, args.articles)
        generate_s = time.perf_counter() - t0
        load = os.getloadavg()[0]
        rows, extra = run(db, duration=args.duration, tmp=tmp)
        load_after = os.getloadavg()[0]
    desk = {r["page"]: r for r in rows}
    ratio = {
        term: desk[f"search {kind} ({term})"]["req/s"]
        / max(desk[f"datasette FTS JSON ({term})"]["req/s"], 1e-9)
        for kind, term in (("common", COMMON), ("rare", RARE))
    }
    columns = ["page", "req/s", "p50 ms", "p99 ms", "bytes", "non-2xx", "timeouts", "first s"]
    title = f"Web desk under wrk -c10 -t2 -d{args.duration}s, {args.articles:,} articles"
    print_table(title, columns, rows)
    nm = extra["not_modified_ms"]
    notes = [
        f"One `newsdesk serve` process (uvicorn, sync routes on its thread pool, one read-only"
        f" SQLite connection per thread); datasette {_versions()['datasette']} with its"
        " defaults on the same file, in the same run.",
        f"Repeat request answered 304: p50 {nm['p50']:.2f} ms, p99 {nm['p99']:.2f} ms"
        " (client round trip over loopback, so the server's own time is less).",
        "Search vs datasette's FTS JSON: "
        + ", ".join(
            f"{term} {ratio[term]:.1f}x"
            if desk[f"datasette FTS JSON ({term})"]["req/s"] > 0
            else f"{term}: datasette completed no request in the run (its first, alone, took"
            f" {desk[f'datasette FTS JSON ({term})']['first s']:.1f} s)"
            for term in (COMMON, RARE)
        )
        + ".",
        "Story and article rows cycle over 500 ids each; 'first s' is the first (cold)"
        " request: the brief pages are built then and kept until the store changes.",
        f"Load average (1 min) before/after: {load:.2f}/{load_after:.2f}; other work shared"
        " this machine during the run.",
        f"versions: {', '.join(f'{k} {v}' for k, v in _versions().items())};"
        f" store {'reused' if generate_s < 1 else f'generated in {generate_s:.0f} s'}.",
    ]
    if not args.no_save:
        path = save_results(
            "web_load", title=title, columns=columns, rows=rows, notes=notes,
            extra={**extra, "versions": _versions(), "search_vs_datasette": ratio},
        )  # fmt: skip
        print(f"wrote {path}")
    for note in notes:
        print("-", note)


if __name__ == "__main__":
    main()
