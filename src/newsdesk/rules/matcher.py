"""One rule, compiled: plain words or a regular expression, matched under a time limit.

Plain words (``--match``) are comma-separated alternatives, each a word or a
phrase matched whole and case-insensitively: ``"horoscope, celebrity gossip"``.
A regular expression (``--regex``) is the ``regex`` package's syntax, matched as
written (add ``(?i)`` for case-insensitive). Every match runs with a timeout; a
regular expression that takes too long on pathological strings is refused when
it is saved, not discovered at ingest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import regex

from newsdesk.errors import UsageError
from newsdesk.store.rules import RuleArticle, RuleRow

__all__ = [
    "ACTIONS",
    "FIELDS",
    "MATCH_TIMEOUT",
    "CompiledRule",
    "check_rule",
    "compile_rule",
]

ACTIONS = ("mute", "keep")
FIELDS = ("title", "text", "outlet", "author")
KINDS = ("words", "regex")
MATCH_TIMEOUT = 0.25  # seconds one field may take to match at ingest
SAVE_TIMEOUT = 0.25  # seconds one probe string may take when the rule is saved
MAX_PATTERN = 1000
MAX_NAME = 80
_PROBE_LENGTH = 4096


@dataclass(slots=True)
class CompiledRule:
    """A rule ready to match; ``timeouts`` counts matches cut off by the time limit."""

    row: RuleRow
    pattern: Any  # regex.Pattern[str]
    timeouts: int = 0

    @property
    def name(self) -> str:
        return self.row.name

    def applies_to(self, source: str) -> bool:
        """Whether this rule's scope covers an article read from ``source``."""
        scope = self.row.source
        if scope is None:
            return True
        return source == scope or source.startswith(scope + "#")

    def matches(self, article: RuleArticle) -> bool:
        """Whether the rule's field matches; a match that runs out of time does not."""
        value = getattr(article, self.row.field) or ""
        if not value:
            return False
        try:
            return self.pattern.search(value, timeout=MATCH_TIMEOUT) is not None
        except TimeoutError:
            self.timeouts += 1
            return False


def _words_pattern(words: str) -> str:
    phrases = [p.split() for p in words.split(",")]
    alternatives = [r"\s+".join(regex.escape(w) for w in p) for p in phrases if p]
    if not alternatives:
        raise UsageError(
            f"--match {words!r} has no words; give words or phrases separated by commas"
        )
    return r"(?i)(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


def compile_rule(row: RuleRow) -> CompiledRule:
    """The rule compiled; UsageError naming the bad part when it cannot be."""
    source = _words_pattern(row.pattern) if row.kind == "words" else row.pattern
    try:
        return CompiledRule(row=row, pattern=regex.compile(source, flags=regex.V0))
    except regex.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        near = f" (near {row.pattern[exc.pos : exc.pos + 10]!r})" if exc.pos is not None else ""
        raise UsageError(
            f"--regex {row.pattern!r} is not a valid regular expression: {exc.msg}{where}{near}"
        ) from None


def _probes(pattern: str) -> list[str]:
    """Strings that make backtracking regular expressions slow: long runs of the
    characters the pattern names (and of common classes), each ending in a mismatch."""
    chars = {c for c in pattern if c.isalnum()} | set("a0 x.-_\t\n")
    probes: list[str] = []
    for char in sorted(chars)[:24]:
        probes.append(char * _PROBE_LENGTH + "\x00!")
    literals = "".join(c for c in pattern if c.isalnum())[:16]
    if literals:
        probes.append((literals * (_PROBE_LENGTH // len(literals) + 1))[:_PROBE_LENGTH] + "\x00")
        probes.append((literals + " ") * (_PROBE_LENGTH // (len(literals) + 1)) + "\x00")
    probes.append("ab " * (_PROBE_LENGTH // 3) + "\x00")
    return probes


def check_rule(row: RuleRow) -> CompiledRule:
    """Validate a rule before it is saved: name, action, field, pattern, and (for a
    regular expression) its speed on pathological strings. UsageError says what is wrong."""
    if not row.name.strip() or len(row.name) > MAX_NAME or any(ord(c) < 32 for c in row.name):
        raise UsageError(f"rule name {row.name[:100]!r}: give 1 to {MAX_NAME} printable characters")
    if row.action not in ACTIONS:
        raise UsageError(f"{row.action!r}: a rule mutes (--mute) or keeps (--keep)")
    if row.field not in FIELDS:
        raise UsageError(f"--field {row.field!r}: choose one of {', '.join(FIELDS)}")
    if row.kind not in KINDS:
        raise UsageError("give the words to match (--match WORDS) or a --regex RX")
    if not row.pattern.strip() or len(row.pattern) > MAX_PATTERN:
        raise UsageError(f"the pattern must have 1 to {MAX_PATTERN} characters")
    compiled = compile_rule(row)
    if row.kind == "regex":
        for probe in _probes(row.pattern):
            started = time.perf_counter()
            try:
                compiled.pattern.search(probe, timeout=SAVE_TIMEOUT)
            except TimeoutError:
                took = time.perf_counter() - started
                raise UsageError(
                    f"--regex {row.pattern!r} takes too long (over {took:.2f} s on a "
                    f"{len(probe):,}-character string of {probe[0]!r}): nested repetition such "
                    "as (a+)+ backtracks without end; write it without a repeat inside a repeat"
                ) from None
    return compiled
