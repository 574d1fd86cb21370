"""The web desk under hostile load: `newsdesk serve` while `ingest` writes, 10 connections,
and requests for 1,000 random unknown entity names.

A store of N generated articles (default 20,000 over 20 days, 12 outlets, one with a "/" in
its name) with many distinct people and organisations (default 3,500 names: grouping them
is what made every new /entity/NAME cost seconds) is written through the store API (no
model runs). Then:

1. in-process, the cost of one unknown name the old way (``annotate.views.entity_profile``
   regroups every name of the store) against the web's directory (built once per store
   state, then a dictionary lookup per name);
2. `newsdesk serve` (one process) is started and warmed; `newsdesk ingest --no-stories`
   (annotation on, as the CLI runs it) writes generated JSON Lines files into the same
   store, one commit per file, for the whole run, so the store's state keeps changing;
3. 10 client threads (one keep-alive connection each) send a shuffled mix: every one of
   1,000 random unknown entity names (expected 404), known entities, the outlet with a
   "/" in its name, articles, stories and the brief (expected 200). An error is any other
   status, a dropped connection or no answer within 10 s.

    python bench/web_hostile.py [--articles 20000] [--names 6000] [--requests 3000] [--no-save]
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.article import Annotations, Article, Mention, Quote
from newsdesk.store import SqliteStore

START = datetime(2026, 1, 1, tzinfo=UTC)
OUTLETS = [f"Outlet {i}" for i in range(11)] + ["Left/Right Times"]
SYLLABLES = ("ka lo mi ra ven tor sa lin da bri ko nu pe ta rel mo vi dan sel gor").split()  # noqa: SIM905
WORDS = ("council minister strike ferry port rail bank vote court river fire school").split()  # noqa: SIM905
TIMEOUT = 10.0


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(name, type): two people in three (given name + surname), the rest organisations."""
    givens = [_word(rng, 2) for _ in range(300)]
    surnames = [_word(rng, 3) for _ in range(max(50, count // 3))]
    names: dict[str, str] = {}
    while len(names) < count:
        if rng.random() < 0.67:
            names.setdefault(f"{rng.choice(givens)} {rng.choice(surnames)}", "PERSON")
        else:
            names.setdefault(f"{_word(rng, 3)} {rng.choice(['Group', 'Bank', 'Union'])}", "ORG")
    return list(names.items())


def generate(db: Path, n_articles: int, names: list[tuple[str, str]], *, seed: int = 7) -> None:
    """Articles with annotations, stories and MinHash signatures stored, as ingest leaves
    them (so a later ingest seeds its copy index from the store, as it does in use)."""
    from newsdesk.dedupe.minhash import signature_to_bytes, signatures

    rng = random.Random(seed)
    vocabulary = [_word(rng, 2).lower() for _ in range(3000)]
    days = 20
    per_day = max(1, n_articles // days)
    with SqliteStore(db) as store:
        for chunk in range(0, n_articles, 2000):
            articles, assignments, notes = [], {}, []
            for i in range(chunk, min(chunk + 2000, n_articles)):
                day = i // per_day
                story = day * 1000 + rng.randint(0, max(1, per_day // 10))
                picked = rng.sample(names, 3)
                text = " ".join(
                    f"{name} spoke about the {' '.join(rng.sample(vocabulary, 8))} on day {day}."
                    for name, _ in picked
                )
                article = Article(
                    source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:06d}",
                    url=f"https://outlet{i % 12}.example/{i}", title=f"Report {i} of story {story}",
                    outlet=OUTLETS[i % len(OUTLETS)],
                    published=START + timedelta(days=day, minutes=rng.randint(0, 1439)),
                )  # fmt: skip
                articles.append(article)
                assignments[article.id] = f"s-{story:07d}"
                mentions, at = [], 0
                for name, kind in picked:
                    at = text.index(name, at)
                    mentions.append(Mention(name, kind, at, at + len(name), canonical=name))
                speaker = picked[0][0]
                quote_ = Quote("We will keep going", 0, 10, speaker=speaker, cue="said")
                notes.append((article.id, Annotations(entities=mentions, quotes=[quote_])))
            signed = signatures([a.text for a in articles])
            store.articles.add_source(
                f"gen-{chunk}",
                articles,
                signatures={
                    a.id: signature_to_bytes(g) for a, g in zip(articles, signed, strict=True)
                },
            )
            store.stories.save_assignments(
                features=[], assignments=assignments, merges=[],
                titles={s: f"Generated story {s}" for s in set(assignments.values())},
            )  # fmt: skip
            store.annotations.save_annotations(notes)
        # generated articles come annotated: ingest's enrichment starts after them
        store.failures.set_enriched_through(store.failures.articles_after(0)[1])


def in_process_costs(db: Path, unknown: list[str]) -> dict[str, float]:
    """Seconds for one unknown name the old way, and the directory's build and lookups."""
    from newsdesk.annotate.views import entity_profile
    from newsdesk.web.entities import load_directory

    with SqliteStore(db) as store:
        t0 = time.perf_counter()
        assert entity_profile(store, unknown[0]) is None
        old = time.perf_counter() - t0
    t0 = time.perf_counter()
    directory = load_directory(str(db))
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert all(directory.find(name) is None for name in unknown)
    lookups = time.perf_counter() - t0
    return {
        "old_unknown_name_s": old,
        "directory_build_s": build,
        "directory_lookup_ms_per_name": lookups * 1000 / len(unknown),
        "entities": len(directory.entities),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str, timeout: float = 300) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def _wait(port: int, path: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _get(port, path)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer {path} within {timeout:.0f} s")


def write_feed_files(folder: Path, names: list[tuple[str, str]], *, files: int, batch: int) -> None:
    """JSON Lines files for the writer: ``files`` files of 5 new articles each."""
    rng = random.Random(1000 + batch)
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        lines = []
        for k in range(5):
            picked = rng.sample(names, 2)
            text = " ".join(
                f"{name} said the {' '.join(_word(rng, 2).lower() for _ in range(8))} would change."
                for name, _ in picked
            )
            lines.append(json.dumps({
                "id": f"w{batch}-{f}-{k}", "url": f"https://writer.example/{batch}/{f}/{k}",
                "title": f"Writer report {batch}-{f}-{k}", "text": text * 3,
                "outlet": OUTLETS[(f + k) % len(OUTLETS)],
                "published": (START + timedelta(days=19, minutes=f)).isoformat(),
            }))  # fmt: skip
        (folder / f"w{batch}-{f:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


class Writer(threading.Thread):
    """Runs `newsdesk ingest --no-stories` over fresh files until told to stop."""

    def __init__(self, db: Path, tmp: Path, names: list[tuple[str, str]]) -> None:
        super().__init__(daemon=True)
        self.db, self.tmp, self.names = db, tmp, names
        self.stop = threading.Event()
        self.runs: list[dict[str, Any]] = []
        self.process: subprocess.Popen[bytes] | None = None

    def run(self) -> None:
        bin_dir = Path(sys.executable).parent
        batch = 0
        while not self.stop.is_set():
            folder = self.tmp / f"writer{batch}"
            write_feed_files(folder, self.names, files=200, batch=batch)
            t0 = time.perf_counter()
            self.process = subprocess.Popen(
                [str(bin_dir / "newsdesk"), "--db", str(self.db), "ingest", "--no-stories",
                 "--json", str(folder)],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            out, _ = self.process.communicate()
            try:
                report = json.loads(out or b"{}")
            except ValueError:
                report = {}
            self.runs.append(
                {"batch": batch, "seconds": time.perf_counter() - t0,
                 "ingested": report.get("ingested"), "exit": self.process.returncode}
            )  # fmt: skip
            batch += 1

    def halt(self) -> None:
        self.stop.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.join(timeout=30)


def load(
    port: int, requests: list[tuple[str, str, int]], *, clients: int = 10
) -> list[dict[str, Any]]:
    """Every request once, from ``clients`` threads; (kind, status, seconds, error) each."""
    queue = list(reversed(requests))
    lock = threading.Lock()
    results: list[dict[str, Any]] = []

    def client() -> None:
        conn: http.client.HTTPConnection | None = None
        while True:
            with lock:
                if not queue:
                    break
                kind, path, expected = queue.pop()
            t0 = time.perf_counter()
            status, error = None, None
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                error = type(exc).__name__
                if conn is not None:
                    conn.close()
                conn = None
            took = time.perf_counter() - t0
            with lock:
                wrong = None if status == expected else f"HTTP {status}"
                results.append(
                    {"kind": kind, "status": status, "seconds": took, "error": error or wrong}
                )
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000


def summarise(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = sorted({r["kind"] for r in results})
    rows = []
    for kind in [*kinds, "all"]:
        mine = [r for r in results if kind in ("all", r["kind"])]
        times = [r["seconds"] for r in mine]
        rows.append({
            "requests": kind, "n": len(mine), "errors": sum(1 for r in mine if r["error"]),
            "p50 ms": statistics.median(times) * 1000, "p99 ms": _pct(times, 0.99),
            "max ms": max(times) * 1000,
        })  # fmt: skip
    return rows


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--names", type=int, default=3_500)
    parser.add_argument("--requests", type=int, default=3_000, help="known-page requests")
    parser.add_argument("--unknown", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the store at this path")
    args = parser.parse_args()
    rng = random.Random(5)
    names = make_names(random.Random(3), args.names)
    unknown = [
        f"{_word(rng, 3)} {_word(rng, 4)}-{rng.randrange(10**6)}" for _ in range(args.unknown)
    ]
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = args.keep or tmp / "hostile.db"
        t0 = time.perf_counter()
        if not db.exists():
            generate(db, args.articles, names)
        generate_s = time.perf_counter() - t0
        print(
            f"store: {args.articles:,} articles, {args.names:,} names, {generate_s:.1f} s",
            flush=True,
        )
        costs = in_process_costs(db, unknown[:50])
        print(costs, flush=True)
        with SqliteStore(db) as store:
            stories = [s.id for s in store.stories.stories()][:300]
            articles = [a.id or "" for a in store.articles.articles(limit=300)]
        port = _free_port()
        bin_dir = Path(sys.executable).parent
        log = (tmp / "serve.log").open("wb")
        serve = subprocess.Popen(
            [str(bin_dir / "newsdesk"), "--db", str(db), "serve", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        writer = Writer(db, tmp, names)
        try:
            _wait(port, "/api/v1/outlets")
            t0 = time.perf_counter()
            _get(port, "/")
            _get(port, f"/entity/{quote(names[0][0], safe='')}")
            warm_s = time.perf_counter() - t0
            known = [quote(n, safe="") for n, _ in rng.sample(names, 200)]
            mix: list[tuple[str, str, int]] = [
                ("unknown /entity/NAME", f"/entity/{quote(n, safe='')}", 404) for n in unknown
            ]
            for i in range(args.requests):
                pick = i % 6
                if pick in (0, 1):
                    mix.append(("known /entity/NAME", f"/entity/{rng.choice(known)}", 200))
                elif pick == 2:
                    mix.append(("article /article/ID", f"/article/{rng.choice(articles)}", 200))
                elif pick == 3:
                    mix.append(("story /story/ID", f"/story/{rng.choice(stories)}", 200))
                elif pick == 4:
                    mix.append(("outlet with '/'", "/outlet/Left%2FRight%20Times", 200))
                else:
                    mix.append(("brief /", "/", 200))
            rng.shuffle(mix)
            with SqliteStore(db) as store:
                before = store.articles.count()
            writer.start()
            waited = time.monotonic()
            while time.monotonic() - waited < 180:  # the load starts once the writer commits
                with SqliteStore(db) as store:
                    if store.articles.count() > before:
                        break
                time.sleep(0.5)
            with SqliteStore(db) as store:
                at_start = store.articles.count()
            load_avg = os.getloadavg()[0]
            t0 = time.perf_counter()
            results = load(port, mix)
            load_s = time.perf_counter() - t0
            load_after = os.getloadavg()[0]
            with SqliteStore(db) as store:
                during = store.articles.count() - at_start
        finally:
            writer.halt()
            serve.terminate()
            serve.wait(timeout=30)
        rows = summarise(results)
        with SqliteStore(db) as store:
            written = store.articles.count() - before
    columns = ["requests", "n", "errors", "p50 ms", "p99 ms", "max ms"]
    title = (f"Web desk while ingest writes: 10 connections, {args.unknown:,} unknown entity names"
             f" and {args.requests:,} other requests, {args.articles:,} articles")  # fmt: skip
    print_table(title, columns, rows)
    total = rows[-1]
    notes = [
        f"Before (the CLI's way, in-process on this store): one unknown name cost"
        f" {costs['old_unknown_name_s']:.1f} s (every name of the store regrouped per name).",
        f"Now: the directory of {costs['entities']:,} entities is built in"
        f" {costs['directory_build_s']:.1f} s once per store state (in a separate process"
        f" while the server answers from the previous one); a lookup costs"
        f" {costs['directory_lookup_ms_per_name']:.3f} ms per name.",
        f"Load: {len(results):,} requests in {load_s:.1f} s ({len(results) / load_s:.0f} req/s),"
        f" {total['errors']} errors, p99 {total['p99 ms']:.0f} ms; target 0 errors, p99 < 1 s.",
        f"Writer: `newsdesk ingest --no-stories` (annotation on) ran {len(writer.runs)} time(s)"
        f" during the run, {written} articles stored ({during} while the load ran; it starts"
        " once the writer has committed), one commit per file of 5.",
        f"Warm-up (first brief and first entity page) {warm_s:.1f} s. Load average"
        f" {load_avg:.1f} before the load, {load_after:.1f} after"
        " (2 cores shared with other work).",
        "Client: 10 Python threads, one keep-alive connection each, 10 s timeout,"
        " on the same machine as the server.",
    ]
    for note in notes:
        print(note)
    if not args.no_save:
        extra = {"costs": costs, "writer": writer.runs, "load_seconds": load_s,
                 "written_during_load": during,
                 "load_average": [load_avg, load_after]}  # fmt: skip
        path = save_results("web_hostile", title=title, columns=columns, rows=rows,
                            notes=notes, extra=extra)  # fmt: skip
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
