"""Where ECB+ stories go wrong: per topic and per decision, from a store `newsdesk ingest` made.

The ECB+ documents are ingested once, in doc-id order, through the real command (as
bench/clustering_ecbplus_orders.py does; ``--db`` keeps the store for later runs). The
features the ingest stored (vectors, terms, entities, leads) are then replayed through the
story assigner of this source tree in doc-id order and shuffled (seeds as the orders
bench), so a change to the assignment can be measured in seconds, on both halves, before
the full bench is run through the commands. Replayed over the store of the commands'
run, the assigner gives the same stories as the commands (checked: every order's B-cubed
equal to bench/results/clustering_ecbplus_orders.md at 18:00 UTC).

Printed: B-cubed F1 per order and half, per topic (both halves), and for the DEV topics
only (odd numbers) every wrong decision: an article that joined a story whose members
are mostly another gold story ("join wrong"), or that opened a story while one of its
own gold story scored among the candidates ("missed"), with the evidence of the best
candidates: MiniLM cosine, word and name TF-IDF cosines, year agreement, a shared
calendar day, a place conflict. Held-out topics are scored, never listed.

    python bench/clustering_ecbplus_errors.py --db /tmp/ecb.db [--seeds 1,2,3] [--details]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results
from clustering_crosslingual_replay import config_of, newsdesk_with_embeddings
from clustering_real import bcubed

sys.path.insert(0, str(REPO_ROOT / "src"))

from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.refine import refine, scored_without
from newsdesk.cluster.stories import ClusterConfig, StoryAssigner
from newsdesk.cluster.tracker import _restore
from newsdesk.store import SqliteStore

COLUMNS = [
    "order",
    "half",
    "P",
    "R",
    "F1",
    "stories",
    "split pairs",
    "twin pairs joined",
    "cross-topic pairs joined",
]


def _store(db: Path, docs: list[dict[str, Any]]) -> None:
    """Ingest the documents in doc-id order into ``db`` unless it is there already."""
    if db.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for d in docs:
                out.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
        print(f"ingesting {len(docs)} documents into {db} ...", file=sys.stderr)
        newsdesk_with_embeddings(db, "ingest", str(path), "--json")


def _load(db: Path, ids: list[str]) -> tuple[dict[str, ArticleFeatures], dict[str, str]]:
    """Record id -> stored features; record id -> the record id of its original (copies)."""
    exported = [
        json.loads(line)
        for line in newsdesk_with_embeddings(
            db, "export", "articles", "--format", "jsonl"
        ).splitlines()
    ]
    record = {a["id"]: ids[int(str(a["source"]).rsplit(":", 1)[1]) - 1] for a in exported}
    copies = {record[a["id"]]: record[a["copy_of"]] for a in exported if a.get("copy_of")}
    with SqliteStore(db) as store:
        feats = {record[r.article_id]: _restore(r) for r in store.stories.replay_features()}
    return feats, copies


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_classes(
    pred: dict[str, str], gold: dict[str, str], topic: dict[str, int], part: list[str]
) -> tuple[int, int, int]:
    """Document pairs gone wrong, by class: one gold story split over stories (recall),
    two events of one topic in one story (twins: precision), two topics in one story."""
    stories: dict[str, list[str]] = defaultdict(list)
    golds: dict[str, list[str]] = defaultdict(list)
    for doc in part:
        stories[pred[doc]].append(doc)
        golds[gold[doc]].append(doc)
    split = 0
    for members in golds.values():
        split += _pairs(len(members)) - sum(
            _pairs(n) for n in Counter(pred[d] for d in members).values()
        )
    twins = cross = 0
    for members in stories.values():
        joined = _pairs(len(members))
        same_topic = sum(_pairs(n) for n in Counter(topic[d] for d in members).values())
        same_story = sum(_pairs(n) for n in Counter(gold[d] for d in members).values())
        cross += joined - same_topic
        twins += same_topic - same_story
    return split, twins, cross


def mixed_stories(pred: dict[str, str], gold: dict[str, str], part: list[str]) -> list[str]:
    """The stories holding more than one gold story, as their gold make-up."""
    stories: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in part:
        stories[pred[doc]][gold[doc]] += 1
    mixed = [c for c in stories.values() if len(c) > 1]
    mixed.sort(key=lambda c: -sum(c.values()))
    return [" + ".join(f"{g} x{n}" for g, n in c.most_common()) for c in mixed]


def _evidence(assigner: StoryAssigner, item: ArticleFeatures, story: Any) -> dict[str, Any]:
    minilm, _ = assigner.similarities(item, story)
    words = assigner.words.cosine(item.terms, story.terms)
    names = assigner.names.cosine(item.entities, story.entities)
    return {
        "cos": round(minilm, 3),
        "words": round(words, 3),
        "names": round(names, 3),
        "years": round(story.year_agreement(assigner._article_years), 2),
        "day": not assigner._article_days.isdisjoint(story.entities),
        "place": story.place_conflict(assigner._article_places, item.entities),
    }


def replay(
    order: list[str],
    feats: dict[str, ArticleFeatures],
    copies: dict[str, str],
    gold: dict[str, str],
    explain: set[str],
    config: ClusterConfig | None = None,
    refining: dict[str, Any] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Stories of a replay in ``order``; the wrong decisions about ``explain`` documents.

    ``refining`` (``every``: refine after that many documents, 0 at the end only; the
    rest are :func:`refine`'s keywords) runs the refinement as the tracker does."""
    assigner = StoryAssigner(config)
    members: dict[str, list[str]] = defaultdict(list)
    notes = []
    by_id = {f.id: f for f in feats.values()}
    options = dict(refining or {})
    every = int(options.pop("every", 0))
    touched: list[str] = []

    def refine_now() -> None:
        if refining is not None and touched:
            refine(
                assigner, touched, lambda ids: {i: by_id[i] for i in ids if i in by_id}, **options
            )
            touched.clear()

    for doc in order:
        item = feats.get(doc)
        if item is None:
            continue
        candidates = assigner._scored_candidates(item) if doc in explain else []
        seen = []
        for score, story in candidates[:3]:
            inside = members[assigner.resolve(story.id)]
            major = Counter(gold[m] for m in inside).most_common(1)[0][0] if inside else "?"
            seen.append((round(score, 3), major, len(inside), _evidence(assigner, item, story)))
        result = assigner.assign(item)
        touched.append(item.id)
        if every and len(touched) >= every:
            refine_now()
        live = assigner.resolve(result.story_id)
        for old in assigner.last_merged:
            members[live] += members.pop(old, [])
        members[live].append(doc)
        if doc not in explain or not seen:
            continue
        if not result.is_new and seen[0][1] != gold[doc]:
            kind = "join wrong"
        elif result.is_new and any(s[1] == gold[doc] for s in seen):
            kind = "missed"
        else:
            continue
        lines = [f"{kind}: {doc} ({gold[doc]})"]
        lines += [f"    {s[0]} vs {s[1]} ({s[2]} members) {s[3]}" for s in seen]
        notes.append("\n".join(lines))
    refine_now()
    pred = {d: assigner.story_of(feats[d].id) for d in order if d in feats}
    for doc, original in copies.items():
        pred[doc] = pred.get(original, f"none-{doc}")
    for doc in gold:  # an exact duplicate the ingest skipped: alone, as the orders bench
        pred.setdefault(doc, f"missing-{doc}")
    return pred, notes


def _majority(members: list[str], gold: dict[str, str]) -> str:
    return min(Counter(gold[m] for m in members).items(), key=lambda kv: (-kv[1], kv[0]))[0]


def order_made(
    order: list[str],
    feats: dict[str, ArticleFeatures],
    gold: dict[str, str],
    part: set[str],
    config: ClusterConfig | None = None,
) -> dict[str, int]:
    """How much of one online pass's error the order made, over the ``part`` documents.

    After the pass, each document is taken out of its story and scored against that
    story without it and the stories the index finds near it (the assigner's score):
    ``misplaced`` are those whose best story at the end (clearing the threshold) is not
    the one they were put in, ``to gold`` those of them whose best story's majority is
    their own gold story, ``wrong put`` the documents in a story whose majority is
    another gold story, of which ``wrong put, end best right`` would leave for their
    own; ``alone`` documents in a story of their own, of which some clear the threshold
    against a story at the end (``fits a story``; ``fits its gold``: one of their gold).
    ``seeded by other`` counts the stories whose first member is not of the gold
    story most of its members belong to (an early follow-up or twin that seeded it)."""
    assigner = StoryAssigner(config)
    for doc in order:
        if doc in feats:
            assigner.assign(feats[doc])
    record = {f.id: doc for doc, f in feats.items()}
    counts = Counter()
    for story in assigner.stories.values():
        docs = [record[m] for m in story.members]
        if not set(docs) & part:
            continue
        counts["stories"] += 1
        major = _majority(docs, gold)
        if len(docs) > 1 and gold[docs[0]] != major:
            counts["seeded by other"] += 1
        for doc in docs:
            if doc not in part:
                continue
            counts["documents"] += 1
            wrong = gold[doc] != major
            counts["wrong put"] += wrong
            item = feats[doc]
            if len(docs) == 1:
                counts["alone"] += 1
                scored = [(x, st) for x, st in assigner._scored_candidates(item) if st is not story]
                if scored and scored[0][0] >= assigner.config.threshold:
                    counts["alone, fits a story at the end"] += 1
                    best_major = _majority([record[m] for m in scored[0][1].members], gold)
                    counts["alone, fits its gold at the end"] += best_major == gold[doc]
                continue
            scored = scored_without(assigner, item, story)
            if not scored:
                continue
            best_score, best = scored[0]
            if best is story or best_score < assigner.config.threshold:
                continue
            counts["misplaced"] += 1
            best_major = _majority([record[m] for m in best.members], gold)
            counts["to gold"] += best_major == gold[doc]
            counts["wrong put, end best right"] += wrong and best_major == gold[doc]
    return dict(counts)


ORDER_MADE = [
    "order",
    "documents",
    "stories",
    "wrong put",
    "misplaced",
    "to gold",
    "wrong put, end best right",
    "alone",
    "alone, fits a story at the end",
    "alone, fits its gold at the end",
    "seeded by other",
]


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--db", type=Path, required=True, help="store (made if missing)")
    parser.add_argument("--seeds", default="1,2,3", help="shuffle seeds, comma-separated")
    parser.add_argument("--details", action="store_true", help="list the dev decisions")
    parser.add_argument("--set", action="append", default=[], help="ClusterConfig NAME=VALUE")
    parser.add_argument(
        "--refine",
        default="",
        help="refine as ingest does: ROUNDS[,EVERY[,MARGIN[,TWINS]]] (EVERY 0: once at the end; "
        "TWINS 0: without the twin split)",
    )
    parser.add_argument("--order-made", action="store_true", help="the order-made table (dev)")
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "ecbplus", ["ecbplus_docs.jsonl"])
    docs = [json.loads(line) for line in (folder / "ecbplus_docs.jsonl").open(encoding="utf-8")]
    docs.sort(key=lambda d: d["doc_id"])
    _store(args.db, docs)
    ids = [d["doc_id"] for d in docs]
    gold = {d["doc_id"]: f"{d['topic']}/{d['subtopic']}" for d in docs}
    topic = {d["doc_id"]: int(d["topic"]) for d in docs}
    halves = {
        "dev": [d for d in ids if topic[d] % 2 == 1],
        "held-out": [d for d in ids if topic[d] % 2 == 0],
        "all": ids,
    }
    feats, copies = _load(args.db, ids)
    orders = [("id", ids)]
    for seed in [int(s) for s in args.seeds.split(",") if s.strip()]:
        shuffled = list(range(len(ids)))
        random.Random(seed).shuffle(shuffled)
        orders.append((f"shuffle {seed}", [ids[i] for i in shuffled]))
    rows: list[dict[str, Any]] = []
    per_topic: dict[int, list[float]] = defaultdict(list)
    explain = set(halves["dev"]) if args.details else set()
    refining: dict[str, Any] | None = None
    if args.refine:
        parts = [float(x) for x in args.refine.split(",")]
        refining = {"rounds": int(parts[0]), "every": int(parts[1]) if len(parts) > 1 else 0}
        if len(parts) > 2:
            refining["margin"] = parts[2]
        if len(parts) > 3:
            refining["twins"] = bool(parts[3])
    if args.order_made:
        made = [
            {
                "order": name,
                **order_made(order, feats, gold, set(halves["dev"]), config_of(args.set)),
            }
            for name, order in orders
        ]
        print_table(
            "Order-made error, dev topics (one online pass; each document's best story at the end)",
            ORDER_MADE,
            made,
        )
    mixed: dict[str, list[str]] = {}
    for name, order in orders:
        pred, notes = replay(order, feats, copies, gold, explain, config_of(args.set), refining)
        for half, part in halves.items():
            p, r, f1 = bcubed(pred, gold, part)
            split, twins, cross = pair_classes(pred, gold, topic, part)
            rows.append(
                {
                    "order": name,
                    "half": half,
                    "P": p,
                    "R": r,
                    "F1": f1,
                    "stories": len({pred[d] for d in part}),
                    "split pairs": split,
                    "twin pairs joined": twins,
                    "cross-topic pairs joined": cross,
                }
            )
        mixed[name] = mixed_stories(pred, gold, halves["dev"])
        for t in sorted(set(topic.values())):
            part = [d for d in ids if topic[d] == t]
            per_topic[t].append(bcubed(pred, gold, part)[2])
        if notes:
            print(f"\n## {name}: wrong decisions on dev topics\n" + "\n".join(notes))
    title = "ECB+ stories replayed from the ingest's stored features (B-cubed F1)"
    print_table(title, COLUMNS, rows)
    for name, stories in mixed.items():
        print(f"\n{name}: dev stories holding more than one gold story")
        print("\n".join(f"  {m}" for m in stories))
    print("\nper topic (F1 by order: " + ", ".join(n for n, _ in orders) + ")")
    for t, scores in per_topic.items():
        half = "dev " if t % 2 else "held"
        print(f"  {half} {t:2d}  " + " ".join(f"{s:.2f}" for s in scores))
    if not args.no_save:
        notes = [
            "features stored by one `newsdesk ingest` of the 982 ECB+ documents in doc-id "
            "order, replayed through this tree's story assigner in each order.",
            "per-topic F1: "
            + "; ".join(f"{t}: " + "/".join(f"{s:.2f}" for s in v) for t, v in per_topic.items()),
            "pairs: split = two documents of one gold story in different stories (recall); "
            "twin pairs joined = two events of one topic in one story; cross-topic = two "
            "topics in one story (precision).",
        ]
        notes += [
            f"{name}, dev stories mixing gold stories: " + "; ".join(m) for name, m in mixed.items()
        ]
        path = save_results(
            "clustering_ecbplus_errors",
            title=title,
            columns=COLUMNS,
            rows=rows,
            notes=notes,
        )
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
