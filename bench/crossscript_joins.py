"""Cross-script joins on real pages, each checked by hand: right joins and wrong ones.

The pages of ../shared/eval/crosslingual_dev (records without their gold) go through
``newsdesk ingest`` into a fresh store; every cross-script join the store then holds (a
name in ja/ko/zh text shown under a name written in another script: 芬兰 -> Finland) is
listed and looked up in bench/data/crossscript_joins.tsv, the verdicts written by hand
(``right``: the page means the entity it is shown as; ``wrong``: another one). Reported:
joins, right, wrong, not yet judged, precision (right over judged) and the mentions of
each. A join the file does not know is printed for judging: a run with one is not done.

``--before-lang REV`` puts the same pages through this working tree with
``src/newsdesk/lang`` as at ``REV`` (the joiner before a change, everything else the
same), in the same run, so the two rows differ only by the joiner. ``--src PATH`` (again
for more) puts them through another source tree first, in the same run: a ``git archive``
snapshot of the tree before a change (``PATH`` is its ``src``).

    python bench/crossscript_joins.py [--no-save] [--before-lang REV] [--src PATH] [--limit N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_common import (
    REPO_ROOT,
    ingest_annotated,
    make_parser,
    name_script,
    print_table,
    require_dir,
    save_results,
)

VERDICTS = Path(__file__).parent / "data" / "crossscript_joins.tsv"
Join = tuple[str, str, str]  # (name as written, language, name shown)


def _field(text: str) -> str:
    """A name as one TSV field (line breaks and tabs written as \\n, \\t)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unfield(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def load_verdicts(path: Path = VERDICTS) -> dict[Join, tuple[str, str]]:
    """(name, language, shown) -> (verdict, note)."""
    found: dict[Join, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        verdict, lang, text, shown, *note = line.split("\t")
        if verdict not in ("right", "wrong"):
            raise SystemExit(f"{path}: verdict must be right or wrong: {line!r}")
        found[(_unfield(text), lang, _unfield(shown))] = (verdict, note[0] if note else "")
    return found


def ingest_joins(docs: Path, src: Path, limit: int | None) -> dict[str, Any]:
    """``newsdesk ingest`` of the pages with the tree ``src``; every cross-script join in
    the store, with its mention count and the types it was seen with."""
    articles, notes, cpu = ingest_annotated(docs, src, limit)
    joins: dict[Join, int] = {}
    types: dict[Join, set[str]] = {}
    for key, found in notes.items():
        language = articles.get(key) or ""
        if language not in {"ja", "ko", "zh"}:
            continue
        for mention in found.entities:
            shown = mention.canonical or mention.text
            if name_script(shown) != name_script(mention.text):
                join = (mention.text, language, shown)
                joins[join] = joins.get(join, 0) + 1
                types.setdefault(join, set()).add(mention.type)
    return {
        "articles": len(articles),
        "cpu_s": round(cpu, 1),
        "_joins": joins,
        "_types": types,
    }


def tally(found: dict[str, Any], verdicts: dict[Join, tuple[str, str]]) -> dict[str, Any]:
    """The joins of one run against the verdicts."""
    joins: dict[Join, int] = found["_joins"]
    right = [j for j in joins if verdicts.get(j, ("",))[0] == "right"]
    wrong = [j for j in joins if verdicts.get(j, ("",))[0] == "wrong"]
    unjudged = [j for j in joins if j not in verdicts]
    judged = len(right) + len(wrong)
    return {
        "articles": found["articles"],
        "joins": len(joins),
        "right": len(right),
        "wrong": len(wrong),
        "unjudged": len(unjudged),
        "precision": len(right) / judged if judged else 1.0,
        "right_mentions": sum(joins[j] for j in right),
        "wrong_mentions": sum(joins[j] for j in wrong),
        "cpu_s": found["cpu_s"],
        "_right": sorted(right, key=lambda j: (j[2], j[0])),
        "_wrong": sorted(wrong, key=lambda j: (j[2], j[0])),
        "_unjudged": sorted(unjudged, key=lambda j: (j[2], j[0])),
    }


def _show(join: Join, found: dict[str, Any]) -> str:
    text, lang, shown = join
    kinds = "/".join(sorted(found["_types"].get(join, ())))
    return f"{text!r} ({lang}, {kinds}) -> {shown!r} x{found['_joins'][join]}"


def before_tree(rev: str, into: Path) -> Path:
    """This working tree's src/ with ``src/newsdesk/lang`` as at ``rev``."""
    src = into / "src"
    shutil.copytree(REPO_ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(src / "newsdesk" / "lang")
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", rev, "src/newsdesk/lang"],
        capture_output=True, check=True,
    )  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return src


def main() -> int:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--before-lang", default=None, help="a revision of src/newsdesk/lang")
    parser.add_argument(
        "--src", type=Path, action="append", default=[], help="another tree's src, run first"
    )
    args = parser.parse_args()
    docs = require_dir(args.eval_dir, "crosslingual_dev", ["docs.jsonl"]) / "docs.jsonl"
    verdicts = load_verdicts()
    runs: list[tuple[str, Path]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.before_lang:
            runs.append((f"lang/ at {args.before_lang}", before_tree(args.before_lang, Path(tmp))))
        runs += [(f"src {path}", path.resolve()) for path in args.src]
        runs.append(("this tree", REPO_ROOT / "src"))
        raw = [(label, ingest_joins(docs, src, args.limit)) for label, src in runs]
    rows = [dict(tally(found, verdicts), run=label) for label, found in raw]
    columns = [
        "run", "articles", "joins", "right", "wrong", "unjudged", "precision",
        "right_mentions", "wrong_mentions", "cpu_s",
    ]  # fmt: skip
    print_table("Cross-script joins on crosslingual_dev (ingest), checked by hand", columns, rows)
    listing: list[str] = []
    for (label, found), row in zip(raw, rows, strict=True):
        others = [f["_joins"] for lab, f in raw if lab != label]
        for kind in ("_wrong", "_unjudged"):
            for join in row[kind]:
                line = f"[{label}] {kind[1:]}: {_show(join, found)}"
                if others and all(join not in o for o in others):
                    line += " (only here)"
                listing.append(line)
        for join in row["_right"]:
            if others and all(join not in o for o in others):
                listing.append(f"[{label}] right, only here: {_show(join, found)}")
    for line in listing:
        print(" ", line)
    unjudged = sorted({j for row in rows for j in row["_unjudged"]})
    if unjudged:
        print(f"{len(unjudged)} joins not in {VERDICTS.name}; judge them by hand:")
        for text, lang, shown in unjudged:
            print(f"?\t{lang}\t{_field(text)}\t{_field(shown)}")
    if not args.no_save:
        notes = [
            f"verdicts: bench/data/{VERDICTS.name} ({len(verdicts)} joins, checked by hand "
            "against the page text); precision = right / (right + wrong)",
            *listing,
        ]
        clean = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]
        lists = {
            label: {
                kind[1:]: [_show(j, found) for j in row[kind]]
                for kind in ("_right", "_wrong", "_unjudged")
            }
            for (label, found), row in zip(raw, rows, strict=True)
        }
        path = save_results(
            "crossscript_joins",
            title="Cross-script joins on crosslingual_dev (ingest), checked by hand",
            columns=columns,
            rows=clean,
            notes=notes,
            extra={"joins": lists},
        )
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
