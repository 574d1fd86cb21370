"""End to end: `newsdesk demo` ingests the whole bundled corpus cleanly, and a re-run adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsdesk.sample import load_gold


def test_demo_ingests_the_sample_corpus_end_to_end(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    db = tmp_path / "demo.db"
    first = cli("--db", str(db), "demo", "--json")
    assert first.code == 0, first.stderr
    report = first.json()
    assert report["rejected"] == []
    assert report["articles"] >= 60
    assert report["latest_day"], "the latest day shows its articles"

    listed = cli("--db", str(db), "articles", "--json").json()
    assert len({a["outlet"] for a in listed if a["outlet"]}) >= 8
    assert any("truncated_end" in a["flags"] for a in listed)
    assert len(listed) == report["articles"]

    again = cli("--db", str(db), "demo", "--json").json()
    assert again["ingested"] == 0 and again["articles"] == report["articles"]

    human = cli("--db", str(db), "demo")
    assert human.code == 0 and "articles" in human.stdout


def test_demo_debris_never_reaches_the_stored_text(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    db = tmp_path / "demo.db"
    cli("--db", str(db), "demo", "--json")
    texts = {
        a["id"]: cli("--db", str(db), "article", a["id"], "--json").json()["text"]
        for a in cli("--db", str(db), "articles", "--json").json()
    }
    joined = "\n".join(texts.values())
    for lines in load_gold().get("debris", {}).values():
        for line in lines:
            if len(line) > 25:  # short debris ("yesterday", "6 11") may also occur inside prose
                assert line not in joined, line


def test_demo_syndicated_copies_are_linked_as_gold_says(
    cli: Callable[..., object], tmp_path: Path
) -> None:
    from newsdesk.sample import corpus_dir

    db = tmp_path / "demo.db"
    cli("--db", str(db), "demo", "--json")
    base = str(corpus_dir()) + "/"
    rows = {a["id"]: a for a in cli("--db", str(db), "articles", "--json").json()}

    def key(article_id: str) -> str:
        source = cli("--db", str(db), "article", article_id, "--json").json()["source"]
        return source[len(base) :].replace(".jsonl:", ".jsonl#")

    groups: dict[str, set[str]] = {}
    for article_id, row in rows.items():
        if row["copy_of"]:
            groups.setdefault(row["copy_of"], {key(row["copy_of"])}).add(key(article_id))
    assert sorted(map(sorted, groups.values())) == sorted(map(sorted, load_gold()["copies"]))
    original = next(iter(groups))
    shown = cli("--db", str(db), "article", original, "--json").json()
    assert len(shown["also_published_by"]) == len(groups[original]) - 1
