"""The ``readings`` stage: the brief's story readings computed ahead, at the end of a run.

When ``ingest`` (or a ``run`` cycle, or ``backfill``) has stored articles, the brief of
the newest days they were published on (at most :data:`DAYS`) is built once here, in the
parent, after the store writer, story assignment and the annotations: every story it
shows whose members changed is read and kept (:mod:`newsdesk.publish.readings`), so the
first ``brief`` or front page after the run reads them back instead of computing them. A
story whose reading raises is marked in the store and left out; the other stories and
the run go on, and a failure of the whole step is logged, never raised. Off with
``NEWSDESK_READ_AHEAD=0`` (the first brief then computes and keeps them).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from newsdesk.faults import guarded
from newsdesk.pipeline import WarmUp

if TYPE_CHECKING:
    from newsdesk.stages.parent import IngestRun

__all__ = ["DAYS", "ReadAhead"]

DAYS = 2  # the newest publication days of a run's articles whose brief is read ahead


def _nothing() -> None:
    return None


class ReadAhead:
    """Global stage ``readings``: nothing per batch; the readings at :meth:`close`."""

    def __init__(self, run: IngestRun) -> None:
        self.run = run
        self.days: list[str] = []  # the days read ahead (for reports and tests)
        # the brief's imports and tables (about half a CPU second of a cold brief, some of
        # it met first by the story titles), loaded while the workers start when a pool
        # does, instead of here at the end with the workers idle
        self.warm = WarmUp(self._loads if self._wanted() else _nothing)

    def _wanted(self) -> bool:
        settings = self.run.settings
        return bool(settings.read_ahead and settings.stories and settings.annotate)

    @staticmethod
    def _loads() -> None:
        from newsdesk.clean.titles import title_debris
        from newsdesk.lang.gazetteer import countries_of
        from newsdesk.outlets.model import countries
        from newsdesk.publish import build_brief  # noqa: F401  (the brief's imports)
        from newsdesk.publish.readings import code_stamp

        code_stamp()  # the readings' digests
        countries()  # CLDR's country names (the brief's outlets and perspectives)
        countries_of("Paris")  # the world's cities (the summary's anchors)
        title_debris("The council votes on the harbour budget")  # the headlines' rules

    def __call__(self, batch: list[Any]) -> list[Any]:
        return batch

    def close(self) -> None:
        run = self.run
        self.warm.wait()
        if not self._wanted() or not run.report.ids or run.store is None:
            return
        store = run.store
        days: list[str] = guarded(
            "reading ahead: the run's days",
            lambda: store.story_readings.publication_days(run.report.ids),
            [],
        )
        for day in days[:DAYS]:
            if guarded(f"reading ahead the brief of {day}", partial(self._read, day), False):
                self.days.append(day)

    def _read(self, day: str) -> bool:
        from newsdesk.publish import build_brief

        build_brief(self.run.need_store(), date.fromisoformat(day))
        return True
