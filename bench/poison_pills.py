"""Poison pills: inputs that once broke every later ingest, measured end to end.

Each case is written into a temporary folder and ingested with ``newsdesk ingest --json``
(a fresh store per case, models loaded, as a user would run it); then an ordinary article
is ingested into the same store, and ``brief`` is built for the day. Reported: exit codes,
whether JSON came out, ``failed``, wall seconds and the peak memory of the ingest process.
A second table times the annotator alone on long texts (one process, models warm) and the
embedder on a 5 MB single line.

    python bench/poison_pills.py
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_common import make_parser, print_table, save_results

NEWSDESK = [sys.executable, "-m", "newsdesk"]
TIME = shutil.which("time") or "/usr/bin/time"  # GNU time: the peak memory of one command
ORDINARY = (
    "Harbour reopens after storm\n\n"
    "The Brannock harbour reopened on Tuesday after a storm closed it for two days, the port "
    "authority said. “We will have every berth working by Friday,” harbour master Ana Petrova "
    "told reporters. Ferries to the islands resumed at noon.\n"
)
SENTENCES = [
    "The council met on Monday to discuss the budget for the harbour district.",
    "Officials said the new ferry terminal would open next spring, two years late.",
    "“We have listened to the fishers,” said the mayor, Ana Petrova, after the vote.",
    "Protesters gathered outside the town hall in Brannock before the meeting began.",
]


def _cases() -> dict[str, tuple[str, str]]:
    """name -> (file name, content)."""
    paragraph = " ".join(SENTENCES[i % 4] for i in range(20_000))  # ~1.5 M characters
    far = {"id": "far", "published": "9999-12-31", "title": "Council to meet",
           "text": "The council will meet on Monday to settle the budget, and again next year."
                   " It met last week and will report next month."}  # fmt: skip
    early = dict(far, id="early", published="0001-01-01")
    said = (
        "‘‘We will rebuild the bridge before winter,’’ ’’ said on Monday.\n\n"
        "“The money is there,’’ the mayor told reporters. Work starts soon."
    )
    quote = {"id": "quote", "published": "2026-03-12", "title": "Bridge work", "text": said}
    return {
        "1.5M-character paragraph (.txt)": ("paragraph.txt", "Long report\n\n" + paragraph),
        "5 MB single line (.txt)": ("line.txt", "x" * 5_000_000),
        "5 MB single line of words (.txt)": ("words.txt", "word " * 1_000_000),
        "JSONL published 9999-12-31 and 0001-01-01": (
            "dates.jsonl",
            json.dumps(far) + "\n" + json.dumps(early) + "\n",
        ),
        "quote closed with ’’ (JSONL)": ("quote.jsonl", json.dumps(quote) + "\n"),
    }


def _run(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """(exit code, stdout, seconds, peak RSS in MB of that command, by GNU time)."""
    report = cwd / "time.txt"
    started = time.monotonic()
    proc = subprocess.run(
        [TIME, "-f", "%M", "-o", str(report), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=3600,
    )
    seconds = time.monotonic() - started
    peak_kb = int(report.read_text().split()[-1]) if report.exists() else 0
    return proc.returncode, proc.stdout, seconds, peak_kb / 1024


def _end_to_end(work: Path) -> list[dict[str, Any]]:
    rows = []
    for n, (name, (file_name, content)) in enumerate(_cases().items()):
        folder = work / f"case{n}"
        folder.mkdir()
        (folder / file_name).write_text(content, encoding="utf-8")
        db = work / f"case{n}.db"
        code, out, seconds, peak = _run(
            [*NEWSDESK, "--db", str(db), "ingest", str(folder / file_name), "--json"], work
        )
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            report = None
        (work / f"ok{n}.txt").write_text(ORDINARY, encoding="utf-8")
        next_code, _, _, _ = _run(
            [*NEWSDESK, "--db", str(db), "ingest", str(work / f"ok{n}.txt"),
             "--published", "2026-03-12", "--json"], work)  # fmt: skip
        brief_code, _, _, _ = _run(
            [*NEWSDESK, "--db", str(db), "brief", "--date", "2026-03-12"], work
        )
        rows.append(
            {
                "input": name,
                "exit": code,
                "json": report is not None,
                "ingested": report["ingested"] if report else "-",
                "failed": report.get("failed", "-") if report else "-",
                "seconds": round(seconds, 1),
                "peak MB": round(peak),
                "next ingest exit": next_code,
                "brief exit": brief_code,
            }
        )
        print(rows[-1], flush=True)
    return rows


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(label: str, started: float) -> dict[str, Any]:
    seconds = round(time.monotonic() - started, 1)
    return {"step": label, "seconds": seconds, "process peak MB": round(_peak_mb())}


def _components() -> list[dict[str, Any]]:
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.article import Article
    from newsdesk.cluster.features import features_batch

    rows = []
    annotator = Annotator()
    list(annotator.annotate_texts(["Warm up the models, said Ana Petrova."], [None]))
    for chars in (10_000, 100_000, 300_000, 1_000_000):
        text = " ".join(SENTENCES[i % 4] for i in range(chars // 70 + 1))[:chars]
        started = time.monotonic()
        list(annotator.annotate_texts([text], [None]))
        rows.append(_step(f"annotate {chars:,} characters", started))
        print(rows[-1], flush=True)
    for label, body in (("x" * 5_000_000, "5 MB single line"), ("word " * 1_000_000, "5 MB words")):
        article = Article(source="bench", format="text", raw="", text=label, id="a", title="T")
        started = time.monotonic()
        features_batch([article])
        rows.append(_step(f"embed + features, {body}", started))
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="poison_") as tmp:
        rows = _end_to_end(Path(tmp))
    parts = _components()
    title = "Poison pills: one bad input ingested, then an ordinary ingest and the brief"
    columns = list(rows[0])
    print_table(title, columns, rows)
    print_table("Cost per article, models warm", list(parts[0]), parts)
    if not args.no_save:
        save_results(
            "poison_pills",
            title=title,
            columns=columns,
            rows=rows,
            notes=[
                "Each input in a fresh store with default settings (text capped at"
                " NEWSDESK_MAX_TEXT_CHARS = 100,000 characters by the readers; the annotator"
                " parses pieces of 100,000 characters up to NEWSDESK_ANNOTATE_MAX_CHARS;"
                " the embedder sees at most 2,000 characters).",
                "'peak MB' is the ingest process's maximum resident set (models included);"
                " seconds include loading the models (spaCy, MiniLM) in that process.",
                "Cost per article (models warm, one process, repeated sentences):",
                *(
                    f"- {p['step']}: {p['seconds']} s, process peak {p['process peak MB']} MB"
                    for p in parts
                ),
            ],
            extra={"components": parts},
        )


if __name__ == "__main__":
    main()
