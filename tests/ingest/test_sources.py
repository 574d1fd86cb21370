from __future__ import annotations

import os
from pathlib import Path

from newsdesk.ingest import read_sources
from newsdesk.ingest.sources import expand_specs
from newsdesk.settings import Settings


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "deep").mkdir()
    (root / "a.txt").write_text("alpha text")
    (root / "b" / "c.txt").write_text("gamma text")
    (root / "b" / "deep" / "d.txt").write_text("delta text")


def test_sources_directory_is_recursive_and_sorted(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path)
    results = list(read_sources([str(tmp_path)], settings=settings))
    names = [Path(r.source).relative_to(tmp_path).as_posix() for r in results]
    assert names == ["a.txt", "b/c.txt", "b/deep/d.txt"]
    assert all(r.errors == [] and len(r.articles) == 1 for r in results)


def test_sources_glob(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path)
    results = list(read_sources([str(tmp_path / "**" / "*.txt")], settings=settings))
    assert len(results) == 3


def test_sources_no_match_gives_error_result(tmp_path: Path, settings: Settings) -> None:
    results = list(
        read_sources([str(tmp_path / "*.nothing"), str(tmp_path / "gone.txt")], settings=settings)
    )
    assert [r.errors[0][1] for r in results] == [
        "the pattern matches no file [E100]",
        "no such file or directory [E100]",
    ]


def test_sources_symlink_loop_does_not_hang(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path, tmp_path / "b" / "up")
    os.symlink(tmp_path / "self", tmp_path / "self")
    specs = list(expand_specs([str(tmp_path)]))
    files = [s for s in specs if s.kind == "file"]
    loops = [s for s in specs if s.kind == "error"]
    assert len(files) == 3
    assert {Path(s.source).name for s in loops} == {"up", "self"}
    assert all("symlink loop" in (s.error or "") for s in loops)


def test_sources_same_file_twice_is_read_once(tmp_path: Path, settings: Settings) -> None:
    _tree(tmp_path)
    specs = [str(tmp_path / "a.txt"), str(tmp_path)]
    assert len(list(read_sources(specs, settings=settings))) == 3


def test_sources_fifo_is_not_read(tmp_path: Path, settings: Settings) -> None:
    os.mkfifo(tmp_path / "pipe")
    [result] = read_sources([str(tmp_path / "pipe")], settings=settings)
    assert "not a regular file" in result.errors[0][1]


def test_sources_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    [result] = read_sources([str(path)], settings=Settings(max_file_bytes=100))
    assert "[E104]" in result.errors[0][1]
