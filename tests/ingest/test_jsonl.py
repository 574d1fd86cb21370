from __future__ import annotations

import json
from pathlib import Path

from newsdesk.ingest import read_bytes, read_sources
from newsdesk.settings import Settings

from .conftest import page_html


def _lines(*records: object) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode() + b"\n"


def test_jsonl_fields_and_extras(settings: Settings) -> None:
    data = _lines(
        {
            "id": "r1",
            "url": "https://gazette.example/a",
            "title": "Ferry",
            "text": "Body text.",
            "published": "2024-03-05T08:30:00Z",
            "outlet": "Gazette",
            "author": "Jane",
            "section": "local",
        }
    )
    [article] = read_bytes(data, source="f.jsonl", settings=settings)
    assert article.source == "f.jsonl:1"
    assert article.format == "jsonl"
    assert article.raw == article.text == "Body text."
    assert (article.url, article.title, article.outlet, article.author) == (
        "https://gazette.example/a",
        "Ferry",
        "Gazette",
        "Jane",
    )
    assert article.published is not None and article.published.year == 2024
    assert article.published_source == "metadata"
    assert article.extras["record_id"] == "r1"
    assert article.extras["section"] == "local"


def test_jsonl_html_record_is_extracted(settings: Settings) -> None:
    data = _lines({"id": 7, "html": page_html()})
    [article] = read_bytes(data, source="f.jsonl", settings=settings)
    assert "ferry terminal will open" in article.text
    assert article.raw.startswith("<!DOCTYPE html>")
    assert article.title == "Ferry terminal to open in spring"
    assert article.extras["record_id"] == 7


def test_jsonl_record_fields_win_over_html_metadata(settings: Settings) -> None:
    data = _lines({"html": page_html(), "title": "Given title", "outlet": "Given"})
    [article] = read_bytes(data, source="f.jsonl", settings=settings)
    assert (article.title, article.outlet) == ("Given title", "Given")


def test_jsonl_broken_line_reported_with_line_number(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "x.jsonl"
    good = json.dumps({"id": 1, "text": "first"})
    path.write_text(f'{good}\n{{"id": 2, "text": "oops"\n\n[1, 2]\n{{"id": 4}}\n{good}\n')
    [result] = read_sources([str(path)], settings=settings)
    assert [a.source for a in result.articles] == [f"{path}:1", f"{path}:6"]
    where = [e[0] for e in result.errors]
    assert where == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert result.errors[0][1].startswith("invalid JSON: Expecting ','")
    assert result.errors[0][1].endswith("[E103]")
    assert "JSON object" in result.errors[1][1]
    assert "[E102]" in result.errors[2][1]


def test_jsonl_bad_date_is_reported(settings: Settings) -> None:
    data = _lines({"text": "a", "published": "next blue moon"}, {"text": "b"})
    [article] = read_bytes(data, source="f.jsonl", settings=settings)
    assert article.source == "f.jsonl:2"
