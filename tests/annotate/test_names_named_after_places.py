"""A building, a hotel or an airline named after someone is no person: its name leaves the
founder's surname to the founder."""

from __future__ import annotations

import pytest

from newsdesk.annotate.names import NameIndex


@pytest.mark.parametrize("place", ["Belden Tower", "Belden Shuttle", "Belden Plaza Hotel"])
def test_names_named_after_a_building_is_no_person(place: str) -> None:
    # spaCy's small model types "Trump Tower" and "the Trump Shuttle" a person in real
    # reports: a second "person" named Trump left every bare "Trump" of the article open
    index = NameIndex()
    index.add("Marcus J. Belden", "PERSON")
    index.add(place, "PERSON", count=2)
    index.add("Belden", "PERSON", count=5)
    assert index.resolve("Belden") == "Marcus J. Belden"
    assert index.lookup(place, "PERSON")[1] != "PERSON"
