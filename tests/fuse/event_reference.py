"""Same-event grouping worked out the plain way, report by report and pair by pair.

What :mod:`ringscope.fuse.event_scores` works out with arrays for the whole collection, written as
directly as the description in :mod:`ringscope.fuse.events` reads, to compare with on small inputs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ringscope.fuse.event_scores import FIGURE_WEIGHT
from ringscope.fuse.events import EDGE_FLOOR, EventFeatures, EventSettings, average_linkage
from ringscope.model import make_id


@dataclass
class Vector:
    ids: npt.NDArray[np.uint32]
    weights: npt.NDArray[np.float64]
    block: list[int]


def vectors(docs: Sequence[EventFeatures], cfg: EventSettings) -> list[Vector]:
    out = []
    for doc in docs:
        if not len(doc.term_ids):
            out.append(Vector(doc.term_ids, doc.term_counts, []))
            continue
        weights = (1.0 + np.log(doc.term_counts)) * doc.term_rarity
        keep = np.argsort(-weights, kind="stable")[: cfg.top_terms]
        ids, w = doc.term_ids[keep], weights[keep]
        block = sorted({int(t) for t in ids[: cfg.block_terms].tolist()})
        norm = float(np.linalg.norm(w))
        order = np.argsort(ids, kind="stable")
        out.append(Vector(ids[order], w[order] / norm if norm else w[order], block))
    return out


def candidates(
    docs: Sequence[EventFeatures], vecs: Sequence[Vector], cfg: EventSettings
) -> list[tuple[int, int]]:
    """Pairs sharing a key few reports carry, dates close, report by report."""
    keys = [[*doc.names, *vec.block] for doc, vec in zip(docs, vecs, strict=True)]
    index: dict[object, list[int]] = defaultdict(list)
    for i, own in enumerate(keys):
        for key in own:
            index[key].append(i)
    out = []
    for i, own in enumerate(keys):
        partners: set[int] = set()
        for key in own:
            if 1 < len(index[key]) <= cfg.max_block:
                partners.update(j for j in index[key] if j > i)
        for j in sorted(partners):
            a, b = docs[i].published, docs[j].published
            if a is None or b is None or abs((a - b).days) <= cfg.max_days:
                out.append((i, j))
    return out


def cosine(a: Vector, b: Vector) -> float:
    if not len(a.ids) or not len(b.ids):
        return 0.0
    at = np.minimum(np.searchsorted(b.ids, a.ids), len(b.ids) - 1)
    both = b.ids[at] == a.ids
    return float(np.dot(a.weights[both], b.weights[at[both]]))


def scores(docs: Sequence[EventFeatures], cfg: EventSettings) -> dict[tuple[int, int], float]:
    vecs = vectors(docs, cfg)
    def weight(key: str) -> float:
        return FIGURE_WEIGHT if key.startswith("n:") else 1.0

    out = {}
    for i, j in candidates(docs, vecs, cfg):
        fa, fb = docs[i].items(), docs[j].items()
        union = sum(weight(f) for f in fa | fb)
        items = sum(weight(f) for f in fa & fb) / union if union else 0.0
        out[i, j] = cfg.text_weight * cosine(vecs[i], vecs[j]) + (1 - cfg.text_weight) * items
    return out


def group(docs: Sequence[EventFeatures], cfg: EventSettings) -> dict[str, str | None]:
    edges = {pair: s for pair, s in scores(docs, cfg).items() if s >= cfg.threshold * EDGE_FLOOR}
    result: dict[str, str | None] = {doc.report_id: None for doc in docs}
    for members in average_linkage(len(docs), edges, cfg.threshold):
        if len(members) > 1:
            ids = sorted(docs[i].report_id for i in members)
            for report_id in ids:
                result[report_id] = "ev-" + make_id("event", ids[0])[:12]
    return result
