"""Entity lookups on a big store: `entity NAME --json` and `/entity/NAME`, p50/p95.

A store of N generated articles (default 100,000; 100 days, 12 outlets) is written
directly through the store API, as bench/web_load.py does (no model runs): each article
names two people (one by full name, "Given Surname", one by surname alone resolved to
its full name in the article; 3,000 people, some sharing a surname, some a namesake
with a middle initial), one organisation (by name or acronym) and one place, and quotes
one of the people. Then, over a fixed sample of names (full names, surnames as written,
lower-case spellings, acronyms, unknown names):

- in process: ``newsdesk.annotate.entity_resolver.lookup(store, NAME)`` (resolve + profile),
  and beside it, in the same run, the lookup it replaced
  (``newsdesk.annotate.views.entity_profile``: the store's names regrouped per call) on a
  few names;
- end to end: ``newsdesk --db DB entity NAME --json`` as a subprocess (Python start-up,
  imports and the store's open included), with its CPU time (user+sys) and, for scale,
  ``newsdesk --help``; with ``--compare REV`` the same commands from the code of git
  revision REV (its ``src/`` exported to a temporary folder, put first on PYTHONPATH),
  run alternately with the current code and their outputs compared; with ``--demo DB`` also
  ``stories --json``, ``entity NAME --json`` and ``brief --format json`` on that store (a
  store ``newsdesk demo`` made);
- the web: ``newsdesk serve``, each sampled name's page ``/entity/NAME`` fetched once
  (first loads: no page cached) and ``/api/v1/entities/NAME``.

    python bench/entity_lookup.py [--articles 100000] [--names 60] [--keep DB]
                                  [--compare REV] [--demo DB]
"""

from __future__ import annotations

import http.client
import io
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.annotate.entity_resolver import lookup
from newsdesk.annotate.views import store_entities
from newsdesk.article import Annotations, Article, Mention, Quote
from newsdesk.store import SqliteStore

GIVEN = [
    "Ada", "Bram", "Chiara", "Dmitri", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas",
    "Kaia", "Luca", "Mira", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tove",
    "Umar", "Vera", "Wim", "Xenia", "Yara", "Zeno", "Amara", "Bodil", "Cyrus", "Dalia",
]  # fmt: skip
SURNAMES = [
    "Achterberg", "Balogun", "Castellano", "Dragomir", "Eriksen", "Falk", "Grimaldi",
    "Haddad", "Ivanova", "Jansen", "Kowalczyk", "Lindqvist", "Moreau", "Novak", "Okafor",
    "Petrov", "Quispe", "Rinaldi", "Salo", "Tanaka", "Urquhart", "Varga", "Wojcik",
    "Xu", "Yilmaz", "Zielinski", "Abara", "Brandt", "Cheng", "Duarte",
]  # fmt: skip
ORGS = [
    ("Northern Rail Authority", "NRA"), ("Harbour Workers Union", "HWU"),
    ("Coastal Energy Board", "CEB"), ("National Grain Council", "NGC"),
    ("Museum of Modern Craft", "MMC"), ("River Basin Agency", "RBA"),
    ("United Ferry Lines", "UFL"), ("Solar Farmers Cooperative", "SFC"),
]  # fmt: skip
PLACES = ["Port Selva", "Kessrick", "Vallmar", "Ostend Bay", "Lindor", "Camaro Springs"]
OUTLETS = [f"Outlet {i}" for i in range(12)]
START = datetime(2026, 1, 1, tzinfo=UTC)


def _people(rng: random.Random, n: int) -> list[str]:
    names = [f"{g} {s}" for g in GIVEN for s in SURNAMES]
    rng.shuffle(names)
    people = names[: n - n // 20]
    # a later namesake with a middle initial for one person in twenty
    people += [
        f"{p.split()[0]} {chr(65 + i % 26)}. {p.split()[1]}"
        for i, p in enumerate(people[: n // 20])
    ]
    return people


def generate(db: Path, n_articles: int, *, days: int = 100, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    people = _people(rng, 3000)
    per_day = max(1, n_articles // days)
    with SqliteStore(db) as store:
        for chunk in range(0, n_articles, 5000):
            articles, assignments, notes = [], {}, []
            for i in range(chunk, min(chunk + 5000, n_articles)):
                day = i // per_day
                story = day * 1000 + rng.randint(0, max(1, per_day // 12))
                a, b = people[story % len(people)], people[(story * 7 + 3) % len(people)]
                org, acronym = ORGS[(story + day) % len(ORGS)]
                place = PLACES[(story + 2 * day) % len(PLACES)]
                org_written = acronym if i % 3 == 0 else org
                surname = b.split()[-1]
                text = (
                    f"{a} met officials of the {org_written} in {place} on Monday. "
                    f"{surname} said the talks would go on."
                )
                article = Article(
                    source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:06d}",
                    url=f"https://outlet{i % 12}.example/{i}",
                    title=f"Story {story} report {i}", outlet=OUTLETS[i % 12],
                    published=START + timedelta(days=day, minutes=rng.randint(0, 1439)),
                )  # fmt: skip
                articles.append(article)
                assignments[article.id] = f"s-{story:07d}"
                mentions = [
                    Mention(a, "PERSON", 0, len(a), canonical=a),
                    Mention(org_written, "ORG", 0, 1, canonical=org),
                    Mention(place, "GPE", 0, 1, canonical=place),
                    Mention(surname, "PERSON", 0, 1, canonical=b),
                ]
                quote_ = Quote("The talks will go on until every question is answered", 0, 10,
                               speaker=b)  # fmt: skip
                notes.append((article.id, Annotations(entities=mentions, quotes=[quote_])))
            store.articles.add_source(f"gen-{chunk}", articles)
            store.stories.save_assignments(
                features=[], assignments=assignments, merges=[],
                titles={s: f"Generated story {s}" for s in set(assignments.values())},
            )  # fmt: skip
            store.annotations.save_annotations(notes)
            print(f"generated {min(chunk + 5000, n_articles):,} articles", file=sys.stderr)
    return people


def sample_names(people: list[str], n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    chosen = rng.sample(people, min(n, len(people)))
    names = []
    for k, person in enumerate(chosen):
        form = k % 6
        if form == 0:
            names.append(person.split()[-1])  # a surname as written
        elif form == 1:
            names.append(person.casefold())
        elif form == 2:
            names.append(ORGS[k % len(ORGS)][1])  # an acronym
        elif form == 3:
            names.append(f"Nobody {k} Atall")  # unknown
        else:
            names.append(person)
    return names


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(ordered), "p50 ms": statistics.median(ordered), "p95 ms": p95,
            "max ms": ordered[-1]}  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, (time.perf_counter() - t0) * 1000


def _serve(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    newsdesk = str(Path(sys.executable).parent / "newsdesk")
    process = subprocess.Popen(
        [newsdesk, "--db", str(db), "serve", "--port", str(port)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(port, "/api/v1/outlets")
            return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"newsdesk serve did not start; see {log}")


def _run_cli(command: list[str], env: dict[str, str] | None) -> tuple[float, float, bytes]:
    """(wall ms, CPU ms of the child, stdout + exit status) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    wall_ms = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ms = 1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall_ms, cpu_ms, done.stdout + str(done.returncode).encode()


def _export_src(rev: str, folder: Path) -> Path:
    """``src/`` of git revision ``rev``, written under ``folder`` (nothing checked out)."""
    archive = subprocess.run(["git", "-C", str(REPO_ROOT), "archive", rev, "src"],
                             capture_output=True, check=True).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def measure(
    db: Path,
    names: list[str],
    *,
    baseline: int,
    tmp: Path,
    compare: tuple[str, Path] | None = None,
    demo: Path | None = None,
    identical: dict[str, str] | None = None,
    bytecode: bool = True,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    identical = {} if identical is None else identical
    found = 0
    with SqliteStore(db) as store:
        store.entity_index.ensure_entity_index()
        lookup(store, names[0])  # imports and data files loaded once
        times = []
        for name in names:
            t0 = time.perf_counter()
            found += lookup(store, name) is not None
            times.append((time.perf_counter() - t0) * 1000)
        rows.append({"what": "in process: resolver lookup(store, NAME)", **_stats(times)})
        try:  # the lookup the resolver replaced, while the code still has it
            from newsdesk.annotate.views import entity_profile  # type: ignore[attr-defined]
        except ImportError:
            print("views.entity_profile is gone: no in-process 'before' row", file=sys.stderr)
            baseline = 0
        if baseline:
            times = []
            for name in names[:baseline]:
                t0 = time.perf_counter()
                entity_profile(store, name)
                times.append((time.perf_counter() - t0) * 1000)
            rows.append({"what": "in process: before (views.entity_profile, regroups)",
                         **_stats(times)})  # fmt: skip
    newsdesk = str(Path(sys.executable).parent / "newsdesk")
    cases: list[tuple[str, list[list[str]]]] = [
        ("CLI end to end: newsdesk entity NAME --json",
         [[newsdesk, "--db", str(db), "entity", name, "--json"] for name in names]),
        ("for scale: newsdesk --help", [[newsdesk, "--help"]] * 5),
    ]  # fmt: skip
    if demo is not None:
        with SqliteStore(demo) as store:
            demo_names = [e.name for e in store_entities(store, limit=10)]
        cases += [
            ("demo store: newsdesk stories --json",
             [[newsdesk, "--db", str(demo), "stories", "--json"]] * 10),
            ("demo store: newsdesk entity NAME --json",
             [[newsdesk, "--db", str(demo), "entity", name, "--json"] for name in demo_names]),
            ("demo store: newsdesk brief --format json",
             [[newsdesk, "--db", str(demo), "brief", "--format", "json"]] * 5),
        ]  # fmt: skip
    env = dict(os.environ)
    if bytecode:  # as installed: modules compiled once (the warm-up), read from .pyc after
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    trees: list[tuple[str, dict[str, str] | None]] = [("", env)]
    if compare is not None:
        trees.append((f" [{compare[0]}]", {**env, "PYTHONPATH": str(compare[1])}))
    for _, commands in cases:  # untimed: each tree's byte code written, the files cached
        for _, env in trees:
            _run_cli(commands[0], env)
    for label, commands in cases:
        times: dict[str, list[float]] = {tag: [] for tag, _ in trees}
        cpu: dict[str, list[float]] = {tag: [] for tag, _ in trees}
        same = 0
        for command in commands:  # the trees alternate, so both meet the same load
            outputs = []
            for tag, env in trees:
                wall_ms, cpu_ms, output = _run_cli(command, env)
                times[tag].append(wall_ms)
                cpu[tag].append(cpu_ms)
                outputs.append(output)
            same += len(set(outputs)) == 1
        for tag, _ in trees:
            rows.append({"what": label + tag, **_stats(times[tag])})
            rows.append({"what": label.split(":")[0] + ": CPU time (user+sys) of the same runs"
                         + tag, **_stats(cpu[tag])})  # fmt: skip
        if compare is not None:
            identical[label] = f"{same} of {len(commands)}"
    # each on a server of its own, so every request is a first load (nothing cached)
    pages = [
        ("web: /entity/NAME (first load)", "/entity/"),
        ("API: /api/v1/entities/NAME (first load)", "/api/v1/entities/"),
    ]
    for label, prefix in pages:
        process, port = _serve(db, tmp / "serve.log")
        try:
            _get(port, "/entity/" + quote("warm-up name", safe=""))
            times = [_get(port, prefix + quote(name, safe=""))[1] for name in names]
            rows.append({"what": label, **_stats(times)})
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(f"{found} of {len(names)} sampled names resolved", file=sys.stderr)
    return rows


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=60)
    parser.add_argument("--baseline", type=int, default=3, help="names timed the old way")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store at this path")
    parser.add_argument(
        "--compare",
        default=None,
        metavar="REV",
        help="also run the CLI commands from git revision REV's code",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="CLI runs inherit the environment as it is (PYTHONDONTWRITEBYTECODE=1: every"
        " module compiled on each run) instead of reading .pyc files from a temporary cache",
    )
    parser.add_argument(
        "--demo",
        type=Path,
        default=None,
        metavar="DB",
        help="also time stories/entity/brief on this (demo) store",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = args.keep or tmp / "entities.db"
        t0 = time.perf_counter()
        people = _people(random.Random(7), 3000)
        if not db.exists():
            generate(db, args.articles)
        generate_s = time.perf_counter() - t0
        with SqliteStore(db) as store:  # the people the store names
            named = {name for name, kind, _ in store.annotations.entity_names() if kind == "PERSON"}
        names = sample_names(sorted(p for p in people if p in named), args.names)
        compare = None
        if args.compare:
            rev = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short",
                                  args.compare], capture_output=True, text=True,
                                 check=True).stdout.strip()  # fmt: skip
            compare = (rev, _export_src(rev, tmp / "compare"))
        identical: dict[str, str] = {}
        load = os.getloadavg()[0]
        rows = measure(db, names, baseline=args.baseline, tmp=tmp, compare=compare,
                       demo=args.demo, identical=identical,
                       bytecode=not args.no_bytecode_cache)  # fmt: skip
        load_after = os.getloadavg()[0]
        size_mb = db.stat().st_size / 1e6
    columns = ["what", "n", "p50 ms", "p95 ms", "max ms"]
    title = f"Entity lookups on {args.articles:,} generated articles"
    print_table(title, columns, rows)
    notes = [
        f"Store: {args.articles:,} articles, 4 mentions and a quote each, {size_mb:,.0f} MB;"
        f" generated through the store API in {generate_s:,.0f} s (0 when reused).",
        f"Names: {len(names)} (full names, surnames as written, lower-case spellings,"
        " acronyms, unknown names; 1 in 6 unknown).",
        "Target: p50 < 200 ms for `entity NAME --json` and /entity/NAME. The CLI's wall time"
        " is mostly waiting for a CPU on a loaded machine and Python's start-up and imports:"
        " compare its CPU time with `newsdesk --help`'s.",
        "The web page's first load also builds what the page shows beside the profile (stories,"
        " dated events, names alongside: web/views.py).",
        f"Load average {load:.1f} before, {load_after:.1f} after (a shared 2-CPU machine).",
        "CLI runs read compiled byte code (.pyc, from a temporary PYTHONPYCACHEPREFIX filled by"
        " an untimed warm-up run), as an installed newsdesk does."
        if not args.no_bytecode_cache
        else "CLI runs compile every module they import on each run"
        " (PYTHONDONTWRITEBYTECODE=1, --no-bytecode-cache).",
    ]
    if compare is not None:
        notes.append(
            f"[{compare[0]}]: the same commands run from git revision {compare[0]}'s src/"
            " (PYTHONPATH), alternating with the current code; stdout and exit status"
            " identical: " + "; ".join(f"{k} {v}" for k, v in identical.items())
        )
    if args.demo is not None:
        notes.append(f"Demo store: {args.demo.name}, made by `newsdesk demo`.")
    if not args.no_save:
        path = save_results("entity_lookup", title=title, columns=columns, rows=rows, notes=notes,
                            extra={"articles": args.articles, "names": names,
                                   "compare": compare[0] if compare else None,
                                   "identical": identical,
                                   "bytecode_cache": not args.no_bytecode_cache})  # fmt: skip
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
