"""Each single-source fact is listed once (a paragraph a page prints twice is one fact), and
the brief's shortlist holds facts a reader takes in at a glance (a 90-word one is left to
the full list of ``story --json``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.article import Article
from newsdesk.summarize import compare_outlets

T0 = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)
SHARED = (
    "The Kessler Street bridge in Port Selva was closed on Monday after inspectors found "
    "cracks in two of its steel supports."
)
REPEATED = (
    "To avoid speculation, the mayor will publish the Inspection report so residents of "
    "Port Selva can read its findings and recommendations."
)


def _members() -> list[Article]:
    texts = {
        "r1": f"{SHARED}\n\n{REPEATED}\n\n{REPEATED.replace('report', 'Report')}",
        "r2": f"{SHARED} Commuters were told to use the ferry crossing at Dunmore Quay.",
    }
    return [
        Article(source=k, format="text", raw=t, text=t, id=k, outlet=f"Outlet {k}",
                published=T0 + timedelta(hours=n))
        for n, (k, t) in enumerate(texts.items())
    ]  # fmt: skip


def _facts(entries: list) -> list[str]:
    return [f for entry in entries for f in entry.facts]


def test_only_in_a_paragraph_printed_twice_is_one_fact() -> None:
    found = compare_outlets(_members(), {})
    facts = [f.casefold() for f in _facts(found.only_in)]
    assert facts.count(REPEATED.casefold()) == 1


def test_only_in_shortlist_leaves_a_very_long_fact_to_the_full_list() -> None:
    long_fact = (
        "The council said that it would study and carry out the spirit of the harbour plan "
        "in full, deepen its understanding of a series of major practical issues of the "
        "port, strengthen its confidence and determination to promote the plan under the "
        "leadership of the board, and strengthen its sense of responsibility and mission to "
        "do its work well and ensure a good start for the new ferry season in the new year."
    )
    members = _members()
    members[0].text = members[0].raw = f"{members[0].text}\n\n{long_fact}"
    found = compare_outlets(members, {})
    assert long_fact in _facts(found.only_in)
    assert long_fact not in _facts(found.only_in_shortlist)
    assert found.only_in_shortlist  # the shorter facts are still shown
