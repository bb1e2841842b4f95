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
from typing import Any

from ringscope.screen.text import fold, tokens

ARTEFACT = "classifier.json"
_TF = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]
"""Sublinear term frequency ``1 + log(n)`` of small counts."""
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

    def __post_init__(self) -> None:
        unigrams = {t: v for t, v in self.terms.items() if " " not in t}
        bigrams = {tuple_pair(t): v for t, v in self.terms.items() if " " in t}
        object.__setattr__(self, "_unigrams", unigrams)
        object.__setattr__(self, "_bigrams", bigrams)

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
        unigrams, bigrams = self._unigrams, self._bigrams
        uni = Counter(toks)
        pairs = Counter(zip(toks, toks[1:], strict=False))
        found = [(uni[t], unigrams[t]) for t in uni.keys() & unigrams.keys()]
        found += [(pairs[p], bigrams[p]) for p in pairs.keys() & bigrams.keys()]
        if not found:
            return _logistic(self.intercept), len(toks)
        weights = [(_TF[n] if n < len(_TF) else 1.0 + math.log(n)) * idf for n, (idf, _) in found]
        # Exactly rounded sums: the result does not depend on the order the features are visited.
        norm = math.sqrt(math.fsum([w * w for w in weights]))
        dot = math.fsum([w * coef for w, (_, (_, coef)) in zip(weights, found, strict=True)])
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
