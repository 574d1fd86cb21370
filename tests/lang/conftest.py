"""The CJK models load once for the whole test session (each pack caches its model per
process; these fixtures make that load happen once, up front, for the tests that use it)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.lang import LanguagePack, pack_for
from newsdesk.lang.annotator import PackAnnotator


def _pack(code: str) -> LanguagePack:
    pack = pack_for(code)
    assert pack is not None
    return pack


@pytest.fixture(scope="session")
def ja() -> LanguagePack:
    pack = _pack("ja")
    pack.module.load()
    return pack


@pytest.fixture(scope="session")
def ko() -> LanguagePack:
    pack = _pack("ko")
    pack.module.load()
    return pack


@pytest.fixture(scope="session")
def zh() -> LanguagePack:
    pack = _pack("zh")
    pack.module.load()
    return pack


@pytest.fixture(scope="session")
def packs(ja: LanguagePack, ko: LanguagePack, zh: LanguagePack) -> dict[str, Any]:
    return {"ja": ja, "ko": ko, "zh": zh}


@pytest.fixture
def reader() -> PackAnnotator:
    """A pack annotator that knows the English names an English article gave the store."""
    annotator = PackAnnotator()
    annotator.learn(
        [
            ("Sanae Takaichi", "PERSON"),
            ("Lee Jae-myung", "PERSON"),
            ("Xi Jinping", "PERSON"),
            ("Mao Ning", "PERSON"),
        ]
    )
    return annotator
