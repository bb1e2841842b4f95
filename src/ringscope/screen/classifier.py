"""Run-time scoring with the trained general employment-fraud classifier (no scikit-learn needed).

The artefact is a JSON file: a vocabulary of unigram/bigram features, each with its inverse
document frequency and logistic-regression coefficient, plus the intercept. Scoring reproduces
scikit-learn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")`` followed by the logistic function.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import mul
from typing import Any

from ringscope.screen.text import fold, tokens

ARTEFACT = "classifier.json"


class _SublinearTf(dict[int, float]):
    """``1 + log(n)`` by count, computed once per count."""

    def __missing__(self, n: int) -> float:
        value = self[n] = 1.0 + math.log(n)
        return value


_TF = _SublinearTf()
_DIGITS = re.compile(r"\d")



@dataclass(frozen=True, slots=True)
class Classifier:
    """A linear TF-IDF model over :func:`ringscope.screen.text.features`."""

    intercept: float
    terms: dict[str, tuple[float, float]]
    """term -> (idf, coefficient)"""
    meta: dict[str, Any] = field(default_factory=dict)
    _unigrams: dict[str, tuple[float, float]] = field(init=False, repr=False, compare=False)
    _bigrams: dict[tuple[str, str], tuple[float, float]] = field(init=False, repr=False, compare=False)
    _idf: dict[Any, float] = field(init=False, repr=False, compare=False)
    _coef: dict[Any, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unigrams = {t: v for t, v in self.terms.items() if " " not in t}
        bigrams = {tuple_pair(t): v for t, v in self.terms.items() if " " in t}
        object.__setattr__(self, "_unigrams", unigrams)
        object.__setattr__(self, "_bigrams", bigrams)
        features: dict[Any, tuple[float, float]] = {**unigrams, **bigrams}
        object.__setattr__(self, "_idf", {k: v[0] for k, v in features.items()})
        object.__setattr__(self, "_coef", {k: v[1] for k, v in features.items()})

    def probability(self, text: str) -> float:
        """Probability that the ad text is a fraudulent posting."""
        return self.score(text)[0]

    def score(self, text: str) -> tuple[float, int]:
        """The probability and the number of word tokens it rests on.

        Same features as :func:`ringscope.screen.text.features`: the tokens are counted once, and
        bigrams as pairs of tokens, so no feature string is built for a pair outside the vocabulary.
        """
        folded = fold(text)
        toks = tokens(folded)
        if _DIGITS.search(folded):
            toks = ["<num>" if t.isdigit() else t for t in toks]
        # Filters, counters and maps run in C: no Python-level step per token or feature.
        uni = Counter(filter(self._unigrams.__contains__, toks))
        pairs = Counter(filter(self._bigrams.__contains__, zip(toks, toks[1:], strict=False)))
        found: list[Any] = [*uni, *pairs]
        counts = [*uni.values(), *pairs.values()]
        if not found:
            return _logistic(self.intercept), len(toks)
        weights = list(map(mul, map(_TF.__getitem__, counts), map(self._idf.__getitem__, found)))
        # Exactly rounded sums: the result does not depend on the order the features are visited.
        norm = math.sqrt(math.fsum(map(mul, weights, weights)))
        dot = math.fsum(map(mul, weights, map(self._coef.__getitem__, found)))
        return _logistic(self.intercept + dot / norm), len(toks)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Classifier:
        terms = {str(t): (float(v[0]), float(v[1])) for t, v in data["terms"].items()}
        meta = {k: v for k, v in data.items() if k not in ("terms", "intercept")}
        return cls(intercept=float(data["intercept"]), terms=terms, meta=meta)


def tuple_pair(term: str) -> tuple[str, str]:
    """A bigram feature ("a b") as the pair of its tokens."""
    first, second = term.split(" ", 1)
    return first, second


def _logistic(z: float) -> float:
    if z < -500:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_classifier() -> Classifier:
    """The committed artefact shipped in ``ringscope/data/screen``."""
    path = resources.files("ringscope").joinpath("data", "screen", ARTEFACT)
    return Classifier.from_dict(json.loads(path.read_text(encoding="utf-8")))
