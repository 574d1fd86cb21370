"""Bodies flagged "cut off" on real pages: how often the desk says so, and whether it is so.

The web desk tells a reader "This article is cut off in the source; the end is missing." for
every article flagged ``truncated_end``, and summaries leave out a flagged article's last
sentence. Every set goes through the command users run (``newsdesk ingest``, one store per
set), and the flags are read back with ``newsdesk export articles``:

- AEB pages: the 181 real news pages of scrapinghub_aeb as HTML (complete articles: the
  benchmark's gold bodies are whole);
- trafilatura pages: every third of trafilatura_eval's 990 pages (news, blogs, shops) as HTML;
- ECB+ texts: the 982 news texts as JSON Lines records (complete articles);
- AEB bodies, whole: each gold ``articleBody`` as a JSON Lines record: nothing is cut;
- AEB bodies, cut: the same bodies cut by this script inside their last paragraph of prose,
  at a word in its middle (never right after a stop), nothing after it: every one is cut.

A flag on a whole body is a false alarm; a cut body without one is a miss. On the pages
and ECB+ texts the flagged share is reported with each flagged text's last line (a JSON
file under bench/out/), to be read. ``--src`` runs another tree's ``src`` beside this one.

Run: ``python bench/truncation_flags.py [--eval-dir ../shared/eval] [--src OTHER/src]``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "truncation_flags"
REPO_ROOT = Path(__file__).resolve().parent.parent
OUT = REPO_ROOT / "bench" / "out" / "truncation_flags.json"
_STOPS = ".!?…\"'”’»)"
_NEWSDESK = (sys.executable, "-m", "newsdesk", "--db")


def _hash(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16)


def cut_body(body: str) -> str | None:
    """The body cut inside its last paragraph of prose (8 words or more, ending in a stop),
    at a word between 40% and 70% of it, never right after a stop, and nothing after it, as
    a feed or a scraper cuts a page; None when no paragraph qualifies."""
    paragraphs = [p for p in body.strip().split("\n") if p.strip()]
    prose = [
        i for i, p in enumerate(paragraphs) if len(p.split()) >= 8 and p.rstrip()[-1] in _STOPS
    ]
    if not prose:
        return None
    words = paragraphs[prose[-1]].split()
    low, high = int(len(words) * 0.4), int(len(words) * 0.7)
    places = [i for i in range(max(low, 3), high + 1) if words[i - 1][-1] not in _STOPS]
    if not places:
        return None
    at = places[_hash(body) % len(places)]
    return "\n\n".join([*paragraphs[: prose[-1]], " ".join(words[:at])])


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_inputs(eval_dir: Path, into: Path, limit: int | None) -> dict[str, Path]:
    aeb = bc.require_dir(eval_dir, "scrapinghub_aeb", ["ground-truth.json", "html"])
    traf = bc.require_dir(eval_dir, "trafilatura_eval", ["html"])
    ecb = bc.require_dir(eval_dir, "ecbplus", ["ecbplus_docs.jsonl"])
    sets: dict[str, Path] = {}
    pages = into / "aeb_pages"
    pages.mkdir()
    for path in sorted((aeb / "html").glob("*.gz"))[:limit]:
        shutil.copy(path, pages / path.name)
    sets["AEB pages"] = pages
    pages = into / "trafilatura_pages"
    pages.mkdir()
    for number, path in enumerate(sorted((traf / "html").glob("*.gz"))[::3][:limit]):
        shutil.copy(path, pages / f"page{number:04d}.html.gz")
    sets["trafilatura pages"] = pages
    lines = (ecb / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines()[:limit]
    docs = [json.loads(line) for line in lines if line.strip()]
    _write_jsonl(into / "ecb.jsonl", [{"id": d["doc_id"], "text": d["text"]} for d in docs])
    sets["ECB+ texts"] = into / "ecb.jsonl"
    gold = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [(key, gold[key]["articleBody"]) for key in sorted(gold)][:limit]
    whole = [{"id": key, "text": body} for key, body in bodies if body and body.strip()]
    cut = [{"id": key, "text": c} for key, body in bodies if (c := cut_body(body or ""))]
    _write_jsonl(into / "aeb_whole.jsonl", whole)
    _write_jsonl(into / "aeb_cut.jsonl", cut)
    sets["AEB bodies, whole"] = into / "aeb_whole.jsonl"
    sets["AEB bodies, cut"] = into / "aeb_cut.jsonl"
    return sets


def run_set(src: Path, source: Path, tmp: Path) -> tuple[list[dict[str, Any]], float]:
    """Ingest ``source`` with the tree ``src`` into a fresh store; the exported articles."""
    db = tmp / f"store-{_hash(str(src) + str(source)) % 10**8}.db"
    env = dict(os.environ, PYTHONPATH=str(src), HF_HUB_OFFLINE="1")
    start = time.perf_counter()
    subprocess.run(
        [*_NEWSDESK, str(db), "ingest", str(source), "--no-stories", "--json"],
        env=env,
        capture_output=True,
        check=True,
    )
    exported = subprocess.run(
        [*_NEWSDESK, str(db), "export", "articles", "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - start
    return [json.loads(line) for line in exported.splitlines() if line.strip()], seconds


def last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][-160:] if lines else ""


def main() -> None:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="another tree's src to run beside this one")
    args = parser.parse_args()
    trees = [("this tree", REPO_ROOT / "src")]
    if args.src:
        trees.insert(0, (str(args.src), args.src.resolve()))
    rows, examples = [], {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sets = build_inputs(args.eval_dir, tmp, args.limit)
        for tree, src in trees:
            for set_name, source in sets.items():
                articles, seconds = run_set(src, source, tmp)
                flagged = [a for a in articles if "truncated_end" in (a.get("flags") or [])]
                rows.append(
                    {
                        "tree": tree,
                        "set": set_name,
                        "articles": len(articles),
                        "flagged cut": len(flagged),
                        "share": round(len(flagged) / len(articles), 3) if articles else None,
                        "seconds": round(seconds, 1),
                    }
                )
                examples[f"{tree} | {set_name}"] = [last_line(a.get("text")) for a in flagged]
    columns = ["tree", "set", "articles", "flagged cut", "share", "seconds"]
    bc.print_table("Bodies flagged cut off (truncated_end)", columns, rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.no_save:
        notes = [
            "each set ingested with `newsdesk ingest --no-stories` into a store of its own, flags "
            "read with `newsdesk export articles --format jsonl`",
            "AEB bodies, whole: the gold articleBody of each page (nothing cut: every flag is a "
            "false alarm); AEB bodies, cut: the same bodies cut by the bench inside their last "
            "paragraph of prose (8+ words ending in a stop) between 40% and 70% of its words, "
            "never after a stop, nothing after it (every one is cut: a text without the flag "
            "is a miss)",
            "AEB pages, trafilatura pages (every third of 990), ECB+ texts: real pages and texts; "
            "each flagged text's last line is in bench/out/truncation_flags.json, to be read",
        ]
        title = __doc__.splitlines()[0]
        bc.save_results(NAME, title=title, columns=columns, rows=rows, notes=notes)


if __name__ == "__main__":
    main()
