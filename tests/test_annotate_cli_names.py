"""`newsdesk annotate`: names across scripts are joined in file order with one index for
the run, so the output never depends on the batch size (composed pages)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., object]

PAGES = [  # composed: an English page, then pages in Chinese, Japanese and Korean
    ("en.txt", "Chinese President Xi Jinping met Japanese Prime Minister Sanae Takaichi "
     "in Beijing on Monday, officials said."),
    ("zh.txt", "国家主席习近平周一在北京会见了日本首相高市早苗。"),
    ("ja.txt", "英国の歌手テイラー氏は月曜日、東京でツアーを続けると述べた。"),
    ("ko.txt", "시진핑 국가주석은 월요일 베이징에서 다카이치 사나에 총리를 만났다."),
]  # fmt: skip
RECORDS = [  # one JSON Lines file: its Chinese record comes before its English one
    {"id": "r-zh", "lang": "zh", "text": "国家主席习近平周二在北京会见了来访的代表团。"},
    {"id": "r-en", "lang": "en", "text": PAGES[0][1]},
]


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in PAGES:
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(str(path))
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8"
    )
    return [*paths, str(wire)]


def _annotated(cli: Cli, files: list[str]) -> str:
    result = cli("annotate", *files, "--published", "2026-03-12", "--jsonl")
    assert result.code == 0, result.stderr  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined]


def _shown(output: str) -> dict[str, str]:
    shown: dict[str, str] = {}
    for line in output.splitlines():
        for entity in json.loads(line)["entities"]:
            shown.setdefault(entity["text"], entity["canonical"])
    return shown


def test_annotate_cli_names_same_output_whatever_the_batch_size(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdesk.annotating as annotating

    files = _files(tmp_path)
    monkeypatch.setattr(annotating, "FILES_PER_BATCH", 1)
    one_by_one = _annotated(cli, files)
    monkeypatch.setattr(annotating, "FILES_PER_BATCH", 8)
    all_at_once = _annotated(cli, files)
    monkeypatch.setattr(annotating, "FILES_PER_BATCH", 3)
    in_threes = _annotated(cli, files)
    assert one_by_one == all_at_once == in_threes
    shown = _shown(all_at_once)
    assert shown["习近平"] == "Xi Jinping"  # the English page, read before, names him
    assert shown["시진핑"] == "Xi Jinping"
    assert shown["テイラー"] != "Xi Jinping"  # a foreign singer stays herself


def test_annotate_cli_names_a_files_english_record_names_its_others(
    cli: Cli, tmp_path: Path
) -> None:
    wire = _files(tmp_path)[-1]
    lines = [json.loads(x) for x in _annotated(cli, [wire]).splitlines()]
    by_id = {line["id"]: line for line in lines}
    zh = {e["text"]: e["canonical"] for e in by_id["r-zh"]["entities"]}
    assert zh.get("习近平") == "Xi Jinping"
