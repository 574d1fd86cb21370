"""Faster stand-ins for spaCy's attribute ruler, lemmatizer and entity recognizer, with the
same output token for token.

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

spaCy's lemmatizer (rule or lookup mode) sets each token's lemma one Python call at a time
(a Token object, its morphology read, the lemma string hashed again: about a twentieth of
the parse). A token's lemma depends on its text, part of speech and morphology alone (the
key of spaCy's own cache), so :class:`FastLemmatizer` reads those three columns at once,
asks the lemmatizer once per distinct key (remembered for later docs) and writes the
lemmas back in one ``Doc.from_array``: the lemma spaCy would have set, on the same tokens
(those without one, unless the lemmatizer overwrites).

:class:`FastEntityRecognizer` steps spaCy's greedy entity parse from Python, the GIL held.
spaCy's own loop (``Parser.greedy_parse``) releases the GIL and then, at every step, asks
each of the ~74 moves whether it is valid for each state; the compiled validity checks
(spaCy 3.8's Cython 3 build) take the GIL back after each call into the parse state, to
look for a Python error: millions of GIL hand-overs a batch, a third of the entity
recognizer's CPU (``perf``: ``take_gil``/``drop_gil`` under ``TransitionSystem.set_valid``).
Held, the GIL costs such a check nothing. Each step is spaCy's own Python step
(``ParserStepModel.predict``, the beam search's) and ``Parser.transition_states`` (the same
validity, arg-max and transition as the compiled loop); the one change is that the hidden
layer's scores are multiplied by the layer's ops (numpy) instead of thinc's BLIS, as every
other layer here already is. The parser keeps spaCy's loop: its moves do not take the GIL,
and its two steps per token cost more from Python than they save.

:class:`OneThreadNumpyOps` is what the pipelines' layers multiply with
(newsdesk.annotate.nlp.load_spacy): numpy's BLAS instead of thinc's bundled BLIS, which
runs its generic reference kernels on this machine's CPU (``BLIS_ARCH_DEBUG=1``: "selecting
sub-configuration 'generic'"), on one thread (an in-process run leaves numpy's BLAS on
every core: 11.5-13.4 against 9.5-9.9 CPU s for one pass over 107 news articles).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Errors, Warnings
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, EntityRecognizer, Lemmatizer
from thinc.api import NumpyOps, set_dropout_rate

from newsdesk.blas import blas_threads

__all__ = [
    "FastAttributeRuler",
    "FastEnglishLemmatizer",
    "FastEntityRecognizer",
    "FastLemmatizer",
    "OneThreadNumpyOps",
    "speed_up",
]

_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "NORM": NORM}
_WRITTEN = (POS, TAG, DEP, LEMMA, MORPH)  # the attributes a compiled ruler may set
_REGEX_MEMO = 200_000  # distinct values whose regex outcome is remembered, per predicate
_LEMMA_MEMO = 500_000  # distinct (text, part of speech, morphology) keys whose lemma is kept
_LEMMA_MODES = ("rule", "lookup")  # modes whose lemma depends on those three alone


class _Test:
    """One token condition of a pattern: an attribute's value (a column) tested."""

    __slots__ = ("column", "kind", "memo", "needed", "regex", "values")

    def __init__(self, column: int, kind: str, values: Any) -> None:
        self.column = column
        self.kind = kind  # "eq", "in", "not_in", "regex"
        self.values = values
        self.regex: re.Pattern[str] | None = re.compile(values) if kind == "regex" else None
        self.memo: dict[int, bool] = {}
        # the values one of which the doc's column must hold for the test to pass anywhere
        # ("eq", "in"); None: a test that can pass whatever the column holds
        self.needed: frozenset[int] | None = None
        if kind == "eq":
            self.needed = frozenset([int(values)])
        elif kind == "in":
            self.needed = frozenset(int(v) for v in values.tolist())

    def possible(self, present: dict[int, set[int]], columns: numpy.ndarray) -> bool:
        """Whether the test can pass on some token of the doc: False when it asks for values
        the doc's column does not hold (``present``: the column's values, found once)."""
        if self.needed is None:
            return True
        values = present.get(self.column)
        if values is None:
            values = present[self.column] = set(numpy.unique(columns[:, self.column]).tolist())
        return not values.isdisjoint(self.needed)

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
        present: dict[int, set[int]] = {}
        hits = []
        for attr_id, patterns, index, attrs in self._newsdesk_compiled.rules:
            for tokens in patterns:
                length = len(tokens)
                if length > n:
                    continue
                # a pattern asking for a word or tag the doc does not hold matches nowhere
                # (most of the ruler's exceptions, in most docs): no mask is made for it
                if not all(t.possible(present, columns) for tests in tokens for t in tests):
                    continue
                hit: numpy.ndarray | None = None  # a new array: the masks are shared
                for k, tests in enumerate(tokens):
                    for test in tests:
                        mask = masks.get(id(test))
                        if mask is None:
                            mask = masks[id(test)] = test.mask(columns, strings)
                        part = mask[k : n - length + 1 + k]
                        hit = part if hit is None else hit & part
                if hit is None:  # tokens without a test ({}): any token
                    hit = numpy.ones(n - length + 1, dtype=bool)
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


class _FastLemmas:
    """The lemmatizer's ``__call__``, one lookup per distinct (ORTH, POS, MORPH) key."""

    _newsdesk_memo: dict[tuple[int, int, int], int]

    def __call__(self, doc: Any) -> Any:
        lemmatizer: Any = self
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        error_handler = lemmatizer.get_error_handler()
        try:
            self._newsdesk_apply(doc)
            return doc
        except Exception as e:
            error_handler(lemmatizer.name, lemmatizer, [doc], e)
            return None

    def _newsdesk_apply(self, doc: Any) -> None:
        lemmatizer: Any = self
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        if not len(columns):
            return
        lemmas = columns[:, 3].copy()
        todo = (
            numpy.flatnonzero(lemmas == 0) if not lemmatizer.overwrite else numpy.arange(len(doc))
        )
        if not todo.size:
            return
        memo = self._newsdesk_memo
        if len(memo) > _LEMMA_MEMO:
            memo.clear()
        strings = lemmatizer.vocab.strings
        found = []
        for i, key in zip(todo.tolist(), map(tuple, columns[todo, :3].tolist()), strict=True):
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            found.append(lemma)
        lemmas[todo] = numpy.asarray(found, dtype=numpy.uint64)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))

    def rule_lemmatize(self, token: Any) -> list[str]:
        """spaCy 3.8's ``Lemmatizer.rule_lemmatize``, step for step, but for one thing: a
        candidate lemma is looked up in a set of the part of speech's index words, not in
        the index's list (57,528 nouns: a scan of the list per candidate was most of the
        lemmatizer's time on words it had not seen)."""
        lemmatizer: Any = self
        cache_key = (token.orth, token.pos, token.morph.key)
        if cache_key in lemmatizer.cache:
            return lemmatizer.cache[cache_key]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108)  # noqa: B028 (as spaCy warns)
            return [string.lower()]
        if lemmatizer.is_base_form(token):
            return [string.lower()]
        index_table = lemmatizer.lookups.get_table("lemma_index", {})
        exc_table = lemmatizer.lookups.get_table("lemma_exc", {})
        rules_table = lemmatizer.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self._newsdesk_index(index_table, univ_pos)
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        lemmatizer.cache[cache_key] = forms
        return forms

    def _newsdesk_index(self, table: Any, univ_pos: str) -> frozenset[str]:
        """The index words of ``univ_pos`` as a set (made once per table and part of speech)."""
        sets = self.__dict__.setdefault("_newsdesk_index_sets", {})
        key = (id(table), univ_pos)
        found = sets.get(key)
        if found is None:
            found = sets[key] = frozenset(table.get(univ_pos, {}))
        return found


class FastLemmatizer(_FastLemmas, Lemmatizer):
    """spaCy's Lemmatizer, one lookup per distinct token key: the same lemmas."""


class FastEnglishLemmatizer(_FastLemmas, EnglishLemmatizer):
    """spaCy's English lemmatizer, one lookup per distinct token key: the same lemmas."""


_FAST_LEMMATIZERS: dict[type, type] = {
    Lemmatizer: FastLemmatizer,
    EnglishLemmatizer: FastEnglishLemmatizer,
}


class FastEntityRecognizer(EntityRecognizer):
    """spaCy's EntityRecognizer, its greedy parse stepped with the GIL held: the same
    entities (the module's docstring)."""

    def greedy_parse(self, docs: Any, drop: float = 0.0) -> Any:
        """``Parser.greedy_parse``'s states, each step a Python call."""
        self._ensure_labels_are_added(docs)
        set_dropout_rate(self.model, drop)
        batch = self.moves.init_batch(docs)
        model = self.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        while states:
            states = self.transition_states(states, model.predict(states))
        model.clear_memory()
        return batch


def _fast_entity_recognizer(ner: Any) -> FastEntityRecognizer:
    """A FastEntityRecognizer on ``ner``'s model, moves and settings (a compiled class's
    instance cannot change its class, as the other components here do)."""
    cfg = ner.cfg
    fast = FastEntityRecognizer(
        ner.vocab,
        ner.model,
        ner.name,
        ner.moves,
        update_with_oracle_cut_size=cfg["update_with_oracle_cut_size"],
        beam_width=cfg["beam_width"],
        beam_density=cfg["beam_density"],
        beam_update_prob=cfg["beam_update_prob"],
        multitasks=cfg["multitasks"],
        incorrect_spans_key=cfg["incorrect_spans_key"],
        scorer=ner.scorer,
    )
    fast.cfg = cfg
    return fast


def speed_up(nlp: Any) -> list[str]:
    """Swap the fast components in where they give the same output; their names."""
    swapped = []
    for i, (name, component) in enumerate(nlp._components):
        if type(component) is EntityRecognizer and component.cfg.get("beam_width") == 1:
            nlp._components[i] = (name, _fast_entity_recognizer(component))
            swapped.append(name)
        if type(component) is AttributeRuler:
            compiled = _compile(component)
            if compiled is not None:
                component.__class__ = FastAttributeRuler
                component._newsdesk_compiled = compiled  # type: ignore[attr-defined]
                swapped.append(name)
        fast = _FAST_LEMMATIZERS.get(type(component))
        if fast is not None and getattr(component, "mode", None) in _LEMMA_MODES:
            component.__class__ = fast
            component._newsdesk_memo = {}
            # the instance's lemmatize was bound to the old class's method at its creation
            component.lemmatize = getattr(component, f"{component.mode}_lemmatize")
            swapped.append(name)
    return swapped


class OneThreadNumpyOps(NumpyOps):
    """thinc's numpy ops with numpy's matrix product (``use_blis=False``), on one BLAS
    thread: the same products as BLIS's to the last tag and entity, at less CPU."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        *,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        with blas_threads(1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
