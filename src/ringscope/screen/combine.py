"""One risk score from the classifier probability and the indicator evidence.

``score = logistic(b + w * (logit(p) - b) + evidence)`` where

- ``p`` is the classifier probability and ``b = logit(prior)`` a neutral prior;
- ``w = min(1, words / full_weight_words)`` is the weight of the classifier, which grows with the
  length of the ad: the classifier was trained on full postings and says little about a two-line
  message, which is then judged mostly by its indicators;
- ``evidence`` (in log-odds) is the sum, over indicator groups, of the strongest hit's weight in
  that group, plus ``co_occurrence_bonus`` for every group beyond the first that fires together
  with an anchor (a risky workplace or route).

With full weight and no indicators the score is the classifier probability itself. ``prior``,
``full_weight_words`` and the level thresholds are chosen by cross-validation on the training
split (``scripts/train_screen.py``) and stored in the classifier artefact.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ringscope.screen.indicators import Hit, Table

LEVELS: tuple[str, ...] = ("low", "medium", "high")


def evidence(hits: Iterable[Hit], table: Table) -> float:
    """Log-odds added by the indicators that fired."""
    best: dict[str, float] = {}
    codes: set[str] = set()
    for hit in hits:
        codes.add(hit.code)
        best[hit.group] = max(best.get(hit.group, 0.0), hit.weight)
    total = sum(best.values())
    if codes & table.anchors:
        groups = [g for g in best if g in table.co_occurrence_groups]
        total += table.co_occurrence_bonus * max(0, len(groups) - 1)
    return total


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def classifier_weight(words: int, full_weight_words: float) -> float:
    """How much the classifier counts for an ad of this many words (0 to 1)."""
    if full_weight_words <= 0:
        return 1.0
    return min(1.0, words / full_weight_words)


def combine(probability: float, extra: float, weight: float = 1.0, prior: float = 0.5) -> float:
    """The combined score in [0, 1]."""
    base = logit(prior)
    z = base + weight * (logit(probability) - base) + extra
    if z < -500:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def level(score: float, medium: float, high: float) -> str:
    """``low``, ``medium`` or ``high`` by the two thresholds."""
    if score >= high:
        return "high"
    if score >= medium:
        return "medium"
    return "low"
