"""The demo corpus is complete, consistent with its gold file, and rebuildable."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsdesk.sample import article_keys, corpus_dir, load_gold, read_article
from newsdesk.sample.build_warc import DEFAULT_OUT, build

CORPUS = corpus_dir()
GOLD = load_gold()
ITEM = re.compile(r"<item>|<entry>")


def _count_by_format() -> Counter[str]:
    counts: Counter[str] = Counter()
    counts["scraped"] = len(list((CORPUS / "scraped").glob("*.txt")))
    counts["html"] = len(list((CORPUS / "html").glob("*.html")))
    for feed in (CORPUS / "feeds").iterdir():
        counts["feeds"] += len(ITEM.findall(feed.read_text(encoding="utf-8")))
    lines = (CORPUS / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    counts["jsonl"] = sum(1 for line in lines if line.strip())
    for warc in (CORPUS / "archive").glob("*.warc.gz"):
        with warc.open("rb") as fh:
            counts["warc"] += sum(1 for r in ArchiveIterator(fh) if r.rec_type == "response")
    return counts


def test_format_minimums() -> None:
    counts = _count_by_format()
    assert counts["scraped"] >= 12
    assert counts["html"] >= 15
    assert counts["feeds"] >= 10
    assert counts["warc"] >= 8
    assert counts["jsonl"] >= 12
    assert sum(counts.values()) >= 60
    assert sum(counts.values()) == len(article_keys())


def test_feeds_parse_and_one_item_is_summary_only() -> None:
    summary_only = 0
    for feed in (CORPUS / "feeds").iterdir():
        root = ET.parse(feed).getroot()
        for item in root.iter("item"):
            if item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is None:
                summary_only += 1
    assert summary_only >= 1
    assert list((CORPUS / "feeds").glob("*.atom"))
    assert list((CORPUS / "feeds").glob("*.rss"))


def test_jsonl_records_have_required_and_unknown_fields() -> None:
    lines = (CORPUS / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    ids = set()
    for line in lines:
        rec = json.loads(line)
        for field in ("id", "url", "title", "published", "outlet", "author"):
            assert field in rec
        assert ("text" in rec) or ("html" in rec)
        assert {"section", "lang"} <= rec.keys()
        ids.add(rec["id"])
    assert len(ids) == len(lines)


def test_gold_article_keys_exist_and_each_article_in_exactly_one_event() -> None:
    keys = set(article_keys())
    owners = Counter(a for e in GOLD["events"] for a in e["articles"])
    assert set(owners) == keys
    assert all(n == 1 for n in owners.values())
    referenced = [q["article"] for q in GOLD["quotes"]]
    referenced += [a for group in GOLD["copies"] for a in group]
    referenced += [v["article"] for c in GOLD["conflicts"] for v in c["values"]]
    referenced += [o["article"] for o in GOLD["only_in"]]
    referenced += [f["article"] for f in GOLD["future"]]
    referenced += GOLD["truncated"] + list(GOLD["debris"])
    assert set(referenced) <= keys


def test_events_outlets_and_days() -> None:
    events = GOLD["events"]
    assert len(events) >= 12
    days = sorted({date.fromisoformat(e["date"]) for e in events})
    assert len(days) >= 3
    outlet_of = {a["key"]: a["outlet"] for a in GOLD["articles"]}
    assert len(set(outlet_of.values())) >= 8
    for e in events:
        assert 3 <= len(e["articles"]) <= 8, e["id"]
        outlets = [outlet_of[k] for k in e["articles"]]
        assert len(set(outlets)) == len(outlets), f"{e['id']} repeats an outlet"


def test_quotes_appear_verbatim() -> None:
    for q in GOLD["quotes"]:
        assert q["text"] in read_article(q["article"]), q


def test_debris_lines_appear_in_their_files() -> None:
    for key, lines in GOLD["debris"].items():
        text_lines = (CORPUS / key).read_text(encoding="utf-8").splitlines()
        for line in lines:
            assert line in text_lines, (key, line)


@pytest.mark.parametrize("section", ["future", "relative_dates", "scare_quotes"])
def test_annotated_phrases_appear(section: str) -> None:
    for item in GOLD[section]:
        assert item["text"] in read_article(item["article"]), item


def test_conflict_values_appear_and_differ() -> None:
    for c in GOLD["conflicts"]:
        assert len({v["value"] for v in c["values"]}) >= 2, c["about"]
        for v in c["values"]:
            assert v["value"] in read_article(v["article"]), v


def test_copies_span_outlets_and_one_event() -> None:
    outlet_of = {a["key"]: a["outlet"] for a in GOLD["articles"]}
    event_of = {k: e["id"] for e in GOLD["events"] for k in e["articles"]}
    for group in GOLD["copies"]:
        assert len(group) >= 3
        assert len({outlet_of[k] for k in group}) == len(group)
        assert len({event_of[k] for k in group}) == 1


def test_entity_aliases_occur_in_corpus() -> None:
    everything = "\n".join(read_article(k) for k in article_keys())
    for ent in GOLD["entities"]:
        for name in [ent["canonical"], *ent["aliases"]]:
            assert name in everything, name


def test_cp1252_page_declares_its_charset() -> None:
    pages = list((CORPUS / "html").glob("*cp1252*.html"))
    assert pages
    raw = pages[0].read_bytes()
    assert b'charset="windows-1252"' in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "\u201c" in raw.decode("cp1252")


def test_warc_dates_are_fetch_times_after_publication() -> None:
    published = {a["url"]: a["published"] for a in GOLD["articles"] if a["format"] == "warc"}
    with DEFAULT_OUT.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            fetched = datetime.fromisoformat(rec.rec_headers.get_header("WARC-Date"))
            assert fetched > datetime.fromisoformat(published[uri]), uri


def test_warc_rebuild_is_deterministic(tmp_path: Path) -> None:
    out = build(tmp_path / "rebuilt.warc.gz")
    assert out.read_bytes() == DEFAULT_OUT.read_bytes()
    again = build(tmp_path / "again.warc.gz")
    assert again.read_bytes() == out.read_bytes()
