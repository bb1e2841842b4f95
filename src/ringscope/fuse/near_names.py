"""Near-identical name keys: the pairs of keys :func:`ringscope.fuse.resolve.resolve` joins as one
spelling of one name.

Two name keys of one block are near-identical when rapidfuzz's ratio is at least ``FUZZY_MIN``.
That ratio is ``100 * (1 - d / (a + b))`` for keys of lengths ``a`` and ``b`` at indel distance
``d``, and ``d`` is at least the difference of the lengths: only keys of a length within
:func:`lengths` of a key can be near it. New keys are compared with their blocks in one
:func:`rapidfuzz.process.cdist` call per block (the same scorer and cutoff as a key-by-key
:func:`rapidfuzz.process.extract`, without a Python step per pair).
"""

from __future__ import annotations

import numpy
from rapidfuzz import fuzz, process

from ringscope.fuse.resolve import FUZZY_MIN


def lengths(size: int) -> tuple[int, int]:
    """The lengths a key may have to be near-identical to one of ``size`` characters: the ratio of two
    keys is at most 200 * shorter / (sum of both) (one more either way, for rounding)."""
    return int(size * FUZZY_MIN / (200 - FUZZY_MIN)) - 1, int(size * (200 - FUZZY_MIN) / FUZZY_MIN) + 1


def blocks(key: str) -> list[str]:
    """The blocks a name key is compared in: the first three letters of its first and last words."""
    words = key.split()
    return sorted({words[0][:3], words[-1][:3]})


def near_pairs(keys: list[str], pool: list[str]) -> list[tuple[str, str]]:
    """(key, other) of every key of ``keys`` and other key of ``pool`` that are near-identical."""
    if not keys or not pool:
        return []
    # below the cutoff a score is 0; at or above it, at least FUZZY_MIN (so never 0 as a byte)
    scores = process.cdist(keys, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, dtype=numpy.uint8)
    rows, columns = numpy.nonzero(scores)
    return [(keys[r], pool[c]) for r, c in zip(rows.tolist(), columns.tolist(), strict=True)
            if keys[r] != pool[c]]
