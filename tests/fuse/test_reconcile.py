from __future__ import annotations

from ringscope.fuse.reconcile import ClaimRef, group_claims, reconcile, source_of
from ringscope.model import Claim


def money(value: float, currency: str, qualifier: str = "exact", period: str | None = "year") -> Claim:
    return Claim(measure="criminal_proceeds", value=value, low=value, high=value, qualifier=qualifier,
                 unit="currency", quote=f"{value} {currency}", start=0, end=5, currency=currency,
                 period=period)


def people(value: float, qualifier: str = "exact", measure: str = "victims_rescued") -> Claim:
    return Claim(measure=measure, value=value, low=value, high=value, qualifier=qualifier, unit="people",
                 quote=str(value), start=0, end=3, location="KH")


def ref(report: str, claim: Claim, published: str | None = "2024-05-01",
        event: str | None = "ev1") -> ClaimRef:
    return ClaimRef(report, claim, published, source=f"outlet-{report}", event_id=event)


def test_magnitude_outlier_and_currency_conflict_are_flagged_with_reasons() -> None:
    refs = [
        ref("a", money(4e12, "USD", "up_to")),
        ref("b", money(4e12, "EUR", "up_to")),
        ref("c", money(4e12, "USD")),
        ref("c", money(4e6, "USD")),
        ref("a", money(7e10, "USD")),
    ]
    figures = reconcile(refs)
    big = next(f for f in figures if f.value and f.value > 1e12)
    assert big.currency == "USD"
    assert big.value == 4e12
    codes = {(f.report_id, f.code) for f in big.flags}
    assert ("c", "magnitude_outlier") in codes
    assert ("b", "currency_conflict") in codes
    assert "times off" in next(f.reason for f in big.flags if f.code == "magnitude_outlier")
    assert big.independent == 2
    # A figure of another size with other digits is a separate figure, not an outlier.
    assert any(f.value == 7e10 and not f.flags for f in figures)


def test_claims_of_different_events_are_not_compared() -> None:
    refs = [ref("a", people(40), event="ev1"), ref("b", people(40), event="ev2")]
    assert len(group_claims(refs)) == 2
    assert len(group_claims([ref("a", people(40)), ref("b", people(40))])) == 1


def test_consensus_is_the_value_most_outlets_state() -> None:
    refs = [ref("a", people(215)), ref("b", people(215)), ref("c", people(212))]
    (figure,) = reconcile(refs)
    assert figure.value == 215
    assert figure.support == ["a", "b"]
    assert figure.spread == (212, 215)


def test_close_counts_of_one_figure_disagree_and_qualified_ones_agree() -> None:
    refs = [ref("a", people(60)), ref("b", people(60)), ref("c", people(64))]
    (figure,) = reconcile(refs)
    assert figure.value == 60 and figure.rule == "F3_close_count"
    assert [(f.code, f.report_id) for f in figure.flags] == [("range_disagreement", "c")]
    # "more than 600" and "647" agree: one figure, no conflict.
    (agreed,) = reconcile([ref("a", people(600, "more_than")), ref("b", people(647))])
    assert not agreed.flags and len(agreed.claims) == 2


def test_far_apart_counts_are_different_figures_not_conflicts() -> None:
    figures = reconcile([ref("a", people(30), "2025-01-02"), ref("c", people(52), "2025-01-20")])
    assert len(figures) == 2 and not any(f.conflicted for f in figures)


def test_same_outlet_is_not_independent() -> None:
    refs = [ClaimRef("a", people(10), None, "wire", "ev"), ClaimRef("b", people(10), None, "wire", "ev")]
    (figure,) = reconcile(refs)
    assert figure.support == ["a", "b"]
    assert figure.independent == 1


def test_source_of_prefers_declared_source_then_host() -> None:
    assert source_of("https://www.example.org/x", None) == "example.org"
    assert source_of("https://example.org/x", "Harbour Wire") == "Harbour Wire"
    assert source_of(None, None) is None


def test_a_restatement_soon_after_is_not_an_update() -> None:
    refs = [ref("a", people(387), "2025-01-02"), ref("b", people(400, "about"), "2025-01-03")]
    (figure,) = reconcile(refs)
    assert not [f for f in figure.flags if f.code == "superseded"]
    # On a tie of outlets the exactly stated figure wins over the rounded one.
    assert figure.value == 387


def test_unstated_place_or_period_does_not_split_a_figure() -> None:
    placed = money(9e8, "USD", period="year")
    placed.location = "SG"
    unplaced = money(9e8, "USD", period=None)
    (figure,) = reconcile([ref("a", placed), ref("b", unplaced)])
    assert figure.location == "SG" and figure.period == "year"
    assert figure.independent == 2


def test_groups_of_different_nationality_are_different_figures() -> None:
    first, second = people(48), people(41)
    first.quote, second.quote = "freed 48 Norwegians", "41 Chileans were freed"
    assert len(reconcile([ref("a", first), ref("b", second)])) == 2
    same = people(45)
    same.quote = "45 Norwegian nationals were freed"
    (figure,) = reconcile([ref("a", first), ref("b", same)])
    assert figure.independent == 1 and len(figure.claims) == 2


def test_two_figures_in_one_report_count_two_things_unless_a_scale_slipped() -> None:
    assert len(reconcile([ref("a", people(48)), ref("a", people(37))])) == 2
    slipped = reconcile([ref("a", money(6e12, "USD")), ref("a", money(6e6, "USD"))])
    assert len(slipped) == 1 and [f.code for f in slipped[0].flags] == ["magnitude_outlier"]
