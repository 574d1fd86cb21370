"""Article-body extraction on the ScrapingHub article-extraction-benchmark (AEB).

Scorer = the benchmark's own ``evaluate.py``: per page, 4-word shingles (``\\w+`` tokens) of
the predicted and true ``articleBody``, TP/FP/FN counted over the shingle multisets and
normalised per page; precision is averaged over pages with tp+fp > 0, recall over pages with
tp+fn > 0, F1 = 2PR/(P+R) of the averages. "accuracy" is the share of pages with F1 of 1.0
up to the benchmark's rounding (none here: we report the share with page F1 >= 0.99).

Run: ``python bench/extraction_aeb.py [--eval-dir ../shared/eval]``.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import bench_common as bc
from eval_pages import split

NAME = "extraction_aeb"
TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
TpFpFn = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN_RE.findall(text or "")
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_matching(true: str, pred: str) -> TpFpFn:
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(counts: Sequence[TpFpFn]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    page_f1 = [
        2 * c[0] / (2 * c[0] + c[1] + c[2]) if (2 * c[0] + c[1] + c[2]) else 1.0 for c in counts
    ]
    exact = sum(1 for f in page_f1 if f >= 0.99) / len(counts)
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": exact}


def load_pages(folder: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """(item id, html, true articleBody) for every page, sorted by id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        item_id = path.name.split(".")[0]
        if item_id in truth:
            html = bc.read_gz_bytes(path).decode("utf-8", errors="replace")
            pages.append((item_id, html, truth[item_id].get("articleBody", "") or ""))
    return pages[:limit] if limit else pages


def trafilatura_body(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def newsdesk_body(html: str) -> str:
    return str(bc.newsdesk_runner()(html).text or "")


def score_system(
    body: Callable[[str], str], pages: Sequence[tuple[str, str, str]]
) -> tuple[dict[str, Any], list[TpFpFn]]:
    counts: list[TpFpFn] = []
    start = time.perf_counter()
    for _item_id, html, truth in pages:
        try:
            pred = body(html)
        except Exception:  # a crash scores as an empty prediction
            pred = ""
        counts.append(shingle_matching(truth, pred))
    elapsed = time.perf_counter() - start
    row: dict[str, Any] = metrics(counts)
    row["seconds"] = elapsed
    return row, counts


SYSTEMS: dict[str, Callable[[str], str]] = {
    "trafilatura alone": trafilatura_body,
    "newsdesk extract_html": newsdesk_body,
}
COLUMNS = ("system", "f1", "precision", "recall", "accuracy", "f1 dev", "f1 held-out", "seconds")


def main() -> int:
    args = bc.make_parser(__doc__.splitlines()[0]).parse_args()
    folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["ground-truth.json", "html"])
    pages = load_pages(folder, args.limit)
    rows, per_page = [], {}
    for name, body in SYSTEMS.items():
        row, counts = score_system(body, pages)
        for half in ("dev", "held-out"):  # the halves eval_pages.split makes of the item ids
            mine = [c for p, c in zip(pages, counts, strict=True) if split(p[0]) == half]
            row[f"f1 {half}"] = metrics(mine)["f1"] if mine else 0.0
        rows.append({"system": name, **row})
        per_page[name] = {
            p[0]: round(2 * c[0] / (2 * c[0] + c[1] + c[2] or 1), 4)
            for p, c in zip(pages, counts, strict=True)
        }
    title = f"AEB article body ({len(pages)} pages, shingle P/R/F1 as in evaluate.py)"
    bc.print_table(title, COLUMNS, rows)
    if not args.no_save:
        notes = [
            "F1 from page-averaged precision and recall of 4-word shingles (benchmark's "
            "evaluate.py); accuracy = share of pages with page F1 >= 0.99.",
            "trafilatura alone = trafilatura.extract(html, include_comments=False), as in the "
            "benchmark's extractors/run_trafilatura.py.",
            "f1 dev / f1 held-out: the same F1 on the two halves eval_pages.split makes of the "
            "item ids; errors were studied on the dev half only.",
        ]
        path = bc.save_results(
            NAME,
            title=title,
            columns=COLUMNS,
            rows=rows,
            notes=notes,
            extra={"per_page_f1": per_page},
        )
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
