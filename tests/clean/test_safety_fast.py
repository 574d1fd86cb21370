"""strip_controls and repair_mojibake look for one character before running their full
patterns: the same text out, with and without the characters they look for (composed)."""

from __future__ import annotations

import random
import re

from newsdesk.clean.mojibake import repair_mojibake
from newsdesk.clean.safety import strip_controls

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+")
ALPHABET = (
    "abc XYZ\t\n.,—“”’é日本語한국\x00\x01\x08\x0b\x1b\x1f\x7f\x80\x9b\x9f\ud800\udfff\r"
    "\u00c2\u00c3\u00e2\u00a9\u2019\u20ac\u0080"
)


def test_safety_strip_controls_fast_path_matches_the_pattern() -> None:
    rng = random.Random(18)
    for _ in range(500):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        expected = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        assert strip_controls(text) == expected
    clean = "The council met on Tuesday.\n\tIt voted — “yes”."
    assert strip_controls(clean) is clean  # nothing to take out: the same string


def test_mojibake_fast_path_leaves_text_without_lead_characters_alone() -> None:
    clean = "The mayor said it’s “too early” — naïve? No: the ferry costs €20 © Gazette."
    assert repair_mojibake(clean) is clean
    saved = "The mayor said itâ€™s â€œtoo earlyâ€\x9d to tell"
    assert repair_mojibake(saved) == "The mayor said it’s “too early” to tell"
    # signatures past the scanned head are not counted, with or without a lead before
    assert repair_mojibake("x" * 200_000 + saved) == "x" * 200_000 + saved
