"""Blindspots: heavy in one group, absent from another that was publishing."""

from __future__ import annotations

from newsdesk.outlets.blindspots import BlindspotConfig, MissingGroup, find_blindspots
from newsdesk.serialize import blindspots_from_json, blindspots_json
from newsdesk.store import SqliteStore


def test_blindspots_find_stories_one_country_covers_and_another_misses(
    desk_store: SqliteStore,
) -> None:
    found = find_blindspots(desk_store)
    by_heavy = {b["heavy"]["group"]: b for b in found}
    assert set(by_heavy) == {"JP", "CN"}
    assert [m["group"] for m in by_heavy["JP"]["missing"]] == ["CN"]
    assert by_heavy["CN"].missing == [MissingGroup("JP", "Japanese outlets")]
    shown = blindspots_json(found)
    assert list(shown[0]) == [
        "story_id", "title", "by", "first_seen", "last_seen", "heavy", "covered_by", "missing",
    ]  # fmt: skip
    assert {"group": "JP", "label": "Japanese outlets"} in [m for b in shown for m in b["missing"]]
    assert blindspots_from_json(shown) == found  # an archived brief's, read back typed


def test_blindspots_only_for_followed_groups(desk_store: SqliteStore) -> None:
    assert find_blindspots(desk_store, follow=["US"]) == []
    by_kind = find_blindspots(desk_store, config=BlindspotConfig(by="kind"), follow=["private"])
    assert [b["heavy"]["label"] for b in by_kind] == ["state media"]
    assert blindspots_json(by_kind)[0]["missing"] == [
        {"group": "private", "label": "private outlets"}
    ]
