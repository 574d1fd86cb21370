"""How many threads the BLAS under numpy uses for a block of work (threadpoolctl).

An in-process run leaves numpy's OpenBLAS on every core; a product that should cost one
core's time (the embedding models in a pool worker, spaCy's layers everywhere) asks for
fewer threads while it runs. A pool worker is on one thread already
(newsdesk.executors.warm), where asking changes nothing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

__all__ = ["blas_threads"]


@lru_cache(maxsize=1)
def _threadpools() -> Any:
    """threadpoolctl's view of the BLAS libraries loaded (found once: the scan is slow)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - threadpoolctl comes with the pins
        return None
    return ThreadpoolController()


def blas_threads(threads: int) -> AbstractContextManager[Any]:
    """BLAS on ``threads`` threads while the block runs."""
    pools = _threadpools()
    if pools is None:
        return nullcontext()
    return pools.limit(limits=threads, user_api="blas")
