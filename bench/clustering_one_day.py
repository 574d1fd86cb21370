"""Stories of one day's news: the cross-lingual dev set ingested as if all of it had been
published on one day, through the real path, scored by the dev set's own scorer.

A desk that follows its sources ingests each day's reports with that day's date, so every
candidate story of a report shares its date: a date can say when, never which of the
day's events. The dev set (501 reports, 227 events, en/ja/ko/zh/de) is written as JSON
Lines records {id, title, text, outlet, lang, published} with every ``published`` set to
one day (``--day``), ingested with ``newsdesk ingest`` and read back with ``stories
--json`` (bench/real_ingest.py), beside the same records with no dates at all (what
bench/clustering_crosslingual.py runs) and a plain single pass over USE v3 title + lead
vectors at its best threshold there (0.6). ``--src`` runs another tree too (a ``git
archive`` of the tree before a change) in the same run.

    python bench/clustering_one_day.py [--no-save] [--src OTHER/src] [--day 2026-12-07]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results
from clustering_crosslingual import read, records, row, score, single_pass
from real_ingest import ingest_stories

sys.path.insert(0, str(REPO_ROOT / "src"))

COLUMNS = [
    "tree",
    "dates",
    "system",
    "B3 P",
    "B3 R",
    "B3 F1",
    "B3 F1 xl events",
    "pair P",
    "pair R",
    "pair F1",
    "stories",
    "cpu s",
]


def one_day(docs: list[dict[str, Any]], day: str) -> list[dict[str, Any]]:
    """The records, each published at noon UTC of ``day``."""
    return [{**r, "published": f"{day}T12:00:00+00:00"} for r in records(docs, dated=False)]


def run_tree(
    tree: str, src: Path | None, docs: list[dict[str, Any]], gold: Path, scorer: Path, day: str
) -> list[dict[str, Any]]:
    rows = []
    for dates, batch in (("one day", one_day(docs, day)), ("none", records(docs, dated=False))):
        labels, cost = ingest_stories(batch, src=src)
        metrics = score(scorer, gold, labels)["prediction"]
        result = row("dev", "newsdesk ingest + stories", metrics)
        del result["set"], result["semeval B3 F1"], result["semeval pair F1"]
        result.update(
            tree=tree,
            dates=dates,
            stories=len(set(labels.values())),
            **{"cpu s": round(cost["cpu_s"], 1)},
        )
        rows.append(result)
        print(f"{tree} {dates}: {cost}", file=sys.stderr)
    return rows


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--src", type=Path, help="another tree's src to run beside this one")
    parser.add_argument("--day", default="2026-12-07", help="the one publication day")
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "crosslingual_dev", ["docs.jsonl", "score.py"])
    scorer, gold = folder / "score.py", folder / "docs.jsonl"
    docs = read(gold)
    docs = docs[: args.limit] if args.limit else docs
    rows = run_tree("this", None, docs, gold, scorer, args.day)
    if args.src:
        rows += run_tree(str(args.src), args.src.resolve(), docs, gold, scorer, args.day)
    labels = single_pass(docs, 0.6)
    baseline = row("dev", "USE single pass >= 0.6", score(scorer, gold, labels)["prediction"])
    del baseline["set"], baseline["semeval B3 F1"], baseline["semeval pair F1"]
    baseline.update(tree="-", dates="-", stories=len(set(labels.values())), **{"cpu s": None})
    rows.append(baseline)
    title = "Stories of one day's news (cross-lingual dev set, one publication day), score.py"
    print_table(title, COLUMNS, rows)
    if args.no_save:
        return
    notes = [
        f"dev = ../shared/eval/crosslingual_dev/docs.jsonl ({len(docs)} docs), records "
        "{id, title, text, outlet, lang} in file order, one `newsdesk ingest` each "
        "(annotation on, NEWSDESK_EMBEDDING=minilm+use, as shipped); 'one day': every "
        f"record published {args.day}T12:00Z; 'none': no publication dates.",
        "USE single pass >= 0.6: plain centroid single pass over USE v3 title + lead "
        "vectors (no entities, words or time), the best threshold of "
        "bench/clustering_crosslingual.py's in-sample grid.",
        "stories: distinct stories the dev set's reports end in.",
    ]
    path = save_results("clustering_one_day", title=title, columns=COLUMNS, rows=rows, notes=notes)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
