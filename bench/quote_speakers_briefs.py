"""Who the briefs say spoke: the key-quote speakers of briefs built from the dev sets.

The texts of PolNeAR dev, MEANTIME (rebuilt from its tokens) and ECB+ go through the
commands users run: one JSON Lines file, ``newsdesk ingest``, then ``newsdesk brief
--format json --top 100000``. Every record carries the same publication day, so one
brief holds every story. Each story's key quote (``quote.speaker``) is checked:

- *pronoun*: a personal, relative or indefinite pronoun ("she", "I", "they", "one", "who");
- *not a name*: no capital letter to start it, a cue word in it ("Said Kate"), or a
  generic noun ("source", "officials", "spokesman") as its head;
- *not a story entity*: none of the story's entities (``story ID --json``: names and
  aliases) is the speaker, checked for the stories with a key quote.

The first two are the issue's target (0 in the briefs); the third lists speakers the
entity stage did not keep, for a reader to judge. Each flagged speaker is listed.

Run: ``python bench/quote_speakers_briefs.py [--eval-dir ../shared/eval] [--limit N]``
(``--limit`` takes the first N texts of each set in name order).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "quote_speakers_briefs"
NEWSDESK = [sys.executable, "-m", "newsdesk"]
DAY = "2026-01-15T09:00:00+00:00"
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "one",
        "who",
        "whom",
        "that",
        "which",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "nobody",
        "this",
        "these",
        "those",
    ]
)
CUE_WORDS = frozenset(
    ["said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "according"]
)
GENERIC = frozenset(
    [
        "source",
        "sources",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "person",
        "people",
        "man",
        "woman",
        "witness",
        "witnesses",
        "police",
        "report",
        "statement",
        "ad",
        "article",
        "letter",
    ]
)


def polnear(eval_dir: Path, limit: int | None) -> list[dict[str, Any]]:
    folder = bc.require_dir(eval_dir, "polnear", ["dev/text"]) / "dev" / "text"
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [{"id": f"polnear/{p.stem}", "text": p.read_text(encoding="utf-8")} for p in paths]


def meantime(eval_dir: Path, limit: int | None) -> list[dict[str, Any]]:
    from entity_identity_meantime import read_document

    folder = bc.require_dir(eval_dir, "meantime_en", ["intra_cross-doc_annotation"])
    paths = sorted((folder / "intra_cross-doc_annotation").glob("*/*.xml"))[:limit]
    return [{"id": f"meantime/{p.stem}", "text": read_document(p)[0]} for p in paths]


def ecbplus(eval_dir: Path, limit: int | None) -> list[dict[str, Any]]:
    folder = bc.require_dir(eval_dir, "ecbplus", ["ecbplus_docs.jsonl"])
    lines = (folder / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = sorted((json.loads(line) for line in lines if line.strip()), key=lambda d: d["doc_id"])
    return [{"id": f"ecbplus/{d['doc_id']}", "text": d["text"]} for d in docs[:limit]]


def verdict(speaker: str, entity_names: set[str] | None) -> str:
    """'' for a speaker that is a name, else why not."""
    words = speaker.replace("’", "'").split()
    if not words:
        return "not a name"
    if speaker.strip().lower() in PRONOUNS:
        return "pronoun"
    if not speaker.strip()[0].isupper():
        return "not a name"
    if any(w.lower().strip(".,") in CUE_WORDS for w in words):
        return "not a name"
    if words[-1].lower().strip(".,") in GENERIC:
        return "not a name"
    if entity_names is not None and speaker.casefold() not in entity_names:
        return "not a story entity"
    return ""


def _run(db: Path, args: list[str], env: dict[str, str]) -> Any:
    done = subprocess.run(
        [*NEWSDESK, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=bc.REPO_ROOT,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"newsdesk {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    parser = bc.make_parser(__doc__.splitlines()[0])
    args = parser.parse_args()
    sets = {
        "PolNeAR dev": polnear(args.eval_dir, args.limit),
        "MEANTIME": meantime(args.eval_dir, args.limit),
        "ECB+": ecbplus(args.eval_dir, args.limit),
    }
    env = dict(os.environ, PYTHONPATH=str(bc.REPO_ROOT / "src"))
    rows: list[bc.Row] = []
    listed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, records in sets.items():
            db = Path(tmp) / f"{name.split()[0].lower()}.db"
            path = Path(tmp) / "docs.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for record in records:
                    out.write(json.dumps({**record, "published": DAY}, ensure_ascii=False) + "\n")
            start = time.perf_counter()
            _run(db, ["ingest", str(path), "--json"], env)
            brief = _run(db, ["brief", "--format", "json", "--top", "100000"], env)
            counts = {"pronoun": 0, "not a name": 0, "not a story entity": 0}
            quoted = 0
            for story in brief["stories"]:
                quote = story.get("quote")
                if not quote or not quote.get("speaker"):
                    continue
                quoted += 1
                found = _run(db, ["story", story["id"], "--json"], env)
                names = {
                    n.casefold()
                    for e in found.get("entities", [])
                    for n in [e.get("name", ""), *e.get("aliases", [])]
                }
                why = verdict(quote["speaker"], names)
                if why:
                    counts[why] += 1
                    listed.append(f"{name}: {why}: — {quote['speaker']} (“{quote['text'][:70]}”)")
            rows.append(
                {
                    "set": name,
                    "texts": len(records),
                    "stories": len(brief["stories"]),
                    "key quotes with a speaker": quoted,
                    **counts,
                    "seconds": time.perf_counter() - start,
                }
            )
    columns = list(rows[0])
    title = "Key-quote speakers in briefs of the dev sets (newsdesk ingest + brief --format json)"
    bc.print_table(title, columns, rows)
    for line in listed:
        print(line)
    notes = [
        "every record published on one day, so one brief holds every story (--top 100000)",
        "pronoun / not a name: the issue's target is 0; 'not a story entity': the speaker is"
        " none of the story's entity names or aliases (story ID --json)",
        *(f"flagged: {line}" for line in listed),
    ]
    if args.limit:
        notes.insert(0, f"--limit {args.limit}: the first {args.limit} texts of each set")
    if not args.no_save:
        path = bc.save_results(NAME, title=title, columns=columns, rows=rows, notes=notes)
        print(f"saved {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
