"""Cross-lingual stories replayed from the features one ``newsdesk ingest`` stored.

The cross-lingual dev set (and bench/data/crosslingual_independent.jsonl, dated and with
its dates left out) is ingested once per store through the real command, as
bench/clustering_crosslingual.py does (``--db-dir`` keeps the stores for later runs);
the stored features are then replayed through this tree's story assigner in file order
and scored with the dev set's score.py, so a change to assignment is measured in seconds
before the full bench is run through the commands. Replayed over the store of one run,
the assigner gives that run's stories (the tracker replays the same rows the same way).

    python bench/clustering_crosslingual_replay.py --db-dir /tmp/xl [--details]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir
from clustering_crosslingual import INDEPENDENT, read, records, row, score

sys.path.insert(0, str(REPO_ROOT / "src"))

from newsdesk.cluster.stories import ClusterConfig, StoryAssigner
from newsdesk.cluster.tracker import _restore
from newsdesk.store import SqliteStore

NEWSDESK = [sys.executable, "-m", "newsdesk"]
COLUMNS = ["set", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "semeval B3 F1"]


def newsdesk_with_embeddings(db: Path, *args: str) -> str:
    """stdout of ``newsdesk --db DB ARGS`` from this checkout with both story embeddings."""
    env = {"PYTHONPATH": str(REPO_ROOT / "src"), "NEWSDESK_EMBEDDING": "minilm+use"}
    done = subprocess.run(
        [*NEWSDESK, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, **env),
        cwd=REPO_ROOT,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"newsdesk {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def _store(db: Path, recs: list[dict[str, Any]]) -> None:
    if db.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in recs:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"ingesting {len(recs)} records into {db} ...", file=sys.stderr)
        newsdesk_with_embeddings(db, "ingest", str(path), "--json")


def config_of(settings: list[str]) -> ClusterConfig:
    """ClusterConfig with NAME=VALUE overrides (numbers), for trying a change in replay."""
    values = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        default = getattr(ClusterConfig(), name)
        if isinstance(default, bool):
            values[name] = value.lower() in ("1", "true", "yes")
        else:
            values[name] = type(default)(value)
    return replace(ClusterConfig(), **values)


def _replay(
    db: Path, ids: list[str], gold: dict[str, str], details: bool, config: ClusterConfig
) -> dict[str, str]:
    exported = [
        json.loads(line)
        for line in newsdesk_with_embeddings(
            db, "export", "articles", "--format", "jsonl"
        ).splitlines()
    ]
    record = {a["id"]: ids[int(str(a["source"]).rsplit(":", 1)[1]) - 1] for a in exported}
    copies = {record[a["id"]]: record[a["copy_of"]] for a in exported if a.get("copy_of")}
    with SqliteStore(db) as store:
        rows = list(store.stories.replay_features())
    assigner = StoryAssigner(config)
    members: dict[str, list[str]] = defaultdict(list)
    for item in map(_restore, rows):
        doc = record[item.id]
        result = assigner.assign(item)
        live = assigner.resolve(result.story_id)
        for old in assigner.last_merged:
            members[live] += members.pop(old, [])
        if details:
            inside = members[live]
            major = Counter(gold.get(m) for m in inside).most_common(1)
            if inside and major[0][0] != gold.get(doc):
                print(f"join wrong: {doc} {gold.get(doc)} -> {major} {result.score:.3f}")
        members[live].append(doc)
    pred = {record[r.article_id]: assigner.story_of(r.article_id) for r in rows}
    for doc, original in copies.items():
        pred[doc] = pred.get(original, f"none-{doc}")
    return pred


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--db-dir", type=Path, required=True, help="stores (made if missing)")
    parser.add_argument("--details", action="store_true", help="list wrong joins")
    parser.add_argument("--set", action="append", default=[], help="ClusterConfig NAME=VALUE")
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "crosslingual_dev", ["docs.jsonl", "score.py"])
    scorer = folder / "score.py"
    args.db_dir.mkdir(parents=True, exist_ok=True)
    sets = [
        ("dev", read(folder / "docs.jsonl"), folder / "docs.jsonl", True),
        ("independent", read(INDEPENDENT), INDEPENDENT, True),
        ("independent undated", read(INDEPENDENT), INDEPENDENT, False),
    ]
    table = []
    for name, docs, gold_path, dated in sets:
        recs = records(docs, dated=dated)
        db = args.db_dir / f"{name.replace(' ', '_')}.db"
        _store(db, recs)
        gold = {d["id"]: str(d["event"]) for d in docs}
        pred = _replay(db, [r["id"] for r in recs], gold, args.details, config_of(args.set))
        metrics = score(scorer, gold_path, pred)["prediction"]
        full = row(name, "replay", metrics)
        table.append({k: full.get(k) for k in COLUMNS})
    print_table("Cross-lingual stories replayed from stored features", COLUMNS, table)


if __name__ == "__main__":
    main()
