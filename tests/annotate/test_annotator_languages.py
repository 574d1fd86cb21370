"""The annotator picks each article's language pack; an article in a language without a
pack is kept unannotated, counted under ``unsupported_language``, never read as English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from newsdesk.annotate.annotator import Annotator
from newsdesk.article import Article
from newsdesk.pipeline import Drops

Cli = Callable[..., object]

FRENCH = (
    "Le président sud-coréen Lee Jae-myung a rencontré mardi la Première ministre japonaise "
    "Sanae Takaichi à Nara. « Nous ouvrons un nouveau chapitre », a-t-il déclaré."
)
JAPANESE = (
    "高市首相、李在明大統領と会談\n\n"
    "高市早苗首相は13日、奈良市で韓国の李在明大統領と会談した。"
    "高市首相は会談後「未来志向の関係を築きたい」と述べた。\n\n"
    "中国は先月、台湾をめぐる発言に反発していた。\n"
)


def test_annotator_unsupported_language_is_skipped_with_reason() -> None:
    article = Article(source="fr.txt", format="text", raw=FRENCH, text=FRENCH, language="fr")
    drops = Drops()
    kept = list(Annotator().run([article], drops))
    assert kept == [article]  # kept: stored, searchable, clustered
    assert article.annotations is not None
    assert article.annotations.skipped == "unsupported_language"
    assert article.annotations.entities == [] and article.annotations.quotes == []
    assert drops.reasons["unsupported_language"] == 1


def test_annotator_reads_each_text_with_its_pack() -> None:
    found = list(
        Annotator().annotate_texts([JAPANESE, FRENCH], [datetime(2026, 1, 14), None], ["ja", "fr"])
    )
    ja, fr = found
    assert fr.skipped == "unsupported_language"
    assert ja.skipped is None
    assert {d.value for d in ja.dates} >= {"2026-01-13", "2025-12"}
    assert ("未来志向の関係を築きたい", "Sanae Takaichi") in {
        (q.text, q.speaker) for q in ja.quotes
    }


def test_annotate_cli_japanese_file_offsets_index_cleaned_text(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "summit.txt"
    path.write_text(JAPANESE, encoding="utf-8")
    result = cli("annotate", str(path), "--published", "2026-01-14", "--json")
    assert result.code == 0, result.stderr  # type: ignore[attr-defined]
    found = result.json()  # type: ignore[attr-defined]
    text = found["text"]
    for item in found["entities"] + found["quotes"] + found["dates"]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert {e["canonical"] for e in found["entities"]} >= {"Sanae Takaichi", "Taiwan", "China"}
    assert {d["text"]: d["value"] for d in found["dates"]}["13日"] == "2026-01-13"
    assert found["quotes"][0]["cue"] == "述べた"


def test_annotate_cli_french_file_is_skipped(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "sommet.txt"
    path.write_text(FRENCH + "\n", encoding="utf-8")
    result = cli("annotate", str(path), "--json")
    assert result.code == 0, result.stderr  # type: ignore[attr-defined]
    found = result.json()  # type: ignore[attr-defined]
    assert found["skipped"] == "unsupported_language"
    assert found["entities"] == []


def test_ingest_unsupported_language_kept_searchable_and_counted(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "sommet.txt"
    path.write_text(FRENCH + "\n", encoding="utf-8")
    result = cli("ingest", str(path), "--no-stories", "--json")
    assert result.code == 0, result.stderr  # type: ignore[attr-defined]
    report = result.json()  # type: ignore[attr-defined]
    assert report["ingested"] == 1
    assert report["dropped"] == {"unsupported_language": 1}
    found = cli("search", "Nara", "--json")
    assert found.code == 0, found.stderr  # type: ignore[attr-defined]
    assert "Nara" in found.stdout  # type: ignore[attr-defined]
