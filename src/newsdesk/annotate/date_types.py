"""What a date rule reads (:class:`Context`) and answers (:class:`Timex`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Context", "Timex"]


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may use besides the words: the anchor date and the sentence's tense."""

    anchor: date | None = None
    tense: str = "present"  # past | present | future
    previous: str | None = None  # the value of the expression before this one, if any
    quarter: str | None = None  # the quarter the text is about (``1989-Q3``): its first named
    period: str | None = None  # a length longer than a quarter the sentence reports on
    # ("for the nine months": P9M): its comparisons ("a year earlier") are years, not quarters
    previous_here: bool = False  # ``previous`` was told in this expression's own sentence


@dataclass(frozen=True, slots=True)
class Timex:
    value: str
    type: str = "DATE"
    mod: str | None = None
    # where a length counted from a told day lands ("three days later" after Monday: value
    # P3D, anchor the Thursday); TIMEX3's value is the length, the desk dates by the anchor
    anchor: str | None = None
