"""Candidate pairs of same-event grouping as arrays: blocking keys shared by few reports, dates close.

Every pair of reports sharing a key that few reports carry, less the pairs whose publication dates
(both known) are too far apart, worked out key group by key group with arrays rather than report by
report: most blocked pairs fail the date check, and a large collection has hundreds of thousands of
them.
"""

from __future__ import annotations

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
    code: dict[Hashable, int] = {}
    codes = [code.setdefault(key, len(code)) for own in keys for key in own]
    owners = [i for i, own in enumerate(keys) for _ in own]
    return coded_candidates(np.array(codes, np.int64), np.array(owners, np.int64), days, max_block, max_days)


def coded_candidates(
    codes: npt.NDArray[np.int64], owners: npt.NDArray[np.int64], days: npt.NDArray[np.int64],
    max_block: int, max_days: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """:func:`dated_candidates` with the keys given as whole numbers: report ``owners[k]`` carries
    key ``codes[k]`` (``len(days)`` reports)."""
    n = max(len(days), 1)
    if len(codes) and codes.min() >= 0 and codes.max() < 4 * len(codes) + 1024:
        # Keys numbered densely: those carried once or by too many reports are left out before
        # sorting (in an archive most are one or the other).
        carried = np.bincount(codes)[codes]
        keep = (carried > 1) & (carried <= max_block)
        codes, owners = codes[keep], owners[keep]
    both = np.sort(codes * n + owners)
    codes, owners = both // n, both % n
    cuts = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate([[0], cuts]).astype(np.int64)
    sizes = np.diff(np.concatenate([starts, [len(codes)]]))
    found = [np.zeros(0, np.int64)]
    for size in np.unique(sizes[(sizes > 1) & (sizes <= max_block)]).tolist():
        table = owners[starts[sizes == size][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, 1)
        left, right = table[:, first].ravel(), table[:, second].ravel()
        left, right = np.minimum(left, right), np.maximum(left, right)
        a, b = days[left], days[right]
        keep = (left < right) & ((a == NO_DATE) | (b == NO_DATE) | (np.abs(a - b) <= max_days))
        found.append(left[keep] * n + right[keep])
    pairs = np.unique(np.concatenate(found))
    return pairs // n, pairs % n
