"""Headlines and the brief's intro on real news ingested as plain text: never debris.

The dev sets go through the commands users run, each half (dev / held-out, by a hash of the
document id) into a store of its own: ECB+, MEANTIME and PolNeAR dev as one ``.txt`` file per
document (no title given), crosslingual_dev as JSON Lines records without ``title``; then
``newsdesk stories --json``, ``newsdesk export articles --format jsonl`` and ``newsdesk brief
--format json``. A story's headline must be

- a real title or a lead extract of one of its members: a line of the member's text, or the
  start of one of its sentences (a cut ending in "…"), the dateline allowed to be dropped; and
- not debris, judged here by this script's own rules for the classes the issue names (media
  and caption notices, share bars, photo credits, page stamps and date-only lines, bare
  datelines, promos), written independently of newsdesk's cleaner.

The intro ("Today: A, B and C.") is checked with the same debris rules. ``--baseline PATH`` runs
the same commands from another checkout (``git worktree add /tmp/old <commit>``) in the same
run, for the before figure.

Run: ``python bench/headlines.py [--eval-dir ../shared/eval] [--baseline /tmp/old]``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import bench_common as bc
from eval_pages import crosslingual, ecbplus, meantime, split

NAME = "headlines"
PUBLISHED = "2026-01-15"

# the debris classes of issue 13, written for this check (not the cleaner's rules)
_DEBRIS = re.compile(
    r"javascript|enable (?:your )?(?:browser|flash)|media playback|unsupported on your device|"
    r"^share (?:on|via|this)\b|\b(?:facebook|twitter) (?:share|tweet|email)\b|"
    r"^share on facebook|click (?:the )?image|view (?:the )?graphic|"
    r"getty images|/ contributor|\bcontributor$|image copyright|image caption|media caption|"
    r"breaking news (?:e-?mails|alerts)|get breaking news|sign up for (?:our|the)|"
    r"last updated at|^(?:updated|posted|published)\s*:",
    re.IGNORECASE,
)
_DATE_WORD = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|am|pm)?|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|"
    r"sep\w*|oct\w*|nov\w*|dec\w*|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|"
    r"am|pm|gmt|utc|[a-z]{1,3}t|at|on|updated|posted|published|last)$",
    re.IGNORECASE,
)
_BARE_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s*[\w .'-]+)?\s*[|:\-–—]\s*$")
_LEADING_DATELINE = re.compile(
    r"^.{0,60}?\([A-Za-z .&]{1,20}\)\s*[-—–:]*\s*|^[A-Z][A-Z .,'-]+[—–-]+\s*"
)


def is_debris(headline: str) -> bool:
    text = headline.strip()
    if _DEBRIS.search(text) or _BARE_DATELINE.match(text):
        return True
    tokens = [t for t in re.split(r"[\s,/|:.@()\-–—]+", text) if t]
    if not tokens or (len(tokens) < 2 and not re.search(r"[\u3040-\u9fff\uac00-\ud7af]", text)):
        return True
    return all(_DATE_WORD.match(t) for t in tokens)


def _norm(text: str) -> str:
    """Spaces collapsed, case folded, two apostrophes read as the double quote they stand
    for, and a line's final stop or deck separator off (inside closing quotes too), as the
    desk prints a headline line ("… Spring.’" -> "… Spring’", "side doors;")."""
    text = re.sub(r"\s+", " ", text).strip().casefold().replace("''", '"')
    return re.sub(r"(?<!\.\.)[.;:,]+(?=[\"'”’»)]*$)", "", text)


def from_members(headline: str, texts: list[str]) -> bool:
    """A line of a member's text, or the start of one of its sentences (a lead extract)."""
    head = _norm(headline.split(" | ")[0])
    cut = head.endswith("…")
    head = head.rstrip("…").rstrip(" .")
    for text in texts:
        for line in text.splitlines():
            line = _norm(line)
            if not line:
                continue
            if line.rstrip(" .") == head:
                return True
            for candidate in (line, _norm(_LEADING_DATELINE.sub("", line))):
                if head and candidate.startswith(head) and (cut or len(head) >= 12):
                    return True
                if head and head in candidate and cut:
                    return True
    return False


def _write_inputs(folder: Path, docs: list[tuple[str, str, str]]) -> dict[str, str]:
    """Plain-text sets as one .txt per document; crosslingual as one JSONL without titles.
    Returns each source name as ingest reports it (path, or path:line) -> the text written."""
    sources: dict[str, str] = {}
    records = []
    for set_name, doc_id, text in docs:
        if set_name in ("crosslingual", "jsonl"):
            records.append({"id": doc_id, "text": text})
            continue
        safe = re.sub(r"[^\w.-]", "_", f"{set_name}-{doc_id}")[:120]
        path = folder / f"{safe}.txt"
        path.write_text(text, encoding="utf-8")
        sources[str(path)] = text
    if records:
        path = folder / "records.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for number, record in enumerate(records, start=1):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                sources[f"{path}:{number}"] = record["text"]
    return sources


def run_system(checkout: Path, docs: list[tuple[str, str, str]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        sources = _write_inputs(folder, docs)
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        report = json.loads(
            bc.run_newsdesk(
                checkout, db, ["ingest", str(folder), "--published", PUBLISHED, "--json"]
            )
        )
        stories = json.loads(bc.run_newsdesk(checkout, db, ["stories", "--json"]))
        exported = bc.run_newsdesk(checkout, db, ["export", "articles", "--format", "jsonl"])
        brief = json.loads(
            bc.run_newsdesk(
                checkout, db, ["brief", "--date", PUBLISHED, "--top", "20", "--format", "json"]
            )
        )
        seconds = time.perf_counter() - start
    articles = {}
    for line in exported.splitlines():
        if line.strip():
            row = json.loads(line)
            articles[row["id"]] = row
    rows = []
    for story in stories:
        members = [articles[i] for i in story["articles"] if i in articles]
        texts = [sources.get(m.get("source") or "", m.get("text") or "") for m in members]
        rows.append(
            {
                "title": story["title"] or "",
                "size": len(story["articles"]),
                "debris": is_debris(story["title"] or ""),
                "from_members": from_members(story["title"] or "", texts),
            }
        )
    multi = [r for r in rows if r["size"] >= 2]
    intro = brief.get("intro", "")
    intro_debris = [s["headline"] for s in brief.get("stories", [])[:3] if is_debris(s["headline"])]
    return {
        "docs": len(docs),
        "ingested": report.get("ingested"),
        "dropped": report.get("dropped", {}),
        "stories": len(rows),
        "multi_stories": len(multi),
        "debris_headlines": sum(r["debris"] for r in rows),
        "debris_multi": sum(r["debris"] for r in multi),
        "not_from_members": sum(not r["from_members"] for r in rows),
        "intro": intro,
        "intro_debris_names": len(intro_debris) + bool(_DEBRIS.search(intro)),
        "seconds": round(seconds, 1),
        "examples_debris": [r["title"] for r in rows if r["debris"]][:15],
        "examples_not_from_members": [r["title"] for r in rows if not r["from_members"]][:10],
    }


_TITLES_SCRIPT = """
import json, sys
from newsdesk.article import Article
from newsdesk.clean import TextCleaner
cleaner = TextCleaner()
out = []
for fmt, text in json.load(sys.stdin):
    article = Article(source="bench", format=fmt, raw=text, text=text)
    try:
        cleaner.clean(article)
    except Exception:
        pass
    out.append(article.title)
json.dump(out, sys.stdout)
"""


def article_titles(checkout: Path, docs: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The title each record gets from that checkout's cleaner (what `articles` shows)."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    payload = json.dumps([("jsonl" if s == "jsonl" else "text", t) for s, _, t in docs])
    done = subprocess.run(
        [sys.executable, "-c", _TITLES_SCRIPT],
        input=payload,
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
        check=True,
    )
    titles = json.loads(done.stdout)
    debris = [t for t in titles if t and is_debris(t)]
    return {
        "records": len(titles),
        "untitled": sum(1 for t in titles if not t),
        "debris_titles": len(debris),
        "examples_debris": debris[:15],
    }


def load_docs(
    root: Path, topics: int, polnear: int = 84, meantime_docs: int = 120
) -> list[tuple[str, str, str]]:
    """ECB+ (the first ``topics`` topics) and PolNeAR dev as text files, MEANTIME as JSONL
    records without titles (and crosslingual_dev with ``--crosslingual``)."""
    docs: list[tuple[str, str, str]] = []
    for set_name, doc_id, article in ecbplus(root):
        if int(doc_id.split("_")[0]) <= topics:
            docs.append((set_name, doc_id, article.raw))
    for path in sorted((root / "polnear" / "dev" / "text").glob("*.txt"))[:polnear]:
        docs.append(("polnear", path.stem, path.read_text(encoding="utf-8")))
    for _, doc_id, article in list(meantime(root))[:meantime_docs]:
        docs.append(("jsonl", doc_id, article.raw))
    return docs


def main() -> None:
    parser = bc.make_parser(__doc__ or NAME)
    parser.add_argument("--baseline", type=Path, default=None, help="an older checkout to run too")
    parser.add_argument(
        "--no-stories",
        dest="stories",
        action="store_false",
        help="only the article-title table (no ingest)",
    )
    parser.add_argument("--topics", type=int, default=12, help="ECB+ topics 1..N (default 12)")
    parser.add_argument(
        "--polnear", type=int, default=84, help="PolNeAR dev documents (default all 84)"
    )
    parser.add_argument(
        "--meantime", type=int, default=120, help="MEANTIME documents (default all 120)"
    )
    args = parser.parse_args()
    root = args.eval_dir
    bc.require_dir(root, "ecbplus", ["ecbplus_docs.jsonl"])
    docs = load_docs(root, args.topics, args.polnear, args.meantime)
    all_docs = load_docs(root, 999, 84, 120) + [
        ("jsonl", doc_id, article.raw) for _, doc_id, article in crosslingual(root)
    ]
    if args.limit:
        docs = docs[: args.limit]
    systems = {"newsdesk (this checkout)": bc.REPO_ROOT}
    if args.baseline:
        systems = {f"baseline ({args.baseline})": args.baseline, **systems}
    jobs = [
        (name, checkout, half, [d for d in docs if split(d[1]) == half])
        for half in ("dev", "held-out")
        for name, checkout in systems.items()
    ]
    # each job is its own newsdesk processes: run them side by side
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(
            pool.map(lambda job: run_system(job[1], job[3]), jobs if args.stories else [])
        )
    rows = []
    for (name, _, half, _), result in zip(jobs if args.stories else [], results, strict=True):
        rows.append({"system": name, "half": half, **result})
        print(f"{name} {half}: {result['debris_headlines']} debris headlines", file=sys.stderr)
    title_rows = []
    for half in ("dev", "held-out"):
        part = [d for d in all_docs if split(d[1]) == half]
        for name, checkout in systems.items():
            result = article_titles(checkout, part)
            title_rows.append({"system": name, "half": half, **result})
    title_columns = ["system", "half", "records", "untitled", "debris_titles"]
    bc.print_table("Article titles from the cleaner (all records)", title_columns, title_rows)
    columns = [
        "system",
        "half",
        "docs",
        "ingested",
        "stories",
        "multi_stories",
        "debris_headlines",
        "debris_multi",
        "not_from_members",
        "intro_debris_names",
        "seconds",
    ]
    bc.print_table("Story headlines and brief intros on real news as plain text", columns, rows)
    if args.no_save:
        return
    notes = [
        f"Sets: ECB+ topics 1-{args.topics} and the first {args.polnear} PolNeAR dev documents "
        f"as one .txt per document, the first {args.meantime} MEANTIME documents as JSONL "
        "records without title; halves by a hash of the doc id. "
        "All four runs side by side on one machine.",
        f"Commands: `newsdesk ingest DIR --published {PUBLISHED} --json`, `stories --json`, "
        "`export articles --format jsonl`, `brief --date ... --top 20 --format json`.",
        "debris = this script's own rules for the issue's classes (media/caption notices, share "
        "bars, credits, page stamps and date-only lines, bare datelines, promos); "
        "not_from_members = headline neither a line of a member's text nor the start of one of "
        "its sentences.",
    ]
    for row in rows:
        notes.append(f"{row['system']} {row['half']} debris examples: {row['examples_debris'][:8]}")
        notes.append(f"{row['system']} {row['half']} intro: {row['intro'][:300]!r}")
        notes.append(f"{row['system']} {row['half']} dropped: {row['dropped']}")
    notes.append(
        "Article titles (below): every record of ECB+ (982), PolNeAR dev (84), MEANTIME (120) "
        "and crosslingual_dev (501, JSONL without titles) through each checkout's TextCleaner; "
        "debris judged by the same rules."
    )
    notes.append("\n" + bc.markdown_table(title_columns, title_rows) + "\n")
    for row in title_rows:
        notes.append(f"{row['system']} {row['half']} debris titles: {row['examples_debris'][:10]}")
    bc.save_results(
        NAME if args.stories else f"{NAME}_titles",
        title="Headlines on real news ingested as plain text",
        columns=columns,
        rows=[{k: v for k, v in row.items() if not k.startswith("examples")} for row in rows],
        notes=notes,
        extra={
            "titles": title_rows,
            "examples": [{k: v for k, v in r.items() if k.startswith("examples")} for r in rows],
        },
    )


if __name__ == "__main__":
    main()
