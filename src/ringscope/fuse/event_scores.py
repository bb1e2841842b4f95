"""Same-event pair scores over the whole collection at once, with arrays.

What :mod:`ringscope.fuse.events` describes, worked out for all reports together rather than
report by report and pair by pair: word weights from document counts, each report's heaviest
words (ties in id order), its blocking words, the candidate pairs and their combined scores.
The scores are those of the per-pair description up to the order floating-point sums are taken in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ringscope.fuse.event_blocks import coded_candidates
from ringscope.fuse.event_columns import Codes, EventColumns, Floats, Ints, segments

FIGURE_WEIGHT = 1.5
"""Figures are stronger evidence of one event than names: outlets copy them."""


@dataclass(frozen=True, slots=True)
class Vectors:
    """Every report's kept words (ids ascending within a report) and their normalised weights."""

    start: Ints
    terms: Ints
    """Word ids."""
    weights: Floats
    block: Ints
    """The blocking words as places in the collection's distinct words, their reports in ``block_owner``."""
    block_owner: Ints


def _first(
    values: Floats, start: Ints, owner: Ints, mask: npt.NDArray[np.bool_], k: int
) -> npt.NDArray[np.bool_]:
    """Per report (cut by ``start``, ``owner`` the report of each value), the ``k`` smallest of its
    ``values`` where ``mask`` holds, ties taken in order: what a stable sort of each report's
    values would put first."""
    chosen = mask.copy()
    counts = np.bincount(owner[mask], minlength=len(start) - 1)
    over = np.flatnonzero(counts > k)
    lengths = start[over + 1] - start[over]
    # Reports of one length are ranked together as the rows of one table.
    for length in np.unique(lengths).tolist():
        rows = over[lengths == length]
        at = (start[rows][:, None] + np.arange(length)).ravel()
        held = mask[at].reshape(len(rows), length)
        table = np.where(held, values[at].reshape(len(rows), length), np.inf)
        kth = np.partition(table, k - 1, axis=1)[:, k - 1:k]
        below = held & (table < kth)
        tied = held & (table == kth)
        room = k - below.sum(axis=1, keepdims=True)
        chosen[at] = (below | (tied & (np.cumsum(tied, axis=1) <= room))).ravel()
    return chosen


def vectors(columns: EventColumns, top_terms: int, block_terms: int) -> Vectors:
    """Weights of every report's words: rarity in general English, damped when many reports of the
    collection use the word; each report keeps its ``top_terms`` heaviest and blocks on the
    ``block_terms`` heaviest of those that another report uses too."""
    n = len(columns)
    counts = np.bincount(columns.term_codes, minlength=len(columns.terms))
    scale = math.log1p(n) if n else 1.0
    spreads = np.log1p(n / np.maximum(counts, 1)) / scale
    weights = columns.term_base * spreads[columns.term_codes]
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(columns.term_start))
    kept = _first(-weights, columns.term_start, owner, np.ones(len(weights), np.bool_), top_terms)
    block = _first(-weights, columns.term_start, owner, kept & (counts[columns.term_codes] > 1), block_terms)
    kept_owner, kept_weights = owner[kept], weights[kept]
    norms = np.sqrt(np.bincount(kept_owner, weights=kept_weights * kept_weights, minlength=n))
    norm = norms[kept_owner]
    normed = np.divide(kept_weights, norm, out=kept_weights, where=norm > 0)
    start = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(kept_owner, minlength=n), out=start[1:])
    term_ids = columns.terms[columns.term_codes[kept]].astype(np.int64)
    return Vectors(start, term_ids, normed, columns.term_codes[block].astype(np.int64),
                   owner[block])


@dataclass(frozen=True, slots=True)
class _Join:
    """The keys of both reports of each pair (``left[p]``, ``right[p]``), each key of a left report
    matched with the first equal key of the right report."""

    at_left: Ints
    """Positions of the left reports' keys, pair by pair (``pair_left`` gives the pair)."""
    pair_left: Ints
    at_right: Ints
    pair_right: Ints
    both: npt.NDArray[np.bool_]
    """Which left keys the right report holds too; ``found`` is where (in ``at_right``)."""
    found: Ints


def _join(start: Ints, keys: Ints | Codes, left: Ints, right: Ints) -> _Join:
    space = int(keys.max()) + 1 if len(keys) else 1
    at_left, at_right = segments(start, left), segments(start, right)
    pair_left = np.repeat(np.arange(len(left), dtype=np.int64), start[left + 1] - start[left])
    pair_right = np.repeat(np.arange(len(right), dtype=np.int64), start[right + 1] - start[right])
    coded_left = pair_left * space + keys[at_left]
    coded_right = pair_right * space + keys[at_right]  # ascending: pairs in order, keys ascending in each
    found = np.minimum(np.searchsorted(coded_right, coded_left), max(len(coded_right) - 1, 0))
    both = coded_right[found] == coded_left if len(coded_right) else np.zeros(len(coded_left), np.bool_)
    return _Join(at_left, pair_left, at_right, pair_right, both, found)


def _sums(pair: Ints, values: Floats, size: int) -> Floats:
    out: Floats = np.bincount(pair, weights=values, minlength=size).astype(np.float64, copy=False)
    return out


def _candidates(columns: EventColumns, vec: Vectors, max_block: int, max_days: int) -> tuple[Ints, Ints]:
    owner = np.repeat(np.arange(len(columns), dtype=np.int64), np.diff(columns.item_start))
    # Blocking keys: names (item codes; figures are left out, common values would block unrelated
    # reports together), then words (numbered after the items).
    names = ~columns.item_is_figure()[columns.item_codes]
    codes = np.concatenate([columns.item_codes[names].astype(np.int64), vec.block + len(columns.items)])
    owners = np.concatenate([owner[names], vec.block_owner])
    return coded_candidates(codes, owners, columns.days, max_block, max_days)


def blocked_pairs(
    columns: EventColumns, top_terms: int, block_terms: int, max_block: int, max_days: int
) -> tuple[Ints, Ints]:
    """Candidate pairs (i < j, sorted): reports sharing a name or blocking word that more than one
    and at most ``max_block`` reports carry, published at most ``max_days`` apart where both
    dates are known."""
    return _candidates(columns, vectors(columns, top_terms, block_terms), max_block, max_days)


def pair_scores(
    columns: EventColumns, text_weight: float, top_terms: int, block_terms: int, max_block: int,
    max_days: int,
) -> tuple[Ints, Ints, Floats]:
    """Candidate pairs (i < j, sorted) and their combined scores: ``text_weight`` of the words'
    cosine, the rest weighted Jaccard overlap of the items."""
    n = len(columns)
    vec = vectors(columns, top_terms, block_terms)
    left, right = _candidates(columns, vec, max_block, max_days)
    size = len(left)
    words = _join(vec.start, vec.terms, left, right)
    a, b = words.at_left[words.both], words.at_right[words.found[words.both]]
    text = _sums(words.pair_left[words.both], vec.weights[a] * vec.weights[b], size)
    df = np.bincount(columns.item_codes, minlength=len(columns.items)).tolist()
    log = math.log
    figure = columns.item_is_figure().tolist()
    weight = np.array([(log((n + 1) / count) + 1.0) * (FIGURE_WEIGHT if fig else 1.0) if count else 0.0
                       for count, fig in zip(df, figure, strict=True)], np.float64)
    found = _join(columns.item_start, columns.item_codes, left, right)
    left_weight = weight[columns.item_codes[found.at_left]]
    shared = _sums(found.pair_left[found.both], left_weight[found.both], size)
    only_right = np.ones(len(found.at_right), np.bool_)
    only_right[found.found[found.both]] = False
    right_weight = weight[columns.item_codes[found.at_right[only_right]]]
    union = _sums(found.pair_left, left_weight, size)
    union += _sums(found.pair_right[only_right], right_weight, size)
    items = np.divide(shared, union, out=np.zeros(size), where=union > 0)
    scores: Floats = text_weight * text + (1 - text_weight) * items
    return left, right, scores
