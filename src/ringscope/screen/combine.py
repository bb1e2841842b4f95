"""One risk score from the classifier probability and the indicator evidence.

``score = logistic(logit(p_classifier) + evidence)``, where ``evidence`` (in log-odds) is the sum,
over indicator groups, of the strongest hit's weight in that group, plus ``co_occurrence_bonus``
for every group beyond the first that fires together with an anchor (a risky workplace or route).
With no indicators the score is the classifier probability itself.
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


def combine(probability: float, extra: float) -> float:
    """The combined score in [0, 1]."""
    p = min(max(probability, 1e-6), 1 - 1e-6)
    z = math.log(p / (1 - p)) + extra
    return 1.0 / (1.0 + math.exp(-z))


def level(score: float, medium: float, high: float) -> str:
    """``low``, ``medium`` or ``high`` by the two thresholds."""
    if score >= high:
        return "high"
    if score >= medium:
        return "medium"
    return "low"
