from __future__ import annotations

from pathlib import Path

from newsdesk.ingest import read_bytes, read_sources
from newsdesk.settings import Settings

SCRAPED = (
    "outh Korea has become a new focal point amid an escalating feud.\r\n"
    "We use cookies to provide some features.\r\n"
    "The two leaders met in Nara on Tuesday.\r\n"
)


def test_text_raw_and_text_are_the_input(settings: Settings) -> None:
    [article] = read_bytes(SCRAPED.encode(), source="seed.txt", settings=settings)
    assert article.format == "text"
    assert article.source == "seed.txt"
    assert article.raw == article.text == SCRAPED.replace("\r\n", "\n")
    assert article.title is None and article.published is None


def test_text_file_read_through_read_sources(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(SCRAPED, encoding="utf-8")
    [result] = read_sources([str(path)], settings=settings)
    assert result.source == str(path)
    assert result.errors == []
    assert result.articles[0].text.startswith("outh Korea")
