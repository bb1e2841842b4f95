"""Claim reconciliation: claims grouped into figures, a consensus given, conflicts flagged.

Which claims state one figure, and which figure is a part of which total, is decided by the figure
rules (:mod:`ringscope.fuse.figures`, ``figures.yaml``): one measure, about one group, for one
scope. Only claims of one figure can conflict; parts of a total, other groups, other dates and
running totals are other figures.

For each figure the consensus is the value stated by the most independent sources, in the
currency stated by most claims, and the flags say what disagrees and why:

- ``magnitude_outlier``: a value 100 times or more away from the consensus;
- ``currency_conflict``: the same stated figure with another currency;
- ``range_disagreement``: a value that cannot hold with the consensus given both qualifiers
  ("more than 600" and "647" agree, "13" and "22" do not).

Notes are not conflicts: ``superseded`` marks a figure that a later report's running total
counts as one of its parts. Nothing is dropped: every claim stays in its figure with its flags.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ringscope.fuse.figure_rules import rules
from ringscope.fuse.figures import assign
from ringscope.fuse.fx import to_usd
from ringscope.fuse.outlets import outlet_of
from ringscope.fuse.refs import ClaimRef as ClaimRef
from ringscope.model import Claim, make_id

MAGNITUDE_RATIO = 100.0
UPDATE_MIN_DAYS = 3
"""A report at least this many days later may update a running count; sooner, it restates it."""
_SCALES = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}


@dataclass(frozen=True, slots=True)
class Flag:
    claim_id: str
    report_id: str
    code: str
    reason: str


@dataclass(slots=True)
class Figure:
    """One reconciled figure: its claims, the consensus and the flags."""

    measure: str
    location: str | None
    period: str | None
    event_id: str | None
    claims: list[ClaimRef]
    value: float | None = None
    currency: str | None = None
    qualifier: str = "exact"
    usd: float | None = None
    support: list[str] = field(default_factory=list)
    independent: int = 0
    spread: tuple[float, float] | None = None
    flags: list[Flag] = field(default_factory=list)
    reason: str = ""
    key: str = ""
    """The figure id its claims share (``figure`` in the extraction contract)."""
    part_of: str | None = None
    """The figure id of the total this figure is one part of."""
    rule: str = ""
    """The figure rule (figures.yaml) that joined its claims, with its reason in ``reason``."""
    notes: list[Flag] = field(default_factory=list)
    """What is worth knowing but is no conflict (a running count a later total takes in)."""

    @property
    def id(self) -> str:
        return make_id("figure", self.measure, self.location, self.period, self.event_id,
                       *sorted(ref.id for ref in self.claims))

    @property
    def conflicted(self) -> bool:
        return bool(self.flags)


def outlet(ref: ClaimRef) -> str:
    """The independent source a claim's report counts as: its source key, its outlet, or the report itself."""
    if ref.independent:
        return ref.independent
    if ref.source:
        return ref.source.strip().casefold()
    return ref.report_id


def source_of(url: str | None, source: str | None) -> str | None:
    """A report's outlet: the declared source, else the registered domain of its URL."""
    return outlet_of(url, source)


def point(claim: Claim) -> float | None:
    """A single representative value of a claim (the middle of a range)."""
    if claim.value is not None:
        return float(claim.value)
    if claim.low is not None and claim.high is not None:
        return (float(claim.low) + float(claim.high)) / 2
    return claim.low if claim.low is not None else claim.high


def _usd(ref: ClaimRef) -> float | None:
    value = point(ref.claim)
    if value is None:
        return None
    if ref.claim.unit != "currency" or not ref.claim.currency:
        return value
    converted = to_usd(value, ref.claim.currency, ref.published)
    return converted.usd if converted else None


def _digits(value: float) -> str:
    """Leading significant digits: 3e12 and 3e6 share "3", 2.4e9 gives "24"."""
    if value <= 0:
        return "0"
    mantissa = value / 10 ** math.floor(math.log10(value))
    return f"{mantissa:.3g}".replace(".", "").rstrip("0") or "0"


def _bounds(claim: Claim) -> tuple[float, float]:
    low = claim.low if claim.low is not None else claim.value
    high = claim.high if claim.high is not None else claim.value
    lo, hi = float(low or 0), float(high or 0)
    if claim.qualifier == "more_than" or claim.qualifier == "at_least":
        return lo, math.inf
    if claim.qualifier == "up_to":
        return 0.0, hi
    if claim.qualifier == "about":
        return lo * 0.9, hi * 1.1
    return lo, hi


def _updates(later: ClaimRef, earlier: ClaimRef) -> bool:
    """Whether ``later`` updates ``earlier``'s running count: days later, larger, and not a restatement."""
    if not (later.published and earlier.published):
        return False
    try:
        gap = (dt.date.fromisoformat(later.published[:10])
               - dt.date.fromisoformat(earlier.published[:10])).days
    except ValueError:
        return False
    new, old = point(later.claim), point(earlier.claim)
    if gap < UPDATE_MIN_DAYS or new is None or old is None or new <= old:
        return False
    low, high = _bounds(earlier.claim)
    return not (low <= new <= high)


def _scale_words(value: float) -> str:
    exponent = int(math.floor(math.log10(value))) if value > 0 else 0
    for power in (12, 9, 6, 3):
        if exponent >= power:
            return f"{value / 10**power:g} {_SCALES[power]}"
    return f"{value:g}"


def describe(value: float, currency: str | None) -> str:
    return f"{_scale_words(value)} {currency}" if currency else _scale_words(value)


def group_claims(refs: Iterable[ClaimRef]) -> list[list[ClaimRef]]:
    """Claims grouped by the figure they state (figure ids are assigned where missing)."""
    items = list(refs)
    if any(ref.figure is None for ref in items):
        assign(items)
    groups: dict[tuple[str, str | None], list[ClaimRef]] = defaultdict(list)
    for ref in items:
        groups[(ref.scope, ref.figure)].append(ref)
    return list(groups.values())


def reconcile_group(refs: Sequence[ClaimRef]) -> Figure:
    """The consensus figure of a group of comparable claims, with its flags."""
    first = refs[0].claim
    location = Counter(r.claim.location for r in refs if r.claim.location).most_common(1)
    period = Counter(r.claim.period for r in refs if r.claim.period).most_common(1)
    figure = Figure(first.measure, location[0][0] if location else None, period[0][0] if period else None,
                    refs[0].event_id, list(refs))
    figure.key = refs[0].figure or ""
    figure.part_of = Counter(r.part_of for r in refs).most_common(1)[0][0]
    figure.rule = max((r.rule for r in refs), key=lambda rule: (rule != "F0_alone", rule))
    usd = {ref.id: _usd(ref) for ref in refs}
    # 1. Magnitude: the value whose neighbourhood (within a factor of 10) most outlets back is the anchor.
    values = [(ref, usd[ref.id]) for ref in refs if (usd[ref.id] or 0) > 0]
    if values:
        def neighbours(v: float) -> int:
            return len({outlet(r) for r, u in values if u is not None and max(u, v) / min(u, v) < 10})

        anchor = max((u for _, u in values if u is not None), key=lambda v: (neighbours(v), v))
        for ref, value in values:
            if value is None:
                continue
            ratio = max(value, anchor) / min(value, anchor)
            if ratio >= MAGNITUDE_RATIO:
                figure.flags.append(Flag(ref.claim.id, ref.report_id, "magnitude_outlier",
                                         f"{describe(point(ref.claim) or 0, ref.claim.currency)} is about "
                                         f"{_scale_words(ratio)} times off the figure most sources give "
                                         f"({neighbours(anchor)} outlet(s))"))
    outliers = {f.claim_id for f in figure.flags}
    kept = [ref for ref in refs if ref.claim.id not in outliers] or list(refs)
    # 2. Currency: the currency most claims state; ties go to USD, the usual reporting currency.
    currencies = Counter(ref.claim.currency for ref in kept if ref.claim.currency)
    if currencies:
        top = max(currencies.values())
        leaders = sorted(c for c, n in currencies.items() if n == top)
        figure.currency = "USD" if "USD" in leaders else leaders[0]
        for ref in kept:
            c = ref.claim.currency
            digits = _digits(point(ref.claim) or 0)
            if c and c != figure.currency and any(
                r.claim.currency == figure.currency and _digits(point(r.claim) or 0) == digits for r in kept
            ):
                stated = describe(point(ref.claim) or 0, None)
                figure.flags.append(Flag(ref.claim.id, ref.report_id, "currency_conflict",
                                         f"the same figure, {stated}, is given in {c} here and in "
                                         f"{figure.currency} by {currencies[figure.currency]} claim(s)"))
    flagged = {f.claim_id for f in figure.flags}
    agreeing = [ref for ref in kept if ref.claim.id not in flagged]
    if figure.currency:
        agreeing = [ref for ref in agreeing if ref.claim.currency in (figure.currency, None)] or agreeing
    # 3. Running counts: a clearly later report with a clearly larger count updates an earlier one.
    dated = sorted((ref for ref in agreeing if ref.published), key=lambda r: r.published or "")
    if len({r.published for r in dated}) > 1:
        latest = dated[-1]
        for ref in dated:
            if _updates(latest, ref):
                figure.notes.append(Flag(ref.claim.id, ref.report_id, "superseded",
                                         f"a later report ({latest.published}) gives "
                                         f"{describe(point(latest.claim) or 0, latest.claim.currency)}"))
        superseded = {f.claim_id for f in figure.notes if f.code == "superseded"}
        agreeing = [ref for ref in agreeing if ref.claim.id not in superseded] or agreeing
    # 4. Consensus: the value the most outlets state; then its qualifier.
    votes: dict[float, set[str]] = defaultdict(set)
    for ref in agreeing:
        value = point(ref.claim)
        if value is not None:
            votes[float(f"{value:.3g}")].add(outlet(ref))
    if votes:
        exact = {float(f"{p:.3g}") for p in (point(r.claim) for r in agreeing if r.claim.qualifier == "exact")
                 if p is not None}
        # Most outlets first; on a tie, a figure stated exactly beats a rounded one.
        value = max(votes, key=lambda v: (len(votes[v]), v in exact, v))
        figure.value = value
        backing = [ref for ref in agreeing if point(ref.claim) is not None
                   and float(f"{point(ref.claim):.3g}") == value]
        figure.qualifier = Counter(ref.claim.qualifier for ref in backing).most_common(1)[0][0]
        figure.support = sorted({ref.report_id for ref in backing})
        figure.independent = len({outlet(ref) for ref in backing})
        converted = [usd[ref.id] for ref in backing if usd[ref.id] is not None]
        figure.usd = converted[0] if converted else None
        # Bounds of every agreeing claim must overlap the consensus value.
        for ref in agreeing:
            lo, hi = _bounds(ref.claim)
            if not (lo <= value * 1.01 and value * 0.99 <= hi) and ref not in backing:
                stated = describe(point(ref.claim) or 0, ref.claim.currency)
                figure.flags.append(Flag(ref.claim.id, ref.report_id, "range_disagreement",
                                         f"{ref.claim.qualifier} {stated} cannot hold with the consensus "
                                         f"{describe(value, figure.currency)}"))
        spread = [v for v in (usd[r.id] for r in agreeing) if v is not None]
        figure.spread = (min(spread), max(spread)) if spread else None
        figure.reason = (
            f"{describe(value, figure.currency)} stated by {figure.independent} independent source(s) "
            f"in {len(figure.support)} report(s) of {len({r.report_id for r in refs})}"
        )
        if figure.rule and figure.rule != "F0_alone":
            figure.reason += f"; {figure.rule}: {rules().reason(figure.rule)}"
        if figure.flags:
            figure.reason += "; " + "; ".join(sorted({f.code for f in figure.flags}))
    return figure


def reconcile(refs: Iterable[ClaimRef]) -> list[Figure]:
    """All figures, the conflicted ones first, then by support."""
    figures = [reconcile_group(group) for group in group_claims(refs)]
    _note_running_totals(figures)
    figures.sort(key=lambda f: (not f.conflicted, -len(f.claims), f.measure))
    return figures


def _note_running_totals(figures: Sequence[Figure]) -> None:
    """A figure that a later report's total of the same measure takes in as a part is superseded."""
    by_key = {(f.event_id or f.claims[0].report_id, f.key): f for f in figures}
    for figure in figures:
        total = by_key.get((figure.event_id or figure.claims[0].report_id, figure.part_of or ""))
        if total is None or total.measure != figure.measure:
            continue
        latest = max((r for r in total.claims if r.published), key=lambda r: r.published or "", default=None)
        if latest is None:
            continue
        for ref in figure.claims:
            if ref.published and _days(ref.published, latest.published) >= UPDATE_MIN_DAYS:
                figure.notes.append(Flag(ref.claim.id, ref.report_id, "superseded",
                                         f"a later report ({latest.published}) gives the running total "
                                         f"{describe(point(latest.claim) or 0, latest.claim.currency)}, "
                                         f"of which this figure is one part"))


def _days(earlier: str, later: str | None) -> int:
    try:
        return (dt.date.fromisoformat((later or "")[:10]) - dt.date.fromisoformat(earlier[:10])).days
    except ValueError:
        return 0
