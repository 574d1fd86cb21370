"""Mute and keep rules: per source or global, on title, text, outlet or author.

``newsdesk rules add|list|remove|apply``; applied at ingest (:func:`mark_articles`)
with the reason recorded, re-applicable to what is stored (:func:`apply_rules`).
"""

from newsdesk.rules.matcher import ACTIONS, FIELDS, check_rule, compile_rule
from newsdesk.rules.stage import ApplyReport, RuleSet, apply_rules, mark_articles

__all__ = [
    "ACTIONS",
    "FIELDS",
    "ApplyReport",
    "RuleSet",
    "apply_rules",
    "check_rule",
    "compile_rule",
    "mark_articles",
]
