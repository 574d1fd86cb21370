"""Disagreements the brief shows on real news, each judged by hand: same fact or not.

The store: the ECB+ dev topics (odd topic numbers; every document a JSON Lines record with
its id, text and, where ECB+ has one, its url) and crosslingual_dev (id, title, text), ingested
once by ``newsdesk ingest --published 2026-01-15`` as a user would. Then ``newsdesk brief
--date 2026-01-15 --top N --format json`` is run from two source trees over that one store --
``--before`` (a checkout of an older commit) and this tree -- and every disagreement the
brief shows is listed: the story's ``conflicts`` and its perspectives' ``disagreements``.

Each disagreement is judged by hand in ``bench/data/disagreements_verdicts.json`` (key: a
hash of what it is about and its values): ``right`` when the values are the same fact given
differently (a number, date or name about one thing), ``wrong`` when they differ in wording,
are page furniture, are different facts, or a number about a different thing. A
disagreement not judged yet is counted ``unjudged`` and listed, so a change that shows new
ones cannot hide them.

    python bench/disagreements.py [--eval-dir ../shared/eval] [--before /tmp/old]
        [--keep DIR] [--top 400] [--held-out]

``--held-out`` reads the ECB+ *even* topics alone instead (no crosslingual_dev: it has no
held-out half here), for a check once at the end that nothing was tuned to the dev half;
its tally is written to ``bench/results/disagreements_heldout.*``.

With ``--keep`` the store and what each tree's brief showed are kept there; a kept "before"
is read back (the same store and old tree give the same answer), so a rerun briefs only this
tree (the CPU seconds of "before" are those of its first run); ``--reuse`` reads this tree's
back too, to re-tally after judging.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "disagreements"
PUBLISHED = "2026-01-15"
INGEST_KEYS = ("ingested", "duplicates", "dropped", "failed", "cpu_s", "wall_s")
VERDICTS = Path(__file__).parent / "data" / "disagreements_verdicts.json"


def write_inputs(root: Path, folder: Path, *, held_out: bool = False) -> int:
    """The ECB+ dev topics and crosslingual_dev as JSON Lines files (``held_out``: the ECB+
    even topics alone); the record count."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    parity = 0 if held_out else 1
    with (
        (root / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh,
        (folder / "ecbplus_dev.jsonl").open("w", encoding="utf-8") as out,
    ):
        for line in fh:
            doc = json.loads(line)
            if int(doc["topic"]) % 2 == parity:
                record = {"id": f"ecb-{doc['doc_id']}", "text": doc["text"]}
                if doc.get("url"):
                    record["url"] = doc["url"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    if held_out:
        return count
    with (
        (root / "crosslingual_dev" / "docs.jsonl").open(encoding="utf-8") as fh,
        (folder / "crosslingual_dev.jsonl").open("w", encoding="utf-8") as out,
    ):
        for line in fh:
            doc = json.loads(line)
            record = {"id": doc["id"], "text": doc["text"]}
            if doc.get("title"):
                record["title"] = doc["title"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def ingest(checkout: Path, db: Path, folder: Path) -> dict[str, Any]:
    """``newsdesk ingest FOLDER --published D --json`` (one worker); its answer and CPU s."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"), NEWSDESK_WORKERS="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "ingest", str(folder),
         "--published", PUBLISHED, "--json"],
        capture_output=True, text=True, env=env, cwd=checkout, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    answer = json.loads(done.stdout)
    answer["cpu_s"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1)
    answer["wall_s"] = round(time.monotonic() - start, 1)
    return answer


def key_of(about: str, values: list[str]) -> str:
    """A disagreement's stable key: what it is about and its sorted values."""
    text = json.dumps([about, sorted(" ".join(v.split()) for v in values)], ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def shown(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """Every disagreement the brief shows: conflicts and perspectives' disagreements."""
    found: dict[str, dict[str, Any]] = {}
    for story in brief.get("stories", []):
        rows = [
            (c["about"], [str(v["value"]) for v in c["values"]], "conflicts")
            for c in story.get("conflicts", [])
        ]
        perspectives = story.get("perspectives") or {}
        rows += [
            (d["about"], [str(v["value"]) for v in d["values"]], "perspectives")
            for d in perspectives.get("disagreements", [])
        ]
        for about, values, where in rows:
            key = key_of(about, values)
            entry = found.setdefault(
                key,
                {"key": key, "headline": story.get("headline"), "about": about,
                 "values": values, "where": []},
            )  # fmt: skip
            if where not in entry["where"]:
                entry["where"].append(where)
    return list(found.values())


def forget_readings(checkout: Path, db: Path) -> None:
    """Drop the story readings kept in the store (by an earlier brief of the same tree, or
    the ingest's read-ahead), so every tree's brief computes its readings: cold, comparable."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"), NEWSDESK_WORKERS="1")
    code = (
        "import sys\nfrom newsdesk.store.sqlite import SqliteStore\n"
        "with SqliteStore(sys.argv[1]) as store:\n    store.story_readings.forget_readings()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], env=env, cwd=checkout, check=True)


def brief(checkout: Path, db: Path, top: int) -> tuple[dict[str, Any], float]:
    forget_readings(checkout, db)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = bc.run_newsdesk(
        checkout, db, ["brief", "--date", PUBLISHED, "--top", str(top), "--format", "json"]
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return json.loads(out), round(cpu, 1)


# the comparison alone (conflicts, then perspectives), timed in one process per tree over
# every story of the store, members and annotations loaded first; two passes (the first
# pays the lazy loads: the gazetteer, the word lists)
_COMPARE_CPU = r"""
import json, sys, time
from newsdesk.store.sqlite import SqliteStore
from newsdesk.summarize.compare import compare_outlets
from newsdesk.outlets.perspectives import story_perspectives

with SqliteStore(sys.argv[1]) as store:
    registry = store.outlets.outlet_registry()
    stories = []
    for row in store.stories.stories():
        found = store.stories.articles_by_id(row.articles)
        members = [found[i] for i in row.articles if i in found]
        stories.append((members, store.annotations.annotations_of([a.id for a in members])))
passes = []
for _ in range(2):
    start, shown = time.process_time(), 0
    for members, notes in stories:
        shown += len(compare_outlets(members, notes).conflicts)
        shown += len(story_perspectives(members, notes, registry).disagreements)
    passes.append(round(time.process_time() - start, 2))
print(json.dumps({"passes": passes, "shown": shown, "stories": len(stories)}))
"""


def compare_cpu(checkout: Path, db: Path) -> dict[str, Any]:
    """CPU seconds of the comparison alone over every story, run from ``checkout``."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"), NEWSDESK_WORKERS="1")
    done = subprocess.run(
        [sys.executable, "-c", _COMPARE_CPU, str(db)],
        capture_output=True, text=True, env=env, cwd=checkout, check=True,
    )  # fmt: skip
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def _head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=bc.REPO_ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def tally(found: list[dict[str, Any]], verdicts: dict[str, Any]) -> dict[str, int]:
    counts = {"shown": len(found), "right": 0, "wrong": 0, "unjudged": 0}
    for entry in found:
        verdict = verdicts.get(entry["key"], {}).get("verdict", "unjudged")
        counts[verdict if verdict in counts else "unjudged"] += 1
    return counts


def main() -> None:
    parser = bc.make_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="an older source checkout, same run")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the store in this folder")
    parser.add_argument("--top", type=int, default=400, help="brief --top (all stories)")
    parser.add_argument("--before-ref", default="", help="what --before is (a commit), noted")
    parser.add_argument("--after", type=Path, help="the newer checkout (default: this tree)")
    parser.add_argument("--after-ref", default="", help="what --after is (a commit), noted")
    parser.add_argument(
        "--reuse", action="store_true", help="re-tally the kept briefs of both trees (judging)"
    )
    parser.add_argument(
        "--held-out", action="store_true", help="the ECB+ even topics instead (check once)"
    )
    parser.add_argument("--note", action="append", default=[], help="a note for the results")
    parser.add_argument(
        "--compare-cpu",
        action="store_true",
        help="also time the comparison alone, each tree in turn (two passes each)",
    )
    args = parser.parse_args()
    name = f"{NAME}_heldout" if args.held_out else NAME
    corpus = ("ECB+ held-out topics (even numbers)" if args.held_out
              else "ECB+ dev topics (odd numbers) and crosslingual_dev")  # fmt: skip
    root = bc.require_dir(args.eval_dir, "ecbplus", ["ecbplus_docs.jsonl"]).parent
    verdicts = json.loads(VERDICTS.read_text(encoding="utf-8")) if VERDICTS.exists() else {}
    work = args.keep or Path(tempfile.mkdtemp(prefix="disagreements-"))
    work.mkdir(parents=True, exist_ok=True)
    db, inputs = work / "store.db", work / "inputs"
    records = write_inputs(root, inputs, held_out=args.held_out)
    ingested: dict[str, Any] = {}
    if not db.exists():
        ingested = ingest(bc.REPO_ROOT, db, inputs)
        (work / "ingest.json").write_text(json.dumps(ingested), encoding="utf-8")
    elif (work / "ingest.json").exists():
        ingested = json.loads((work / "ingest.json").read_text(encoding="utf-8"))
    trees = [("before", args.before)] if args.before else []
    trees.append(("after", args.after or bc.REPO_ROOT))
    rows, listed = [], {}
    for label, tree in trees:
        cached = work / f"shown-{label}.json"
        if (label == "before" or args.reuse) and cached.exists():  # one store, one answer
            read = json.loads(cached.read_text(encoding="utf-8"))
        else:
            answer, cpu = brief(tree, db, args.top)
            read = {"stories": len(answer.get("stories", [])), "cpu": cpu}
            read["found"] = shown(answer)
            cached.write_text(json.dumps(read, ensure_ascii=False), encoding="utf-8")
        found = [{k: e[k] for k in ("key", "headline", "about", "values", "where")} for e in
                 read["found"]]  # fmt: skip
        listed[label] = found
        counts = tally(found, verdicts)
        rows.append({"tree": label, "stories": read["stories"], **counts,
                     "brief_cpu_s": read["cpu"]})  # fmt: skip
    columns = ["tree", "stories", "shown", "right", "wrong", "unjudged", "brief_cpu_s"]
    if args.compare_cpu:  # the trees in turn, same store, same load as near as can be
        columns += ["compare_cpu_s", "compare_warm_s"]
        for row, (_, tree) in zip(rows, trees, strict=True):
            timed = compare_cpu(tree, db)
            row["compare_cpu_s"], row["compare_warm_s"] = timed["passes"]
    bc.print_table("Disagreements the brief shows, judged by hand", columns, rows)
    for label, found in listed.items():
        for entry in found:
            verdict = verdicts.get(entry["key"], {})
            entry["verdict"] = verdict.get("verdict", "unjudged")
            entry["why"] = verdict.get("why", "")
        fresh = [e for e in found if e["verdict"] == "unjudged"]
        for entry in fresh:
            print(f"[{label}] UNJUDGED {entry['key']} {entry['about']!r}: {entry['values']}")
    notes = [
        f"store: {corpus}, {records} records, "
        f"ingested once by `newsdesk ingest --published {PUBLISHED}` with "
        f"{ingested.get('tree') or 'this tree'} "
        f"(one worker): {json.dumps({k: ingested.get(k) for k in INGEST_KEYS})}",
        f"read: `newsdesk brief --date {PUBLISHED} --top {args.top} --format json` from each "
        "tree over that one store, cold (the story readings kept in the store dropped first, "
        "so brief_cpu_s is each tree computing every reading); every conflict and "
        "perspectives disagreement, each "
        "judged by hand (bench/data/disagreements_verdicts.json: right = one fact given "
        "differently; wrong = wording, furniture, different facts, a number about a "
        "different thing)",
        "before: "
        + (f"{args.before} ({args.before_ref})" if args.before else "not run")
        + (
            f"; after: {args.after} ({args.after_ref})"
            if args.after
            else f"; after: this working tree (HEAD when tallied: {_head()})"
        ),
        "a disagreement is judged right only when every value it shows is the same fact; one "
        "whose core is one fact but which also shows values about other things is wrong (mixed)",
    ]
    notes += args.note
    if args.compare_cpu:
        notes.append(
            "compare_cpu_s / compare_warm_s: CPU seconds of the comparison alone "
            "(compare_outlets and story_perspectives over every story, members and annotations "
            "loaded first), one process per tree run in turn, first pass (with the lazy loads) "
            "and second pass"
        )
    for label, found in listed.items():
        notes.append(f"{label}: " + "; ".join(
            f"[{e['verdict']}] {e['about']}: {' / '.join(v[:80] for v in e['values'])}"
            + (f" ({e['why']})" if e["why"] else "")
            for e in found
        ))  # fmt: skip
    path = bc.save_results(
        name,
        title="Disagreements the brief shows on real news, judged by hand",
        columns=columns,
        rows=rows,
        notes=notes,
        extra={"shown": listed, "ingest": ingested},
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
