"""The model's attribute rules (POS, morphology and lemma exceptions by tag and word) matched with
numpy over whole-document arrays instead of spaCy's token-by-token ``Matcher``.

en_core_web_sm's ``attribute_ruler`` holds 179 rules, a few of them with set or regex tests (``{"IN":
[...]}``, ``{"NOT_IN": [...]}``, ``{"REGEX": ...}``) that spaCy's ``Matcher`` evaluates in Python for
every token: the component took about a seventh of the parse. Here each rule is one vectorised
comparison per token position of its pattern; the matches found are exactly the ``Matcher``'s and are
applied by the component's own ``set_annotations``, so every token gets the same attributes
(``benchmarks/attribute_rules_parity.py`` compares the two on every text of the evaluation sets).
A rule this module cannot read (an operator such as ``"OP"``, an attribute it does not know) leaves
the component as spaCy built it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LIKE_NUM, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# The token attributes a rule may test: those whose array value is a string's hash, and flags.
_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "DEP": DEP}
_FLAG_ATTRS = {
    "IS_SPACE": IS_SPACE,
    "IS_PUNCT": IS_PUNCT,
    "IS_ALPHA": IS_ALPHA,
    "IS_DIGIT": IS_DIGIT,
    "LIKE_NUM": LIKE_NUM,
}
_ATTR_IDS = {**_STRING_ATTRS, **_FLAG_ATTRS}

# A test over one column of the document's array: the values -> a boolean mask.
_Test = Callable[[np.ndarray], np.ndarray]


class UnsupportedRule(ValueError):
    """A rule uses a part of the pattern language this module does not match."""


@dataclass(frozen=True)
class _Rule:
    order: int  # the rule's place in the ruler: later rules override earlier ones
    match_id: int  # the hash of ``str(order)``, the key spaCy's ruler gives it
    # Each alternative pattern: per token position, (column, test) pairs.
    alternatives: tuple[tuple[tuple[tuple[int, _Test], ...], ...], ...]


class CompiledAttributeRules:
    """The rules of one ``AttributeRuler``, matched over ``doc.to_array``."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        columns: dict[int, int] = {}
        rules = []
        for order, entry in enumerate(ruler.patterns):
            alternatives = tuple(
                tuple(self._token_tests(spec, columns) for spec in pattern) for pattern in entry["patterns"]
            )
            if any(not pattern for pattern in alternatives):
                raise UnsupportedRule(f"rule {order} has an empty pattern")
            rules.append(_Rule(order, self.vocab.strings.add(str(order)), alternatives))
        self.attr_ids = list(columns)
        self.rules = rules

    def _token_tests(self, spec: dict, columns: dict[int, int]) -> tuple[tuple[int, _Test], ...]:
        tests = []
        for name, value in spec.items():
            attr = _ATTR_IDS.get(name.upper())
            if attr is None:
                raise UnsupportedRule(f"attribute {name!r}")
            column = columns.setdefault(attr, len(columns))
            tests.append((column, self._test(name.upper() in _FLAG_ATTRS, value)))
        return tuple(tests)

    def _test(self, flag: bool, value) -> _Test:
        if flag:
            if not isinstance(value, bool):
                raise UnsupportedRule(f"flag value {value!r}")
            return lambda values, wanted=int(value): values == wanted
        if isinstance(value, str):
            key = self.vocab.strings.add(value)
            return lambda values: values == key
        if isinstance(value, dict) and len(value) == 1:
            ((operator, operand),) = value.items()
            if operator in ("IN", "NOT_IN") and all(isinstance(item, str) for item in operand):
                wanted = np.array([self.vocab.strings.add(item) for item in operand], dtype=np.uint64)
                if operator == "IN":
                    return lambda values: np.isin(values, wanted)
                return lambda values: ~np.isin(values, wanted)
            if operator == "REGEX" and isinstance(operand, str):
                return self._regex_test(re.compile(operand))
        raise UnsupportedRule(f"value {value!r}")

    def _regex_test(self, pattern: re.Pattern) -> _Test:
        strings = self.vocab.strings
        # Whether each value seen so far matches (as many as the vocabulary's strings at most).
        known: dict[int, bool] = {}

        def test(values: np.ndarray) -> np.ndarray:
            unique = np.unique(values)
            for value in unique.tolist():
                if value not in known:
                    known[value] = bool(pattern.search(strings[value]))
            matching = np.array([value for value in unique.tolist() if known[value]], dtype=np.uint64)
            return np.isin(values, matching)

        return test

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches as ``AttributeRuler.match`` gives them: (order, match id, start, end),
        sorted, so that ``set_annotations`` applies later rules over earlier ones."""
        n = len(doc)
        if not n or not self.rules:
            return []
        array = doc.to_array(self.attr_ids).reshape(n, len(self.attr_ids))
        matches = []
        for rule in self.rules:
            for pattern in rule.alternatives:
                length = len(pattern)
                starts = n - length + 1
                if starts <= 0:
                    continue
                mask = np.ones(starts, dtype=bool)
                for offset, tests in enumerate(pattern):
                    for column, test in tests:
                        mask &= test(array[offset : offset + starts, column])
                matches.extend(
                    (rule.order, rule.match_id, start, start + length)
                    for start in np.flatnonzero(mask).tolist()
                )
        matches.sort()
        return matches


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Match ``nlp``'s attribute ruler with ``CompiledAttributeRules``; False (and the ruler left as
    spaCy built it) when the pipeline has none or a rule is beyond this module."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        compiled = CompiledAttributeRules(ruler)
    except UnsupportedRule:
        return False
    # ``AttributeRuler.__call__`` runs ``self.match`` then ``self.set_annotations``: only the match changes.
    ruler.match = compiled.match
    return True
