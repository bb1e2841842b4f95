"""Breakdowns inside one report: which figures are parts of which total.

Rules of ``figures.yaml`` find them, in this order (a claim keeps the first link it gets):

- ``P1_sum_of_parts``: adjacent figures that add up exactly to another figure of the report
  (25 + 17 = 42; nested lists are found from the inside out);
- ``P4_batches_of_total``: figures of one measure, anywhere in the report, that add up to a stated
  or running total ("a total of 42", "has risen to 42");
- ``P5_in_running_total``: what else of its measure the report counts goes into a running total;
- ``P2_breakdown_list``: a list of groups right after a larger total;
- ``P3_share_of_total``: a figure stated as a share ("9 of them", "out of the 56", "including 12").

A run of parts whose total the report does not state stays *open*: its total may be a figure of
another report of the same event (see :mod:`ringscope.fuse.figures`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ringscope.fuse.figure_rules import group_of, rules, running, share_cue, total_marked
from ringscope.fuse.refs import ClaimRef

_BREAKDOWNS = {"P1_sum_of_parts", "P2_breakdown_list", "P4_batches_of_total"}


@dataclass(slots=True)
class OpenRun:
    """Parts whose total lies outside the report: their sum (or a named total) and how to match it."""

    members: list[int]
    total: float
    rule: str
    at_least: bool = False
    """True when the total may be larger than ``total`` (a list may leave groups out)."""


@dataclass(slots=True)
class Breakdown:
    """Part-of links inside one report, by index into its claims."""

    part_of: dict[int, tuple[int, str]] = field(default_factory=dict)
    open: list[OpenRun] = field(default_factory=list)

    def siblings(self, i: int, j: int) -> bool:
        """Whether two claims are items of one breakdown (a list or a sum: different groups, never one
        figure); two shares of one total may restate each other."""
        a, b = self.part_of.get(i), self.part_of.get(j)
        if a is not None and b is not None and a[0] == b[0] and {a[1], b[1]} <= _BREAKDOWNS:
            return True
        return any(i in run.members and j in run.members for run in self.open)


def value_of(ref: ClaimRef) -> float | None:
    c = ref.claim
    if c.value is not None:
        return float(c.value)
    if c.low is not None and c.high is not None:
        return (float(c.low) + float(c.high)) / 2
    return None


def unit_class(ref: ClaimRef) -> str:
    c = ref.claim
    return f"money:{c.currency}" if c.unit == "currency" else "count"


def _gap(refs: Sequence[ClaimRef], a: int, b: int) -> int:
    """Characters between the end of claim ``a`` and the start of claim ``b`` (b after a)."""
    return max(0, refs[b].span[0] - refs[a].span[1])


def _distance(refs: Sequence[ClaimRef], run: Sequence[int], t: int) -> int:
    first, last, here = refs[run[0]].span, refs[run[-1]].span, refs[t].span
    if here[1] <= first[0]:
        return first[0] - here[1]
    if here[0] >= last[1]:
        return here[0] - last[1]
    return 0


def find_breakdown(refs: Sequence[ClaimRef]) -> Breakdown:
    """Part-of links among the claims of one report, ``refs`` in text order."""
    limits = rules().limits
    out = Breakdown()
    values = [value_of(r) for r in refs]
    active = [i for i, v in enumerate(values) if v is not None and v > 0 and refs[i].span[0] >= 0]

    # P1: runs that add up exactly to a total; the longest run first, then again on what is left.
    while (best := _best_sum(refs, values, active, out)) is not None:
        t, run = best
        for i in run:
            out.part_of[i] = (t, "P1_sum_of_parts")
        active = [i for i in active if i not in run]

    # P4: batches of a stated or running total, anywhere in the report.
    for t in sorted(active, key=lambda k: -(values[k] or 0)):
        if t in out.part_of or not total_marked(refs[t]):
            continue
        pool = [
            i
            for i in active
            if i != t
            and i not in out.part_of
            and (values[i] or 0) < (values[t] or 0)
            and refs[i].claim.measure == refs[t].claim.measure
            and refs[i].claim.qualifier == "exact"
            and unit_class(refs[i]) == unit_class(refs[t])
        ]
        pool = sorted(pool, key=lambda i: abs(refs[i].span[0] - refs[t].span[0]))[:12]
        batch = _subset_sum(pool, values, values[t] or 0)
        if batch:
            for i in batch:
                out.part_of[i] = (t, "P4_batches_of_total")
    # P5: a running total takes in the smaller figures of its measure; the smallest total first.
    for t in sorted(active, key=lambda k: values[k] or 0):
        if t in out.part_of or not running(refs[t]):
            continue
        for i in active:
            if (
                i != t
                and i not in out.part_of
                and refs[i].claim.measure == refs[t].claim.measure
                and (values[i] or 0) < (values[t] or 0)
                and unit_class(refs[i]) == unit_class(refs[t])
            ):
                out.part_of[i] = (t, "P5_in_running_total")

    # P2: lists of groups after a larger total.
    listing: list[int] = []
    for i in [*active, -1]:
        listed = (
            i >= 0
            and i not in out.part_of
            and bool(group_of(refs[i].phrase or refs[i].claim.quote))
            and (
                not listing
                or (
                    _gap(refs, listing[-1], i) <= limits.list_gap
                    and _no_stop(refs, listing[-1], i)
                    and unit_class(refs[i]) == unit_class(refs[listing[0]])
                )
            )
        )
        if listed:
            listing.append(i)
            continue
        if len(listing) >= 2:
            _close_list(refs, values, listing, out)
        listing = (
            [i] if i >= 0 and i not in out.part_of and group_of(refs[i].phrase or refs[i].claim.quote) else []
        )
    # P3: shares of a total, named or the nearest larger figure before.
    for i, ref in enumerate(refs):
        if i in out.part_of or values[i] is None:
            continue
        fired, named = share_cue(ref)
        if not fired:
            continue
        total_at = _total_for(refs, values, i, named)
        if total_at is not None:
            out.part_of[i] = (total_at, "P3_share_of_total")
        elif named is not None:
            out.open.append(OpenRun([i], named, "P3_share_of_total"))

    return out


def _best_sum(
    refs: Sequence[ClaimRef], values: Sequence[float | None], active: Sequence[int], out: Breakdown
) -> tuple[int, list[int]] | None:
    """The longest run of adjacent claims adding up to another claim near it (nearest on a tie)."""
    limits = rules().limits
    by_value: dict[int, list[int]] = {}
    for t in active:
        if t not in out.part_of and refs[t].claim.qualifier in ("exact", "about", "at_least"):
            by_value.setdefault(round(values[t] or 0), []).append(t)
    best: tuple[int, int, int, list[int]] | None = None  # (length, -distance, total, run)
    for s in range(len(active)):
        run, total = [active[s]], values[active[s]] or 0.0
        largest = total
        for nxt in active[s + 1 : s + 30]:
            if _gap(refs, run[-1], nxt) > limits.sum_gap or unit_class(refs[nxt]) != unit_class(refs[run[0]]):
                break
            run, total = [*run, nxt], total + (values[nxt] or 0.0)
            largest = max(largest, values[nxt] or 0.0)
            for t in by_value.get(round(total), []):
                if t in run or (values[t] or 0) <= largest or unit_class(refs[t]) != unit_class(refs[run[0]]):
                    continue
                if _other_nation(refs, t, run):
                    continue  # one nationality is never the sum of others
                distance = _distance(refs, run, t)
                if (
                    distance > limits.total_reach
                    or refs[run[0]].span[0] < refs[t].span[0] < refs[run[-1]].span[0]
                ):
                    continue
                if best is None or (len(run), -distance) > best[:2]:
                    best = (len(run), -distance, t, run)
    return (best[2], best[3]) if best is not None else None


def _nations(ref: ClaimRef) -> frozenset[str]:
    """The nationalities (ISO2 codes) a claim counts."""
    return frozenset(g for g in group_of(ref.phrase or ref.claim.quote) if len(g) == 2 and g.isupper())


def _other_nation(refs: Sequence[ClaimRef], t: int, parts: Sequence[int]) -> bool:
    """Whether ``t`` counts one nationality and every part counts others: then it is their sibling,
    never their total."""
    own = _nations(refs[t])
    return bool(own) and all(_nations(refs[i]) and not _nations(refs[i]) & own for i in parts)


def _no_stop(refs: Sequence[ClaimRef], a: int, b: int) -> bool:
    """No sentence or paragraph ends between claims ``a`` and ``b`` (judged from ``a``'s right
    context); the lines of a bulleted list do not end one."""
    between = refs[a].after[: _gap(refs, a, b)]
    return "." not in between.replace(".,", "") and "\n\n" not in between


def _close_list(
    refs: Sequence[ClaimRef], values: Sequence[float | None], run: list[int], out: Breakdown
) -> None:
    limits = rules().limits
    total = sum(values[i] or 0 for i in run)
    start = refs[run[0]].span[0]
    candidates = [
        t
        for t in range(len(refs))
        if t not in run
        and values[t] is not None
        and refs[t].span[1] <= start
        and start - refs[t].span[1] <= limits.total_reach
        and (values[t] or 0) >= total
        and unit_class(refs[t]) == unit_class(refs[run[0]])
        and not _other_nation(refs, t, run)
    ]
    head = values[run[0]] or 0
    if (
        len(run) >= 3
        and head >= sum(values[i] or 0 for i in run[1:])
        and not _nations(refs[run[0]])
        and all(_nations(refs[i]) for i in run[1:])
    ):
        for i in run[1:]:  # "919 foreigners - 389 Vietnamese, 307 Chinese, ...": the first is the total
            out.part_of[i] = (run[0], "P2_breakdown_list")
        return
    if candidates:
        t = max(candidates, key=lambda k: refs[k].span[1])
        for i in run:
            out.part_of[i] = (t, "P2_breakdown_list")
    else:
        out.open.append(OpenRun(list(run), total, "P2_breakdown_list", at_least=True))


def _total_for(
    refs: Sequence[ClaimRef], values: Sequence[float | None], i: int, named: float | None
) -> int | None:
    """The claim a share names (by value), else the nearest larger figure before it."""
    limits = rules().limits
    here = refs[i].span
    if named is not None:
        hits = [
            t
            for t in range(len(refs))
            if t != i and values[t] is not None and abs((values[t] or 0) - named) <= 0.5
        ]
        return min(hits, key=lambda t: abs(refs[t].span[0] - here[0])) if hits else None
    own = values[i] or 0
    before = [
        t
        for t in range(len(refs))
        if t != i
        and values[t] is not None
        and (values[t] or 0) > own
        and refs[t].span[1] <= here[0]
        and here[0] - refs[t].span[1] <= 3 * limits.total_reach
        and unit_class(refs[t]) == unit_class(refs[i])
    ]
    return max(before, key=lambda t: refs[t].span[1]) if before else None


def _subset_sum(pool: Sequence[int], values: Sequence[float | None], total: float) -> tuple[int, ...] | None:
    """The smallest set (two to five claims) of ``pool`` whose values add up to ``total``."""
    for size in range(2, min(5, len(pool)) + 1):
        for combo in itertools.combinations(pool, size):
            if abs(sum(values[i] or 0 for i in combo) - total) <= 0.5:
                return combo
    return None
