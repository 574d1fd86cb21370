"""The ingest hook: resolve each article's outlet and carrier against the store's registry.

Called with one line from :mod:`newsdesk.ingestion` after cleaning, before storing. An
article whose resolution fails keeps what it had and is marked, and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsdesk.article import Article

if TYPE_CHECKING:
    from newsdesk.lang.detect import Evidence

__all__ = ["resolve_outlets"]

log = logging.getLogger("newsdesk.outlets")


def resolve_outlets(
    store: Any,
    articles: Sequence[Article],
    *,
    override: str | None = None,
    evidence: Sequence[Evidence | None] = (),
) -> list[Article]:
    """The same articles, each with ``outlet`` resolved and ``site`` set to its carrier.

    ``evidence``: what the clean stage's worker read of each article's text (in the
    articles' order), so an article read again with its outlet's languages needs no
    language model here; an article without it is read here, loading the model."""
    from newsdesk.outlets.resolve import OutletResolver

    if not articles:
        return list(articles)
    from newsdesk.lang.detect import with_outlet_prior

    registry = store.outlets.outlet_registry()
    resolver = OutletResolver(registry)
    carried = list(evidence) or [None] * len(articles)
    for article, read in zip(articles, carried, strict=True):
        try:
            found = resolver.apply(article, override=override)
            outlet = registry.get(found.outlet) if found.registered and found.outlet else None
            if outlet is not None and outlet.languages:  # the outlet's language as a prior
                article.language = with_outlet_prior(
                    article.body, article.language, tuple(outlet.languages), read
                )
        except Exception as exc:  # one article's odd URL never stops the batch
            log.warning("outlet resolution failed for %s: %s", article.source, exc)
            article.extras["outlet_via"] = "error"
    return list(articles)
