"""Figure assignment: which claims state one figure, and which figures are parts of a total.

A figure is one quantity: one measure, about one group, for one scope. Claims that state it (in
one report, or in the reports of one event) share a figure id; a figure that is one component of
a total links to the total's id with ``part_of``. The rules are data (``figures.yaml``); every
claim carries the id of the rule that put it in its figure (``rule``) and, for a part, of the rule
that linked it (``part_rule``).

Within a report, restatements of one group's figure join (``F1_restated``), as do money figures
whose scale or currency slipped (``F2_slipped_scale``); parts come from :mod:`ringscope.fuse.parts`.
Across the reports of one event, figures join when they agree (``F1``), when a scale or currency
slipped (``F2``), or when the same group's count differs by at most 10% (``F3_close_count``, a
conflict to show). Two figures a report keeps apart never join across reports: a report that states
two numbers counts two things. The pairwise tests are in :mod:`ringscope.fuse.compare`.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from ringscope.fuse.compare import agree, close, interval, same_frame, slipped
from ringscope.fuse.figure_rules import rules, running
from ringscope.fuse.parts import Breakdown, find_breakdown, unit_class, value_of
from ringscope.fuse.refs import ClaimRef, with_context
from ringscope.model import Claim

_RANK = {"F0_alone": 0, "F1_restated": 1, "F2_slipped_scale": 2, "F3_close_count": 3}


class _Clusters:
    """Disjoint groups of item indices, each with the strongest rule that joined it."""

    def __init__(self, n: int) -> None:
        self.of = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.rule: dict[int, str] = {i: "F0_alone" for i in range(n)}

    def merge(self, a: int, b: int, rule: str) -> None:
        ra, rb = self.of[a], self.of[b]
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        for item in self.members.pop(rb):
            self.of[item] = ra
            self.members[ra].append(item)
        self.rule[ra] = max(self.rule[ra], self.rule.pop(rb), rule, key=_RANK.__getitem__)


def _join(
    refs: Sequence[ClaimRef],
    pairs: Iterable[tuple[float, int, int, str]],
    clusters: _Clusters,
    allowed: Callable[[ClaimRef, ClaimRef], bool],
    apart_reports: bool,
) -> None:
    """Join pairs in order, keeping every cross pair ``allowed`` and (across reports) never two
    claims of one report that were not already one figure."""
    for _, i, j, rule in sorted(pairs):
        ri, rj = clusters.of[i], clusters.of[j]
        if ri == rj:
            continue
        mi, mj = clusters.members[ri], clusters.members[rj]
        if apart_reports and {refs[x].report_id for x in mi} & {refs[y].report_id for y in mj}:
            continue
        if all(allowed(refs[x], refs[y]) for x in mi for y in mj):
            clusters.merge(i, j, rule)


def _within_report(
    refs: Sequence[ClaimRef], index: Sequence[int], parts: Breakdown, clusters: _Clusters
) -> None:
    """Restatements inside one report joined (``index`` maps the report's claims to scope items)."""
    pairs: list[tuple[float, int, int, str]] = []
    by_measure: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(index):
        by_measure[refs[k].claim.measure].append(i)
    for i, j in (pair for bucket in by_measure.values() for pair in itertools.combinations(bucket, 2)):
        a, b = refs[index[i]], refs[index[j]]
        rule = "F1_restated" if agree(a, b) else "F2_slipped_scale" if slipped(a, b) else None
        if rule is None or not same_frame(a, b) or parts.siblings(i, j):
            continue
        if parts.part_of.get(i, (None,))[0] == j or parts.part_of.get(j, (None,))[0] == i:
            continue
        va, vb = value_of(a) or 0, value_of(b) or 0
        if running(a) != running(b) and va != vb:
            continue
        gap = abs(va - vb) / max(va, vb, 1) if rule == "F1_restated" else 1.0
        pairs.append((gap, index[i], index[j], rule))
    _join(refs, pairs, clusters, lambda x, y: agree(x, y) or slipped(x, y), False)


def _cluster_pairs(refs: Sequence[ClaimRef], clusters: _Clusters) -> Iterator[tuple[int, int]]:
    """Pairs of clusters (by first member, in order) that share a measure: only those can join."""
    by_measure: dict[str, list[int]] = defaultdict(list)
    for first in sorted(clusters.members):
        for measure in sorted({refs[i].claim.measure for i in clusters.members[first]}):
            by_measure[measure].append(first)
    pairs = {pair for firsts in by_measure.values() for pair in itertools.combinations(firsts, 2)}
    return iter(sorted(pairs))


def _across_reports(refs: Sequence[ClaimRef], part_of: dict[int, int], clusters: _Clusters) -> None:
    """Figures of different reports of one event joined: agreeing, slipped, then close counts."""
    agreeing: list[tuple[float, int, int, str]] = []
    closes: list[tuple[float, int, int, str]] = []
    reports_of = {
        first: {refs[i].report_id for i in members} for first, members in clusters.members.items()
    }
    for x, y in _cluster_pairs(refs, clusters):
        mi, mj = clusters.members[x], clusters.members[y]
        if reports_of[x] & reports_of[y]:
            continue
        best: tuple[float, int, int, str] | None = None
        for i in mi:
            for j in mj:
                a, b = refs[i], refs[j]
                if not same_frame(a, b):
                    continue
                va, vb = value_of(a) or 0, value_of(b) or 0
                gap = abs(va - vb) / max(va, vb, 1)
                if gap > 0.01 and running(a) != running(b):
                    continue  # a running total and a batch, or a part and a whole
                if agree(a, b):
                    item = (gap, i, j, "F1_restated")
                elif slipped(a, b):
                    item = (2.0, i, j, "F2_slipped_scale")
                else:
                    continue
                best = item if best is None or item < best else best
        if best is not None:
            agreeing.append(best)
    _join(refs, agreeing, clusters, lambda a, b: agree(a, b) or slipped(a, b), True)
    # Close counts: same group, both wholes or both parts of one (joined) total.
    for x, y in _cluster_pairs(refs, clusters):
        mi, mj = clusters.members[x], clusters.members[y]
        for i in mi:
            for j in mj:
                a, b = refs[i], refs[j]
                if a.report_id == b.report_id or not same_frame(a, b) or not close(a, b):
                    continue
                if running(a) or running(b):
                    continue
                ti, tj = part_of.get(i), part_of.get(j)
                if (ti is None) != (tj is None):
                    continue
                if ti is not None and tj is not None and clusters.of[ti] != clusters.of[tj]:
                    continue
                va, vb = value_of(a) or 0, value_of(b) or 0
                closes.append((abs(va - vb) / max(va, vb), i, j, "F3_close_count"))
    _join(
        refs,
        closes,
        clusters,
        lambda a, b: agree(a, b) or slipped(a, b) or close(a, b),
        apart_reports=True,
    )


def claim_refs_of(
    report_id: str,
    text: str,
    claims: Iterable[Claim],
    event_id: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> list[ClaimRef]:
    """Claim refs of one report, with the text either side of each quote."""
    reach = rules().limits.context
    return [
        with_context(ClaimRef(report_id, claim, published, source, event_id), text, reach) for claim in claims
    ]


def context_of(ref: ClaimRef, text: str) -> ClaimRef:
    """``ref`` with the text around its claim in ``text`` (its report's) filled in, as
    :func:`claim_refs_of` fills it."""
    return with_context(ref, text, rules().limits.context)


def assign(refs: Sequence[ClaimRef]) -> list[ClaimRef]:
    """Figure ids and part-of links for ``refs`` (set in place, and returned).

    Claims share figure ids only within one scope (an event, or a report outside any event); ids
    are the scope followed by a running number, in the order claims are given."""
    by_scope: dict[str, list[int]] = defaultdict(list)
    for k, ref in enumerate(refs):
        by_scope[ref.scope].append(k)
    for scope, items in by_scope.items():
        _assign_scope([refs[k] for k in items], scope)
    return list(refs)


def _assign_scope(refs: list[ClaimRef], scope: str) -> None:
    clusters = _Clusters(len(refs))
    by_report: dict[str, list[int]] = defaultdict(list)
    for k, ref in enumerate(refs):
        by_report[ref.report_id].append(k)
    part_of: dict[int, int] = {}
    part_rule: dict[int, str] = {}
    open_runs: list[tuple[str, list[int], float, str, bool]] = []
    breakdowns: dict[str, tuple[list[int], Breakdown]] = {}
    for report_id, items in by_report.items():
        items.sort(key=lambda k: refs[k].span)
        parts = find_breakdown([refs[k] for k in items])
        breakdowns[report_id] = (items, parts)
        for i, (t, rule) in parts.part_of.items():
            part_of[items[i]], part_rule[items[i]] = items[t], rule
        for run in parts.open:
            open_runs.append((report_id, [items[i] for i in run.members], run.total, run.rule, run.at_least))
        _within_report(refs, items, parts, clusters)
    _across_reports(refs, part_of, clusters)
    # Open runs: a total stated by another report of the event.
    for report_id, members, total, rule, at_least in open_runs:
        target = _outside_total(refs, report_id, members, total, at_least)
        if target is not None:
            for k in members:
                part_of[k], part_rule[k] = target, rule
    _write(refs, scope, clusters, part_of, part_rule)


def _outside_total(
    refs: Sequence[ClaimRef], report_id: str, members: Sequence[int], total: float, at_least: bool
) -> int | None:
    unit = unit_class(refs[members[0]])
    hits = []
    for k, ref in enumerate(refs):
        if ref.report_id == report_id or unit_class(ref) != unit:
            continue
        span = interval(ref)
        value = value_of(ref)
        if span is None or value is None or value <= max(value_of(refs[m]) or 0 for m in members):
            continue
        exact = abs(value - total) <= 0.5
        # A list may leave groups out: its total holds the sum, or is at most a quarter above it.
        fits = at_least and (
            span[0] <= total * 1.01 and total <= span[1] * 1.01 or total <= value <= total * 1.25
        )
        if exact or fits:
            hits.append((not exact, abs(value - total), k))
    return min(hits)[2] if hits else None


def _write(
    refs: Sequence[ClaimRef],
    scope: str,
    clusters: _Clusters,
    part_of: dict[int, int],
    part_rule: dict[int, str],
) -> None:
    """Ids in order of first appearance; a figure's part-of link is the one most of its claims have."""
    names: dict[int, str] = {}
    for k in range(len(refs)):
        root = clusters.of[k]
        if root not in names:
            names[root] = f"{scope}-f{len(names) + 1}"
    links: dict[int, Counter[tuple[int, str]]] = defaultdict(Counter)
    for k, t in part_of.items():
        if clusters.of[t] != clusters.of[k]:
            links[clusters.of[k]][(clusters.of[t], part_rule[k])] += 1
    chosen = {root: counts.most_common(1)[0][0] for root, counts in links.items()}
    for root, (target, _) in list(chosen.items()):
        back = chosen.get(target)
        if back is not None and back[0] == root:  # a cycle: keep the link from the smaller figure
            small = min(
                (root, target), key=lambda r: max(value_of(refs[m]) or 0 for m in clusters.members[r])
            )
            chosen.pop(target if small == root else root, None)
    for k, ref in enumerate(refs):
        root = clusters.of[k]
        ref.figure = names[root]
        ref.rule = clusters.rule[root]
        link = chosen.get(root)
        ref.part_of = names[link[0]] if link else None
        ref.part_rule = link[1] if link else None
