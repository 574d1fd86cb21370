"""Watchlist alerts: matching cost, commit-to-alert latency through `newsdesk run`, crash run.

Three parts, each over generated articles (a vocabulary of made-up topic words, 20
outlets) committed through the real store:

1. **eval**: 1,000 (and 100) watchlists of the search syntax (words, phrases, OR, -word,
   outlet:), half mailing, half posting; articles committed in passes of ``--batch``;
   the time of :meth:`WatchAlerter.match` (every watchlist evaluated over the new
   articles, matches and ledger rows written) per ingested article; passes of 10 also
   with the previous evaluation (one FTS5 query per candidate watchlist) beside it.
2. **latency**: 100 watchlists; ``newsdesk run --no-stories`` at the default 30 s interval
   in its own process; 10,000 articles committed by another process at a steady rate
   (as ``ingest`` or a second desk would), or (**feeds**) polled by ``run`` itself from
   local RSS feeds; the sinks (aiosmtpd, an http.server webhook
   receiver, bench/watch_sink.py) log when each alert arrives and which articles it
   carries. Latency = arrival - commit, per (watchlist, article).
3. **crash**: the same set-up with ``run --interval 1``; before each of ``--kills``
   restarts 100 more articles are committed, and ``run`` is SIGKILLed at a random
   moment of its start, matching, planning or sending; after the last kill it runs
   until the ledger is drained. Lost = a (watchlist, article) match that never reached
   its sink; a duplicate must carry the same Message-ID / delivery id.

    python bench/watch_alerts.py [--parts eval,latency,crash] [--articles 10000] [--no-save]
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from mail_setup import environment as mail_environment
from mail_setup import make_key
from mail_sink import free_port
from newsdesk.article import Article
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.watch.alerts import WatchAlerter

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "vo", "su", "ne", "pa", "di", "ro", "ba", "ze", "fu"]
SENTENCE = (
    "the council said on monday that officials would meet again after the report was published"
    " in the city while residents asked for answers about the plan and its cost to families"
)
FILLER = SENTENCE.split(" ")
OUTLETS = [f"Outlet {n}" for n in range(20)]
SECRET = "bench-watch-secret"


# -- generated articles and watchlists ---------------------------------------------------


def vocabulary(rng: random.Random, size: int = 300) -> list[str]:
    words: list[str] = []
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(3))
        if word not in words:
            words.append(word)
    return words


def make_articles(rng: random.Random, topics: list[str], count: int, start: int) -> list[Article]:
    weights = [1.0 / (1 + i / 30) for i in range(len(topics))]  # some topics are hot
    found = []
    for i in range(start, start + count):
        picks = rng.choices(topics, weights=weights, k=3)
        body = [rng.choice(FILLER) for _ in range(60)]
        for k, word in enumerate(picks):
            body.insert(rng.randrange(len(body)), word)
            if k == 0:
                body.insert(rng.randrange(len(body)), f"{picks[0]} {picks[1]}")
        found.append(
            Article(
                source=f"bench-{i}",
                format="jsonl",
                raw="",
                text=" ".join(body) + ".",
                title=f"{picks[0].title()} and {picks[1]}: report {i}",
                outlet=rng.choice(OUTLETS),
                url=f"https://bench.example/{i}",
                published=datetime.now(UTC),
            )
        )
    return found


def make_queries(rng: random.Random, topics: list[str], count: int) -> list[str]:
    queries = []
    for n in range(count):
        a, b, c = rng.sample(topics[:200], 3)
        kind = n % 20
        if kind < 8:
            queries.append(a)
        elif kind < 12:
            queries.append(f"{a} {b}")
        elif kind < 15:
            queries.append(f'"{a} {b}"')
        elif kind < 17:
            queries.append(f"{a} OR {b}")
        elif kind < 19:
            queries.append(f'{a} outlet:"{rng.choice(OUTLETS)}"')
        else:
            queries.append(f"{a} -{c}")
    return queries


def add_watches(store: SqliteStore, queries: list[str], *, hook: str, per_hour: int) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for n, query in enumerate(queries):
        email = f"analyst{n}@bench.example" if n % 2 == 0 else None
        webhook = None if email else f"{hook}?w={n}"
        store.watch.add_watch(f"watch {n}", query, now=now, email=email, webhook=webhook,
                        allow_private=True, per_hour=per_hour)  # fmt: skip


def settings_for(db: Path, key: Path, smtp_port: int) -> Settings:
    return Settings(
        db=db, base_url="https://desk.example", smtp_url=f"smtp://127.0.0.1:{smtp_port}",
        mail_from="Newsdesk alerts <alerts@desk.example>", dkim_key=key, dkim_selector="desk",
        secret=SECRET, stories=False, annotate=False,
    )  # fmt: skip


def environment(settings: Settings) -> dict[str, str]:
    return {**os.environ, **mail_environment(settings)}


# -- 1. matching cost ---------------------------------------------------------------------


def part_eval(root: Path, args: Any, key: Path) -> list[dict[str, Any]]:
    rows = []
    rng = random.Random(args.seed)
    topics = vocabulary(rng)
    articles = make_articles(rng, topics, args.articles, 0)
    # passes of 10 are timed side by side with the previous evaluation (one FTS5 query
    # per candidate watchlist): two stores fed the same passes, timed in turns, so a
    # change in the machine's load falls on both
    cases = [(1000, args.batch, ("memory",)), (1000, 10, ("memory", "fts")),
             (100, args.batch, ("memory",))]  # fmt: skip
    for watches, batch, variants in cases:
        if watches == 1000 and batch == 10 and args.articles > 2000:
            sample = articles[:2000]  # passes of 10 articles: 200 of them are enough
        else:
            sample = articles
        queries = make_queries(random.Random(args.seed + 1), topics, watches)
        stores, alerters = {}, {}
        for how in variants:
            db = root / f"eval-{watches}-{batch}-{how}.db"
            store = stores[how] = SqliteStore(db)
            add_watches(store, queries, hook="http://127.0.0.1:9/hook", per_hour=60)
            if how == "fts":  # the previous evaluation: one FTS5 query per candidate
                store.watch_matches.find_matches = store.watch_matches.find_matches_by_fts
            alerters[how] = WatchAlerter(store, settings_for(db, key, 9))
        spent = dict.fromkeys(variants, 0.0)
        plan_spent = dict.fromkeys(variants, 0.0)
        matched = dict.fromkeys(variants, 0)
        for n, start in enumerate(range(0, len(sample), batch)):
            order = variants if n % 2 == 0 else variants[::-1]
            for how in order:
                stores[how].articles.add_source(f"pass-{start}", sample[start : start + batch])
                began = time.perf_counter()
                matched[how] += alerters[how].match(datetime.now(UTC))
                spent[how] += time.perf_counter() - began
                began = time.perf_counter()
                alerters[how].plan(datetime.now(UTC))
                plan_spent[how] += time.perf_counter() - began
        for store in stores.values():
            store.close()
        for how in variants:
            rows.append({
                "part": "eval", "watchlists": watches, "articles": len(sample),
                "articles per pass": batch, "evaluation": how, "matches": matched[how],
                "match ms/article": round(spent[how] * 1000 / len(sample), 3),
                "plan ms/article": round(plan_spent[how] * 1000 / len(sample), 3),
                "target": "< 5 ms/article (1,000 watchlists)",
                "load average": round(os.getloadavg()[0], 1),
            })  # fmt: skip
            print_table("matching cost so far", list(rows[-1]), rows[-1:])
    return rows


# -- shared by latency and crash -----------------------------------------------------------


def start_sinks(out: Path) -> tuple[subprocess.Popen[bytes], int, int]:
    smtp, http = free_port(), free_port()
    proc = subprocess.Popen([sys.executable, str(REPO_ROOT / "bench" / "watch_sink.py"),
                             str(smtp), str(http), str(out)])  # fmt: skip
    deadline = time.monotonic() + 30
    import socket

    while time.monotonic() < deadline:
        try:
            with (
                socket.create_connection(("127.0.0.1", smtp), timeout=1),
                socket.create_connection(("127.0.0.1", http), timeout=1),
            ):
                return proc, smtp, http
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the sinks did not start")


def received(out: Path) -> list[dict[str, Any]]:
    path = out / "received.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def start_run(settings: Settings, *, interval: float, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsdesk", "run", "--no-stories", "--interval",
               f"{interval:g}"]  # fmt: skip
    with log.open("ab") as sink:
        return subprocess.Popen(command, env=environment(settings), cwd=REPO_ROOT,
                                stdout=subprocess.DEVNULL, stderr=sink)  # fmt: skip


def expected_pairs(db: Path) -> dict[tuple[str, str], set[str]]:
    """(channel, watchlist name) -> article ids its query matches, asked of the store
    afresh (every article came after every watchlist)."""
    found: dict[tuple[str, str], set[str]] = {}
    with SqliteStore(db) as store:
        for watch in store.watch.watches():
            channel = "email" if watch.email else "webhook"
            found[(channel, watch.name)] = set(
                store.watch.latest_matching(watch.query, limit=10**7)
            )
    return found


def arrivals(
    rows: list[dict[str, Any]], db: Path
) -> dict[tuple[str, str, str], list[tuple[float, str]]]:
    """(channel, watchlist name, article) -> [(time, delivery id)] as the sinks logged."""
    with SqliteStore(db) as store:
        names = {w.id: w.name for w in store.watch.watches()}
    got: dict[tuple[str, str, str], list[tuple[float, str]]] = defaultdict(list)
    for row in rows:
        name = names.get(row["watch"], "?") if row["channel"] == "email" else row["watch_name"]
        for article in row["articles"]:
            got[(row["channel"], name, article)].append((row["t"], row["id"]))
    return got


def ledger_open(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        waiting = conn.execute(
            "SELECT count(*) FROM watch_ledger WHERE status = 'pending'"
        ).fetchone()[0]
        highest = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        behind = conn.execute(
            "SELECT count(*) FROM watchlists WHERE watermark < ?", (highest,)
        ).fetchone()[0]
    return int(waiting) + int(behind)


def stop_and_collect(
    run: subprocess.Popen[bytes], settings: Settings, out: Path, *, wait: float
) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str, str], list[tuple[float, str]]]]:
    """Stop the desk once its last alerts went out: what was due, and what arrived."""
    time.sleep(3)
    run.send_signal(signal.SIGTERM)
    run.wait(wait)
    return expected_pairs(settings.db), arrivals(received(out), settings.db)


def stop(run: subprocess.Popen[bytes] | None, sink: subprocess.Popen[bytes], *rest: Any) -> None:
    """Kill a desk still running, close what else was opened (``rest``), stop the sinks."""
    if run is not None and run.poll() is None:
        run.kill()
    for thing in rest:
        if thing is not None:
            thing.close()
    sink.send_signal(signal.SIGTERM)
    sink.wait(30)


def alert_latencies(
    expected: dict[tuple[str, str], set[str]],
    got: dict[tuple[str, str, str], list[tuple[float, str]]],
    commits: dict[str, float],
) -> tuple[list[float], int]:
    """Seconds from each article's commit to its first alert, and the alerts never sent."""
    latencies: list[float] = []
    lost = 0
    for (channel, name), ids in expected.items():
        for article_id in ids:
            seen = got.get((channel, name, article_id))
            if not seen:
                lost += 1
                continue
            latencies.append(min(t for t, _ in seen) - commits[article_id])
    return latencies, lost


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- 2. latency ----------------------------------------------------------------------------


def part_latency(root: Path, args: Any, key: Path) -> list[dict[str, Any]]:
    out = root / "latency-sink"
    sink, smtp, http = start_sinks(out)
    run = None
    try:
        settings = settings_for(root / "latency.db", key, smtp)
        rng = random.Random(args.seed + 2)
        topics = vocabulary(rng)
        articles = make_articles(rng, topics, args.articles, 0)
        commits: dict[str, float] = {}
        with SqliteStore(settings.db) as store:
            add_watches(store, make_queries(rng, topics, 100),
                        hook=f"http://127.0.0.1:{http}/hook", per_hour=60)  # fmt: skip
            run = start_run(settings, interval=args.interval, log=root / "latency-run.log")
            time.sleep(3)  # the desk started and made its first (empty) pass
            step = args.duration / (len(articles) / 10)
            began = time.monotonic()
            for n in range(0, len(articles), 10):
                result = store.articles.add_source(f"stream-{n}", articles[n : n + 10])
                at = time.time()
                for article_id in result.ingested:
                    commits[article_id] = at
                lag = began + (n // 10 + 1) * step - time.monotonic()
                if lag > 0:
                    time.sleep(lag)
        deadline = time.monotonic() + args.interval * 2 + 60
        while time.monotonic() < deadline and ledger_open(settings.db):
            time.sleep(1)
        expected, got = stop_and_collect(run, settings, out, wait=60)
    finally:
        stop(run, sink)
    latencies, lost = alert_latencies(expected, got, commits)
    mails = sum(1 for r in received(out) if r["channel"] == "email")
    hooks = sum(1 for r in received(out) if r["channel"] == "webhook")
    row = {
        "part": "latency", "watchlists": 100, "articles": len(commits),
        "alerted pairs": len(latencies), "lost": lost, "mails": mails, "webhooks": hooks,
        "p50 s": round(statistics.median(latencies), 2) if latencies else None,
        "p95 s": round(percentile(latencies, 0.95), 2) if latencies else None,
        "max s": round(max(latencies), 2) if latencies else None,
        "run interval s": args.interval,
    }  # fmt: skip
    print_table("commit to alert", list(row), [row])
    return [row]


# -- 2b. latency through run's own polling --------------------------------------------------


class StreamFeeds:
    """RSS feeds on 127.0.0.1 whose items appear at their release times (full text in
    content:encoded, so nothing else is fetched)."""

    def __init__(self, articles: list[Article], feeds: int, start: float, duration: float):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.items: list[list[tuple[float, Article]]] = [[] for _ in range(feeds)]
        for i, article in enumerate(articles):
            self.items[i % feeds].append((start + duration * i / len(articles), article))
        state = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                name = self.path.strip("/")
                if not (name.startswith("feed") and name.endswith(".xml")):
                    self.send_response(404)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                body = state.body(int(name[4:-4]))
                self.send_response(200)
                self.send_header("content-type", "application/rss+xml")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        import threading

        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def body(self, n: int) -> bytes:
        from html import escape

        now = time.time()
        live = [a for t, a in self.items[n] if t <= now][-200:]
        items = []
        for a in reversed(live):
            paragraphs = "".join(f"<p>{escape(a.text[k : k + 160])}</p>"
                                 for k in range(0, len(a.text), 160))  # fmt: skip
            items.append(
                f"<item><title>{escape(a.title or '')}</title><link>{a.url}</link>"
                f"<guid>{a.url}</guid><pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>"
                f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Feed {n}</title><link>{self.base}/</link>{''.join(items)}</channel></rss>"
        ).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def part_feeds(root: Path, args: Any, key: Path) -> list[dict[str, Any]]:
    out = root / "feeds-sink"
    sink, smtp, http = start_sinks(out)
    run = feeds = None
    try:
        settings = settings_for(root / "feeds.db", key, smtp)
        rng = random.Random(args.seed + 4)
        topics = vocabulary(rng)
        articles = make_articles(rng, topics, args.feed_articles, 0)
        feeds = StreamFeeds(articles, 40, time.time() + 5, args.feed_duration)
        for n, article in enumerate(articles):
            article.url = f"{feeds.base}/a/{n}"
        with SqliteStore(settings.db) as store:
            add_watches(store, make_queries(rng, topics, 100),
                        hook=f"http://127.0.0.1:{http}/hook", per_hour=60)  # fmt: skip
            for n in range(40):
                store.sources.follow(
                    f"{feeds.base}/feed{n}.xml", every=1, outlet=f"Outlet {n % 20}"
                )
        command = [sys.executable, "-m", "newsdesk", "run", "--no-stories", "--interval",
                   f"{args.interval:g}", "--host-delay", "0", "--allow-private"]  # fmt: skip
        with (root / "feeds-run.log").open("ab") as log:
            run = subprocess.Popen(command, env=environment(settings), cwd=REPO_ROOT,
                                   stdout=subprocess.DEVNULL, stderr=log)  # fmt: skip
        time.sleep(args.feed_duration + 5)
        deadline = time.monotonic() + 180
        with SqliteStore(settings.db) as store:
            while time.monotonic() < deadline and (
                store.articles.count() < len(articles) or ledger_open(settings.db)
            ):
                time.sleep(2)
            commits = {a.id: a.ingested_at for a in _ingested(store)}
        expected, got = stop_and_collect(run, settings, out, wait=120)
    finally:
        stop(run, sink, feeds)
    latencies, lost = alert_latencies(expected, got, commits)
    row = {
        "part": "latency via polling", "watchlists": 100, "articles": len(commits),
        "alerted pairs": len(latencies), "lost": lost,
        "p50 s": round(statistics.median(latencies), 2) if latencies else None,
        "p95 s": round(percentile(latencies, 0.95), 2) if latencies else None,
        "max s": round(max(latencies), 2) if latencies else None,
        "run interval s": args.interval,
    }  # fmt: skip
    print_table("commit (by run's own poll) to alert", list(row), [row])
    return [row]


def _ingested(store: SqliteStore) -> list[Any]:
    """(id, ingested_at as a POSIX time) of every article; ingested_at has whole seconds,
    so a latency measured from it is at most a second too long."""
    from types import SimpleNamespace

    with store.db.reader() as db:
        rows = db.execute("SELECT id, ingested_at FROM articles").fetchall()
    return [SimpleNamespace(id=r[0], ingested_at=datetime.fromisoformat(r[1]).timestamp())
            for r in rows]  # fmt: skip


# -- 3. crash run --------------------------------------------------------------------------


def part_crash(root: Path, args: Any, key: Path) -> list[dict[str, Any]]:
    out = root / "crash-sink"
    sink, smtp, http = start_sinks(out)
    rng = random.Random(args.seed + 3)
    run = None
    moments = []
    try:
        settings = settings_for(root / "crash.db", key, smtp)
        topics = vocabulary(rng)
        with SqliteStore(settings.db) as store:
            add_watches(store, make_queries(rng, topics, 100),
                        hook=f"http://127.0.0.1:{http}/hook", per_hour=60)  # fmt: skip
            for kill in range(args.kills):
                store.articles.add_source(
                    f"round-{kill}", make_articles(rng, topics, 100, kill * 100)
                )
                before = len(received(out))
                run = start_run(settings, interval=1, log=root / "crash-run.log")
                started = time.monotonic()
                if rng.random() < args.early:  # a moment of start-up, matching or planning
                    delay, timed = rng.uniform(0.3, args.max), "from start"
                    time.sleep(delay)
                else:  # a moment after its first alert reached a sink
                    deadline = started + 30
                    while len(received(out)) == before and time.monotonic() < deadline:
                        time.sleep(0.01)
                    delay, timed = rng.uniform(0.0, args.after), "after first alert"
                    time.sleep(delay)
                at_kill = len(received(out)) - before
                run.send_signal(signal.SIGKILL)
                run.wait(30)
                moments.append({"timed": timed, "delay_s": round(delay, 3),
                                "since_start_s": round(time.monotonic() - started, 2),
                                "received_before_kill": at_kill})  # fmt: skip
        run = start_run(settings, interval=1, log=root / "crash-run.log")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and ledger_open(settings.db):
            time.sleep(1)
        expected, got = stop_and_collect(run, settings, out, wait=60)
    finally:
        stop(run, sink)
    lost = duplicates = mixed = 0
    for (channel, name), ids in expected.items():
        for article_id in ids:
            seen = got.get((channel, name, article_id), [])
            if not seen:
                lost += 1
            elif len(seen) > 1:
                duplicates += len(seen) - 1
                mixed += len({d for _, d in seen}) > 1
    unexpected = sum(1 for (c, n, a) in got if a not in expected.get((c, n), set()))
    rows = received(out)
    row = {
        "part": "crash", "kills": args.kills, "watchlists": 100,
        "articles": args.kills * 100, "expected pairs": sum(len(v) for v in expected.values()),
        "lost": lost, "duplicates": duplicates, "duplicates with another id": mixed,
        "unexpected": unexpected, "alerts received": len(rows),
        "kills while alerting": sum(1 for m in moments if m["received_before_kill"]),
    }  # fmt: skip
    print_table("crash run", list(row), [row])
    row["moments"] = moments
    return [row]


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--parts", default="eval,latency,feeds,crash")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100, help="articles per pass (eval)")
    parser.add_argument("--duration", type=float, default=150.0,
                        help="seconds over which the latency stream is committed")  # fmt: skip
    parser.add_argument("--interval", type=float, default=30.0, help="run's interval (latency)")
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--max", type=float, default=3.0, help="latest early kill (s)")
    parser.add_argument("--after", type=float, default=0.8,
                        help="latest kill after a restart's first alert (s)")  # fmt: skip
    parser.add_argument("--early", type=float, default=0.2, help="share of kills from start")
    parser.add_argument("--feed-articles", type=int, default=1500)
    parser.add_argument("--feed-duration", type=float, default=150.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        key = make_key(root / "dkim.pem")
        if "eval" in parts:
            rows += part_eval(root, args, key)
        if "latency" in parts:
            rows += part_latency(root, args, key)
        if "feeds" in parts:
            rows += part_feeds(root, args, key)
        if "crash" in parts:
            rows += part_crash(root, args, key)
    for part in parts:
        chosen = [r for r in rows if r["part"] == part]
        if chosen:
            print_table(part, [k for k in chosen[0] if k != "moments"], chosen)
    if args.no_save or set(parts) != {"eval", "latency", "feeds", "crash"}:
        return
    save(rows, args)


def save(rows: list[dict[str, Any]], args: Any) -> None:
    columns = ["part", "watchlists", "articles", "result", "target", "met"]
    table = []
    for r in rows:
        if r["part"] == "eval":
            how = ("in memory" if r["evaluation"] == "memory"
                   else "one FTS5 query per candidate watchlist, as before")  # fmt: skip
            result = (f"match {r['match ms/article']} ms/article, plan {r['plan ms/article']}"
                      f" ms/article ({r['articles per pass']} articles a pass,"
                      f" {r['matches']} matches; {how};"
                      f" load average {r['load average']})")  # fmt: skip
            target = "< 5 ms/article at 1,000 watchlists" if r["watchlists"] == 1000 else "-"
            met = ("yes" if r["match ms/article"] < 5 else "no") if r["watchlists"] == 1000 else "-"
        elif r["part"] == "latency":
            result = (f"p50 {r['p50 s']} s, p95 {r['p95 s']} s, max {r['max s']} s over"
                      f" {r['alerted pairs']} (watchlist, article) alerts; {r['lost']} lost;"
                      f" {r['mails']} mails, {r['webhooks']} POSTs")  # fmt: skip
            target = f"p95 < one pass at the default interval ({args.interval:g} s)"
            met = "yes" if (r["p95 s"] or 1e9) < args.interval else "no"
        elif r["part"] == "latency via polling":
            result = (
                f"p50 {r['p50 s']} s, p95 {r['p95 s']} s, max {r['max s']} s over"
                f" {r['alerted pairs']} (watchlist, article) alerts; {r['lost']} lost"
            )
            target = f"p95 < one pass at the default interval ({args.interval:g} s)"
            met = "yes" if (r["p95 s"] or 1e9) < args.interval else "no"
        else:
            result = (
                f"{r['lost']} lost, {r['duplicates']} duplicates"
                f" ({r['duplicates with another id']} with another id),"
                f" {r['unexpected']} unexpected, {r['alerts received']} alerts;"
                f" {r['kills while alerting']} of {r['kills']} kills while alerts flowed"
            )
            target = "0 lost; duplicates only with the same id"
            met = "yes" if not r["lost"] and not r["duplicates with another id"] else "no"
        table.append({"part": r["part"], "watchlists": r["watchlists"],
                      "articles": r["articles"], "result": result, "target": target,
                      "met": met})  # fmt: skip
    path = save_results(
        "watch_alerts",
        title="Watchlist alerts: matching cost, commit-to-alert latency, crash run",
        columns=columns,
        rows=table,
        notes=[
            "Articles are generated (made-up topic words, 20 outlets) and committed through"
            " SqliteStore.add_source; watchlists mix single words, two words, phrases, OR,"
            " outlet: and -word; half mail (DKIM RSA-2048), half webhook; per_hour 60.",
            "eval: WatchAlerter.match (the pass's new articles indexed once in an in-memory"
            " FTS5 table with the store's tokenizer, every watchlist's query evaluated over"
            " their token positions in Python; matches and ledger rows written in one"
            " transaction), timed in-process after each pass's commit; plan (grouping waiting"
            " matches into alerts) timed separately. The row 'as before' asks FTS5 once per"
            " watchlist the word prefilter lets through (the evaluation this replaced): a second"
            " store fed the same passes, the two timed in turns pass by pass. Each eval row"
            " carries the 1-minute load average when it finished.",
            f"latency: `newsdesk run --no-stories --interval {args.interval:g}` in its own"
            " process, articles committed by the benchmark process in passes of 10 over"
            f" {args.duration:g} s; the sinks (aiosmtpd + http.server, bench/watch_sink.py)"
            " in a third process log arrival times. Between passes run looks again every 5 s"
            " (the follower), so an article committed by another process waits at most that"
            " long plus a pass's own work.",
            f"latency via polling: the same 100 watchlists; {args.feed_articles} articles"
            f" appear over {args.feed_duration:g} s in 40 local RSS feeds (full text), followed"
            " every minute by `run --no-stories --host-delay 0 --allow-private` at the default"
            " interval, which ingests them (cleaning, copies) and alerts in the same pass."
            " Commit time is articles.ingested_at (whole seconds: up to 1 s too early).",
            f"crash: `run --interval 1` SIGKILLed {args.kills} times with 100 new articles"
            f" before each start: {args.early:.0%} of kills uniformly 0.3-{args.max:g} s after"
            f" its start, the rest uniformly 0-{args.after:g} s after that start's first alert"
            " reached a sink; then run until the ledger is drained. Counts are per (watchlist,"
            " article) at the sinks.",
            f"Load average when the benchmark ended: {os.getloadavg()[0]:.1f} (a shared"
            " 2-CPU machine; other sessions ran tests and benchmarks meanwhile).",
        ],
        extra={"raw": rows, "seed": args.seed},
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
