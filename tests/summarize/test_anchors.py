"""Where and when a fact happened (summarize/anchors.py): two places neither of which holds
the other are two events; a country and its city, or places a report's text puts one in
the other, are one; absent anchors never contradict. Annotations are composed by hand
(the spans the annotate stage would give), so these run without a model."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newsdesk.article import Annotations, Article, Mention, TimeExpression
from newsdesk.summarize.anchors import AnchorReader, Anchors
from newsdesk.summarize.compare import quotes_differ
from newsdesk.summarize.support import StoryIndex

T0 = datetime(2026, 3, 9, 20, 0, tzinfo=UTC)


def _article(article_id: str, outlet: str, text: str) -> Article:
    return Article(source=article_id, format="text", raw=text, text=text, id=article_id,
                   outlet=outlet, published=T0)  # fmt: skip


def _places(text: str, *names: str, kind: str = "GPE") -> list[Mention]:
    return [
        Mention(name, kind, m.start(), m.end(), name)
        for name in names
        for m in re.finditer(re.escape(name), text)
    ]


def _read(texts: dict[str, str], notes: dict[str, Annotations]) -> tuple[AnchorReader, dict]:
    members = [_article(k, f"Outlet {k}", v) for k, v in texts.items()]
    index = StoryIndex.build(members)
    reader = AnchorReader(notes)
    reader.read_story(index.texts)
    last = {t.id: t.sentences[-1] for t in index.texts}
    found = {
        k: reader.anchors(k, s.start, s.start + len(s.text)) for k, s in last.items()
    }  # the facts are told in each article's last sentence
    return reader, found


def test_anchors_two_cities_no_report_names_together_are_two_events() -> None:
    texts = {
        "a": "Fare protest in Leeds turns violent\nA march in Leeds turned violent on "
        "Saturday. Police arrested 38 protesters, officers said.",
        "b": "Thousands march in Glasgow\nAbout 2,000 people marched through Glasgow on "
        "Saturday. Police arrested 11 protesters, officers said.",
    }
    notes = {k: Annotations(entities=_places(t, "Leeds", "Glasgow")) for k, t in texts.items()}
    reader, found = _read(texts, notes)
    assert found["a"].places == frozenset()  # the count's sentence names no place ...
    assert found["a"].setting == {"Leeds"}  # ... its report is set in Leeds
    assert reader.contradict(found["a"], found["b"])
    assert not reader.agree(found["a"], found["b"])


def test_anchors_a_country_and_its_city_are_one_place() -> None:
    texts = {
        "a": "Riots in Greece\nAt least 70 people were hurt in Greece, officials said.",
        "b": "Riots in Athens\nAt least 80 people were hurt in Athens, officials said.",
    }
    notes = {k: Annotations(entities=_places(t, "Greece", "Athens")) for k, t in texts.items()}
    reader, found = _read(texts, notes)
    assert not reader.contradict(found["a"], found["b"])
    assert reader.agree(found["a"], found["b"])


def test_anchors_the_story_text_puts_an_unknown_place_in_a_country() -> None:
    texts = {
        "a": "Quake hits Indonesia's Tarang province\nThe quake struck on Tuesday. "
        "Indonesia earthquake: 24 dead.",
        "b": "Quake strikes Brevia, the capital of Indonesia's Sorel province\nThe quake "
        "struck on Sunday. At least five people were killed.",
    }
    notes = {
        k: Annotations(entities=_places(t, "Indonesia", "Tarang", "Brevia", "Sorel"))
        for k, t in texts.items()
    }
    reader, found = _read(texts, notes)
    # "Indonesia" alone would be one with the other report's Indonesia: it is narrowed by
    # its report's setting to the province the text puts in it, which no other report names
    assert found["a"].places == {"Indonesia"}
    assert reader.contradict(found["a"], found["b"])
    wide = Anchors(frozenset({"Indonesia"}), frozenset(), frozenset(), "a")
    assert not reader.contradict(wide, found["b"])


def test_anchors_a_place_the_other_report_names_is_not_another_event() -> None:
    texts = {
        "a": "Strike on a school in Jabara\nThe school was hit on Tuesday. It killed 40.",
        "b": "Strike in Gazira\nA school in Jabara, in the north of Gazira, was hit on "
        "Tuesday. At least 43 were killed.",
    }
    notes = {k: Annotations(entities=_places(t, "Jabara", "Gazira")) for k, t in texts.items()}
    reader, found = _read(texts, notes)
    assert not reader.contradict(found["a"], found["b"])


def test_anchors_a_place_named_in_the_other_reports_text_whatever_it_was_read_as() -> None:
    texts = {
        "a": "Ferry capsizes near Port Arlen\nA ferry capsized outside Port Arlen on Monday. "
        "It killed at least 12 people.",
        "b": "The last crossing\nBy the time the ferry cleared the breakwater at Port Arlen, "
        "the wind over the Corran Strait was gusting. The coast guard says 15 people died.",
    }
    notes = {
        "a": Annotations(entities=_places(texts["a"], "Port Arlen")),
        "b": Annotations(
            entities=_places(texts["b"], "Port Arlen", kind="PERSON")
            + _places(texts["b"], "Corran Strait", kind="LOC")
        ),
    }
    reader, found = _read(texts, notes)
    assert found["b"].setting == {"Corran Strait"}  # "Port Arlen" was read as a person
    assert not reader.contradict(found["a"], found["b"])


def test_anchors_a_place_a_round_up_names_elsewhere_is_no_agreement() -> None:
    texts = {
        "a": "Office shooting in Lindon\nA man shot three people at an office in Lindon.",
        "b": "Shootings this year\nOn Monday a gunman struck in Lindon. In February a gunman "
        "killed five people at a mall in Orem.",
    }
    notes = {k: Annotations(entities=_places(t, "Lindon", "Orem")) for k, t in texts.items()}
    reader, found = _read(texts, notes)
    assert not reader.contradict(found["a"], found["b"])  # the round-up names Lindon too
    assert not reader.agree(found["a"], found["b"])  # but Orem is not Lindon


def test_anchors_absent_never_contradict() -> None:
    texts = {
        "a": "Riots go on\nAt least 70 people were hurt, officials said.",
        "b": "Fire at a depot in Tarvik\nAt least 21 people were hurt, officials said.",
    }
    notes = {"a": Annotations(), "b": Annotations(entities=_places(texts["b"], "Tarvik"))}
    reader, found = _read(texts, notes)
    assert not reader.contradict(found["a"], found["b"])
    assert not reader.agree(found["a"], found["b"])  # and never agree either
    assert not reader.contradict(Anchors(), Anchors())


def test_anchors_explicit_days_apart_are_two_events_weekdays_are_no_anchor() -> None:
    texts = {
        "a": "Quake\nOn July 2 the quake killed 24 people.",
        "b": "Quake\nOn January 4 the quake killed 5 people.",
        "c": "Quake\nOn Tuesday the quake killed 30 people.",
    }

    def day(text: str, said: str, value: str) -> TimeExpression:
        at = text.index(said)
        return TimeExpression(said, value, at, at + len(said))

    notes = {
        "a": Annotations(dates=[day(texts["a"], "July 2", "2026-07-02")]),
        "b": Annotations(dates=[day(texts["b"], "January 4", "2026-01-04")]),
        "c": Annotations(dates=[day(texts["c"], "Tuesday", "2026-07-01")]),
    }
    reader, found = _read(texts, notes)
    assert reader.contradict(found["a"], found["b"])
    assert found["c"].days == frozenset()  # a weekday is told relative to the report
    assert not reader.contradict(found["a"], found["c"])


def test_compare_quotes_differ_only_where_both_tellings_say_something_else() -> None:
    start = "By buying Tessaly Grid , we are turning Harbour Power ’ s network into a national one"
    middle = "Harbour Power's network into a national one , which Ostmark Energy cannot match"
    assert not quotes_differ(start, middle)  # overlapping excerpts of one statement
    assert not quotes_differ(middle, start)
    assert not quotes_differ("We received the letters", "we have received the letters")
    assert quotes_differ("We counted 40 boats at dawn", "We counted 60 boats at dawn")
    assert quotes_differ("We will meet Chen in Velmora", "We will meet Okafor in Velmora")
