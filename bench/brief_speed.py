"""Time to build the brief for one day of N generated articles (default 10,000).

A store is generated directly through the store API: N articles over ``--stories`` stories
(one day, 12 outlets, 8-12 sentences each from a per-story pool so outlets overlap), their
story rows and annotations (dates, quotes, events). Then ``build_brief`` is timed
``--repeat`` times (median, best and worst reported, with the machine's load average, since
the machine may be shared), with the process limited to 2 CPU cores where the OS allows. No
model is loaded at brief time. The generated articles draw their sentences from a pool of 25
per story, so they repeat one another more than real outlets do (support questions are asked
once per distinct sentence, which this corpus favours).

    python bench/brief_speed.py [--articles 10000] [--stories 800] [--no-save]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.article import Annotations, Article, Quote, TimeExpression
from newsdesk.publish import build_brief, render
from newsdesk.store import SqliteStore

WORDS = [
    "harbour",
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
]
DAY = date(2026, 3, 12)


def _pool(rng: random.Random, story: int) -> list[str]:
    topic = rng.sample(WORDS, 2)
    return [
        f"The {topic[0]} {' '.join(rng.sample(WORDS, 5))} w{story}x{k} reported"
        f" {rng.randint(2, 900)} cases near the {topic[1]}"
        f" {' '.join(rng.sample(WORDS, 4))} on Thursday."
        for k in range(25)
    ]


def generate(db: Path, n_articles: int, n_stories: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pools = [_pool(rng, s) for s in range(n_stories)]
    start = datetime(2026, 3, 12, 0, 0, tzinfo=UTC)
    articles, assignments, notes = [], {}, []
    for i in range(n_articles):
        story = min(int(rng.paretovariate(1.2)) - 1, n_stories - 1) if i % 3 else i % n_stories
        text = " ".join(rng.sample(pools[story], rng.randint(8, 12)))
        text += f" Talks will resume on March {rng.randint(14, 28)}."
        article = Article(
            source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:06d}",
            url=f"https://outlet{i % 12}.example/{i}", title=f"Story {story} report {i}",
            outlet=f"Outlet {i % 12}", published=start + timedelta(minutes=rng.randint(0, 1439)),
        )  # fmt: skip
        articles.append(article)
        assignments[article.id] = f"s-{story:05d}"
        offset = text.index("March")
        notes.append((article.id, Annotations(
            dates=[TimeExpression("March", f"2026-03-{rng.randint(14, 28)}", offset, offset + 8)],
            quotes=[Quote("We will keep going until every question is answered", 0, 10,
                          speaker="Ana Example")],
        )))  # fmt: skip
    with SqliteStore(db) as store:
        for chunk in range(0, n_articles, 2000):
            store.articles.add_source(f"gen-{chunk}", articles[chunk : chunk + 2000])
        store.stories.save_assignments(
            features=[], assignments=assignments, merges=[],
            titles={s: f"Generated story {s}" for s in set(assignments.values())},
        )  # fmt: skip
        store.annotations.save_annotations(notes)


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=800)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))[:2]
        os.sched_setaffinity(0, cores)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "gen.db"
        t0 = time.perf_counter()
        generate(db, args.articles, args.stories)
        gen_s = time.perf_counter() - t0
        timings = []
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        with SqliteStore(db) as store:
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                brief = build_brief(store, DAY, top=10)
                timings.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            html = render(brief, "html")
            render_s = time.perf_counter() - t0
        load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = [{
        "articles": args.articles, "stories": args.stories, "cores": 2,
        "brief s (median)": statistics.median(timings), "brief s (best)": min(timings),
        "brief s (worst)": max(timings), "runs": len(timings),
        "load avg (before/after)": f"{load_before:.2f}/{load_after:.2f}",
        "render html s": render_s, "stories in brief": len(brief.stories),
        "articles read": brief.articles, "html bytes": len(html), "generate s": gen_s,
    }]  # fmt: skip
    columns = list(rows[0])
    title = "Brief for one generated day"
    print_table(title, columns, rows)
    if not args.no_save:
        save_results("brief_speed", title=title, columns=columns, rows=rows,
                     notes=["Target: < 5 s for a 10,000-article day on 2 cores."])  # fmt: skip


if __name__ == "__main__":
    main()
