"""A stand-in for a module of newsdesk.executors.models: importing it "loads a model"
(notes which process loaded it and when), for the fork-server preload test."""

from __future__ import annotations

import os

LOADED_BY = os.getpid()


class Uses:
    """A batch function that uses the stand-in model and names it for preloading."""

    name = "uses-fake-model"

    def preload(self) -> list[str]:
        return ["executors.fake_model"]

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[int]) -> list[tuple[int, int, int]]:
        from executors import fake_model

        return [(item, os.getpid(), fake_model.LOADED_BY) for item in batch]
