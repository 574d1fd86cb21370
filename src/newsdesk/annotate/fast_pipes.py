"""A faster stand-in for spaCy's attribute ruler, with the same output token for token.

en_core_web_sm's ``attribute_ruler`` (179 token patterns: the tag map, then exceptions)
runs spaCy's general Matcher over every token and sets each match's attributes one Python
call at a time: about an eighth of the whole parse of a news article, more than the tagger
and the lemmatizer together. :class:`FastAttributeRuler` finds the same matches with numpy
over the doc's attribute columns (one comparison per pattern token, regexes over the doc's
distinct values) and writes the attributes back in one ``Doc.from_array``, in the ruler's
own order (a later pattern wins), so every token gets what the ruler would have given it.

:func:`speed_up` swaps it in by changing the class of the loaded component (its patterns
and serialisation stay spaCy's). A ruler with a pattern this matcher does not read (an
operator such as ``OP``, a predicate other than IN/NOT_IN/REGEX, an attribute other than
those in ``_READ``, an attribute set other than those in ``_WRITTEN``) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

__all__ = ["FastAttributeRuler", "speed_up"]

_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "NORM": NORM}
_WRITTEN = (POS, TAG, DEP, LEMMA, MORPH)  # the attributes a compiled ruler may set
_REGEX_MEMO = 200_000  # distinct values whose regex outcome is remembered, per predicate


class _Test:
    """One token condition of a pattern: an attribute's value (a column) tested."""

    __slots__ = ("column", "kind", "memo", "regex", "values")

    def __init__(self, column: int, kind: str, values: Any) -> None:
        self.column = column
        self.kind = kind  # "eq", "in", "not_in", "regex"
        self.values = values
        self.regex: re.Pattern[str] | None = re.compile(values) if kind == "regex" else None
        self.memo: dict[int, bool] = {}

    def mask(self, columns: numpy.ndarray, strings: Any) -> numpy.ndarray:
        column = columns[:, self.column]
        if self.kind == "eq":
            return column == self.values
        if self.kind == "in":
            return numpy.isin(column, self.values)
        if self.kind == "not_in":
            return ~numpy.isin(column, self.values)
        assert self.regex is not None
        if len(self.memo) > _REGEX_MEMO:
            self.memo.clear()
        accepted = []
        for value in numpy.unique(column).tolist():
            found = self.memo.get(value)
            if found is None:
                found = self.memo[value] = bool(self.regex.search(strings[value]))
            if found:
                accepted.append(value)
        return numpy.isin(column, numpy.asarray(accepted, dtype=numpy.uint64))


def _compile_token(spec: dict[str, Any], strings: Any) -> list[_Test] | None:
    tests = []
    for key, value in spec.items():
        if key not in _READ:
            return None
        column = list(_READ).index(key)
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append(_Test(column, "eq", int(value)))
        elif isinstance(value, str):
            tests.append(_Test(column, "eq", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                hashes = numpy.asarray([strings.add(v) for v in arg], dtype=numpy.uint64)
                tests.append(_Test(column, op.lower(), hashes))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append(_Test(column, "regex", arg))
            else:
                return None
        else:
            return None
    return tests


class _Compiled:
    """The ruler's patterns, in the order the ruler applies them."""

    def __init__(self, rules: list[tuple[int, list[list[list[_Test]]], int, dict[int, int]]]):
        self.rules = rules  # (attr_id, patterns, index, attrs) with attrs {attr: hash}


def _compile(ruler: Any) -> _Compiled | None:
    strings = ruler.vocab.strings
    rules: list[tuple[int, list[list[list[_Test]]], int, dict[int, int]]] = []
    for attr_id, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        key = strings[str(attr_id)]
        patterns = ruler.matcher.get(key)[1] if key in ruler.matcher else None
        if not patterns or any(k not in _WRITTEN for k in attrs):
            return None
        compiled: list[list[list[_Test]]] = []
        for pattern in patterns:
            found = [_compile_token(spec, strings) for spec in pattern]
            tokens = [t for t in found if t is not None]
            if not tokens or len(tokens) != len(found):
                return None
            if not -len(tokens) <= index < len(tokens):
                return None
            compiled.append(tokens)
        rules.append((attr_id, compiled, index, {int(k): int(v) for k, v in attrs.items()}))
    if len(rules) != len(ruler.matcher):
        return None
    return _Compiled(rules)


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, matching with numpy: the same attributes on every token."""

    _newsdesk_compiled: _Compiled

    def __call__(self, doc: Any) -> Any:
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def matches(self, doc: Any) -> list[tuple[int, int, int]]:
        """``(attr_id, start, end)`` of every match, sorted as :meth:`AttributeRuler.match`
        sorts its matches (what the equivalence tests compare)."""
        found: set[tuple[int, int, int]] = set()
        for attr_id, _, starts, length, _ in self._hits(doc):
            found.update((attr_id, s, s + length) for s in starts.tolist())
        return sorted(found)

    def _hits(self, doc: Any) -> list[tuple[int, dict[int, int], Any, int, int]]:
        """``(attr_id, attrs, starts, length, index)`` per pattern that matched, in the
        order the ruler applies them."""
        n = len(doc)
        if not n:
            return []
        columns = doc.to_array(list(_READ.values()))
        strings = self.vocab.strings
        masks: dict[int, numpy.ndarray] = {}
        hits = []
        for attr_id, patterns, index, attrs in self._newsdesk_compiled.rules:
            for tokens in patterns:
                length = len(tokens)
                if length > n:
                    continue
                hit = numpy.ones(n - length + 1, dtype=bool)
                for k, tests in enumerate(tokens):
                    for test in tests:
                        mask = masks.get(id(test))
                        if mask is None:
                            mask = masks[id(test)] = test.mask(columns, strings)
                        hit &= mask[k : n - length + 1 + k]
                starts = numpy.flatnonzero(hit)
                if starts.size:
                    hits.append((attr_id, attrs, starts, length, index))
        return hits

    def _apply(self, doc: Any) -> None:
        hits = self._hits(doc)
        if not hits:
            return
        values = doc.to_array(list(_WRITTEN))
        for _, attrs, starts, length, index in hits:
            targets = starts + (index if index >= 0 else length + index)
            for attr, value in attrs.items():
                values[targets, _WRITTEN.index(attr)] = value
        doc.from_array(list(_WRITTEN), values)


def speed_up(nlp: Any) -> list[str]:
    """Swap the fast components in where they give the same output; their names."""
    swapped = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            compiled = _compile(component)
            if compiled is not None:
                component.__class__ = FastAttributeRuler
                component._newsdesk_compiled = compiled  # type: ignore[attr-defined]
                swapped.append(name)
    return swapped
