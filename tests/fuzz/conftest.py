"""The fuzz harness's targets (bench/fuzz_targets.py), set up once per test module.

bench/ is not a package: its scripts import each other by path, so it is put on
``sys.path`` here, as ``python bench/fuzz.py`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    """``fuzz_target(name)``: that target, set up in a temporary folder, closed afterwards."""
    from fuzz_targets import make_target

    made: dict[str, Any] = {}

    def get(name: str) -> Any:
        if name not in made:
            target = make_target(name)
            target.setup(tmp_path_factory.mktemp(f"fuzz-{name}"))
            made[name] = target
        return made[name]

    yield get
    for target in made.values():
        target.close()
