"""The "not news" gate on real pages: false drops on news, true drops on Common Crawl records.

Every page is read by newsdesk's own readers (HTML, WARC) or as a text record, cleaned by
``TextCleaner`` and judged by :func:`newsdesk.clean.quality.assess`, exactly what ``ingest``
does before stories. News sets: ECB+, PolNeAR (dev + train), MEANTIME, crosslingual_dev (en,
ja, ko, zh, de), AEB, trafilatura_eval, the 20 news pages packed as WARC. Non-news: the
Common Crawl records of resiliparse_warcfile.warc.gz (random web pages). Each set is split
into dev / held-out halves by a hash of the document id; both are reported.

``--baseline REF`` judges the same cleaned pages with the gate as it was at git ``REF``
(``newsdesk/clean/quality.py`` of that commit) in the same run: its drops are the
"dropped before" column.

Run: ``python bench/not_news.py [--eval-dir ../shared/eval] [--baseline REF]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import types
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_common as bc
from eval_pages import NEWS_SETS, crawl_pages, news_pages, split
from newsdesk.clean import TextCleaner
from newsdesk.clean.quality import assess
from newsdesk.settings import Settings

NAME = "not_news"
LABELS = Path(__file__).parent / "data" / "not_news_labels.json"


def not_reports() -> dict[str, str]:
    """Pages of the news sets judged by hand not to be reports (id -> why)."""
    labels: dict[str, str] = json.loads(LABELS.read_text(encoding="utf-8"))["not_reports"]
    return labels


def baseline_gate(ref: str) -> Callable[..., Any]:
    """``assess`` of the gate as committed at ``ref``, loaded from git into its own module."""
    path = "src/newsdesk/clean/quality.py"
    source = subprocess.run(
        ["git", "show", f"{ref}:{path}"],
        cwd=bc.REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType(f"quality_at_{ref}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:{path}", "exec"), module.__dict__)
    assess_then: Callable[..., Any] = module.assess
    return assess_then


def main() -> None:
    parser = bc.make_parser(__doc__ or NAME)
    parser.add_argument("--baseline", default=None, help="git ref of the gate to run beside")
    args = parser.parse_args()
    before = baseline_gate(args.baseline) if args.baseline else None
    dropped_before: Counter[tuple[str, str]] = Counter()
    root = args.eval_dir
    bc.require_dir(root, "warc_samples", ["resiliparse_warcfile.warc.gz"])
    settings = Settings()
    cleaner = TextCleaner(settings=settings)
    pages: Counter[tuple[str, str]] = Counter()
    drops: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    flagged: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    examples: list[dict[str, Any]] = []
    labelled = not_reports()
    false_drops: Counter[tuple[str, str]] = Counter()
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
            if before is not None and before(article.text, article.title).reason is not None:
                dropped_before[key] += 1
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
                false_drops[key] += kind == "news" and doc_id not in labelled
                examples.append(
                    {
                        "set": set_name,
                        "half": half,
                        "id": doc_id,
                        "reason": verdict.reason
                        + (f" (not a report: {labelled[doc_id]})" if doc_id in labelled else ""),
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
                "false drops": false_drops[(set_name, half)] if "(news)" in set_name else "",
                "reasons": reasons,
                "kept flagged": flags,
            }
        )
        if before is not None:
            rows[-1]["dropped before"] = dropped_before[(set_name, half)]
    columns = ["set", "half", "pages", "dropped", "false drops", "reasons", "kept flagged"]
    if before is not None:
        columns.insert(3, "dropped before")
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
            "On the news sets every drop is a false drop unless the page was judged by hand not "
            "to be a report (bench/data/not_news_labels.json; AEB and the WARC news pages hold "
            "a sponsored post and a standings table; trafilatura_eval holds home pages, shop "
            "pages and listings): 'false drops' counts the rest.",
            "kept flagged: pages the gate keeps on weak evidence, marked in the article's flags "
            "(little_prose: no sentence, but headline-length lines or table rows; sponsored: a "
            "sponsored-post disclosure at the top); they are not counted in dropped.",
            f"{seconds:.0f} s in all.",
            *(
                [f"dropped before: the gate at git {args.baseline}, on the same cleaned pages."]
                if before is not None
                else []
            ),
            *[
                f"{e['set']} {e['half']}: {e['reason']}: {e['id'][:80]} | {e['title']!r}"
                for e in examples
            ],
        ],
        extra={"examples": examples},
    )


if __name__ == "__main__":
    main()
