"""Quality of the brief's per-story reading on the demo corpus's gold.

The demo corpus is ingested (stories and annotations on, as ``newsdesk demo`` does) into a
temporary store, or ``--db`` reuses one built by ``newsdesk --db PATH demo``. For every story:

- **citation precision**: over all (summary sentence, cited article) pairs, the share where
  the cited article (a) belongs to the story's gold event (the gold event most of the
  story's members belong to) AND (b) really contains the supporting content: one of its
  sentences has cosine similarity >= 0.65 with the summary sentence under the
  all-MiniLM-L6-v2 sentence model (an independent judge: the summarizer itself only uses
  word overlap), or >= 0.5 with 70% of the summary sentence's content words in it and its
  neighbours (long lead sentences hold a short fact with a low cosine), and that sentence
  with its neighbours gives every number the summary sentence gives.
- **citation recall**: over all (summary sentence, gold-event member of the story) pairs
  where the member contains the content by the same judge, the share that is cited.
- **only_in recall**: a gold single-source fact counts as found when an only_in entry of
  the story holding its article lists, for that article (or an article of its report:
  copies, same outlet), a fact sharing >= 50% of the gold fact's content words.
  The same is measured on the brief's shortlist (``Comparison.only_in_shortlist``).
- **conflicts recall**: a gold conflict counts as found when a conflict of a story holding
  its articles gives two of the gold's differing values (numbers compared as digits),
  attributed to articles the gold gives them to.
- **conflict precision (judged)**: share of reported conflicts whose values all match a gold
  conflict; the rest are listed in the JSON for reading (not all are wrong: the gold
  lists only the planted ones).

    python bench/brief_quality.py [--db PATH] [--no-save]
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
import numpy as np

from newsdesk.cluster.embed import embed
from newsdesk.ingestion import ingest
from newsdesk.sample import corpus_dir, load_gold
from newsdesk.serialize import conflicts_json, only_in_json
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.summarize import StoryIndex, compare_outlets, summarize_story
from newsdesk.summarize.text import content_words, numbers_in, split_sentences

_LINE = re.compile(r":(\d+)$")
JUDGE_COSINE = 0.65
JUDGE_FLOOR = 0.5
JUDGE_WORDS = 0.7


def article_key(source: str, corpus: Path) -> str:
    relative = source[len(str(corpus)) + 1 :] if source.startswith(str(corpus)) else source
    return _LINE.sub(r"#\1", relative)


def _strict(summary: str, vec: np.ndarray, sentences: list[str], vecs: np.ndarray) -> bool:
    return bool(sentences) and float((vecs @ vec).max()) >= 0.70


def _contains(summary: str, vec: np.ndarray, sentences: list[str], vecs: np.ndarray) -> bool:
    if not sentences:
        return False
    sims = vecs @ vec
    words = content_words(summary)
    numbers = numbers_in(words)
    for best in np.argsort(-sims)[:3]:
        window = content_words(" ".join(sentences[max(0, best - 1) : best + 2]))
        close = sims[best] >= JUDGE_COSINE or (
            sims[best] >= JUDGE_FLOOR and len(words & window) >= JUDGE_WORDS * len(words)
        )
        if close and numbers <= window:
            return True
    return False


def _norm_value(value: str) -> str:
    digits = re.findall(r"\d[\d,]*", value)
    if digits:
        return "–".join(d.replace(",", "") for d in digits)
    return {"second": "2", "third": "3", "first": "1"}.get(value.strip().casefold(), value)


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--db", type=Path, default=None, help="reuse a demo store")
    args = parser.parse_args()
    gold = load_gold()
    event_of = {k: e["id"] for e in gold["events"] for k in e["articles"]}
    corpus = corpus_dir()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "demo.db"
        with SqliteStore(db) as store:
            if args.db is None:
                ingest([str(corpus)], store, settings=Settings(db=db))
            stories = [
                ([a for a in (store.articles.article(i) for i in row.articles) if a], row.id)
                for row in store.stories.stories()
            ]
            notes = store.annotations.annotations_of([a.id or "" for ms, _ in stories for a in ms])
    key_of = {a.id: article_key(a.source, corpus) for ms, _ in stories for a in ms}
    cited = correct = strict = judged_support = cited_supported = 0
    sentences_total = uncited = 0
    found_only: set[int] = set()
    found_short: set[int] = set()
    only_in_facts = shortlist_facts = 0
    found_conflicts: set[int] = set()
    reported_conflicts = matched_conflicts = 0
    odd_conflicts: list[dict[str, Any]] = []
    for members, story_id in stories:
        events = Counter(event_of.get(key_of[a.id]) for a in members)
        story_event = events.most_common(1)[0][0]
        index = StoryIndex.build(members)
        summary = summarize_story(members, notes, index=index)
        compared = compare_outlets(members, notes, index=index)
        only_in, conflicts = only_in_json(compared.only_in), conflicts_json(compared.conflicts)
        shortlist = only_in_json(compared.only_in_shortlist)
        texts = {a.id: [s.text for s in split_sentences(a.body)] for a in members}
        vecs = {i: embed(t) if t else np.zeros((0, 384)) for i, t in texts.items()}
        svecs = embed([s.text for s in summary]) if summary else np.zeros((0, 384))
        for sentence, vec in zip(summary, svecs, strict=True):
            sentences_total += 1
            uncited += not sentence.sources
            for a in members:
                in_event = event_of.get(key_of[a.id]) == story_event
                holds = _contains(sentence.text, vec, texts[a.id], vecs[a.id])
                if a.id in sentence.sources:
                    cited += 1
                    correct += in_event and holds
                    strict += in_event and _strict(sentence.text, vec, texts[a.id], vecs[a.id])
                if in_event and holds:
                    judged_support += 1
                    cited_supported += a.id in sentence.sources
        _score_only_in(gold, members, key_of, only_in, found_only)
        _score_only_in(gold, members, key_of, shortlist, found_short)
        only_in_facts += sum(len(o["facts"]) for o in only_in)
        shortlist_facts += sum(len(o["facts"]) for o in shortlist)
        matched, odd = _score_conflicts(gold, key_of, conflicts, found_conflicts)
        reported_conflicts += len(conflicts)
        matched_conflicts += matched
        odd_conflicts += [{"story": story_id, **c} for c in odd]
    rows = [
        {"measure": "summary sentences", "value": sentences_total, "of": ""},
        {"measure": "sentences without a citation", "value": uncited, "of": sentences_total},
        {"measure": "citation precision", "value": correct / max(cited, 1), "of": cited},
        {"measure": "citation precision, strict judge (cosine >= 0.70 only)",
         "value": strict / max(cited, 1), "of": cited},
        {"measure": "citation recall", "value": cited_supported / max(judged_support, 1),
         "of": judged_support},
        {"measure": "only_in recall", "value": len(found_only) / len(gold["only_in"]),
         "of": len(gold["only_in"])},
        {"measure": "only_in recall, the brief's shortlist", "value":
         len(found_short) / len(gold["only_in"]), "of": len(gold["only_in"])},
        {"measure": "only_in facts (all / in the brief's shortlist)",
         "value": only_in_facts, "of": shortlist_facts},
        {"measure": "conflicts recall", "value": len(found_conflicts) / len(gold["conflicts"]),
         "of": len(gold["conflicts"])},
        {"measure": "conflicts matching a gold conflict", "value":
         matched_conflicts / max(reported_conflicts, 1), "of": reported_conflicts},
    ]  # fmt: skip
    columns = ["measure", "value", "of"]
    title = "Brief quality on the demo corpus gold"
    print_table(title, columns, rows)
    missed_only = [g for i, g in enumerate(gold["only_in"]) if i not in found_only]
    missed_conf = [g for i, g in enumerate(gold["conflicts"]) if i not in found_conflicts]
    if not args.no_save:
        save_results(
            "brief_quality",
            title=title,
            columns=columns,
            rows=rows,
            notes=[
                "Definitions in bench/brief_quality.py's docstring; the judge of 'contains the "
                f"supporting content' is all-MiniLM-L6-v2 cosine >= {JUDGE_COSINE} to a "
                "sentence of the cited article, with every number of the summary sentence.",
                f"{len(stories)} stories as clustered by the default pipeline.",
            ],
            extra={"missed_only_in": missed_only, "missed_conflicts": missed_conf,
                   "unmatched_conflicts": odd_conflicts},
        )  # fmt: skip


def _score_only_in(
    gold: dict[str, Any], members: list[Any], key_of: dict[Any, str],
    only_in: list[dict[str, Any]], found: set[int],
) -> None:  # fmt: skip
    keys = {key_of[a.id] for a in members}
    outlet = {key_of[a.id]: (a.outlet or "").casefold() for a in members}
    for i, fact in enumerate(gold["only_in"]):
        if fact["article"] not in keys:
            continue
        words = content_words(fact["fact"])
        for entry in only_in:
            key = key_of.get(entry["article_id"], "")
            if key != fact["article"] and outlet.get(key) != outlet.get(fact["article"]):
                continue
            for text in entry["facts"]:
                if len(words & content_words(text)) >= 0.5 * len(words):
                    found.add(i)


def _score_conflicts(
    gold: dict[str, Any], key_of: dict[Any, str], conflicts: list[dict[str, Any]],
    found: set[int],
) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    matched = 0
    odd = []
    for conflict in conflicts:
        given = {(_norm_value(v["value"]), key_of.get(v["article_id"])) for v in conflict["values"]}
        hit = False
        for i, planted in enumerate(gold["conflicts"]):
            truth = {(_norm_value(v["value"]), v["article"]) for v in planted["values"]}
            agreeing = given & truth
            if len({value for value, _ in agreeing}) >= 2:
                found.add(i)
                hit = True
        matched += hit
        if not hit:
            odd.append(conflict)
    return matched, odd


if __name__ == "__main__":
    main()
