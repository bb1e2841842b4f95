"""Same-event pair scores over the whole collection at once, with arrays.

What :mod:`ringscope.fuse.events` describes, worked out for many reports together rather than
report by report and pair by pair: each report's heaviest words (ties in id order), its blocking
words, the candidate pairs and their combined scores. A report's weights depend on the report
alone, and a pair's score on its two reports alone, so scores worked out for a few reports are
those worked out for the whole collection (:mod:`ringscope.fuse.event_links` keeps them).
The scores are those of the per-pair description up to the order floating-point sums are taken in.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ringscope.fuse.event_blocks import coded_candidates
from ringscope.fuse.event_columns import Codes, EventColumns, Floats, Ints, segments

FIGURE_WEIGHT = 1.5
"""Figures are stronger evidence of one event than names: outlets copy them."""


CHUNK = 8192
"""Reports weighed together (each chunk's arrays stay small: some 600,000 words, a few MB an array)."""
PAIRS = 4096
"""Pairs whose words are matched together (the matching arrays stay small)."""
WIDTH = 8
"""Reports ranked together have the same number of words rounded up to a multiple of this."""


@dataclass(frozen=True, slots=True)
class Weighed:
    """The collection's words weighed: what blocking and scoring need of them."""

    kept: npt.NDArray[np.bool_]
    """Per word of a report: whether it is among the report's heaviest (kept for the cosine; the
    norms of the kept words' weights are worked out for the reports of candidate pairs only)."""
    block: Ints
    """The blocking words' ids (once per report, reports ascending), their reports in ``block_owner``."""
    block_owner: Ints


@dataclass(frozen=True, slots=True)
class Vectors:
    """Some reports' kept words (ids ascending within a report) and their normalised weights."""

    start: Ints
    terms: Ints
    """Word ids."""
    weights: Floats


def _first(
    values: Floats, start: Ints, mask: npt.NDArray[np.bool_] | None, k: int
) -> npt.NDArray[np.bool_]:
    """Per report (cut by ``start``), the ``k`` smallest of its ``values`` where ``mask`` holds
    (None: everywhere), ties taken in order: what a stable sort of each report's values would put
    first."""
    if mask is None:
        chosen = np.ones(len(values), np.bool_)
        counts = np.diff(start)
    else:
        chosen = mask.copy()
        held_before = np.zeros(len(mask) + 1, np.int64)
        np.cumsum(mask, out=held_before[1:])
        counts = held_before[start[1:]] - held_before[start[:-1]]
    over = np.flatnonzero(counts > k)
    lengths = start[over + 1] - start[over]
    widths = -(-lengths // WIDTH) * WIDTH
    # Reports of about one length are ranked together as the rows of one table (short ones padded).
    for width in np.unique(widths).tolist():
        rows = over[widths == width]
        at = start[rows][:, None] + np.arange(width)
        inside = at < start[rows + 1][:, None]
        at = np.minimum(at, len(values) - 1)
        held = inside if mask is None else inside & mask[at]
        table = np.where(held, values[at], np.inf)
        kth = np.partition(table, k - 1, axis=1)[:, k - 1:k]
        # every row holds more than k values, so its k-th is one of them: padding is never below or tied
        below = table < kth
        tied = table == kth
        room = k - below.sum(axis=1)
        pick = below | tied
        # ties at the k-th taken in order, in the rows with more of them than room left only
        split = np.flatnonzero(tied.sum(axis=1) > room)
        if len(split):
            some = tied[split]
            pick[split] = below[split] | (some & (np.cumsum(some, axis=1) <= room[split, None]))
        chosen[at[inside]] = pick[inside]
    return chosen


def weigh(columns: EventColumns, top_terms: int, block_terms: int) -> Weighed:
    """Weights of every report's words: ``(1 + log(count)) * rarity`` in general English, the same
    whatever else the collection holds; each report keeps its ``top_terms`` heaviest and blocks on
    its ``block_terms`` heaviest."""
    n = len(columns)
    kept = np.zeros(len(columns.term_codes), np.bool_)
    blocks, owners = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for low in range(0, n, CHUNK):
        high = min(n, low + CHUNK)
        a, b = int(columns.term_start[low]), int(columns.term_start[high])
        start = columns.term_start[low:high + 1] - a
        codes = columns.term_codes[a:b]
        lighter = columns.base(slice(a, b))
        np.negative(lighter, out=lighter)
        ahead = _first(lighter, start, None, top_terms)
        # A stable sort's head of k is the head of its head of top_terms >= k: the blocking words are kept.
        block = np.flatnonzero(_first(lighter, start, None, block_terms) & ahead)
        kept[a:b] = ahead
        blocks.append(columns.terms[codes[block]].astype(np.int64))
        owners.append(np.searchsorted(start, block, side="right") - 1 + low)
    block_words, block_owner = np.concatenate(blocks), np.concatenate(owners)
    # Two words of one report may share an id: a report carries a blocking word once.
    once = np.unique(block_owner * (1 << 32) + block_words)
    return Weighed(kept, once % (1 << 32), once // (1 << 32))


def keys(columns: EventColumns, top_terms: int, block_terms: int) -> list[list[str]]:
    """Each report's blocking keys as text: its names (``<type letter>:<key>``) and its blocking
    words (``#<word id>``), what :func:`pair_scores` blocks on."""
    weighed = weigh(columns, top_terms, block_terms)
    out: list[list[str]] = [[] for _ in range(len(columns))]
    starts = columns.item_start.tolist()
    for report, (low, high) in enumerate(itertools.pairwise(starts)):
        for code in columns.item_codes[low:high].tolist():
            if not columns.item_figure[code]:
                out[report].append(columns.items[code])
    for report, word in zip(weighed.block_owner.tolist(), weighed.block.tolist(), strict=True):
        out[report].append(f"#{word}")
    return out


def vectors(columns: EventColumns, weighed: Weighed, rows: Ints) -> Vectors:
    """The kept words of the reports ``rows`` (in that order) with their normalised weights, worked
    out ``CHUNK`` reports at a time (the arrays stay small)."""
    if len(rows) <= CHUNK:
        return _vectors(columns, weighed, rows)
    parts = [_vectors(columns, weighed, rows[low:low + CHUNK]) for low in range(0, len(rows), CHUNK)]
    start = np.zeros(len(rows) + 1, np.int64)
    np.cumsum(np.concatenate([np.diff(part.start) for part in parts]), out=start[1:])
    return Vectors(start, np.concatenate([part.terms for part in parts]),
                   np.concatenate([part.weights for part in parts]))


def _vectors(columns: EventColumns, weighed: Weighed, rows: Ints) -> Vectors:
    at = segments(columns.term_start, rows)
    owner = np.repeat(np.arange(len(rows)), columns.term_start[rows + 1] - columns.term_start[rows])
    ahead = weighed.kept[at]
    at, owner = at[ahead], owner[ahead]
    codes = columns.term_codes[at]
    weights = columns.base(at)
    # A report's norm: its kept words' squared weights summed in order (only reports of candidate
    # pairs are scored, a small part of a large archive).
    norm = np.sqrt(np.bincount(owner, weights=np.square(weights), minlength=len(rows)))[owner]
    normed = np.divide(weights, norm, out=weights, where=norm > 0)
    start = np.zeros(len(rows) + 1, np.int64)
    np.cumsum(np.bincount(owner, minlength=len(rows)), out=start[1:])
    return Vectors(start, columns.terms[codes].astype(np.int64), normed)


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


def _join(start: Ints, keys: Ints | Codes, left: Ints, right: Ints, space: int | None = None) -> _Join:
    """Keys of the pairs ``left[p]``, ``right[p]`` matched (``space``: more than the largest key)."""
    if space is None:
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


def _candidates(columns: EventColumns, vec: Weighed, max_block: int, max_days: int) -> tuple[Ints, Ints]:
    owner = np.repeat(np.arange(len(columns), dtype=np.int64), np.diff(columns.item_start))
    # Blocking keys: names (item codes; figures are left out, common values would block unrelated
    # reports together), then words (numbered after the items).
    names = ~columns.item_figure[columns.item_codes]
    _, words = np.unique(vec.block, return_inverse=True)
    codes = np.concatenate([columns.item_codes[names].astype(np.int64), words.ravel() + len(columns.items)])
    owners = np.concatenate([owner[names], vec.block_owner])
    return coded_candidates(codes, owners, columns.days, max_block, max_days)


def _oriented(columns: EventColumns, left: Ints, right: Ints) -> tuple[Ints, Ints]:
    """The pairs with the report first in the grouping order on the left."""
    if columns.rank is None:
        return left, right
    swap = columns.rank[left] > columns.rank[right]
    return np.where(swap, right, left), np.where(swap, left, right)


def _in_order(columns: EventColumns, left: Ints, right: Ints, scores: Floats) -> tuple[Ints, Ints, Floats]:
    """Pairs as places in the grouping order, sorted, with their scores."""
    if columns.rank is None:
        return left, right, scores
    left, right = columns.rank[left], columns.rank[right]
    order = np.lexsort((right, left))
    return left[order], right[order], scores[order]


def blocked_pairs(
    columns: EventColumns, top_terms: int, block_terms: int, max_block: int, max_days: int
) -> tuple[Ints, Ints]:
    """Candidate pairs (i < j, sorted): reports sharing a name or blocking word that more than one
    and at most ``max_block`` reports carry, published at most ``max_days`` apart where both
    dates are known."""
    weighed = weigh(columns, top_terms, block_terms)
    left, right = _oriented(columns, *_candidates(columns, weighed, max_block, max_days))
    found = _in_order(columns, left, right, np.zeros(len(left)))
    return found[0], found[1]


def pair_scores(
    columns: EventColumns, text_weight: float, top_terms: int, block_terms: int, max_block: int,
    max_days: int,
) -> tuple[Ints, Ints, Floats]:
    """Candidate pairs (i < j, sorted) and their combined scores: ``text_weight`` of the words'
    cosine, the rest weighted Jaccard overlap of the items."""
    weighed = weigh(columns, top_terms, block_terms)
    left, right = _oriented(columns, *_candidates(columns, weighed, max_block, max_days))
    return _in_order(columns, left, right, _scored(columns, weighed, left, right, text_weight))


def scores_of(
    columns: EventColumns, left: Ints, right: Ints, text_weight: float, top_terms: int, block_terms: int
) -> Floats:
    """The combined scores of the given pairs of reports (places in ``columns``; a pair's report
    first in the grouping order on the left, as :func:`pair_scores` scores it)."""
    return _scored(columns, weigh(columns, top_terms, block_terms), left, right, text_weight)


def _scored(columns: EventColumns, weighed: Weighed, left: Ints, right: Ints, text_weight: float) -> Floats:
    n = len(columns)
    size = len(left)
    # The kept words of the paired reports only.
    rows = np.unique(np.concatenate([left, right]))
    place = np.zeros(n, np.int64)
    place[rows] = np.arange(len(rows))
    vec = vectors(columns, weighed, rows)
    text = np.zeros(size)
    space = int(vec.terms.max()) + 1 if len(vec.terms) else 1
    for low in range(0, size, PAIRS):
        high = min(size, low + PAIRS)
        words = _join(vec.start, vec.terms, place[left[low:high]], place[right[low:high]], space)
        a, b = words.at_left[words.both], words.at_right[words.found[words.both]]
        text[low:high] = _sums(words.pair_left[words.both], vec.weights[a] * vec.weights[b], high - low)
    # An item weighs the same wherever it is: figures more than names.
    weight = np.where(columns.item_figure, FIGURE_WEIGHT, 1.0)
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
    return scores
