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

from ringscope.screen.text import features

ARTEFACT = "classifier.json"


@dataclass(frozen=True, slots=True)
class Classifier:
    """A linear TF-IDF model over :func:`ringscope.screen.text.features`."""

    intercept: float
    terms: dict[str, tuple[float, float]]
    """term -> (idf, coefficient)"""
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, text: str) -> float:
        """Probability that the ad text is a fraudulent posting."""
        counts = Counter(t for t in features(text) if t in self.terms)
        if not counts:
            return _logistic(self.intercept)
        norm_sq = 0.0
        dot = 0.0
        for term, n in counts.items():
            idf, coef = self.terms[term]
            w = (1.0 + math.log(n)) * idf
            norm_sq += w * w
            dot += w * coef
        return _logistic(self.intercept + dot / math.sqrt(norm_sq))

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
