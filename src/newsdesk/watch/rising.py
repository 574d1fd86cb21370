"""What is rising: stories and entities whose coverage grows fastest against their own
baseline, the way EMM's breaking-news detection compares a recent window with what is
usual for the same subject.

Time is cut into windows of ``window_hours`` ending at the anchor (now, or the latest
article when the store is older than now). For each story and entity: ``recent`` is
its article count in the latest window, the baseline is the mean and standard
deviation of its counts over the ``baseline`` windows before. The score is
``(recent - mean) / max(stddev, 1)``: a new subject scores its count, a steady one
scores near zero, a steady one that suddenly doubles scores high. Only subjects with
at least ``min_recent`` articles in the window are listed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

__all__ = ["BRIEF_RISING", "Rising", "RisingItem", "brief_rising", "rising"]

BRIEF_RISING = 5  # stories and entities each at the top of the brief


@dataclass(frozen=True, slots=True)
class RisingItem:
    kind: str  # "story" | "entity"
    key: str  # the story id or the entity's canonical name
    label: str
    recent: int
    mean: float
    stddev: float
    score: float

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.key, "label": self.label, "recent": self.recent,
            "baseline_mean": round(self.mean, 3), "baseline_stddev": round(self.stddev, 3),
            "score": round(self.score, 3),
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RisingItem:
        """An item back from :meth:`as_json` (the brief archive keeps the JSON)."""
        return cls(str(data["kind"]), str(data["id"]), str(data["label"]), int(data["recent"]),
                   float(data["baseline_mean"]), float(data["baseline_stddev"]),
                   float(data["score"]))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rising:
    anchor: str  # the end of the recent window (UTC, ISO 8601)
    window_hours: float
    baseline: int
    stories: list[RisingItem]
    entities: list[RisingItem]

    def as_json(self) -> dict[str, Any]:
        return {
            "anchor": self.anchor,
            "window_hours": self.window_hours,
            "baseline_windows": self.baseline,
            "stories": [i.as_json() for i in self.stories],
            "entities": [i.as_json() for i in self.entities],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rising:
        """What was rising back from :meth:`as_json` (the brief archive keeps the JSON)."""
        return cls(
            str(data["anchor"]),
            float(data["window_hours"]),
            int(data["baseline_windows"]),
            [RisingItem.from_json(i) for i in data.get("stories") or []],
            [RisingItem.from_json(i) for i in data.get("entities") or []],
        )


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace(" ", "T"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _score(kind: str, counts: dict[str, dict[int, int]], baseline: int,
           min_recent: int) -> list[tuple[str, int, float, float, float]]:  # fmt: skip
    found = []
    for key, slots in counts.items():
        recent = slots.get(0, 0)
        if recent < min_recent:
            continue
        history = [slots.get(i, 0) for i in range(1, baseline + 1)]
        mean = sum(history) / len(history)
        stddev = math.sqrt(sum((n - mean) ** 2 for n in history) / len(history))
        found.append((key, recent, mean, stddev, (recent - mean) / max(stddev, 1.0)))
    found.sort(key=lambda f: (-f[4], -f[1], f[0]))
    return found


def rising(
    store: Any,
    *,
    now: datetime | None = None,
    window_hours: float = 6.0,
    baseline: int = 28,
    min_recent: int = 2,
    limit: int = 20,
) -> Rising:
    """The stories and entities rising fastest at the anchor, best first."""
    now = now or datetime.now(UTC)
    latest = store.trends.latest_moment()
    anchor = min(now, _aware(latest)) if latest else now
    until = anchor.astimezone(UTC).isoformat(timespec="seconds")
    lists: dict[str, list[RisingItem]] = {}
    for kind in ("story", "entity"):
        counts: dict[str, dict[int, int]] = defaultdict(dict)
        for key, slot, n in store.trends.slot_counts(
            kind, until=until, slot_hours=window_hours, slots=baseline + 1
        ):
            counts[key][slot] = n
        scored = _score(kind, counts, baseline, min_recent)[:limit]
        titles = store.watch.story_titles([k for k, *_ in scored]) if kind == "story" else {}
        lists[kind] = [
            RisingItem(kind, key, titles.get(key) or key, recent, mean, sd, score)
            for key, recent, mean, sd, score in scored
        ]
    return Rising(until, window_hours, baseline, lists["story"], lists["entity"])


def brief_rising(store: Any, day: date, *, limit: int = BRIEF_RISING) -> Rising:
    """What was rising at the end of ``day`` (or at its latest article), for the top of
    that day's brief: at most ``limit`` of each kind."""
    end = datetime.combine(day, time.max, tzinfo=UTC)
    return rising(store, now=end, limit=limit)
