"""Story-assignment latency (p50/p99) with 10k, 100k and 1M stored articles (synthetic).

No text is embedded: stories get random unit centroids, their members noisy copies of
them (``members`` per story), and keyword sets drawn from a shared vocabulary; the state
is restored in one batch (as from a save), then fresh articles are assigned one at a
time, half of them belonging to a stored story and half new. All stored stories lie
inside the 7-day window (the worst case: nothing is ruled out by time).

    python bench/assignment_latency.py [--sizes 10000 100000 1000000] [--queries 500]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.stories import StoryAssigner
from newsdesk.cluster.story import Story

VOCAB = 50_000
WORDS_PER_STORY = 40
WORDS_PER_ARTICLE = 25
NOISE = 0.9  # noise norm added to a unit centroid for one member (cos to centroid ~0.75)
T0 = datetime(2026, 3, 1)


def unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    rows = rng.standard_normal((n, DIM), dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def member(rng: np.random.Generator, centroid: np.ndarray) -> np.ndarray:
    vec = centroid + NOISE * unit_rows(rng, 1)[0]
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def story_words(rng: np.random.Generator) -> list[str]:
    return [f"w{int(i)}" for i in rng.zipf(1.3, WORDS_PER_STORY) % VOCAB]


def build(n_articles: int, members: int, rng: np.random.Generator) -> tuple[StoryAssigner, Any]:
    n_stories = n_articles // members
    centroids = unit_rows(rng, n_stories)
    assigner = StoryAssigner()
    vocab: list[list[str]] = []
    stories = []
    df: Counter[str] = Counter()
    for key in range(n_stories):
        words = story_words(rng)
        vocab.append(words)
        noise = unit_rows(rng, 1)[0] * NOISE * np.sqrt(members)
        terms = {w: float(members) for w in words[:WORDS_PER_ARTICLE]}
        df.update({w: members for w in terms})
        when = T0 + timedelta(hours=int(rng.integers(0, 24 * 6)))
        stories.append(
            Story(
                id=f"s-{key}",
                key=key,
                vector_sum=(centroids[key] * members + noise).astype(np.float32),
                terms=terms,
                entities={w.upper(): float(members) for w in words[:5]},
                members=[f"a-{key}-{m}" for m in range(members)],
                outlets=Counter({f"outlet{m % 7}": 1 for m in range(members)}),
                first_seen=when,
                last_seen=when,
            )
        )
    assigner.words.df, assigner.words.docs = df, n_stories * members
    assigner.names.docs = n_stories * members
    start = time.perf_counter()
    assigner.add_stories(stories)
    build_s = time.perf_counter() - start
    return assigner, (centroids, vocab, build_s)


def query(
    rng: np.random.Generator, i: int, centroids: np.ndarray, vocab: list[list[str]]
) -> ArticleFeatures:
    if i % 2 == 0:
        key = int(rng.integers(0, len(centroids)))
        vector, words = member(rng, centroids[key]), vocab[key]
    else:
        vector, words = unit_rows(rng, 1)[0], story_words(rng)
    picked = rng.choice(len(words), size=WORDS_PER_ARTICLE, replace=False)
    return ArticleFeatures(
        id=f"q-{i}",
        vector=vector,
        terms={words[j]: 1.0 for j in picked},
        entities={w.upper(): 1.0 for w in words[:5]},
        published=T0 + timedelta(days=6, hours=i % 24),
        outlet=f"outlet{i % 7}",
    )


def measure(n_articles: int, queries: int, members: int, seed: int) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    assigner, (centroids, vocab, build_s) = build(n_articles, members, rng)
    setup = time.perf_counter() - start
    batch = [query(rng, i, centroids, vocab) for i in range(queries)]
    times, joined_right = [], 0
    for i, features in enumerate(batch):
        t = time.perf_counter()
        result = assigner.assign(features)
        times.append((time.perf_counter() - t) * 1000)
        if i % 2 == 0:
            joined_right += not result.is_new
        else:
            joined_right += result.is_new
    ms = np.array(times)
    return {
        "stored articles": n_articles,
        "stories": len(centroids),
        "queries": queries,
        "p50 ms": float(np.percentile(ms, 50)),
        "p99 ms": float(np.percentile(ms, 99)),
        "mean ms": float(ms.mean()),
        "correct joins/new": joined_right / queries,
        "index build s": build_s,
        "setup s": setup,
    }


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--members", type=int, default=8, help="articles per stored story")
    args = parser.parse_args()
    rows = []
    columns = [
        "stored articles",
        "stories",
        "queries",
        "p50 ms",
        "p99 ms",
        "mean ms",
        "correct joins/new",
        "index build s",
        "setup s",
    ]
    for size in args.sizes:
        rows.append(measure(size, args.queries, args.members, seed=size))
        print_table("story assignment latency", columns, rows)
        if not args.no_save:
            save_results(
                "assignment_latency",
                title="Story-assignment latency (synthetic store)",
                columns=columns,
                rows=rows,
                notes=[
                    f"{args.members} articles per stored story; all stories inside the window.",
                    "Candidates: usearch HNSW (cos, f32) over story centroids, top 16, "
                    "rescored with the combined score (default ClusterConfig).",
                    "Half the queries belong to a stored story, half are new; "
                    "'correct joins/new' is the share placed as generated.",
                    "Single process, torch not involved (vectors are given).",
                ],
            )


if __name__ == "__main__":
    main()
