"""Boilerplate removal and metadata on trafilatura's own evaluation set (990 pages).

Text (as trafilatura's tests/eval_common.py scores it): each page lists "with" snippets that
must appear in the extracted text and "without" snippets that must not; both sides are
whitespace-normalised and matched as substrings. Counts are pooled over all pages:
TP = "with" found, FN = "with" missing, FP = "without" found, TN = "without" absent;
precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN).
"with kept" = recall; "without removed" = TN/(FP+TN).

Metadata, on the 851 pages with gold title/author/date. "<field> acc" counts the pages whose
gold value is not empty (845 titles, 538 authors, 728 dates); "<field> acc all" counts all
851, where an empty gold value means the page has none and the right answer is none.
Matching:
- title: exact match after NFKC, casefolding, collapsing whitespace and stripping
  surrounding quotes/punctuation;
- author: case- and space-insensitive; names are split on , ; & / "and" / "und" and a leading
  "by"/"von" is dropped on both sides, then the sets of names must be equal;
- date: same calendar day (gold is YYYY-MM-DD).

Both systems get the page's URL (the evaldata key), as a reader would pass it.
trafilatura alone = trafilatura.bare_extraction(raw bytes, url=..., with_metadata=True,
include_comments=False, include_tables=True, include_formatting=False), i.e. its own
evaluation's "standard" settings plus metadata. newsdesk gets the same bytes decoded to str
by trafilatura's own decoder (extract_html takes str).

Run: ``python bench/extraction_trafilatura_eval.py [--eval-dir ../shared/eval]``.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import bench_common as bc
from eval_pages import split

NAME = "extraction_trafilatura_eval"
WS_RE = re.compile(r"\s+")
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[,;&/|]|\band\b|\bund\b)\s*", re.IGNORECASE)
AUTHOR_PREFIX_RE = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
TITLE_STRIP = " \t\n\"'“”„«»‹›‘’.,:;!?-–—|"


@dataclass(slots=True)
class Output:
    text: str
    title: str | None
    author: str | None
    date: date | None


def norm_ws(text: str) -> str:
    return WS_RE.sub(" ", text).strip()


def norm_title(value: str | None) -> str:
    value = unicodedata.normalize("NFKC", value or "").casefold()
    return norm_ws(value).strip(TITLE_STRIP)


def author_names(value: str | list[str] | None) -> frozenset[str]:
    if isinstance(value, list):  # a few gold entries list the authors
        value = "; ".join(value)
    value = norm_ws(unicodedata.normalize("NFKC", value or "").casefold())
    names = set()
    for part in AUTHOR_SPLIT_RE.split(value):
        part = AUTHOR_PREFIX_RE.sub("", part.strip(" .")).strip()
        if part:
            names.add(part)
    return frozenset(names)


def as_day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value)[:10]).date()
    except ValueError:
        return None


def count_text(item: dict[str, Any], text: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page, as trafilatura's eval_common.count_item."""
    resn = norm_ws(text)
    tp = sum(1 for w in item["with"] if norm_ws(w) in resn) if resn else 0
    fp = sum(1 for w in item["without"] if norm_ws(w) in resn) if resn else 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def trafilatura_run(raw: bytes, url: str) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
    )
    if doc is None:
        return Output("", None, None, None)
    return Output(doc.text or "", doc.title, doc.author, as_day(doc.date))


def newsdesk_run(raw: bytes, url: str) -> Output:
    got = bc.newsdesk_runner()(bc.decode_html(raw), url=url)
    return Output(got.text or "", got.title, got.author, as_day(got.published))


SYSTEMS: dict[str, Callable[[bytes, str], Output]] = {
    "trafilatura alone": trafilatura_run,
    "newsdesk extract_html": newsdesk_run,
}
COLUMNS = (
    "system",
    "with kept",
    "without removed",
    "precision",
    "recall",
    "f1",
    "f1 dev",
    "f1 held-out",
    "title acc",
    "author acc",
    "date acc",
    "author acc all",
    "date acc all",
    "seconds",
)


def load_items(folder: Path, limit: int | None) -> list[tuple[str, dict[str, Any], bytes]]:
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    items = []
    for url, item in data.items():
        path = folder / "html" / f"{item['file']}.gz"
        if path.is_file():
            items.append((url, item, bc.read_gz_bytes(path)))
    return items[:limit] if limit else items


def score_system(
    run: Callable[[bytes, str], Output], items: Sequence[tuple[str, dict[str, Any], bytes]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    tp = fp = fn = tn = 0
    halves = {"dev": [0, 0, 0], "held-out": [0, 0, 0]}  # tp, fp, fn by eval_pages.split(url)
    meta_ok = {"title": 0, "author": 0, "date": 0}
    present_ok = {"title": 0, "author": 0, "date": 0}
    present_n = {"title": 0, "author": 0, "date": 0}
    n_meta = 0
    misses: dict[str, list[dict[str, Any]]] = {"title": [], "author": [], "date": [], "text": []}
    start = time.perf_counter()
    for url, item, raw in items:
        try:
            out = run(raw, url)
        except Exception:  # a crash scores as an empty result
            out = Output("", None, None, None)
        counts = count_text(item, out.text)
        tp, fp, fn, tn = tp + counts[0], fp + counts[1], fn + counts[2], tn + counts[3]
        half = halves[split(url)]
        half[0], half[1], half[2] = half[0] + counts[0], half[1] + counts[1], half[2] + counts[2]
        if counts[1] or counts[2]:
            misses["text"].append({"url": url, "fp": counts[1], "fn": counts[2]})
        if "title" not in item:
            continue
        n_meta += 1
        checks = {
            "title": norm_title(item["title"]) == norm_title(out.title),
            "author": author_names(item["author"]) == author_names(out.author),
            "date": as_day(item["date"]) == out.date,
        }
        for key, ok in checks.items():
            meta_ok[key] += ok
            if item[key]:
                present_n[key] += 1
                present_ok[key] += ok
            if not ok:
                got = {"title": out.title, "author": out.author, "date": str(out.date)}[key]
                misses[key].append({"url": url, "gold": item[key], "got": got})
    row = {
        "with kept": tp / (tp + fn) if tp + fn else 0.0,
        "without removed": tn / (fp + tn) if fp + tn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        **{f"f1 {name}": 2 * h[0] / (2 * h[0] + h[1] + h[2] or 1) for name, h in halves.items()},
        **{
            f"{key} acc": present_ok[key] / present_n[key] if present_n[key] else 0.0
            for key in present_ok
        },
        **{f"{key} acc all": meta_ok[key] / n_meta if n_meta else 0.0 for key in meta_ok},
        "seconds": time.perf_counter() - start,
        "counts": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "pages": len(items),
            "metadata_pages": n_meta,
        },
    }
    return row, misses


def main() -> int:
    args = bc.make_parser(__doc__.splitlines()[0]).parse_args()
    folder = bc.require_dir(args.eval_dir, "trafilatura_eval", ["evaldata.json", "html"])
    items = load_items(folder, args.limit)
    rows, misses = [], {}
    for name, run in SYSTEMS.items():
        row, miss = score_system(run, items)
        rows.append({"system": name, **row})
        misses[name] = miss
    title = f"trafilatura eval set ({len(items)} pages): snippets and metadata"
    bc.print_table(title, COLUMNS, rows)
    if not args.no_save:
        notes = [
            "Snippet precision/recall/F1 pooled over pages as trafilatura's eval_common.py "
            "(whitespace-normalised substring match); with kept = recall, without removed = "
            "TN/(FP+TN).",
            "Metadata: '<field> acc' = accuracy over pages whose gold value is not empty "
            "(845 titles, 538 authors, 728 dates); '<field> acc all' = over all 851 pages with "
            "metadata, where an empty gold value must be answered with none. Title: NFKC + "
            "casefold + whitespace + outer "
            "punctuation normalised exact match. Author: case/space-insensitive set of names "
            "(split on , ; & / and und; leading by/von dropped). Date: same calendar day.",
            "Both systems get the page URL. trafilatura alone = bare_extraction(raw bytes, "
            "with_metadata=True, include_comments=False, include_tables=True, "
            "include_formatting=False); newsdesk gets the bytes decoded by trafilatura's "
            "decode_file.",
            "f1 dev / f1 held-out: snippet F1 on the two halves eval_pages.split makes of the "
            "page URLs; errors were studied on the dev half only.",
        ]
        path = bc.save_results(NAME, title=title, columns=COLUMNS, rows=rows, notes=notes)
        print(f"wrote {path}")
        # the misses quote gold values from the eval data: kept for study, never committed
        local = bc.REPO_ROOT / "bench" / "out" / f"{NAME}_misses.json"
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_text(json.dumps(misses, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {local} (not committed: it quotes the eval data)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
