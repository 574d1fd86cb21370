"""Settings from the environment: the size caps and text limit, and a clear error for a bad one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.errors import UsageError
from newsdesk.settings import Settings


def test_settings_limits_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "NEWSDESK_MAX_FILE_BYTES": "1000",
            "NEWSDESK_MAX_EXPANDED_BYTES": "2_000",
            "NEWSDESK_MAX_RECORD_BYTES": " 300 ",
            "NEWSDESK_MAX_TEXT_CHARS": "400",
        }
    )
    assert (settings.max_file_bytes, settings.max_expanded_bytes) == (1000, 2000)
    assert (settings.max_record_bytes, settings.max_text_chars) == (300, 400)
    assert Settings.from_env({}).max_text_chars == Settings().max_text_chars


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5"])
def test_settings_bad_limit_names_the_variable(value: str) -> None:
    with pytest.raises(UsageError, match="NEWSDESK_MAX_TEXT_CHARS"):
        Settings.from_env({"NEWSDESK_MAX_TEXT_CHARS": value})


def test_settings_cap_errors_name_the_variable_to_raise(
    cli: Callable[..., object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_MAX_FILE_BYTES", "100")
    (tmp_path / "big.txt").write_text("A plain sentence of an article. " * 20)
    result = cli("clean", str(tmp_path / "big.txt"))
    assert result.code == 1  # type: ignore[attr-defined]
    assert "NEWSDESK_MAX_FILE_BYTES" in result.stderr  # type: ignore[attr-defined]


def test_settings_workers_default_to_the_cores_and_refuse_nonsense() -> None:
    import os

    assert Settings().workers == 1  # built in code (tests, a library caller): in-process
    assert Settings.from_env({}).workers == len(os.sched_getaffinity(0))
    assert Settings.from_env({"NEWSDESK_WORKERS": "3"}).workers == 3
    for value in ("0", "two", "-1"):
        with pytest.raises(UsageError, match="NEWSDESK_WORKERS"):
            Settings.from_env({"NEWSDESK_WORKERS": value})
