"""How much two reports look like tellings of one event: word vectors, item weights, pair scores.

A word, name or figure weighs by how many reports use it, counted in reports and capped at
``DF_CAP``: the reports of one event are few, so a key that a hundred reports use no longer tells
events apart however large the collection is. Weights therefore hang on absolute counts below the
cap, never on the size of the collection: a report added changes the weights of the reports that
share one of its rarer keys only (what :mod:`ringscope.fuse.events_update` redoes), and a report's
vector and a pair's score are the same whether worked out over the whole collection at once or
kept and brought up to date.

Sums are exactly rounded (:func:`math.fsum`), so a score does not depend on the order of a set or
the alignment of an array: a score kept from one run equals the score another run works out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ringscope.fuse.events_model import EventFeatures, EventSettings

FIGURE_WEIGHT = 1.5
"""Figures are stronger evidence of one event than names: outlets copy them."""
DF_CAP = 100
"""Reports using a key beyond which its weight falls no further (see the module text)."""


@dataclass(slots=True)
class Vector:
    ids: npt.NDArray[np.uint32]
    weights: npt.NDArray[np.float64]
    block: list[int]


def spread(df: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """A word's weight factor from the number of reports using it: damped while few use it, then flat."""
    return np.log1p(DF_CAP / np.minimum(df, DF_CAP).astype(np.float64))


def item_weight(key: str, count: int) -> float:
    """The weight of a name or figure (``n:`` keys) that ``count`` reports carry."""
    kind = FIGURE_WEIGHT if key.startswith("n:") else 1.0
    return (math.log((DF_CAP + 1) / min(count, DF_CAP)) + 1.0) * kind


def capped(count: int) -> int:
    """What of a count the weights see (a change above the cap changes no weight)."""
    return min(count, DF_CAP)


def vector(doc: EventFeatures, df: npt.NDArray[np.int64], cfg: EventSettings) -> Vector:
    """The report's word vector, ``df`` giving the reports that use each of its words (in its order)."""
    if not len(doc.term_ids):
        return Vector(doc.term_ids, doc.term_counts, [])
    weights = (1.0 + np.log(doc.term_counts)) * doc.term_rarity * spread(df)
    keep = np.argsort(-weights, kind="stable")[: cfg.top_terms]
    ids, w = doc.term_ids[keep], weights[keep]
    # Blocking words: the most distinctive words that are not unique to this report.
    block = [int(t) for t in ids[df[keep] > 1][: cfg.block_terms].tolist()]
    norm = math.sqrt(math.fsum((w * w).tolist()))
    order = np.argsort(ids)
    return Vector(ids[order], w[order] / norm if norm else w[order], block)


def block_keys(doc: EventFeatures, vec: Vector) -> list[str]:
    """The keys a report is blocked on: its names and its blocking words (figures are left out:
    common values such as "100 people" would block unrelated reports together)."""
    return [*sorted(doc.names), *(f"#{t}" for t in vec.block)]


def cosine(a: Vector, b: Vector) -> float:
    _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return math.fsum((a.weights[ia] * b.weights[ib]).tolist())


def item_overlap(a: EventFeatures, b: EventFeatures, weights: Mapping[str, float]) -> float:
    fa, fb = a.items(), b.items()
    union = math.fsum(weights[f] for f in fa | fb)
    return math.fsum(weights[f] for f in fa & fb) / union if union else 0.0


def pair_score(
    a: EventFeatures,
    b: EventFeatures,
    va: Vector,
    vb: Vector,
    weights: Mapping[str, float],
    cfg: EventSettings,
) -> float | None:
    """The combined score of a candidate pair, None when the dates are too far apart."""
    if a.published and b.published and abs((a.published - b.published).days) > cfg.max_days:
        return None
    return cfg.text_weight * cosine(va, vb) + (1 - cfg.text_weight) * item_overlap(a, b, weights)
