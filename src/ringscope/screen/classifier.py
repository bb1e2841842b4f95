"""Run-time scoring with the trained general employment-fraud classifier (no scikit-learn needed).

The artefact is a JSON file: a vocabulary of unigram/bigram features, each with its inverse
document frequency and logistic-regression coefficient, plus the intercept. Scoring reproduces
scikit-learn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")`` followed by the logistic function.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ringscope.screen.text import fold, tokens

ARTEFACT = "classifier.json"


@dataclass(frozen=True, slots=True)
class Classifier:
    """A linear TF-IDF model over :func:`ringscope.screen.text.features`."""

    intercept: float
    terms: dict[str, tuple[float, float]]
    """term -> (idf, coefficient)"""
    meta: dict[str, Any] = field(default_factory=dict)
    _firsts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        firsts = frozenset(t.split(" ", 1)[0] for t in self.terms if " " in t)
        object.__setattr__(self, "_firsts", firsts)

    def probability(self, text: str) -> float:
        """Probability that the ad text is a fraudulent posting."""
        return self.score(text)[0]

    def score(self, text: str) -> tuple[float, int]:
        """The probability and the number of word tokens it rests on.

        Same features as :func:`ringscope.screen.text.features`, but bigrams are only built where
        their first word starts a bigram of the vocabulary.
        """
        toks = ["<num>" if t.isdigit() else t for t in tokens(fold(text))]
        terms, firsts = self.terms, self._firsts
        counts = Counter(filter(terms.__contains__, toks))
        for a, b in zip(toks, toks[1:], strict=False):
            if a in firsts:
                bigram = f"{a} {b}"
                if bigram in terms:
                    counts[bigram] += 1
        if not counts:
            return _logistic(self.intercept), len(toks)
        norm_sq = 0.0
        dot = 0.0
        for term, n in counts.items():
            idf, coef = terms[term]
            w = (1.0 + math.log(n)) * idf
            norm_sq += w * w
            dot += w * coef
        return _logistic(self.intercept + dot / math.sqrt(norm_sq)), len(toks)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Classifier:
        terms = {str(t): (float(v[0]), float(v[1])) for t, v in data["terms"].items()}
        meta = {k: v for k, v in data.items() if k not in ("terms", "intercept")}
        return cls(intercept=float(data["intercept"]), terms=terms, meta=meta)


def _logistic(z: float) -> float:
    if z < -500:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load_classifier() -> Classifier:
    """The committed artefact shipped in ``ringscope/data/screen``."""
    path = resources.files("ringscope").joinpath("data", "screen", ARTEFACT)
    return Classifier.from_dict(json.loads(path.read_text(encoding="utf-8")))
