"""The desk read as a reader reads it, on real news: a store built by ``newsdesk ingest`` from
a mix of real documents (crosslingual_dev records in en/ja/ko/zh, half without titles; PolNeAR
dev and ECB+ texts as plain files without title or date; the Common Crawl and news WARC
samples; the two seeds), then what a reader sees -- ``brief`` (text and JSON), ``stories
--json``, ``story ID --json`` and the web pages (/, /story/ID, feeds) through the ASGI app --
is scanned for each fault class of issue 13 that the reader's side owns, counted mechanically:

- ``untitled``: "Untitled" / "(untitled)" shown as a headline or feed item title
- ``unknown_outlet``: "an unknown outlet" or an empty outlet shown in a page or feed item
- ``raw_codes``: TIMEX-style codes shown to the reader ("2024-05-08TMO", "XXXX-WXX-6",
  "PRESENT_REF")
- ``repeated_timeline``: a story's timeline with the same line twice
- ``furniture_conflict``: a disagreement whose values are page furniture (stamps, bylines,
  captions) or differ only in wording (same words after case, punctuation and stop words)
- ``furniture_summary``: a summary sentence that is a caption, byline, credit, stamp or promo
- ``furniture_only_in``: a single-source fact that is page furniture
- ``non_name_speaker``: a quote's speaker that is a pronoun, "I", a role word or lower-case
- ``broken_links``: a link on a page (/, /story/ID) that answers 404/500

Run: ``python bench/desk_read.py [--eval-dir ../shared/eval] [--baseline /tmp/old]
[--keep DIR]``. ``--baseline`` runs the same from an older checkout in the same run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "desk_read"
STORY_PAGES = 25  # the largest stories read whole (`story ID --json`)
PUBLISHED = "2026-01-15"


def _half(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0


def write_inputs(root: Path, folder: Path, *, events: int = 45, ecb_topics: int = 4) -> int:
    """The mixed real input, written into ``folder``; returns the number of documents."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    cl = root / "crosslingual_dev"
    event_of = {}
    with (cl / "provenance.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            event_of[row["id"]] = row["event"]
    docs = [json.loads(line) for line in (cl / "docs.jsonl").open(encoding="utf-8")]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.get("lang") in ("en", "ja", "ko", "zh"):
            by_event.setdefault(event_of.get(doc["id"], doc["id"]), []).append(doc)
    chosen = [e for e in sorted(by_event) if len(by_event[e]) >= 2][:events]
    with (folder / "crosslingual.jsonl").open("w", encoding="utf-8") as out:
        for event in chosen:
            for doc in by_event[event]:
                record = {"id": doc["id"], "text": doc["text"]}
                if _half(doc["id"]) and doc.get("title"):
                    record["title"] = doc["title"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    for path in sorted((root / "polnear" / "dev" / "text").glob("*.txt"))[:40]:
        shutil.copy(path, folder / f"polnear-{path.name}")
        count += 1
    with (root / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if (
                int(doc["topic"]) <= ecb_topics
                and int(re.match(r"\d+", doc["doc_id"].split("_")[1]).group()) <= 6
            ):
                (folder / f"ecb-{doc['doc_id']}.txt").write_text(doc["text"], encoding="utf-8")
                count += 1
    for name in ("scrapinghub_news_20_repackaged.warc.gz", "resiliparse_warcfile.warc.gz"):
        shutil.copy(root / "warc_samples" / name, folder / name)
        count += 20 if "news" in name else 0
    seeds = root.parent / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, folder / f"seed-{path.name}")
        count += 1
    return count


_SCAN = """
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from newsdesk.settings import Settings
from newsdesk.web.app import create_app
db, ids = Path(sys.argv[1]), json.loads(sys.argv[2])
app = create_app(Settings.from_env({"NEWSDESK_DB": str(db)}))
pages = {}
with TestClient(app, base_url="http://127.0.0.1:8765") as client:
    paths = ["/", "/feeds/brief.atom", "/feeds/brief.json", "/briefs"]
    paths += [f"/story/{i}" for i in ids[:15]] + [f"/feeds/story/{i}.atom" for i in ids[:5]]
    for path in paths:
        r = client.get(path)
        pages[path] = [r.status_code, r.text]
    import re
    links = set()
    for path in ["/"] + [f"/story/{i}" for i in ids[:15]]:
        links |= set(re.findall(r'href="(/[^"#]*)"', pages[path][1]))
    broken = {}
    for link in sorted(links):
        if link.startswith("/static"):
            continue
        code = client.get(link.replace("&amp;", "&")).status_code
        if code >= 400:
            broken[link] = code
    pages["__broken__"] = [0, json.dumps(broken)]
json.dump(pages, sys.stdout)
"""


def read_desk(checkout: Path, db: Path) -> dict[str, Any]:
    """What a reader sees: CLI outputs and web pages."""
    stories = json.loads(bc.run_newsdesk(checkout, db, ["stories", "--json"]))
    full = {}
    for story in sorted(stories, key=lambda s: -len(s["articles"]))[:STORY_PAGES]:
        full[story["id"]] = json.loads(
            bc.run_newsdesk(checkout, db, ["story", story["id"], "--json"])
        )
    brief_json = json.loads(
        bc.run_newsdesk(
            checkout, db, ["brief", "--date", PUBLISHED, "--top", "20", "--format", "json"]
        )
    )
    brief_text = bc.run_newsdesk(
        checkout, db, ["brief", "--date", PUBLISHED, "--top", "20", "--format", "text"]
    )
    multi = [
        s["id"]
        for s in sorted(stories, key=lambda s: -len(s["articles"]))
        if len(s["articles"]) > 1
    ]
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    done = subprocess.run(
        [sys.executable, "-c", _SCAN, str(db), json.dumps(multi)],
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
        check=True,
    )
    return {
        "stories": stories,
        "full": full,
        "brief": brief_json,
        "brief_text": brief_text,
        "pages": json.loads(done.stdout),
    }


# --- the reader's checks (this script's own rules, written apart from newsdesk's) ---

_STAMP_WORDS = set(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "am",
        "pm",
        "gmt",
        "utc",
        "bst",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "et",
        "pt",
        "published",
        "updated",
        "posted",
        "first",
        "last",
        "at",
        "on",
    ]
)
_CAPTION = re.compile(
    r"photo(?:graph)? (?:by|credit)|image (?:copyright|caption)|getty images|\(ap photo|"
    r"media playback|enable javascript|click (?:image|here)|sign up for|breaking news e-?mails",
    re.I,
)
_PRONOUN = set(
    [
        "i",
        "he",
        "she",
        "it",
        "we",
        "they",
        "you",
        "one",
        "someone",
        "source",
        "sources",
        "this",
        "that",
        "who",
    ]
)
_RAW = re.compile(
    r"\b\d{4}-\d{2}(?:-\d{2})?T(?:MO|AF|EV|NI|DT)\b|XXXX|PRESENT_REF|PAST_REF|FUTURE_REF|"
    r"\b\d{4}-W\d{2}\b"
)
_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "we",
        "i",
        "have",
        "has",
        "had",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "and",
        "or",
    ]
)


def is_furniture(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if re.search(r"\d", text) and all(w in _STAMP_WORDS for w in words):
        return True
    return bool(_CAPTION.search(text))


def _norm_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.casefold()) if w not in _STOP]


def count_faults(seen: dict[str, Any]) -> dict[str, Any]:
    """Each fault class of the reader's side, counted over what the reader sees."""
    counts: dict[str, int] = {}
    examples: dict[str, list[str]] = {}

    def hit(kind: str, example: str) -> None:
        counts[kind] = counts.get(kind, 0) + 1
        if len(examples.setdefault(kind, [])) < 4:
            examples[kind].append(example[:140])

    brief, pages = seen["brief"], seen["pages"]
    for story in seen["stories"]:
        if re.fullmatch(r"\(?untitled(?: story)?\)?", (story.get("title") or "").strip(), re.I):
            hit("untitled", f"stories --json {story['id']}")
    for bstory in brief.get("stories", []):
        if re.fullmatch(r"\(?untitled(?: story)?\)?", bstory.get("headline", ""), re.I):
            hit("untitled", "brief headline")
        shown_only = set()
        for entry in bstory.get("only_in", []):
            for fact in entry.get("facts", []):
                shown_only.add(" ".join(fact.split()))
                if is_furniture(fact):
                    hit("furniture_only_in", fact)
        for sentence in bstory.get("summary", []):
            if is_furniture(sentence["text"]):
                hit("furniture_summary", sentence["text"])
        lines = [(t["date"], " ".join(t["text"].split())) for t in bstory.get("timeline", [])]
        for n, line in enumerate(lines):
            if line in lines[:n]:
                hit("repeated_timeline", line[1])
            if len(line[1].split()) <= 5 and line[1][-1:] not in '.…!?"”':
                hit("telegraph_timeline", line[1])
        for group in (bstory.get("perspectives") or {}).get("only_in", []):
            for fact in group.get("facts", []):
                if " ".join(fact["text"].split()) in shown_only:
                    hit("repeated_perspective", fact["text"])
        quote = bstory.get("quote") or {}
        if quote and quote.get("speaker", "").casefold() in _PRONOUN:
            hit("non_name_speaker", quote["speaker"])
        for conflict in bstory.get("conflicts", []):
            if is_furniture(" ".join(str(v["value"]) for v in conflict["values"])):
                hit("furniture_conflict", conflict["about"])
            if len({tuple(_norm_words(str(v["value"]))) for v in conflict["values"]}) == 1:
                hit("wording_conflict", conflict["about"])
    for full in seen["full"].values():
        for entry in full.get("only_in", []):
            for fact in entry.get("facts", []):
                if is_furniture(fact):
                    hit("furniture_only_in_json", fact)
        for quote in full.get("quotes", []):
            speaker = (quote.get("speaker") or "").strip()
            if speaker and (speaker.casefold() in _PRONOUN or speaker[:1].islower()):
                hit("non_name_speaker_json", speaker)
        for conflict in full.get("conflicts", []):
            values = " / ".join(str(v["value"]) for v in conflict["values"])
            if is_furniture(values):
                hit("furniture_conflict", values)
            if len({tuple(_norm_words(str(v["value"]))) for v in conflict["values"]}) == 1:
                hit("wording_conflict", values)
    text = seen["brief_text"]
    for path, (_status, body) in pages.items():
        if path == "__broken__":
            for link, code in json.loads(body).items():
                if code not in (401, 403):  # a page that asks to sign in is not broken
                    hit("broken_links", f"{link} {code}")
            continue
        for match in _RAW.finditer(body):
            hit("raw_codes", f"{path}: {match.group()}")
        if path.startswith("/feeds/") and "(untitled)" in body:
            hit("untitled", f"{path} (untitled)")
    for match in _RAW.finditer(text):
        hit("raw_codes", f"brief text: {match.group()}")
    counts["unknown_outlet_sources"] = sum(
        1
        for b in brief.get("stories", [])
        for s in b.get("sources", [])
        if s.get("outlet") in (None, "", "unknown outlet")
    )
    counts["brief_sources"] = sum(len(b.get("sources", [])) for b in brief.get("stories", []))
    return {"counts": counts, "examples": examples}


CLASSES = [
    "untitled",
    "broken_links",
    "raw_codes",
    "repeated_timeline",
    "telegraph_timeline",
    "repeated_perspective",
    "furniture_summary",
    "furniture_only_in",
    "furniture_only_in_json",
    "furniture_conflict",
    "wording_conflict",
    "non_name_speaker",
    "non_name_speaker_json",
    "unknown_outlet_sources",
    "brief_sources",
]


def main() -> None:
    parser = bc.make_parser(__doc__ or NAME)
    parser.add_argument("--baseline", type=Path, default=None, help="an older checkout to read too")
    parser.add_argument("--keep", type=Path, default=None, help="keep the store in this folder")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        db = folder / "desk.db"
        docs = 0
        if not db.exists():
            docs = write_inputs(args.eval_dir, folder / "in")
            before = os.times()
            report = json.loads(
                bc.run_newsdesk(
                    bc.REPO_ROOT,
                    db,
                    ["ingest", str(folder / "in"), "--published", PUBLISHED, "--json"],
                )
            )
            after = os.times()
            cpu = sum(after[2:4]) - sum(before[2:4])
            print(f"ingested {report.get('ingested')} of {docs}, dropped {report.get('dropped')}")
            print(f"ingest child CPU {cpu:.0f} s")
        runs = {}
        for label, checkout in [("before", args.baseline), ("after", bc.REPO_ROOT)]:
            if checkout is None:
                continue
            copy = folder / f"{label}.db"  # each checkout reads its own copy (briefs archive)
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{db}{suffix}").exists():
                    shutil.copy(f"{db}{suffix}", f"{copy}{suffix}")
            start = os.times()
            cached = folder / f"seen-{label}.json"  # what was read, kept for a rerun
            if not cached.exists():
                cached.write_text(json.dumps(read_desk(checkout, copy), ensure_ascii=False))
            runs[label] = count_faults(json.loads(cached.read_text(encoding="utf-8")))
            end = os.times()
            runs[label]["cpu_s"] = round(
                end.children_user
                + end.children_system
                - start.children_user
                - start.children_system,
                1,
            )
    rows = [
        {"class": kind, **{r: runs[r]["counts"].get(kind, 0) for r in runs}} for kind in CLASSES
    ]
    columns = ["class", *runs]
    bc.print_table("What a reader sees on the real store", columns, rows)
    notes = [
        f"{label} examples: {json.dumps(r['examples'], ensure_ascii=False)}"
        for label, r in runs.items()
    ]
    notes.append(
        f"store: {docs or 'kept'} inputs (crosslingual_dev en/ja/ko/zh, PolNeAR dev, ECB+ "
        f"topics 1-4, WARC samples, seeds), ingested once by `newsdesk ingest --published "
        f"{PUBLISHED}`, each checkout reading its own copy"
    )
    notes += [f"{label}: CPU {r['cpu_s']} s to read the desk" for label, r in runs.items()]
    bc.save_results(
        NAME,
        title="The desk read on real news: fault classes a reader sees",
        columns=columns,
        rows=rows,
        notes=notes,
        extra={"runs": runs, "classes": CLASSES},
    )


if __name__ == "__main__":
    main()
