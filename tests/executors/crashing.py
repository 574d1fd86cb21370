"""A stand-in annotator that kills its process on one article (a parser that segfaults),
for the Ray Data backfill tests; module-level, so it pickles to a Ray actor."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from executors import fakes
from newsdesk.article import Annotations
from newsdesk.stages import Models

KILLER = "the parser dies here"


def annotate(texts: Sequence[str], *args: Any, **kwargs: Any) -> Iterator[Annotations]:
    if any(KILLER in text for text in texts):
        os._exit(1)  # no exception: the process is gone, as after a crash in C code
    yield from fakes.annotate(texts)


MODELS = Models(featurize=fakes.featurize, annotate=annotate)
