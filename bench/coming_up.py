"""Past or future: relative weekdays and months in real news, and the brief's "Coming up".

The label file (bench/data/coming_up_labels.json) marks, by hand, each weekday or month name
in the PolNeAR dev texts and MEANTIME English as past (on or before publication), future or
not a date, with the calendar value it names; it is keyed by document id and character
offsets and holds no text. Each system ingests the same records through ``newsdesk ingest``
(JSON Lines with the publication date), then ``newsdesk brief --date D --top 50 --format
json`` runs for every publication day and its "coming_up" items are scored:

- coming-up precision: items whose date a labelled expression in that article names and
  which the label calls future, over all items shown (an item no label covers — an
  absolute date such as "Sept. 30" — counts as wrong unless ``absolute`` in the label file
  marks it future);
- resolution accuracy: the stored value of each labelled expression (the annotation
  ``ingest`` stored, read from the store: no command prints dates) equals the label's
  value (day for weekdays, month for months); direction accuracy: past/future/not-a-date
  agree;

beside the old behaviour (the same commands at ``--baseline REV``, a git revision run from
``git archive``) and a plain baseline computed from the labels' publication dates:
forward resolution (the next such day or month on or after publication; every forward
date after publication is "coming up").

    python bench/coming_up.py [--baseline 8f52299] [--no-save]
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import bench_common as bc

if str(bc.REPO_ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(bc.REPO_ROOT / "src"))

NAME = "coming_up"
LABELS = bc.REPO_ROOT / "bench" / "data" / "coming_up_labels.json"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
COLUMNS = [
    "system", "labelled", "found", "resolution_acc", "direction_acc", "future_labels_ok",
    "coming_up", "coming_up_right", "coming_up_precision", "seconds",
]  # fmt: skip


def _shown_future() -> set[tuple[str, str]]:
    """(doc, day) the label file's ``shown`` part marks as a real event still to come."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return {(x["doc"], x["value"]) for x in data.get("shown", []) if x["label"] == "future"}


SHOWN_FUTURE = _shown_future()


def rescore(path: Path) -> list[dict[str, Any]]:
    """The saved run's rows with its coming-up items judged again against the label file
    (after items no label covered were labelled by hand from the sentences shown)."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["items"]
    relative = {(it["doc"], it["value"]) for it in labels if it["label"] == "future"}
    rows = []
    for row in saved["rows"]:
        items = [j for j in saved["coming_up_items"] if j["system"] == row["system"]]
        if not items and row["system"].startswith("newsdesk"):
            continue
        if items:
            for j in items:
                key = (j["doc"], j["date"])
                j["right"] = j["right"] or key in SHOWN_FUTURE or key in relative
            right = sum(j["right"] for j in items)
            row = dict(row, coming_up_right=right, coming_up_precision=right / len(items))
        rows.append(row)
    return rows


def meantime_text(path: Path) -> str:
    """A MEANTIME article's text as the labels' offsets were taken from it: its tokens
    joined by one space, a new line between sentences (not as printed)."""
    root = ElementTree.parse(path).getroot()
    pieces: list[str] = []
    last_sentence = None
    for token in root.iter("token"):
        sentence = token.get("sentence")
        if pieces:
            pieces.append("\n" if sentence != last_sentence else " ")
        pieces.append(token.text or "")
        last_sentence = sentence
    return "".join(pieces)


def documents(eval_dir: Path) -> dict[str, dict[str, Any]]:
    """doc id -> text, publication day and title (PolNeAR dev; MEANTIME with its DCT)."""
    docs: dict[str, dict[str, Any]] = {}
    polnear = eval_dir / "polnear"
    with (polnear / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    for path in sorted((polnear / "dev" / "text").glob("*.txt")):
        row = meta.get(path.stem)
        if row and row["publication_date"] not in ("", "None"):
            docs["polnear/" + path.stem] = {
                "text": path.read_text(encoding="utf-8"),
                "published": row["publication_date"],
                "title": row["title"],
                "outlet": row["publisher"],
            }
    for path in sorted((eval_dir / "meantime_en" / "intra-doc_annotation").glob("*/*.xml")):
        raw = path.read_text(encoding="utf-8")
        start = raw.find('functionInDocument="CREATION_TIME"')
        tag = raw[raw.rfind("<", 0, start) : raw.find(">", start)] if start >= 0 else ""
        value = tag.split('value="', 1)[1].split('"', 1)[0] if 'value="' in tag else ""
        if len(value) < 10 or value[4] != "-":
            continue  # no usable creation time
        text = meantime_text(path)
        docs["meantime/" + path.stem] = {
            "text": text,
            "published": value[:10],
            "title": text.split("\n", 1)[0][:120],
            "outlet": "Wikinews",
        }
    return docs


def forward(word: str, published: dt.date) -> str | None:
    """The plain baseline: the next such weekday (or month) on or after publication."""
    word = word.lower()
    if word in WEEKDAYS:
        ahead = (WEEKDAYS.index(word) - published.weekday()) % 7
        return (published + dt.timedelta(days=ahead)).isoformat()
    if word in MONTHS:
        month = MONTHS.index(word) + 1
        year = published.year if month >= published.month else published.year + 1
        return f"{year:04d}-{month:02d}"
    return None


def direction(value: str | None, published: dt.date) -> str:
    """past (on or before publication), future or not-a-date, by the first day the value
    covers (newsdesk.timex.first_day): compared as strings, a week ("2009-W13" > "2009-04")
    or a part of publication's own day ("2016-09-26TNI" > "2016-09-26") read as after it."""
    if not value or not value[:4].isdigit():
        return "not-a-date"
    from newsdesk.timex import first_day

    day = first_day(value)
    if day is not None:
        return "future" if day > published else "past"
    return "future" if value > published.isoformat()[: len(value)] else "past"  # a decade


def _env(src: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(src), NEWSDESK_EMBEDDING="minilm+use")


def _newsdesk(db: Path, args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"newsdesk {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def _locate(source: str, start: int, end: int, stored: str) -> int | None:
    """Where the labelled word sits in the stored (cleaned) text: its left context found."""
    word = source[start:end]
    for width in (40, 20, 10, 4):
        left = " ".join(source[max(0, start - width) : start].split())
        if not left:
            continue
        probe = " ".join(stored.split())  # whitespace-normalised copy, then mapped back
        at = probe.find(left + (" " if source[start - 1 : start].isspace() else "") + word)
        if at >= 0:
            return _unnormalised(stored, at + len(left) + (1 if source[start - 1].isspace() else 0))
    return None


def _unnormalised(text: str, index: int) -> int:
    """The offset in ``text`` of character ``index`` of its whitespace-normalised form."""
    count, previous_space, i = 0, True, 0
    for i, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        if count == index:
            return i
        count += 1
    return i


def run_system(
    label: str,
    src: Path,
    docs: dict[str, dict[str, Any]],
    items: list[dict[str, Any]],
    reuse: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ingest, brief every day, and score: the row and the coming-up items shown."""
    env = _env(src)
    began = time.perf_counter()
    work = bc.REPO_ROOT / "bench" / "out" / NAME / label.replace("@", "_")
    work.mkdir(parents=True, exist_ok=True)
    path, db = work / "docs.jsonl", work / "bench.db"
    order = sorted(docs)
    if not (reuse and db.exists()):
        for old in work.glob("bench.db*"):
            old.unlink()
        with path.open("w", encoding="utf-8") as out:
            for doc_id in order:
                doc = docs[doc_id]
                record = {
                    "id": doc_id,
                    "title": doc["title"],
                    "text": doc["text"],
                    "outlet": doc["outlet"],
                    "published": f"{doc['published']}T12:00:00+00:00",
                    "url": "https://bench.invalid/" + doc_id,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        _newsdesk(db, ["ingest", str(path), "--json"], env)
    days = sorted({d["published"] for d in docs.values()})

    def brief(day: str) -> list[dict[str, Any]]:
        args = ["brief", "--date", day, "--top", "50", "--format", "json"]
        found: list[dict[str, Any]] = json.loads(_newsdesk(db, args, env)).get("coming_up", [])
        return found

    with ThreadPoolExecutor(max_workers=4) as pool:  # each brief is its own process
        shown = [c for items_of_day in pool.map(brief, days) for c in items_of_day]
    stored = _stored(db, src)
    seconds = time.perf_counter() - began
    doc_of = {a["id"]: order[int(a["source"].rsplit(":", 1)[1]) - 1] for a in stored.values()}
    by_doc = {doc_of[i]: a for i, a in stored.items()}
    return _score(label, docs, items, by_doc, doc_of, shown, seconds)


def _stored(db: Path, src: Path) -> dict[str, dict[str, Any]]:
    """Each stored article's id, source line, body and date annotations (read in a child
    process that imports ``src``, so the baseline reads its own store)."""
    code = (
        "import json,sys\n"
        "from newsdesk.store import SqliteStore\n"
        "out={}\n"
        "with SqliteStore(sys.argv[1]) as s:\n"
        "    new=hasattr(s,'db')\n"  # a store of repositories (s.articles.articles) or older
        "    arts=s.articles.articles(limit=100000) if new else s.articles(limit=100000)\n"
        "    notes=(s.annotations if new else s).annotations_of([a.id for a in arts])\n"
        "    for a in arts:\n"
        "        n=notes.get(a.id)\n"
        "        out[a.id]={'id':a.id,'source':a.source,'body':a.body,'dates':[\n"
        "            {'start':d.start,'end':d.end,'value':d.value,\n"
        "             'frame':getattr(d,'frame',None)}\n"
        "            for d in (n.dates if n else [])]}\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        env=_env(src),
        check=True,
    )
    data: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return data


def _score(
    label: str,
    docs: dict[str, dict[str, Any]],
    items: list[dict[str, Any]],
    by_doc: dict[str, dict[str, Any]],
    doc_of: dict[str, str],
    shown: list[dict[str, Any]],
    seconds: float,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    found = resolved = directed = future_ok = 0
    located: dict[str, list[tuple[int, int, dict[str, Any]]]] = {}
    for item in items:
        doc = docs[item["doc"]]
        article = by_doc.get(item["doc"])
        published = dt.date.fromisoformat(doc["published"])
        at = None if article is None else _locate(doc["text"], item["start"], item["end"],
                                                   article["body"])  # fmt: skip
        if at is None:
            continue
        found += 1
        end = at + (item["end"] - item["start"])
        located.setdefault(item["doc"], []).append((at, end, item))
        value = next(
            (d["value"] for d in article["dates"] if d["start"] <= at < d["end"] or
             at <= d["start"] < end),
            None,
        )  # fmt: skip
        value = value if value and value[:4].isdigit() else None
        want = item["value"]
        ok = (want is None and value is None) or (
            want is not None and value is not None and value[: len(want)] == want
            and (len(want) == 7 or len(value) < 8 or value[7:8] == "-")
        )  # fmt: skip
        resolved += ok
        directed += direction(value, published) == item["label"]
        future_ok += ok and item["label"] == "future"
    right = 0
    judged = []
    for c in shown:
        doc_id = doc_of.get(c["article_id"], "")
        match = [
            it for _, _, it in located.get(doc_id, [])
            if it["value"] == c["date"] and it["label"] == "future"
        ] or [(doc_id, c["date"])] * ((doc_id, c["date"]) in SHOWN_FUTURE)  # fmt: skip
        right += bool(match)
        judged.append({"system": label, "doc": doc_id, "date": c["date"], "right": bool(match),
                       "sentence_chars": len(c["text"])})  # fmt: skip
    futures = sum(1 for it in items if it["label"] == "future")
    row = {
        "system": label,
        "labelled": len(items),
        "found": found,
        "resolution_acc": resolved / found if found else 0.0,
        "direction_acc": directed / found if found else 0.0,
        "future_labels_ok": f"{future_ok}/{futures}",
        "coming_up": len(shown),
        "coming_up_right": right,
        "coming_up_precision": right / len(shown) if shown else 0.0,
        "seconds": seconds,
    }
    return row, judged


def forward_row(docs: dict[str, dict[str, Any]], items: list[dict[str, Any]]) -> dict[str, Any]:
    resolved = directed = shown = right = future_ok = 0
    for item in items:
        doc = docs[item["doc"]]
        published = dt.date.fromisoformat(doc["published"])
        value = forward(doc["text"][item["start"] : item["end"]], published)
        ok = value == item["value"]
        resolved += ok
        directed += direction(value, published) == item["label"]
        future_ok += ok and item["label"] == "future"
        if value and len(value) == 10 and value > published.isoformat():
            shown += 1
            right += ok and item["label"] == "future"
    futures = sum(1 for it in items if it["label"] == "future")
    return {
        "system": "forward resolution (labels' words)",
        "labelled": len(items),
        "found": len(items),
        "resolution_acc": resolved / len(items),
        "direction_acc": directed / len(items),
        "future_labels_ok": f"{future_ok}/{futures}",
        "coming_up": shown,
        "coming_up_right": right,
        "coming_up_precision": right / shown if shown else 0.0,
        "seconds": "",
    }


def _archive(rev: str, into: Path) -> Path:
    """``src/`` of git revision ``rev``, unpacked under ``into``."""
    data = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src"],
        capture_output=True,
        cwd=bc.REPO_ROOT,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main() -> None:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="8f52299", help="git revision of the old code")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the stores in bench/out/coming_up (no ingest)"
    )
    parser.add_argument(
        "--reuse-baseline", action="store_true", help="keep the baseline's store only"
    )
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="judge the saved run's coming-up items again against the label file (no run)",
    )
    args = parser.parse_args()
    if args.rescore:
        saved_path = bc.RESULTS_DIR / f"{NAME}.json"
        saved = json.loads(saved_path.read_text(encoding="utf-8"))
        rows = rescore(saved_path)
        title = "Relative weekdays and months in real news: resolution and the brief's Coming up"
        bc.print_table(title, COLUMNS, rows)
        notes = [
            *saved.get("notes", []),
            "Rescored (--rescore): coming-up items no relative "
            "label covered were labelled by hand (label file, 'shown') and judged again.",
        ]
        judged_again = [j for j in json.loads(saved_path.read_text())["coming_up_items"]]
        for j in judged_again:
            j["right"] = (
                j["right"]
                or (j["doc"], j["date"]) in SHOWN_FUTURE
                or any(
                    it["doc"] == j["doc"] and it["value"] == j["date"] and it["label"] == "future"
                    for it in json.loads(LABELS.read_text(encoding="utf-8"))["items"]
                )
            )
        bc.save_results(NAME, title=title, columns=COLUMNS, rows=rows, notes=notes,
                        extra={"coming_up_items": judged_again})  # fmt: skip
        return
    eval_dir = Path(args.eval_dir)
    docs = documents(eval_dir)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    items = [it for it in labels["items"] if it["doc"] in docs]
    print(f"{len(docs)} documents, {len(items)} labelled expressions "
          f"{dict(Counter(it['label'] for it in items))}", file=sys.stderr)  # fmt: skip
    rows = []
    judged: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(run_system, "newsdesk", bc.REPO_ROOT / "src", docs, items,
                            args.reuse)]  # fmt: skip
        if not args.no_baseline:  # the old code in the same run, side by side
            old = _archive(args.baseline, Path(tmp))
            reuse = args.reuse or args.reuse_baseline
            runs.append(pool.submit(run_system, f"newsdesk@{args.baseline}", old, docs, items,
                                    reuse))  # fmt: skip
        for run in runs:
            row, shown = run.result()
            rows.append(row)
            judged += shown
    rows.append(forward_row(docs, items))
    title = "Relative weekdays and months in real news: resolution and the brief's Coming up"
    bc.print_table(title, COLUMNS, rows)
    for j in judged:
        if not j["right"]:
            print(f"  wrong coming-up ({j['system']}): {j['doc']} {j['date']}", file=sys.stderr)
    if not args.no_save:
        notes = [
            f"{len(docs)} documents (PolNeAR dev with publication_date, MEANTIME English with "
            f"a creation time); {len(items)} labelled expressions "
            f"({dict(Counter(it['label'] for it in items))}).",
            "newsdesk: newsdesk ingest (JSONL) then brief --date D --top 50 --format json for "
            "every publication day; the stored date annotations are read from the store.",
            f"newsdesk@{args.baseline}: the same commands on the code of that revision.",
            "forward resolution: the labelled word resolved to the next such day or month on "
            "or after publication; every day it lands after publication is 'coming up'.",
            "found: labelled expressions located in the stored (cleaned) article text.",
        ]
        path = bc.save_results(NAME, title=title, columns=COLUMNS, rows=rows, notes=notes,
                               extra={"coming_up_items": judged})  # fmt: skip
        print(f"saved {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
