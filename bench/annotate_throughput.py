"""Annotation throughput: newsdesk's Annotator beside the plain spaCy pipeline, in one run.

Texts are ~700-word articles made from the demo corpus (fictional, shipped in the package),
so nothing here needs the eval data. Each system runs three passes after a warm-up; the
table shows the median articles/s and the ratio.

    python bench/annotate_throughput.py [--articles 120]
"""

from __future__ import annotations

import statistics
import sys
import time

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))


def _texts(count: int) -> list[str]:
    from newsdesk.ingest import read_sources
    from newsdesk.sample import corpus_dir
    from newsdesk.settings import Settings

    bodies = [
        a.text
        for result in read_sources([str(corpus_dir())], settings=Settings())
        for a in result.articles
        if a.text
    ]
    texts, current = [], ""
    i = 0
    while len(texts) < count:
        current += "\n\n" + bodies[i % len(bodies)]
        i += 1
        if len(current.split()) >= 700:
            texts.append(" ".join(current.split()[:700]))
            current = ""
    return texts


def _rate(run: object, texts: list[str], passes: int) -> list[float]:
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        run(texts)  # type: ignore[operator]
        rates.append(len(texts) / (time.perf_counter() - start))
    return rates


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    from newsdesk.annotate import nlp
    from newsdesk.annotate.annotator import Annotator

    texts = _texts(args.articles)
    pipeline = nlp.load()
    annotator = Annotator()

    def plain(batch: list[str]) -> None:
        for _ in pipeline.pipe(batch, batch_size=16):
            pass

    def newsdesk(batch: list[str]) -> None:
        for _ in annotator.annotate_texts(batch, [None] * len(batch)):
            pass

    plain(texts[:8])
    newsdesk(texts[:8])  # warm-up: models and lexicons loaded
    rows = []
    for name, run in (
        ("plain spaCy sm pipeline (nlp.pipe)", plain),
        ("newsdesk Annotator", newsdesk),
    ):
        rates = _rate(run, texts, args.passes)
        rows.append(
            {
                "system": name,
                "articles": len(texts),
                "articles/s (median)": statistics.median(rates),
                "min": min(rates),
                "max": max(rates),
            }
        )
    ratio = rows[1]["articles/s (median)"] / rows[0]["articles/s (median)"]
    columns = ["system", "articles", "articles/s (median)", "min", "max"]
    print_table("Annotation throughput (700-word articles, one process)", columns, rows)
    print(f"newsdesk / plain spaCy: {ratio:.2f}x")
    if not args.no_save:
        notes = [
            f"newsdesk / plain spaCy = {ratio:.2f}x (target >= 0.8x)",
            "newsdesk = one full spaCy parse per article (shared by all parts) + entity "
            "canonicalisation + quotes + TIMEX3 dates + events",
            f"{args.passes} passes after a warm-up, one process, medians",
        ]
        path = save_results(
            "annotate_throughput",
            title="Annotation throughput",
            columns=columns,
            rows=rows,
            notes=notes,
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
