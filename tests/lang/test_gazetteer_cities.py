"""Fault class: a city's name in another script that names two cities (オークランド and
奥克兰 are Auckland and Oakland) joined the one CLDR knows, whatever the article said.
The gazetteer knows such names (GeoNames' world cities) and the country a place is in;
the joiner takes the city the article's other places point to, else leaves the name as
written. Pages composed for the test."""

from __future__ import annotations

import subprocess
import sys

from newsdesk.article import Annotations, Mention
from newsdesk.lang.gazetteer import cities_named, countries_of, country_of
from newsdesk.lang.merge import NameJoiner, named_entities


def test_gazetteer_cities_knows_a_name_two_cities_share() -> None:
    assert {("Auckland", "New Zealand"), ("Oakland", "United States")} <= cities_named(
        "オークランド"
    )
    assert ("Oakland", "United States") in cities_named("奥克兰")
    assert cities_named("Oakland") == frozenset()  # names in Latin letters are the index's


def test_gazetteer_cities_countries_of_places() -> None:
    assert country_of("Auckland") == "New Zealand"
    assert countries_of("California") == {"United States"}  # a state
    assert "United States" in countries_of("Minneapolis")  # a GeoNames city
    assert countries_of("Chile") == {"Chile"}
    assert countries_of("Nowhere Vale") == frozenset()


def _page(*names: str) -> Annotations:
    mentions, at = [], 0
    for name in names:
        mentions.append(Mention(text=name, type="GPE", start=at, end=at + len(name)))
        at += len(name) + 1
    return Annotations(entities=mentions, quotes=[], dates=[], events=[], named=[])


def _shown(page: Annotations, language: str, known: list[tuple[str, str]]) -> dict[str, str]:
    NameJoiner(lambda: known).join([(page, language)])
    return {m.text: m.canonical or m.text for m in page.entities}


def test_gazetteer_cities_joiner_takes_the_city_the_page_points_to() -> None:
    known = [("California", "GPE"), ("New Zealand", "GPE")]
    assert _shown(_page("奥克兰", "加利福尼亚州", "California"), "zh", known)["奥克兰"] == "Oakland"
    assert _shown(_page("オークランド", "ミネアポリス"), "ja", known)["オークランド"] == "Oakland"
    assert _shown(_page("오클랜드", "뉴질랜드"), "ko", known)["오클랜드"] == "Auckland"
    assert _shown(_page("奥克兰", "北京"), "zh", known)["奥克兰"] == "奥克兰"  # no say: as written
    assert _shown(_page("悉尼", "北京"), "zh", known)["悉尼"] == "Sydney"  # one city's name


def test_gazetteer_cities_learned_from_english_pages_beside() -> None:
    english = _page("San Diego", "Coronado")
    english.named = named_entities(english.entities)  # what the English annotator gives
    chinese = _page("圣地亚哥", "科罗纳多", "Coronado")
    NameJoiner(lambda: []).join([(english, "en"), (chinese, "zh")])
    assert chinese.entities[0].canonical == "San Diego"  # Coronado was named beside it


def test_gazetteer_cities_tables_load_only_when_asked() -> None:
    code = "import sys, newsdesk.lang.merge; print('pycountry' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
