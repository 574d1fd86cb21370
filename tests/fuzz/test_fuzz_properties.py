"""Property tests over the fuzz harness's hostile inputs: a few cases per target, so CI stays
fast; ``python bench/fuzz.py`` runs the same targets for 100,000 cases.

Each example draws a case number; the case is made by the harness's seeded mutator from
the composed corpus, so a failure names a case ``bench/fuzz.py`` can make again. The law:
newsdesk raises nothing but its own documented errors (``NewsdeskError``) for bad input,
and the web desk never answers 5xx.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import NewsdeskError

CASES = st.integers(min_value=0, max_value=10**9)


def _settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


def _run(target: Any, index: int) -> None:
    """Run case ``index``; a documented error passes unless a catch-all made it of a bug."""
    from fuzz_targets import Skip, net_cause

    case = target.make(random.Random(f"test:{target.name}:{index}"))
    try:
        target.run(case)
    except NewsdeskError as exc:
        assert net_cause(exc) is None, f"a reader's bug behind {exc}"
    except Skip:
        pass  # the HTTP client itself refused the URL (too long): nothing was sent


def test_fuzz_cases_are_made_again_from_their_number(
    fuzz_target: Callable[[str], Any],
) -> None:
    target = fuzz_target("html")
    first = [target.make(random.Random(f"0:html:{i}")).data for i in range(30)]
    again = [target.make(random.Random(f"0:html:{i}")).data for i in range(30)]
    assert first == again
    assert len(set(first)) > 20  # and the cases differ from one another


@pytest.mark.parametrize("name", ["text", "html", "feed", "warc", "jsonl", "auto"])
def test_fuzz_readers_raise_only_documented_errors(
    fuzz_target: Callable[[str], Any], name: str
) -> None:
    target = fuzz_target(name)

    @_settings(40)
    @given(index=CASES)
    def check(index: int) -> None:
        _run(target, index)

    check()


def test_fuzz_ingest_stores_or_rejects_every_source(fuzz_target: Callable[[str], Any]) -> None:
    target = fuzz_target("ingest")

    @_settings(15)
    @given(index=CASES)
    def check(index: int) -> None:
        _run(target, index)

    check()


def test_fuzz_cleaner_never_crashes(fuzz_target: Callable[[str], Any]) -> None:
    target = fuzz_target("clean")

    @_settings(30)
    @given(index=CASES)
    def check(index: int) -> None:
        _run(target, index)

    check()


def test_fuzz_web_routes_never_answer_5xx(fuzz_target: Callable[[str], Any]) -> None:
    target = fuzz_target("web")

    @_settings(80)
    @given(index=CASES)
    def check(index: int) -> None:
        _run(target, index)

    check()


@pytest.mark.parametrize(("name", "examples"), [("brief", 8), ("annotate", 6), ("dates", 6)])
def test_fuzz_models_and_brief_never_crash(
    fuzz_target: Callable[[str], Any], name: str, examples: int
) -> None:
    target = fuzz_target(name)

    @_settings(examples)
    @given(index=CASES)
    def check(index: int) -> None:
        _run(target, index)

    check()
