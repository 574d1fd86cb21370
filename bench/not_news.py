"""The "not news" gate on real pages: false drops on news, true drops on Common Crawl records.

Every page is read by newsdesk's own readers (HTML, WARC) or as a text record, cleaned by
``TextCleaner`` and judged by :func:`newsdesk.clean.quality.assess`, exactly what ``ingest``
does before stories. News sets: ECB+, PolNeAR (dev + train), MEANTIME, crosslingual_dev (en,
ja, ko, zh, de), AEB, trafilatura_eval, the 20 news pages packed as WARC. Non-news: the
Common Crawl records of resiliparse_warcfile.warc.gz (random web pages). Each set is split
into dev / held-out halves by a hash of the document id; both are reported.

Run: ``python bench/not_news.py [--eval-dir ../shared/eval]``.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

import bench_common as bc
from eval_pages import NEWS_SETS, crawl_pages, news_pages, split
from newsdesk.clean import TextCleaner
from newsdesk.clean.quality import assess
from newsdesk.settings import Settings

NAME = "not_news"


def main() -> None:
    args = bc.make_parser(__doc__ or NAME).parse_args()
    root = args.eval_dir
    bc.require_dir(root, "warc_samples", ["resiliparse_warcfile.warc.gz"])
    settings = Settings()
    cleaner = TextCleaner(settings=settings)
    pages: Counter[tuple[str, str]] = Counter()
    drops: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    flagged: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    examples: list[dict[str, Any]] = []
    start = time.perf_counter()
    streams = [
        ("news", news_pages(root, settings, NEWS_SETS)),
        ("crawl", crawl_pages(root, settings)),
    ]
    for kind, stream in streams:
        for set_name, doc_id, article in stream:
            half = split(doc_id)
            try:
                cleaner.clean(article)
            except Exception:  # a page the cleaner fails on is not judged here
                continue
            if not article.text.strip():
                continue
            key = (f"{set_name} ({kind})", half)
            pages[key] += 1
            verdict = assess(article.text, article.title)
            for flag in verdict.flags:  # kept, marked: weak evidence
                flagged[key][flag] += 1
                examples.append(
                    {
                        "set": set_name,
                        "half": half,
                        "id": doc_id,
                        "reason": f"kept, flagged {flag}",
                        "title": (article.title or "")[:100],
                    }
                )
            if verdict.reason is not None:
                drops[key][verdict.reason] += 1
                examples.append(
                    {
                        "set": set_name,
                        "half": half,
                        "id": doc_id,
                        "reason": verdict.reason,
                        "title": (article.title or "")[:100],
                    }
                )
    seconds = time.perf_counter() - start
    rows = []
    for (set_name, half), count in sorted(pages.items()):
        dropped = sum(drops[(set_name, half)].values())
        reasons = ", ".join(f"{r} {n}" for r, n in drops[(set_name, half)].most_common())
        flags = ", ".join(f"{r} {n}" for r, n in flagged[(set_name, half)].most_common())
        rows.append(
            {
                "set": set_name,
                "half": half,
                "pages": count,
                "dropped": dropped,
                "reasons": reasons,
                "kept flagged": flags,
            }
        )
    columns = ["set", "half", "pages", "dropped", "reasons", "kept flagged"]
    bc.print_table("The not-news gate on real pages", columns, rows)
    for example in examples:
        print(example)
    if args.no_save:
        return
    bc.save_results(
        NAME,
        title="The not-news gate on real pages (false drops on news, true drops on crawl)",
        columns=columns,
        rows=rows,
        notes=[
            "Pages read by newsdesk's readers, cleaned by TextCleaner, judged by "
            "newsdesk.clean.quality.assess (what ingest does before stories); pages left empty "
            "by cleaning are not counted.",
            "On the news sets every drop is a false drop unless the example list says the page "
            "is not a report (AEB and the WARC news pages hold a sponsored post and a standings "
            "table; trafilatura_eval holds home pages and shop pages).",
            "kept flagged: pages the gate keeps on weak evidence, marked in the article's flags "
            "(little_prose: no sentence, but headline-length lines or table rows; sponsored: a "
            "sponsored-post disclosure at the top); they are not counted in dropped.",
            f"{seconds:.0f} s in all.",
            *[
                f"{e['set']} {e['half']}: {e['reason']}: {e['id'][:80]} | {e['title']!r}"
                for e in examples
            ],
        ],
        extra={"examples": examples},
    )


if __name__ == "__main__":
    main()
