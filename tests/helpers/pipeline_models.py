"""Model-free stand-ins a process pool's workers can import (module-level, so they pickle)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from helpers.stories import fake_features
from newsdesk.article import Annotations, Article, Mention

POISON = "Zzyzx"  # an article carrying this word fails its annotation


def featurize(articles: Sequence[Article]) -> list[Any]:
    return fake_features(articles)


def annotate(
    texts: Sequence[str], published: Sequence[datetime | None], languages: Sequence[Any]
) -> Iterator[Annotations]:
    """The second word of each text as an organisation; a poisoned text raises."""
    for text in texts:
        if POISON in text:
            raise RecursionError("maximum recursion depth exceeded")
        word = text.split()[1]
        yield Annotations(entities=[Mention(word, "ORG", 0, len(word), word)])


class Tag:
    """A batch function: each item back with the worker's pid and how often it was set up."""

    name = "tag"

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1

    def __call__(self, batch: list[Any]) -> list[Any]:
        import os

        return [(item, os.getpid(), self.setups) for item in batch]


class Double:
    name = "double"

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(item, 2 * item[0]) for item in batch]


class Crashy:
    """Kills its worker process on the item "crash" (as a segfault in a parser would)."""

    name = "crashy"

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        import os

        if "crash" in batch:
            os._exit(3)
        return [item.upper() for item in batch]

    def failed(self, item: Any, reason: str) -> Any:
        return ("failed", item, reason)
