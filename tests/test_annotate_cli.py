"""`newsdesk annotate`: the contract's JSON, offsets, publication dates, batches."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

ARTICLE = """Corvanian Foreign Minister Mara Okonkwo-Reyes met Tarsland's Ivo Strandberg in Velmora on Tuesday, the second round of fisheries talks since the dispute began last October.

“We have narrowed the gap,” Okonkwo-Reyes said after the meeting. “But our fishermen cannot eat progress.”

Strandberg said that Tarsland would keep the Gannet Bank closed until a joint panel reports. On Jan. 6, a day after the first round, Tarsland banned Corvanian trawlers from its waters.
"""

Cli = Callable[..., object]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text("menu_open World\n\n" + ARTICLE, encoding="utf-8")
    return path


def test_annotate_json_follows_the_contract(cli: Cli, article: Path) -> None:
    result = cli("annotate", str(article), "--published", "2026-03-12", "--json")
    assert result.code == 0, result.stderr
    found = result.json()
    assert set(found) >= {"entities", "quotes", "dates", "events"}
    people = {e["canonical"] for e in found["entities"] if e["type"] == "PERSON"}
    assert "Mara Okonkwo-Reyes" in people  # "Okonkwo-Reyes" alone resolves to her too
    direct = [q for q in found["quotes"] if q["kind"] == "direct"]
    assert [q["speaker"] for q in direct] == ["Mara Okonkwo-Reyes"] * 2
    assert direct[0]["text"].startswith("We have narrowed the gap")
    values = {d["text"]: d["value"] for d in found["dates"]}
    assert values["Tuesday"] == "2026-03-10"
    assert values["last October"] == "2025-10"
    assert values["Jan. 6"] == "2026-01-06"
    assert any(e["code"] == "meet" and e["date"] == "2026-03-10" for e in found["events"])


def _assert_offsets_slice(found: dict, text: str) -> None:
    assert found["text"] == text
    for kind in ("entities", "quotes", "dates"):
        for item in found[kind]:
            assert text[item["start"] : item["end"]] == item["text"], (kind, item)
    for quote in found["quotes"]:
        if quote["speaker_start"] is not None:
            assert text[quote["speaker_start"] : quote["speaker_end"]].strip()


def test_annotate_offsets_index_the_cleaned_text_or_the_raw_text(cli: Cli, article: Path) -> None:
    cleaned = cli("clean", str(article), "--json").json()["text"]
    found = cli("annotate", str(article), "--published", "2026-03-12", "--json").json()
    _assert_offsets_slice(found, cleaned)
    assert found["entities"] and found["quotes"] and found["dates"]
    raw = article.read_text(encoding="utf-8")
    as_read = cli("annotate", str(article), "--no-clean", "--json").json()
    _assert_offsets_slice(as_read, raw)
    assert as_read["quotes"][0]["start"] > found["quotes"][0]["start"]  # the menu line counts


def test_annotate_without_a_publication_date_never_guesses(cli: Cli, article: Path) -> None:
    found = cli("annotate", str(article), "--json").json()
    values = {d["text"]: d["value"] for d in found["dates"]}
    assert not values["Tuesday"].startswith("20")
    assert not values["last October"].startswith("20")


def test_annotate_jsonl_batch_carries_ids_and_reports_bad_files(
    cli: Cli, article: Path, tmp_path: Path
) -> None:
    records = tmp_path / "wire.jsonl"
    records.write_text(
        "\n".join(
            json.dumps({"id": rid, "text": ARTICLE, "published": day})
            for rid, day in (("w1", "2026-03-12"), ("w2", None))
        )
        + "\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli(
        "annotate", str(records), str(empty), str(article), "--published", "2026-03-19", "--jsonl"
    )
    assert result.code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("id") or line.get("source") for line in lines][:1] == [str(empty)]
    by_id = {line["id"]: line for line in lines if "id" in line}
    assert set(by_id) == {"w1", "w2"}
    tuesday = {d["text"]: d["value"] for d in by_id["w1"]["dates"]}["Tuesday"]
    assert tuesday == "2026-03-10"  # the record's own date wins over --published
    tuesday = {d["text"]: d["value"] for d in by_id["w2"]["dates"]}["Tuesday"]
    assert tuesday == "2026-03-17"
    assert any(line.get("source") == str(article) and "entities" in line for line in lines)


def test_annotate_records_at_the_ends_of_the_calendar_and_a_failing_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """9999-12-31 and 0001-01-01 with "next Monday … next year" once raised OverflowError
    for the whole batch; a record whose annotation raises is one error line now."""
    from newsdesk.annotate.annotator import Annotator

    text = "The council will meet on Monday to settle the budget, and again next year."
    records = tmp_path / "far.jsonl"
    rows = [("far", "9999-12-31", text), ("early", "0001-01-01", text),
            ("bad", "2026-03-12", "Zzyzx " + text)]  # fmt: skip
    records.write_text(
        "".join(json.dumps({"id": i, "published": d, "text": t}) + "\n" for i, d, t in rows),
        encoding="utf-8",
    )
    real = Annotator.annotate_texts

    def annotate(self: Annotator, texts: list[str], *args: object) -> object:
        if any(t.startswith("Zzyzx") for t in texts):
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, texts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Annotator, "annotate_texts", annotate)
    result = cli("annotate", str(records), "--jsonl")
    assert result.code == 1
    by_id = {line["id"]: line for line in map(json.loads, result.stdout.splitlines())}
    assert set(by_id) == {"far", "early", "bad"}
    assert "RecursionError" in by_id["bad"]["error"]
    for rid in ("far", "early"):
        values = [d["value"] for d in by_id[rid]["dates"]]
        assert values and all(v[:1] != "-" for v in values)
