"""Japanese name readings: Sudachi alone (what the parent of a run now loads) against GiNZA.

The cross-script joiner in a run's parent reads Japanese names (and names in Han
characters in Chinese text) with :func:`newsdesk.lang.ja.readings`, which now calls
Sudachi's tokenizer alone instead of loading GiNZA. This bench puts every name of
../shared/eval/crosslingual_dev through both: the names GiNZA finds in the Japanese
pages, the names the Chinese pack finds in the Chinese pages, and every run of 2 to 8
Han or katakana characters in the ja/zh/ko pages (far more strings than names, so a
difference in how a word is cut or read shows), plus a few composed strings with the
whitespace and punctuation cases GiNZA's tokenizer treats apart. Reported: strings,
readings that differ, and the CPU seconds each backend took to load.

    python bench/pipeline_ja_readings.py [--no-save] [--limit N]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from typing import Any

from bench_common import make_parser, print_table, require_dir, save_results

# whitespace and punctuation cases of GiNZA's tokenizer (composed here)
COMPOSED = (
    "高市 早苗", "高市  早苗", " 高市", "高市 ", "\u3000高市\u3000早苗", "東京\n大阪", "東京\t大阪",
    "ドナルド・トランプ", "「岸田」", "安倍晋三、", "A,B", "A，B", "東京,大阪", "x|y=z", "1,000人",
    "Ｇ７", "ABC ニュース", "   ", "", "...",
)  # fmt: skip

LOAD = """
import sys, time
from newsdesk.executors.warm import prepare
prepare(worker=False)
t = time.process_time()
from newsdesk.lang import ja
{load}
print(time.process_time() - t)
"""


def _load_cpu(load: str) -> float:
    """CPU seconds a fresh process spends loading one backend (the imports included)."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD.format(load=load)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def ginza_readings(name: str) -> list[str]:
    """The readings as newsdesk read them through GiNZA before (``load().make_doc``)."""
    from newsdesk.lang import ja

    doc = ja.load().make_doc(name[: ja.MAX_PIECE])
    parts = []
    for token in doc:
        reading = token.morph.get("Reading")
        parts.append(reading[0] if reading else token.text)
    found = ja._romaji(" ".join(parts))
    return [found] if found.strip() else []


def names(docs: list[dict[str, Any]]) -> set[str]:
    from newsdesk.lang import ja, zh

    found: set[str] = set(COMPOSED)
    for doc in docs:
        text = (doc.get("title") or "") + "\n" + doc["text"]
        if doc["lang"] == "ja":
            found.update(text[s:e] for s, e, _ in ja.entities(text))
        if doc["lang"] == "zh":
            found.update(text[s:e] for s, e, _ in zh.entities(text))
        if doc["lang"] in {"ja", "zh", "ko"}:
            found.update(re.findall(r"[\u3400-\u9fff\u30a0-\u30ff]{2,8}", text))
    return found


def main() -> int:
    parser = make_parser(__doc__.splitlines()[0])
    args = parser.parse_args()
    path = require_dir(args.eval_dir, "crosslingual_dev", ["docs.jsonl"]) / "docs.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs = docs[: args.limit] if args.limit else docs
    from newsdesk.executors.warm import prepare

    prepare(worker=False)
    from newsdesk.lang import ja

    strings = sorted(names(docs))
    differ = []
    started = time.process_time()
    for name in strings:
        before, now = ginza_readings(name), ja.readings(name)
        if before != now:
            differ.append({"name": name, "ginza": before, "sudachi": now})
    cpu = time.process_time() - started
    rows = [
        {
            "strings": len(strings),
            "readings_differ": len(differ),
            "ginza_load_cpu_s": round(_load_cpu("ja.load()"), 3),
            "sudachi_load_cpu_s": round(_load_cpu("ja._sudachi()"), 3),
            "compare_cpu_s": round(cpu, 2),
        }
    ]
    columns = list(rows[0])
    title = "Japanese readings: Sudachi alone vs GiNZA on crosslingual_dev names"
    print_table(title, columns, rows)
    for d in differ:
        print(f"  differs: {d['name']!r}: GiNZA {d['ginza']} / Sudachi {d['sudachi']}")
    if not args.no_save:
        notes = [
            "strings: names GiNZA finds in the ja pages, names the zh pack finds in the zh "
            "pages, every run of 2-8 Han/katakana characters in the ja/zh/ko pages, and "
            f"{len(COMPOSED)} composed whitespace/punctuation cases",
            "load CPU s: a fresh process (spaCy kept from importing torch, as a run does), "
            "the imports included; ginza = ja.load() (GiNZA without parser/morphologizer), "
            "sudachi = ja._sudachi() (the tokenizer readings() uses)",
        ]
        out = save_results(
            "pipeline_ja_readings", title=title, columns=columns, rows=rows, notes=notes,
            extra={"differ": differ},
        )  # fmt: skip
        print(f"wrote {out}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
