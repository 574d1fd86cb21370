"""Years as evidence between undated reports, weighed by what they say: a report's latest
year is mostly the year it was written, earlier ones are background that twin events
share ("the tsunami of 2004"), and a report from early January may name only the year
before. Hand-made features, no model."""

from __future__ import annotations

import numpy as np

from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.story import Story


def _vector(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = np.ones(DIM, dtype=np.float32)
    vec = base + 0.8 * rng.normal(size=DIM).astype(np.float32)
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def _years_story(*year_sets: tuple[str, ...]) -> Story:
    members = [
        ArticleFeatures(
            id=f"m{n}", vector=_vector(n), terms={}, entities={f"#{y}": 1.0 for y in years}
        )
        for n, years in enumerate(year_sets)
    ]
    story = Story.start("s-m0", 0, members[0])
    for member in members[1:]:
        story.add(member)
    return story


def test_twin_evidence_a_shared_background_year_says_less_than_the_same_latest_year() -> None:
    # both quakes recall the tsunami of 2004; their own years are 2009 and 2013
    story = _years_story(("2004", "2009"), ("2004", "2009"))
    assert story.year_agreement(("2004", "2009")) == 1.0
    assert story.year_agreement(("2004", "2013")) == 0.5
    assert story.year_agreement(("2013",)) == -1.0


def test_twin_evidence_years_one_apart_are_no_evidence_against() -> None:
    story = _years_story(("2012",), ("2012",))
    assert story.year_agreement(("2013",)) == 0.0
    assert story.year_agreement(("2014",)) == -1.0


def test_twin_evidence_members_naming_no_year_count_as_nothing() -> None:
    story = _years_story(("2009",), ())
    assert story.year_agreement(("2009",)) == 0.5
    assert story.year_agreement(()) == 0.0
