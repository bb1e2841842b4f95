"""Whether two claims can state one figure: their values agree, a scale slipped, or counts are close.

Pure predicates over two :class:`~ringscope.fuse.refs.ClaimRef`, used by the figure rules
(:mod:`ringscope.fuse.figures`).
"""

from __future__ import annotations

import math

from ringscope.fuse.figure_rules import group_of, rules, years_of
from ringscope.fuse.parts import unit_class, value_of
from ringscope.fuse.refs import ClaimRef


def interval(ref: ClaimRef) -> tuple[float, float] | None:
    """The values a claim allows: about is within 10%, more than / at least open upwards, up to downwards."""
    c = ref.claim
    low = c.low if c.low is not None else c.value
    high = c.high if c.high is not None else c.value
    if low is None or high is None:
        return None
    lo, hi = float(low), float(high)
    if c.qualifier == "about":
        return lo * 0.9, hi * 1.1
    if c.qualifier in ("more_than", "at_least"):
        return lo, math.inf
    if c.qualifier == "up_to":
        return 0.0, hi
    return lo, hi


def agree(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two claims can both hold as statements of one figure (and plausibly are one).

    Their intervals meet, their currencies match, and an open bound ("more than 100") restates a
    value at most ``open_ratio`` times its bound."""
    if unit_class(a) != unit_class(b):
        return False
    ia, ib = interval(a), interval(b)
    va, vb = value_of(a), value_of(b)
    if ia is None or ib is None or va is None or vb is None:
        return False
    slack = 0.01 * max(abs(ia[0]), abs(ib[0]), 1.0)
    if ia[0] > ib[1] + slack or ib[0] > ia[1] + slack:
        return False
    low, high = sorted((va, vb))
    return low > 0 and high / low <= rules().limits.open_ratio


def slipped(a: ClaimRef, b: ClaimRef) -> bool:
    """Money with the same leading digits at a scale 1,000 times or more apart, or in another currency."""
    ca, cb = a.claim, b.claim
    if ca.unit != "currency" or cb.unit != "currency":
        return False
    va, vb = value_of(a), value_of(b)
    if not va or not vb or _digits(va) != _digits(vb):
        return False
    ratio = max(va, vb) / min(va, vb)
    if (ca.currency or "") != (cb.currency or ""):
        return ratio < 1.01 or _power_of_thousand(ratio)
    return _power_of_thousand(ratio)


def _power_of_thousand(ratio: float) -> bool:
    exponent = math.log10(ratio) / 3
    return ratio >= 999 and abs(exponent - round(exponent)) < 0.01


def close(a: ClaimRef, b: ClaimRef) -> bool:
    """Two exactly stated counts within ``close_ratio`` of each other."""
    if a.claim.qualifier != "exact" or b.claim.qualifier != "exact" or unit_class(a) != unit_class(b):
        return False
    va, vb = value_of(a), value_of(b)
    if not va or not vb:
        return False
    return abs(va - vb) / max(va, vb) <= rules().limits.close_ratio


def _digits(value: float) -> str:
    mantissa = value / 10 ** math.floor(math.log10(value))
    return f"{mantissa:.3g}".replace(".", "").rstrip("0") or "0"


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def same_frame(a: ClaimRef, b: ClaimRef) -> bool:
    """Same measure and period (where both state one), group (where both name one) and year (where both
    name one). The place is left out: reports of one event often name different places for it."""
    ca, cb = a.claim, b.claim
    if ca.measure != cb.measure or not _compatible(ca.period, cb.period):
        return False
    ga, gb = group_of(a.phrase or ca.quote), group_of(b.phrase or cb.quote)
    if ga and gb and not ga & gb:
        return False
    ya, yb = years_of(a), years_of(b)
    return not ya or not yb or bool(ya & yb)
