"""Candidate pairs of same-event grouping as arrays: blocking keys shared by few reports, dates close.

The pairs are those :func:`ringscope.fuse.events.iter_candidates` streams, less the pairs whose
publication dates (both known) are too far apart, worked out key group by key group with arrays
rather than report by report: most blocked pairs fail the date check, and a large collection has
hundreds of thousands of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

NO_DATE = np.iinfo(np.int64).min
"""The day number of a report without a publication date."""


def dated_candidates(
    keys: Sequence[Sequence[Hashable]], days: npt.NDArray[np.int64], max_block: int, max_days: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Index pairs (i < j, sorted) of reports sharing a key that more than one and at most
    ``max_block`` reports carry (``keys[i]`` are report i's keys), published at most ``max_days``
    apart where both dates are known (``days``, :data:`NO_DATE` when unknown)."""
    index: dict[Hashable, list[int]] = defaultdict(list)
    for i, own in enumerate(keys):
        for key in own:
            index[key].append(i)
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    for members in index.values():
        if 1 < len(members) <= max_block:
            by_size[len(members)].append(members)
    n = len(keys)
    codes = [np.zeros(0, np.int64)]
    for size, groups in by_size.items():
        table = np.array(groups, np.int64)
        first, second = np.triu_indices(size, 1)
        left, right = table[:, first].ravel(), table[:, second].ravel()
        ahead = left < right
        codes.append(left[ahead] * n + right[ahead])
    pairs = np.unique(np.concatenate(codes))
    left, right = pairs // max(n, 1), pairs % max(n, 1)
    a, b = days[left], days[right]
    close = (a == NO_DATE) | (b == NO_DATE) | (np.abs(a - b) <= max_days)
    return left[close], right[close]
