"""Stories on real multi-outlet news without publication dates, through the real commands.

Each set is written as one JSON Lines file of records ``{id, title?, text}`` (no dates:
these reports carry none) and run through ``newsdesk ingest`` and ``newsdesk stories
--json`` in their own processes (bench/real_ingest.py), in the set's id order and
shuffled (seeds 1-3). A plain TF-IDF single pass over the same documents in the same
order runs beside it in the same run; its threshold is fitted on the dev half of the
gold events and the figures are given for the dev half, the held-out half and all.

Sets (``--set``):
- ``crosslingual``: ../shared/eval/crosslingual_dev (501 reports by real outlets in
  en/ko/zh/ja/de, 227 gold events), gold = each report's ``event``; the
  ``semeval_pair`` slice (de-en reports of one event by different outlets) separately;
- ``crosslingual-en``: its English reports alone (one language, many outlets);

Dev/held-out halves: a gold group is "dev" when a stable hash of its key is even, so
nothing is chosen by looking at the results.

    python bench/clustering_real.py [--set crosslingual] [--seeds 1,2,3] [--no-save]
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from bench_common import make_parser, print_table, require_dir, save_results

Labels = dict[str, str]
TFIDF_THRESHOLDS = [round(x, 3) for x in np.arange(0.10, 0.61, 0.05)]
COLUMNS = ["order", "system", "half", "P", "R", "F1", "stories", "wall s", "CPU s"]


def bcubed(pred: Labels, gold: Labels, ids: Sequence[str] | None = None) -> tuple[float, ...]:
    """B-cubed precision, recall and F1 of ``pred`` over ``ids`` (default: all of gold)."""
    ids = list(gold) if ids is None else list(ids)
    if not ids:
        return (0.0, 0.0, 0.0)
    clusters: dict[str, set[str]] = defaultdict(set)
    golds: dict[str, set[str]] = defaultdict(set)
    for doc in ids:
        clusters[pred[doc]].add(doc)
        golds[gold[doc]].add(doc)
    p = r = 0.0
    for doc in ids:
        both = len(clusters[pred[doc]] & golds[gold[doc]])
        p += both / len(clusters[pred[doc]])
        r += both / len(golds[gold[doc]])
    p, r = p / len(ids), r / len(ids)
    return (p, r, 2 * p * r / (p + r) if p + r else 0.0)


def is_dev(group: str) -> bool:
    """A fixed half of the gold groups, by a hash of the key (not by any result)."""
    return hashlib.sha1(group.encode()).digest()[0] % 2 == 0


def single_pass(matrix: np.ndarray, order: Sequence[int], threshold: float) -> list[int]:
    """Classic single pass: join the most similar centroid if >= threshold, else open one."""
    sums = np.zeros((len(order), matrix.shape[1]), dtype=np.float32)
    cents = np.zeros_like(sums)
    labels = [0] * len(matrix)
    count = 0
    for i in order:
        vec = matrix[i]
        sims = cents[:count] @ vec
        best = int(np.argmax(sims)) if count else -1
        if best < 0 or sims[best] < threshold:
            best, count = count, count + 1
        sums[best] += vec
        cents[best] = sums[best] / (np.linalg.norm(sums[best]) or 1.0)
        labels[i] = best
    return labels


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    return tfidf.fit_transform(texts).toarray().astype(np.float32)


def tfidf_labels(matrix: np.ndarray, ids: list[str], order: list[int], th: float) -> Labels:
    labels = single_pass(matrix, order, th)
    return {ids[i]: f"t{labels[i]}" for i in order}


def halves(
    gold: Labels, groups: dict[str, str], dev_group: Callable[[str], bool] = is_dev
) -> dict[str, list[str]]:
    """Doc ids of the dev half, the held-out half and all."""
    dev = [d for d in gold if dev_group(groups[d])]
    held = [d for d in gold if not dev_group(groups[d])]
    return {"dev": dev, "held-out": held, "all": list(gold)}


def run_orders(
    records: list[dict[str, Any]],
    gold: Labels,
    groups: dict[str, str],
    *,
    seeds: Sequence[int],
    extra_slices: dict[str, list[str]] | None = None,
    dev_group: Callable[[str], bool] = is_dev,
    jobs: int = 1,
) -> list[dict[str, Any]]:
    """newsdesk (ingest + stories --json) and TF-IDF single pass, per order, per half."""
    from real_ingest import ingest_stories

    ids = [str(r["id"]) for r in records]
    matrix = tfidf_matrix([f"{r.get('title') or ''}\n{r['text']}" for r in records])
    parts = halves(gold, groups, dev_group)
    parts.update(extra_slices or {})
    # the TF-IDF threshold: fitted on the dev half, id order (as a user would tune it once)
    base = list(range(len(ids)))
    fitted = max(
        TFIDF_THRESHOLDS,
        key=lambda th: (bcubed(tfidf_labels(matrix, ids, base, th), gold, parts["dev"])[2], -th),
    )
    print(f"tfidf threshold fitted on the dev half: {fitted}", file=sys.stderr)
    orders: list[tuple[str, list[int]]] = [("id", base)]
    for seed in seeds:
        shuffled = base[:]
        random.Random(seed).shuffle(shuffled)
        orders.append((f"shuffle {seed}", shuffled))
    # the orders' ingests run side by side (each its own process and database): their
    # CPU seconds then come as one total (children rusage), their wall times each
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        done = list(pool.map(lambda o: ingest_stories([records[i] for i in o[1]]), orders))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_total = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"ingest CPU s, all orders: {cpu_total:.1f}", file=sys.stderr)
    rows = []
    for (name, order), (labels, cost) in zip(orders, done, strict=True):
        pred = {d: labels.get(d, f"missing-{d}") for d in gold}
        tf = tfidf_labels(matrix, ids, order, fitted)
        for system, got in (("newsdesk ingest + stories", pred), (f"tfidf >= {fitted}", tf)):
            for half, members in parts.items():
                p, r, f = bcubed(got, gold, members)
                row = {"order": name, "system": system, "half": half, "P": p, "R": r, "F1": f}
                row["stories"] = len({got[d] for d in members})
                if system.startswith("newsdesk") and half == "all":
                    row["wall s"] = cost["wall_s"]
                    row["CPU s"] = cost["cpu_s"] if jobs == 1 else None
                    row["ingested"] = cost["ingested"]
                rows.append(row)
                print(row, file=sys.stderr, flush=True)
    return rows


def summary_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mean over the shuffled orders, per system and half."""
    out = []
    keys = sorted({(r["system"], r["half"]) for r in rows}, key=lambda k: (k[1], k[0]))
    for system, half in keys:
        got = [r for r in rows if r["system"] == system and r["half"] == half]
        shuffled = [r for r in got if r["order"].startswith("shuffle")]
        if not shuffled:
            continue
        row: dict[str, Any] = {"order": "shuffles, mean", "system": system, "half": half}
        for k in ("P", "R", "F1"):
            row[k] = float(np.mean([r[k] for r in shuffled]))
        row["stories"] = round(float(np.mean([r["stories"] for r in shuffled])), 1)
        out.append(row)
    return out


def crosslingual(eval_dir: Any, english_only: bool) -> tuple[list[dict[str, Any]], Labels, dict]:
    folder = require_dir(eval_dir, "crosslingual_dev", ["docs.jsonl"])
    docs = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    if english_only:
        docs = [d for d in docs if d.get("lang") == "en"]
    docs.sort(key=lambda d: d["id"])
    records = []
    for d in docs:  # no "published": the run is undated (22 of 501 carry a date)
        record = {"id": d["id"], "title": d.get("title") or "", "text": d["text"]}
        if d.get("outlet"):
            record["outlet"] = d["outlet"]
        records.append(record)
    gold = {d["id"]: d["event"] for d in docs}
    slices = {"semeval_pair": [d["id"] for d in docs if d.get("kind") == "semeval_pair"]}
    return records, gold, slices


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument(
        "--set", default="crosslingual", choices=["crosslingual", "crosslingual-en"]
    )
    parser.add_argument("--seeds", default="1,2,3", help="shuffle seeds, comma-separated")
    parser.add_argument("--jobs", type=int, default=1, help="orders ingested side by side")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    records, gold, slices = crosslingual(args.eval_dir, args.set == "crosslingual-en")
    if args.limit:
        records = records[: args.limit]
        gold = {r["id"]: gold[r["id"]] for r in records}
        slices = {k: [d for d in v if d in gold] for k, v in slices.items()}
    rows = run_orders(records, gold, dict(gold), seeds=seeds, extra_slices=slices, jobs=args.jobs)
    rows += summary_rows(rows)
    title = f"Stories on real multi-outlet news without dates ({args.set}), B-cubed"
    print_table(title, COLUMNS, rows)
    if args.no_save:
        return
    notes = [
        f"{len(records)} reports, {len(set(gold.values()))} gold events, no publication dates; "
        "records {id, title, text} as one JSON Lines file, `newsdesk ingest` + `stories --json` "
        "per order (annotation on, default embedding), TF-IDF single pass over the same "
        "title + text in the same order, same run.",
        "halves: dev = gold events whose sha1(event) starts with an even byte; held-out = the "
        "rest; the TF-IDF threshold is the best on the dev half in id order.",
        "semeval_pair: the SemEval-2022 Task 8 de-en pairs (two outlets, one event).",
        "wall s: each ingest; CPU s: the ingest process (children rusage), given only when "
        "the orders ran one at a time (--jobs 1); with --jobs N they ran side by side.",
    ]
    name = "clustering_real" if args.set == "crosslingual" else "clustering_real_en"
    path = save_results(name, title=title, columns=COLUMNS, rows=rows, notes=notes)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
