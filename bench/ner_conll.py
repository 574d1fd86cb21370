"""NER on CoNLL-2003: plain spaCy sm beside newsdesk's EntityRecognizer, in one run.

Both read the same spaCy docs (one per sentence, built from the gold tokens); newsdesk
post-processes each CoNLL document (-DOCSTART- to -DOCSTART-) as one context, so a
surname or a mistyped repeat is corrected from the document's other mentions. Spans are
scored exactly (CoNLL style, micro-averaged): PER/LOC/ORG F1 and all-type F1 (with MISC).

    python bench/ner_conll.py [--eval-dir ../shared/eval] [--splits test conllpp]

Type mapping: PERSON->PER; GPE, LOC, FAC->LOC; ORG->ORG; NORP, EVENT, PRODUCT,
WORK_OF_ART, LAW, LANGUAGE->MISC; numbers, dates and times are not CoNLL entities.
"""

from __future__ import annotations

import bisect
import sys
import time
from collections import Counter
from pathlib import Path

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))

from newsdesk.annotate import nlp as nlp_module
from newsdesk.annotate.entities import EntityRecognizer

SPLITS = {
    "test": "test.txt",
    "valid": "valid.txt",
    "conllpp": "conllpp_test.txt",
    "train": "train.txt",
}
TO_CONLL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
TO_CONLL.update(
    dict.fromkeys(("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"), "MISC")
)
MAIN = ("PER", "LOC", "ORG")

Span = tuple[int, int, int, str]  # sentence, first token, end token, type
Sentence = tuple[list[str], list[str]]


def read_conll(path: Path) -> list[list[Sentence]]:
    """Documents of sentences of (words, IOB2 tags)."""
    docs: list[list[Sentence]] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            if not docs:
                docs.append([])
            docs[-1].append((list(words), list(tags)))
            words.clear()
            tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            docs.append([])
        elif not line.strip():
            flush()
        else:
            parts = line.split()
            words.append(parts[0])
            tags.append(parts[-1])
    flush()
    return [d for d in docs if d]


def gold_spans(sent_id: int, tags: list[str]) -> set[Span]:
    spans = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            spans.add((sent_id, start, i, str(kind)))
            start, kind = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


def char_spans(sent_id: int, doc: object, items: list[tuple[int, int, str]]) -> set[Span]:
    spans = set()
    for start, end, label in items:
        kind = TO_CONLL.get(label)
        span = doc.char_span(start, end, alignment_mode="expand")  # type: ignore[attr-defined]
        if kind and span is not None and len(span):
            spans.add((sent_id, span.start, span.end, kind))
    return spans


def _ents(doc: object) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # type: ignore[attr-defined]


def _by_sentence(first: int, offsets: list[int], spans: set[Span]) -> set[Span]:
    """Document token spans -> sentence token spans (a span across a boundary is cut)."""
    out = set()
    for _, start, end, kind in spans:
        n = bisect.bisect_right(offsets, start) - 1
        base = offsets[n]
        out.add((first + n, start - base, min(end, offsets[n + 1]) - base, kind))
    return out


def score(gold: set[Span], pred: set[Span], kinds: tuple[str, ...]) -> dict[str, float]:
    g = {s for s in gold if s[3] in kinds}
    p = {s for s in pred if s[3] in kinds}
    tp = len(g & p)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1}


def run_split(path: Path, limit: int | None) -> dict[str, dict[str, float]]:
    from spacy.tokens import Doc

    nlp = nlp_module.load(parser=False)
    recognizer = EntityRecognizer(nlp=nlp)
    documents = read_conll(path)[:limit]
    gold: set[Span] = set()
    plain: set[Span] = set()
    ours: set[Span] = set()
    sent_id = 0
    started = time.perf_counter()
    docs = []
    for sentences in documents:
        words = [w for ws, _ in sentences for w in ws]
        starts = [i == 0 for ws, _ in sentences for i in range(len(ws))]
        docs.append(Doc(nlp.vocab, words=words, sent_starts=starts))
    for sentences, doc in zip(documents, nlp.pipe(docs, batch_size=64), strict=True):
        ann = recognizer.annotate_group([doc])[0]
        offsets = [0]
        for ws, _ in sentences:
            offsets.append(offsets[-1] + len(ws))
        for n, (_, tags) in enumerate(sentences):
            gold |= gold_spans(sent_id + n, tags)
        plain |= _by_sentence(sent_id, offsets, char_spans(0, doc, _ents(doc)))
        mine = [(m.start, m.end, m.type) for m in ann.mentions]
        ours |= _by_sentence(sent_id, offsets, char_spans(0, doc, mine))
        sent_id += len(sentences)
    elapsed = time.perf_counter() - started
    results = {}
    for name, pred in (("plain spaCy sm", plain), ("newsdesk", ours)):
        row = {f"{k}_f1": score(gold, pred, (k,))["f1"] for k in (*MAIN, "MISC")}
        main = score(gold, pred, MAIN)
        row.update({"PLO_p": main["p"], "PLO_r": main["r"], "PLO_f1": main["f1"]})
        row["all_f1"] = score(gold, pred, (*MAIN, "MISC"))["f1"]
        results[name] = row
    results["_meta"] = {
        "documents": len(documents),
        "sentences": sent_id,
        "gold_spans": len(gold),
        "seconds": elapsed,
        "gold_by_type": dict(Counter(s[3] for s in gold)),
    }
    return results


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["test", "conllpp"], choices=list(SPLITS))
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "conll2003", [SPLITS[s] for s in args.splits])
    columns = ["split", "system", "PLO_p", "PLO_r", "PLO_f1", "PER_f1", "LOC_f1", "ORG_f1"]
    columns += ["MISC_f1", "all_f1"]
    rows = []
    meta = {}
    for split in args.splits:
        results = run_split(folder / SPLITS[split], args.limit)
        meta[split] = results.pop("_meta")
        for system, row in results.items():
            rows.append({"split": split, "system": system, **row})
    print_table("NER on CoNLL-2003 (exact spans, micro F1)", columns, rows)
    if args.no_save:
        return
    notes = [
        "PLO = PER/LOC/ORG micro-averaged; all = PER/LOC/ORG/MISC.",
        "Same spaCy docs for both systems (en_core_web_sm 3.8.0, no parser, one doc per "
        "sentence from the gold tokens); newsdesk = EntityRecognizer.annotate_group over each "
        "-DOCSTART- document (its context for surnames and type votes).",
        "Mapping: PERSON->PER; GPE/LOC/FAC->LOC; ORG->ORG; NORP/EVENT/PRODUCT/WORK_OF_ART/"
        "LAW/LANGUAGE->MISC.",
        "conllpp = CoNLL++ (the corrected test set, Wang et al. 2019).",
        f"Sizes: {meta}",
    ]
    path = save_results(
        "ner_conll",
        title="NER on CoNLL-2003: plain spaCy sm vs newsdesk",
        columns=columns,
        rows=rows,
        notes=notes,
        extra={"meta": meta},
    )
    print(f"saved {path}")


if __name__ == "__main__":
    main()
