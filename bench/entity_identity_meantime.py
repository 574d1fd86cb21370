"""Cross-document entity identity on MEANTIME (English): newsdesk's NameIndex vs exact match.

Gold: every named mention (syntactic_type NAM) of a person, organisation or place that
the annotators linked to a corpus-level instance (ENTITY instance_id), over all 120
Wikinews articles; two mentions are the same entity when they share the instance.

Each article's text is rebuilt from its tokens as an article prints it (a space between
words, none before a comma or a possessive, a line per sentence).

Systems, over the gold mentions (their text as written):
- exact string: mentions with the same text are one entity (the plain baseline);
- newsdesk: each article annotated as ``ingest`` annotates it (EntityRecognizer over the
  whole article with its own NameIndex: surnames resolve to full names seen in it, titles
  and suffixes stripped, types by votes), every mention's canonical name and type into one
  store-wide NameIndex; a gold mention takes the store-level entity of the newsdesk
  mention mapped to it, and is an entity of its own where newsdesk has none.
  Two mappings: the newsdesk mention that overlaps the gold extent most, and the one at
  the extent's head word (MEANTIME's extents are whole noun phrases: "U.S. automaker GM",
  "Cupertino, California", "Prime Minister of Canada"; the head is the annotators' when
  they wrote one, else the last word before a postmodifier).

Scores: B-cubed and MUC precision/recall/F1 (mention-level), and how many gold mentions
spaCy found at all (a predicted mention overlapping it).

    python bench/entity_identity_meantime.py [--eval-dir ../shared/eval] [--errors]
        [--half dev|test|all]
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))

from newsdesk.annotate.entities import EntityRecognizer
from newsdesk.annotate.names import NameIndex

KINDS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


@dataclass(slots=True)
class GoldMention:
    doc: str
    start: int  # character offsets into the article text rebuilt from its tokens
    end: int
    text: str
    kind: str  # PERSON | ORG | GPE
    instance: str
    head: str = ""  # the annotators' head word(s), when they wrote one


_ATTACHED = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "''", "'", "'s", "n't"})


def _space(before: str, word: str) -> str:
    """The text between two tokens of a sentence as an article prints it: none before a
    comma, a closing mark or a possessive ("Beatles' Apple Corps", "O'Leary"), none after
    an opening bracket or quote or a currency sign; one space otherwise."""
    if word in _ATTACHED or before in {"(", "[", "``", "$"}:
        return ""
    if len(before) > 1 and before.endswith("'") and before != "''":  # "O'" "Leary"
        return ""
    return " "


def read_document(path: Path) -> tuple[str, list[GoldMention]]:
    root = ElementTree.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    pieces: list[str] = []
    cursor = 0
    last_sentence = None
    for token in root.iter("token"):
        sentence = token.get("sentence")
        word = token.text or ""
        if pieces:
            sep = "\n" if sentence != last_sentence else _space(pieces[-1], word)
            pieces.append(sep)
            cursor += len(sep)
        offsets[token.get("t_id", "")] = (cursor, cursor + len(word))
        pieces.append(word)
        cursor += len(word)
        last_sentence = sentence
    text = "".join(pieces)
    markables = root.find("Markables")
    named = {}
    instances = {}
    for element in markables if markables is not None else []:
        if element.tag == "ENTITY_MENTION" and element.get("syntactic_type") == "NAM":
            ids = [a.get("t_id", "") for a in element.iter("token_anchor")]
            span = (offsets[ids[0]][0], offsets[ids[-1]][1])
            named[element.get("m_id")] = (*span, element.get("head") or "")
        elif element.get("instance_id") and element.get("ent_type") in KINDS:
            instances[element.get("m_id")] = (element.get("instance_id"), element.get("ent_type"))
    mentions = []
    relations = root.find("Relations")
    for rel in relations.iter("REFERS_TO") if relations is not None else []:
        target = rel.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        instance, kind = instances[target.get("m_id")]
        for source in rel.iter("source"):
            if source.get("m_id") in named:
                start, end, head = named[source.get("m_id")]
                doc = path.stem
                mentions.append(
                    GoldMention(doc, start, end, text[start:end], KINDS[kind], instance, head)
                )
    return text, mentions


def b_cubed(gold: list[Hashable], pred: list[Hashable]) -> tuple[float, float, float]:
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, pred, strict=True):
        common = len(by_gold[g] & by_pred[p])
        precision += common / len(by_pred[p])
        recall += common / len(by_gold[g])
    n = len(gold)
    return _prf(precision / n, recall / n)


def muc(gold: list[Hashable], pred: list[Hashable]) -> tuple[float, float, float]:
    def score(key: list[Hashable], response: list[Hashable]) -> float:
        chains: dict[Hashable, list[int]] = defaultdict(list)
        for i, k in enumerate(key):
            chains[k].append(i)
        num = den = 0
        for members in chains.values():
            parts = {response[i] for i in members}
            num += len(members) - len(parts)
            den += len(members) - 1
        return num / den if den else 0.0

    return _prf(score(pred, gold), score(gold, pred))


def _prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


_POSTMODIFIERS = frozenset({",", "(", "of", "in", "at", "from", "which", "who", "located", "based"})


def head_word(mention: GoldMention) -> int:
    """Where the gold mention's head word starts in the text. MEANTIME's extents are whole
    noun phrases ("U.S. automaker GM", "Cupertino , California", "Prime Minister of
    Canada"): the head is the annotators' ``head`` when they wrote one, else the last word
    before the first postmodifier (a comma, a bracket, "of", "in", a relative), a trailing
    possessive aside."""
    words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"[^\s,(]+", mention.text)]
    if mention.head:
        head = re.sub(r"\s+", "", mention.head)
        for n, (at, _, _) in enumerate(words):  # the head's last word, spaces aside
            if re.sub(r"\s+", "", mention.text[at:]).startswith(head):
                last = len(re.findall(r"[^\s,(]+", mention.head))
                return mention.start + words[min(n + last, len(words)) - 1][0]
    for n, (at, _, word) in enumerate(words[1:], start=1):
        between = mention.text[words[n - 1][1] : at].strip()
        if word in _POSTMODIFIERS or between in {",", "("}:
            words = words[:n]
            break
    return mention.start + words[-1][0]


def newsdesk_clusters(
    texts: dict[str, str],
    gold: list[GoldMention],
    recognizer: EntityRecognizer,
    *,
    head: bool = False,
) -> tuple[list[Hashable], float]:
    """Each article annotated as ``ingest`` does (EntityRecognizer over the article, its own
    NameIndex), every mention's (canonical, type) into one store-wide NameIndex; a gold
    mention takes the entity of the newsdesk mention mapped to it."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, mention in enumerate(gold):
        by_doc[mention.doc].append(i)
    names = sorted(by_doc)
    found = 0
    local: dict[int, tuple[str, str]] = {}
    store = NameIndex(across_stories=True)
    docs = recognizer.nlp.pipe([texts[d] for d in names], batch_size=16)
    for name, doc in zip(names, docs, strict=True):
        article = NameIndex()
        spans = recognizer.annotate_group([doc], context=article)[0].mentions
        for span in spans:
            store.add(span.canonical or span.text, span.type)
        for i in by_doc[name]:
            m = gold[i]
            overlap = [s for s in spans if s.start < m.end and m.start < s.end]
            found += bool(overlap)
            if head:  # the mention at the head word; none there: the system has none
                at = head_word(m)
                overlap = [s for s in overlap if s.start <= at < s.end]
            best = max(
                overlap, key=lambda s: min(s.end, m.end) - max(s.start, m.start), default=None
            )
            if best is not None:
                local[i] = (best.canonical or best.text, best.type)
    # a gold mention newsdesk has no mention for (at its head) is an entity of its own
    clusters: list[Hashable] = [
        store.lookup(*local[i]) if i in local else ("no mention", i) for i in range(len(gold))
    ]
    return clusters, found / len(gold)


def halves(paths: list[Path]) -> dict[str, list[Path]]:
    """dev: the 1st, 3rd, 5th… article of each topic (sorted by file name); test: the rest.
    Each half keeps every topic, so each still has cross-document links."""
    split: dict[str, list[Path]] = {"dev": [], "test": []}
    by_topic: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        by_topic[path.parent.name].append(path)
    for topic in sorted(by_topic):
        for n, path in enumerate(sorted(by_topic[topic])):
            split["dev" if n % 2 == 0 else "test"].append(path)
    return split


def score(
    paths: list[Path], recognizer: EntityRecognizer, *, show_errors: bool = False
) -> tuple[list[dict[str, object]], dict[str, object]]:
    texts: dict[str, str] = {}
    gold: list[GoldMention] = []
    for path in paths:
        texts[path.stem], mentions = read_document(path)
        gold += mentions
    started = time.perf_counter()
    ours, coverage = newsdesk_clusters(texts, gold, recognizer)
    elapsed = time.perf_counter() - started
    by_head, _ = newsdesk_clusters(texts, gold, recognizer, head=True)
    truth: list[Hashable] = [m.instance for m in gold]
    systems: dict[str, list[Hashable]] = {
        "exact string": [m.text for m in gold],
        "newsdesk NameIndex": ours,
        "newsdesk NameIndex, head span": by_head,
    }
    rows: list[dict[str, object]] = []
    for system, pred in systems.items():
        bp, br, bf = b_cubed(truth, pred)
        mp, mr, mf = muc(truth, pred)
        rows.append({"system": system, "B3_p": bp, "B3_r": br, "B3_f1": bf, "MUC_p": mp})
        rows[-1].update({"MUC_r": mr, "MUC_f1": mf, "entities": len(set(pred))})
    if show_errors:
        _print_errors(gold, by_head)
    meta = {
        "documents": len(paths),
        "gold_mentions": len(gold),
        "gold_entities": len(set(truth)),
        "spacy_found_share": round(coverage, 3),
        "seconds_newsdesk": round(elapsed, 1),
    }
    return rows, meta


def _print_errors(gold: list[GoldMention], ours: list[Hashable]) -> None:
    """Gold entities split over several predicted ones (the mentions away from the largest
    part), and predicted ones that merge several gold entities (each gold entity's
    spellings), for reading the dev half only."""
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[Hashable, list[int]] = defaultdict(list)
    for i, (m, p) in enumerate(zip(gold, ours, strict=True)):
        by_gold[m.instance].append(i)
        by_pred[p].append(i)
    for instance, members in sorted(by_gold.items()):
        parts = Counter(ours[i] for i in members)
        if len(parts) > 1:
            print("split", instance, dict(parts), file=sys.stderr)
            largest = parts.most_common(1)[0][0]
            for i in members:
                if ours[i] != largest:
                    print(f"    {gold[i].doc[:24]} {gold[i].text!r} -> {ours[i]}", file=sys.stderr)
    for pred, members in sorted(by_pred.items(), key=lambda item: str(item[0])):
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for i in members:
            spellings[gold[i].instance][gold[i].text] += 1
        if len(spellings) > 1:
            print("merged", pred, {k: dict(v) for k, v in spellings.items()}, file=sys.stderr)


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the dev half's errors")
    parser.add_argument(
        "--half", choices=["dev", "test", "all"], help="score one half only (nothing is saved)"
    )
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "meantime_en", ["intra_cross-doc_annotation"])
    paths = sorted((folder / "intra_cross-doc_annotation").glob("*/*.xml"))[: args.limit]
    recognizer = EntityRecognizer()
    columns = ["half", "system", "B3_p", "B3_r", "B3_f1", "MUC_p", "MUC_r", "MUC_f1", "entities"]
    rows: list[dict[str, object]] = []
    metas: dict[str, dict[str, object]] = {}
    for half, chosen in [*halves(paths).items(), ("all", paths)]:
        if args.half not in {None, half}:
            continue
        found, metas[half] = score(chosen, recognizer, show_errors=args.errors and half == "dev")
        rows += [{"half": half, **row} for row in found]
    print_table("Cross-document entity identity on MEANTIME (gold named mentions)", columns, rows)
    print(metas)
    if args.no_save or args.half:
        return
    notes = [
        "Gold: NAM mentions of PER/ORG/LOC linked to a cross-document instance, MEANTIME's "
        "120 English articles (intra_cross-doc_annotation); each half is one store.",
        "Halves: dev = the 1st, 3rd, 5th… article of each of the 4 topics (sorted by file "
        "name), rules were checked on it; test = the other 60, whose errors were not read "
        "while changing rules; all = the 120 together.",
        "Both systems cluster the same gold mentions; scores are mention-level B-cubed and MUC.",
        "newsdesk: each article annotated as ingest annotates it (EntityRecognizer over the "
        "whole article, its own NameIndex), every mention's canonical name and type into one "
        "store-wide NameIndex; a gold mention with no newsdesk mention is an entity of its "
        "own. Until this round only the gold-mapped names went into the indexes, a mention "
        "spaCy missed counted by its gold text, and the text had a space between all tokens.",
        "Mapping: 'head span' is the right one for MEANTIME. Its NAM extents are whole noun "
        "phrases: determiners, premodifiers ('U.S. automaker GM'), postmodifiers and "
        "appositions ('Cupertino, California', 'Prime Minister of Canada'); the entity is "
        "the one the head names. The head is the annotators' where they wrote one (301 of "
        "1,014 NAM mentions), else the last word before the first postmodifier (a comma, a "
        "bracket, 'of', 'in', a relative); the newsdesk mention holding it names the gold "
        "mention. 'newsdesk NameIndex' maps the most-overlapping mention instead (kept for "
        "continuity: it scores 'U.S. automaker GM' as 'U.S.').",
        "Gold conventions: MEANTIME links 'the US Government', 'the Canadian Government', "
        "'the government of Canada' and 'the White House' to the country. newsdesk now makes "
        "a government named by its place that place (ACE's GPE convention too) but keeps "
        "the White House a body of its own. MEANTIME links 'Japanese' to Japan; newsdesk "
        "keeps a country's adjective NORP as spaCy and CoNLL do (joining it cost "
        "bench/ner_conll LOC F1 0.764 -> 0.717, MISC 0.663 -> 0.389).",
        "Before this round's name classes (names.py, entities.py, names_rules.json as at "
        "53c7ca3^), this bench, same machine and day: B3_f1 most-overlap / head span: dev "
        "0.875 / 0.898, test 0.875 / 0.910, all 0.840 / 0.867 (exact string as above).",
        "The test half's totals were read after the first classes (head span 0.910 -> "
        "0.905, dev 0.898 -> 0.943), after each later change and at the end; its errors "
        "never. The one rule changed after a read (a name starting a longer organisation's "
        "name joins it again unless the rest makes a division) left the test row as it was.",
        "Dev misses left: spaCy finds no name at the head (Opel x3, USAF, '(ECB)'), heads "
        "that are titles ('the Vice Chairman of "
        "Chrysler', 'Apple Computer CEO'), the White House, 'Japanese', 'the emerging "
        "Chrysler' (a new company under the old name), 'Lockheed Martin' tagged PERSON.",
        f"spaCy sm found {metas['all']['spacy_found_share']:.1%} of the gold mentions "
        "(a predicted mention overlapping).",
        f"Sizes: {metas}",
    ]
    path = save_results(
        "entity_identity_meantime",
        title="Cross-document entity identity on MEANTIME: exact match vs newsdesk",
        columns=columns,
        rows=rows,
        notes=notes,
        extra={"meta": metas},
    )
    print(f"saved {path}")


if __name__ == "__main__":
    main()
