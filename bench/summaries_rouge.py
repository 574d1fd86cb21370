"""Story summaries against reference summaries of real multi-outlet events, LexRank beside.

The events are ECB+ sub-topics (one real event each, reported by several outlets; each
topic holds two similar events). No human summaries of them exist in ../shared/eval, so the
references are ours: ``bench/data/summaries_ecbplus_refs.json`` (about 100 words each,
written from the articles before any system output was seen).

One run, the command line users run:

1. every article of the chosen events, in doc-id order, as one JSON Lines file
   (``{id, text, published}``; one publication day for all) -> ``newsdesk ingest``;
2. ``newsdesk stories --json`` and ``newsdesk export articles`` map each record to its story;
   each event is read from the story holding most of its articles (ties: the first);
3. ``newsdesk brief --date D --top 500 --format json``: that story's summary is the system's
   ~115-word summary. The ~230-word one is ``summarize_story`` with a 230-word budget over
   the same stored members and annotations (what ``story --json`` runs, with a longer
   budget: the CLI has no length option);
4. LexRank (sumy 0.13, its defaults: threshold 0.1, English stop words and Snowball stemmer)
   over the same story's member texts, split with newsdesk's sentence splitter (sumy's
   splitter needs NLTK data this machine does not have), sentences taken best first
   until the word budget, shown in document order as sumy does;
5. a lead baseline: the first member's opening words.

Every summary is cut to the same number of words (115, then 230) before scoring with
rouge-score (ROUGE-1/2 F1 and recall, Porter stemmer). Tune on odd topics; even topics
are held out.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results
from real_ingest import _run

DAY = "2026-01-15"
REFS = REPO_ROOT / "bench" / "data" / "summaries_ecbplus_refs.json"
_WORD = re.compile(r"\S+")


def _words(text: str, budget: int) -> str:
    return " ".join(_WORD.findall(text)[:budget])


class _Tokenizer:
    """sumy's tokenizer interface with newsdesk's splitter (no NLTK data needed)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        from newsdesk.summarize.text import split_sentences

        return [s.text for s in split_sentences(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", sentence)


def lexrank(texts: list[str], budget: int) -> str:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    paragraphs = [
        Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(t)]) for t in texts
    ]
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def until_budget(infos: list[Any]) -> list[Any]:
        taken, words = [], 0
        for info in infos:
            if words >= budget:
                break
            taken.append(info)
            words += len(str(info.sentence).split())
        return taken

    chosen = summarizer(ObjectDocumentModel(paragraphs), until_budget)
    return " ".join(str(s) for s in chosen)


def _events(folder: Path, refs: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (folder / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["subtopic"] in refs:
                events[doc["subtopic"]].append(doc)
    for docs in events.values():
        docs.sort(key=lambda d: d["doc_id"])
    return events


def _ingest(db: Path, records: list[dict[str, Any]], env: dict[str, str]) -> dict[str, Any]:
    path = db.parent / "docs.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    start = time.perf_counter()
    report = _run(db, ["ingest", str(path), "--json"], env)
    stories = _run(db, ["stories", "--json"], env)
    articles = _run(db, ["export", "articles", "--format", "jsonl"], env, lines=True)
    brief = _run(db, ["brief", "--date", DAY, "--top", "500", "--format", "json"], env)
    ids = [r["id"] for r in records]
    story_of = {a: s["id"] for s in stories for a in s["articles"]}
    record_story = {}
    stored_id = {}
    for article in articles:
        line = int(str(article["source"]).rsplit(":", 1)[1])
        record_story[ids[line - 1]] = story_of.get(article["id"])
        stored_id[ids[line - 1]] = article["id"]
    return {
        "report": report,
        "record_story": record_story,
        "stored_id": stored_id,
        "brief": {s["id"]: s for s in brief["stories"]},
        "seconds": time.perf_counter() - start,
    }


def _long_summary(db: Path, story_id: str, budget: int) -> list[dict[str, Any]]:
    """``story --json``'s summary with a longer word budget, over the stored story."""
    from newsdesk.store import SqliteStore
    from newsdesk.summarize import SummaryConfig, summarize_story

    with SqliteStore(db) as store:
        row = store.stories.story(story_id)
        members = [a for i in (row.articles if row else []) if (a := store.articles.article(i))]
        notes = store.annotations.annotations_of([a.id for a in members if a.id])
        config = SummaryConfig(target_words=budget, max_words=budget + budget // 3)
        return [
            {"text": s.text, "sources": s.sources}
            for s in summarize_story(members, notes, config=config)
        ]


def _member_texts(db: Path, story_id: str) -> list[str]:
    from newsdesk.store import SqliteStore

    with SqliteStore(db) as store:
        row = store.stories.story(story_id)
        return [a.body for i in (row.articles if row else []) if (a := store.articles.article(i))]


def _score(scorer: Any, reference: str, summary: str) -> dict[str, float]:
    got = scorer.score(reference, summary)
    return {
        "r1": 100 * got["rouge1"].fmeasure,
        "r2": 100 * got["rouge2"].fmeasure,
        "r1_recall": 100 * got["rouge1"].recall,
        "r2_recall": 100 * got["rouge2"].recall,
    }


def evaluate(
    run: dict[str, Any], events: dict[str, list[dict[str, Any]]], refs: dict[str, str], db: Path
) -> list[dict[str, Any]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    per_event = []
    for event, docs in sorted(events.items()):
        stories = Counter(run["record_story"].get(d["doc_id"]) for d in docs)
        story_id = next((s for s, _ in stories.most_common() if s), None)
        if story_id is None:
            continue
        texts = _member_texts(db, story_id)
        brief_story = run["brief"].get(story_id, {})
        short = brief_story.get("summary", [])
        long = _long_summary(db, story_id, 230)
        row: dict[str, Any] = {
            "event": event,
            "split": "tune" if int(event.split("_")[0]) % 2 else "held-out",
            "story": story_id,
            "event_docs": len(docs),
            "story_docs": len(texts),
            "event_docs_in_story": stories[story_id],
            "sentences": len(short) + len(long),
            "uncited": sum(1 for s in short + long if not s["sources"]),
            "in_brief": bool(brief_story),
        }
        for budget, summary in ((115, short), (230, long)):
            system = " ".join(s["text"] for s in summary)
            candidates = {
                "newsdesk": system,
                "lexrank": lexrank(texts, budget),
                "lead": " ".join(texts)[: budget * 12],
            }
            for name, text in candidates.items():
                cut = _words(text, budget)
                row[f"{name}_{budget}_words"] = len(cut.split())
                for key, value in _score(scorer, refs[event], cut).items():
                    row[f"{name}_{budget}_{key}"] = value
        per_event.append(row)
    return per_event


def _table(per_event: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for split in ("tune", "held-out", "all"):
        chosen = [r for r in per_event if split == "all" or r["split"] == split]
        if not chosen:
            continue
        for budget in (115, 230):
            for name in ("newsdesk", "lexrank", "lead"):

                def mean(key: str, chosen: list[dict[str, Any]] = chosen) -> float:
                    return statistics.fmean(r[key] for r in chosen)

                rows.append({
                    "events": f"{split} ({len(chosen)})",
                    "words": budget,
                    "system": name,
                    "ROUGE-1 F1": round(mean(f"{name}_{budget}_r1"), 1),
                    "ROUGE-2 F1": round(mean(f"{name}_{budget}_r2"), 1),
                    "ROUGE-1 R": round(mean(f"{name}_{budget}_r1_recall"), 1),
                    "ROUGE-2 R": round(mean(f"{name}_{budget}_r2_recall"), 1),
                    "mean words": round(mean(f"{name}_{budget}_words"), 1),
                })  # fmt: skip
    return rows


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--name", default="summaries_rouge", help="results file name")
    parser.add_argument(
        "--src",
        type=Path,
        default=REPO_ROOT / "src",
        help="the newsdesk source tree to run (e.g. an export of an older commit)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    folder = require_dir(args.eval_dir, "ecbplus", ["ecbplus_docs.jsonl"])
    refs: dict[str, str] = json.loads(REFS.read_text(encoding="utf-8"))["references"]
    events = _events(folder, refs)
    records = [
        {"id": d["doc_id"], "text": d["text"], "published": DAY}
        for docs in events.values()
        for d in docs
    ]
    records.sort(key=lambda r: r["id"])
    env = dict(os.environ, PYTHONPATH=str(args.src))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        run = _ingest(db, records, env)
        per_event = evaluate(run, events, refs, db)
    rows = _table(per_event)
    columns = ["events", "words", "system", "ROUGE-1 F1", "ROUGE-2 F1", "ROUGE-1 R",
               "ROUGE-2 R", "mean words"]  # fmt: skip
    title = "Story summaries vs LexRank on 16 ECB+ events through newsdesk ingest + brief"
    print_table(title, columns, rows)
    uncited = sum(r["uncited"] for r in per_event)
    sentences = sum(r["sentences"] for r in per_event)
    print(f"summary sentences without a citation: {uncited} of {sentences}")
    if args.no_save:
        return
    notes = [
        f"{len(records)} ECB+ articles of {len(events)} events (8 topics x 2 similar events), "
        f"one `newsdesk ingest` ({run['seconds']:.0f} s with stories, brief and export), "
        f"ingested {run['report'].get('ingested')}.",
        "References: bench/data/summaries_ecbplus_refs.json, written by the team for this "
        "bench (no human summaries of these events exist in ../shared/eval).",
        "Each summary cut to the same word count before scoring; ROUGE via rouge-score 0.1.2 "
        "(Porter stemmer), F1 and recall x100, means over events.",
        f"Summary sentences without a citation: {uncited} of {sentences}.",
        "Event -> story: the story holding most of the event's articles; the event's other "
        "articles (split off by clustering) are not in either system's input.",
    ]
    save_results(args.name, title=title, columns=columns, rows=rows, notes=notes,
                 extra={"per_event": per_event})  # fmt: skip


if __name__ == "__main__":
    main()
