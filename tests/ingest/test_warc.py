from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import read_bytes, read_sources
from newsdesk.settings import Settings

from .conftest import page_html, warc_gz, warc_record


def _records() -> list[bytes]:
    return [
        warc_record("https://gazette.example/ferry", page_html().encode()),
        warc_record(
            "https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"
        ),
        warc_record("https://gazette.example/bridge", page_html("Bridge reopens").encode()),
    ]


def test_warc_reads_html_responses_only(settings: Settings) -> None:
    articles = read_bytes(b"".join(_records()), source="crawl.warc", settings=settings)
    assert [a.url for a in articles] == [
        "https://gazette.example/ferry",
        "https://gazette.example/bridge",
    ]
    first = articles[0]
    assert first.format == "warc"
    assert first.source == "crawl.warc#1"
    assert articles[1].source == "crawl.warc#3"
    assert "ferry terminal will open" in first.text
    assert first.fetched is not None and first.fetched.isoformat().startswith("2024-01-02T03:04:05")
    assert first.published is not None and first.published.year == 2024
    assert first.published != first.fetched  # WARC-Date is never the publication date


def test_warc_gz_multi_member(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_gz(_records()))
    [result] = read_sources([str(path)], settings=settings)
    assert result.errors == []
    assert len(result.articles) == 2


def test_warc_truncated_keeps_records_before_damage(settings: Settings, tmp_path: Path) -> None:
    data = b"".join(_records())
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 200])
    [result] = read_sources([str(path)], settings=settings)
    assert [a.url for a in result.articles] == ["https://gazette.example/ferry"]
    assert len(result.errors) == 1
    assert "truncated" in result.errors[0][1] and "[E103]" in result.errors[0][1]


def test_warc_gz_truncated_keeps_records_before_damage(settings: Settings, tmp_path: Path) -> None:
    data = warc_gz(_records())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    [result] = read_sources([str(path)], settings=settings)
    assert [a.url for a in result.articles] == ["https://gazette.example/ferry"]
    assert any("gzip stream is truncated" in message for _, message in result.errors)
    assert any("kept 1 record before the damage" in m for _, m in result.errors)


def test_warc_gz_cut_inside_its_first_record_says_none_was_kept(
    settings: Settings, tmp_path: Path
) -> None:
    data = warc_gz(_records())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:200])
    [result] = read_sources([str(path)], settings=settings)
    assert result.articles == []
    message = " ".join(m for _, m in result.errors)
    assert "none kept" in message and "before the damage" not in message
