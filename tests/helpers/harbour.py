"""A ferry disaster told by several outlets: the texts and the article builder the summary
tests share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.article import Article

T0 = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)

WIRE = (
    "A passenger ferry capsized in heavy swell outside the harbour of Port Selva on Monday "
    "evening, killing at least 12 people, the coast guard said. Rescue boats pulled 187 "
    "survivors from the water overnight in the Corran Strait. The ferry operator Selva Straits "
    "Lines said the vessel had passed its last safety inspection in January."
)
LEDGER = (
    "The death toll from the capsizing of the ferry off Port Selva has risen to 15, the coast "
    "guard confirmed this morning. Rescue boats pulled 187 survivors from the water in the "
    "Corran Strait overnight. Captain Joao Bettany wrote to Selva Straits Lines in February "
    "warning that two ballast pumps were failing."
)


def article(
    key: str, outlet: str, text: str, *, hours: int = 0, title: str = "", **extras: str
) -> Article:
    """One outlet's report, published ``hours`` after the first."""
    return Article(
        source=key, format="text", raw=text, text=text, id=key, outlet=outlet,
        title=title or f"{outlet} report", published=T0 + timedelta(hours=hours),
        extras=dict(extras),
    )  # fmt: skip
