"""The annotation writer's JSON is what ``json.dumps(asdict(...))`` wrote, made without
asdict's generic walk."""

from __future__ import annotations

import json
from collections import namedtuple
from dataclasses import asdict, dataclass, field
from typing import Any

from newsdesk.article import Annotations, Entity, Event, Mention, Quote, TimeExpression
from newsdesk.store.annotations import _plain, decode_annotations


def _composed() -> Annotations:
    return Annotations(
        entities=[
            Mention("Ana Ruiz", "PERSON", 0, 8, canonical="Ana Ruiz"),
            Mention("Kell", "GPE", 20, 24),
            Mention("高市早苗", "PERSON", 30, 34, canonical="Sanae Takaichi"),
        ],
        quotes=[
            Quote(
                "“We will build it,”",
                40,
                59,
                speaker="Ana Ruiz",
                speaker_start=0,
                speaker_end=8,
                cue="said",
            ),
            Quote("that costs rose", 60, 75, kind="indirect"),
        ],
        dates=[
            TimeExpression("Tuesday", "2026-01-13", 80, 87, frame="past"),
            TimeExpression(
                "three days later", "P3D", 90, 106, type="DURATION", anchor="2026-01-16"
            ),
        ],
        events=[
            Event(
                "met",
                "meet",
                "Ruiz met Olsen.",
                actor="Ana Ruiz",
                target="Olsen",
                date="2026-01-13",
                start=1,
                end=15,
                actor_country="Spain",
            )
        ],
        named=[
            Entity(
                "Ana Ruiz",
                "PERSON",
                aliases=["Ruiz", "Mayor Ruiz"],
                roles=["mayor"],
                country="Spain",
                mentions=2,
            ),
            Entity("Kell", "GPE"),
        ],
        skipped=None,
    )


def test_store_annotations_json_is_asdicts() -> None:
    found = _composed()
    for notes in (found, Annotations(), Annotations(skipped="unsupported_language")):
        expected = json.dumps(asdict(notes), ensure_ascii=False)
        assert json.dumps(_plain(notes), ensure_ascii=False) == expected
    assert decode_annotations(json.loads(json.dumps(_plain(found)))) == found


Pair = namedtuple("Pair", "left right")


@dataclass
class _Nested:
    pairs: list[Any] = field(default_factory=list)
    table: dict[str, Any] = field(default_factory=dict)
    span: tuple[int, ...] = ()
    score: float = 0.5
    flag: bool = True


def test_store_annotations_json_walks_what_asdict_walks() -> None:
    """Tuples, named tuples, dicts and dataclasses inside them, as asdict has them."""
    inner = Mention("Kell", "GPE", 1, 5)
    value = _Nested(
        pairs=[Pair(inner, [1, 2]), (inner, "x"), {"k": inner}],
        table={"a": [inner], "b": Pair(1, None)},
        span=(3, 4),
    )
    assert _plain(value) == asdict(value)
    assert json.dumps(_plain(value)) == json.dumps(asdict(value))
