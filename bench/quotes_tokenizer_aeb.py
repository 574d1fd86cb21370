"""What splitting glued quotation marks changes in the annotations of real pages (AEB).

``newsdesk.annotate.nlp`` adds infix rules to spaCy's English tokenizer so that a
quotation mark glued to a word across punctuation (``said,“Look``, ``this,”he``) is a
token of its own. The tokenizer feeds every English annotation (entities, quotes, dates,
events), so this check annotates the bodies newsdesk extracts from the first N pages of
the ScrapingHub article-extraction benchmark twice, in one process and on one loaded
pipeline: with spaCy's own infix rules and with the added ones. It counts

- the pages whose tokens differ at all, and the glued runs split (a token of the old
  tokenization that the new one cuts in pieces);
- the pages whose annotations differ, and among them any page with no split run: that
  count must be 0 (nothing else changes);
- what changed: quotes, entity mentions, dates and events gained and lost.

Run: ``python bench/quotes_tokenizer_aeb.py [--eval-dir ../shared/eval] [--limit 100]``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "quotes_tokenizer_aeb"
FIELDS = ("quotes", "entities", "dates", "events")


def _bodies(folder: Path, limit: int) -> list[tuple[str, str]]:
    extract = bc.newsdesk_runner()
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        item_id = path.name.split(".")[0]
        if item_id not in truth:
            continue
        html = bc.read_gz_bytes(path).decode("utf-8", errors="replace")
        try:
            text = str(extract(html).text or "")
        except Exception as exc:  # one bad page never stops the check
            print(f"{item_id}: not extracted ({exc})", file=sys.stderr)
            continue
        if text.strip():
            pages.append((item_id, text))
        if len(pages) >= limit:
            break
    return pages


def _split_runs(old: list[tuple[int, int]], new: list[tuple[int, int]]) -> int:
    """Old tokens (start, end) that the new tokenization cuts in pieces."""
    new_set = set(new)
    return sum(1 for span in old if span not in new_set)


def _items(found: Any, name: str) -> list[str]:
    return [json.dumps(asdict(item), sort_keys=True, default=str) for item in getattr(found, name)]


def main() -> int:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.set_defaults(limit=100)
    args = parser.parse_args()
    folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["ground-truth.json", "html"])
    pages = _bodies(folder, args.limit)

    from spacy.util import compile_infix_regex

    from newsdesk.annotate import nlp
    from newsdesk.annotate.annotator import Annotator

    pipeline = nlp.load()
    glued = pipeline.tokenizer.infix_finditer
    plain = compile_infix_regex(pipeline.Defaults.infixes).finditer
    texts = [text for _, text in pages]

    def annotate(finditer: Any) -> tuple[list[Any], list[list[tuple[int, int]]], float]:
        pipeline.tokenizer.infix_finditer = finditer  # spaCy empties its cache on set
        spans = [[(t.idx, t.idx + len(t)) for t in pipeline.make_doc(text)] for text in texts]
        started = time.process_time()
        found = list(Annotator().annotate_texts(texts, [None] * len(texts)))
        return found, spans, time.process_time() - started

    before, old_spans, old_cpu = annotate(plain)
    after, new_spans, new_cpu = annotate(glued)
    pipeline.tokenizer.infix_finditer = glued

    split_pages = changed_pages = changed_unsplit = runs = 0
    delta = {name: [0, 0] for name in FIELDS}  # gained, lost
    examples: list[str] = []
    for (item_id, text), old, new, a, b in zip(
        pages, old_spans, new_spans, before, after, strict=True
    ):
        cut = _split_runs(old, new)
        runs += cut
        split_pages += cut > 0
        differs = False
        for name in FIELDS:
            was, now = _items(a, name), _items(b, name)
            gained = len(set(now) - set(was))
            lost = len(set(was) - set(now))
            delta[name][0] += gained
            delta[name][1] += lost
            differs = differs or gained > 0 or lost > 0
        changed_pages += differs
        if differs and cut == 0:
            changed_unsplit += 1
            examples.append(item_id)
        if cut and len(examples) < 12:
            kept = set(new)
            pieces = [" ".join(text[s:e].split()) for s, e in old if (s, e) not in kept]
            examples.append(f"{item_id}: {', '.join(pieces[:3])}")

    row = {
        "pages": len(pages),
        "pages with a glued run split": split_pages,
        "glued runs split": runs,
        "pages whose annotations differ": changed_pages,
        "… of them with no run split": changed_unsplit,
        **{f"{name} +/-": f"+{g} / -{lost}" for name, (g, lost) in delta.items()},
        "annotate CPU s (spaCy rules)": round(old_cpu, 1),
        "annotate CPU s (+ glued rules)": round(new_cpu, 1),
    }
    columns = ["measure", "value"]
    rows = [{"measure": key, "value": value} for key, value in row.items()]
    bc.print_table(f"Glued quotation marks on {len(pages)} AEB pages", columns, rows)
    for line in examples:
        print(" ", line)
    if not args.no_save:
        bc.save_results(
            NAME,
            title=f"Glued quotation marks: annotations of {len(pages)} real AEB pages",
            columns=columns,
            rows=rows,
            notes=[
                "bodies: newsdesk extract_html of the first pages in id order (html/*.html.gz)",
                "one process, one loaded pipeline: spaCy's own infix rules, then with "
                "newsdesk.annotate.nlp.GLUED_QUOTE_INFIXES added",
                "a glued run split = a token of spaCy's tokenization that the new one cuts",
                "'… of them with no run split' must be 0: nothing changes where no mark is glued",
                "examples (page: the runs split): " + "; ".join(examples[:12]),
            ],
        )
    return 1 if changed_unsplit else 0


if __name__ == "__main__":
    raise SystemExit(main())
