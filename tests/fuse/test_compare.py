"""Pairwise tests of figures and the place of a claim's number (invented values and sentences)."""

from __future__ import annotations

from ringscope.fuse.compare import agree, close, same_frame, slipped
from ringscope.fuse.refs import ClaimRef, with_context
from ringscope.model import Claim


def people(
    value: float, qualifier: str = "exact", quote: str = "", measure: str = "victims_rescued"
) -> ClaimRef:
    claim = Claim(
        measure=measure,
        value=value,
        low=value,
        high=value,
        qualifier=qualifier,
        unit="people",
        quote=quote or f"{value:g} people",
        start=0,
        end=3,
    )
    return ClaimRef("r", claim)


def money(value: float, currency: str, qualifier: str = "exact") -> ClaimRef:
    claim = Claim(
        measure="criminal_proceeds",
        value=value,
        low=value,
        high=value,
        qualifier=qualifier,
        unit="currency",
        quote=f"{value:g} {currency}",
        start=0,
        end=3,
        currency=currency,
    )
    return ClaimRef("r", claim)


def test_values_agree_given_their_qualifiers() -> None:
    assert agree(people(600, "more_than"), people(647))
    assert agree(people(100, "about"), people(109))
    assert not agree(people(11), people(19))
    assert not agree(people(700, "more_than"), people(647))
    # An open bound restates a value at most twice its size.
    assert not agree(people(100, "more_than"), people(260))


def test_slipped_scale_or_currency_is_money_with_the_same_digits() -> None:
    assert slipped(money(3e12, "SGD", "up_to"), money(3e12, "USD", "up_to"))
    assert slipped(money(3e12, "USD", "up_to"), money(3e6, "USD"))
    assert not slipped(money(3e12, "USD"), money(2e12, "USD"))
    assert not slipped(money(3e12, "USD"), money(3e10, "USD"))
    assert not slipped(people(3000), people(3))


def test_close_counts_are_exact_and_within_ten_percent() -> None:
    assert close(people(1212), people(1251))
    assert not close(people(100), people(120))
    assert not close(people(1212, "about"), people(1251))


def test_other_groups_measures_and_years_are_other_frames() -> None:
    assert not same_frame(people(48, quote="48 Chileans"), people(48, quote="48 Peruvians"))
    assert same_frame(people(48, quote="48 Chileans"), people(48, quote="48 workers"))
    assert not same_frame(people(48), people(48, measure="arrests"))
    text = "Losses reached $4 billion in 2021 and $6.5 billion in 2024."
    first, second = (
        with_context(
            ClaimRef(
                "r",
                Claim(
                    measure="fraud_losses",
                    value=v,
                    low=v,
                    high=v,
                    qualifier="exact",
                    unit="currency",
                    quote=q,
                    start=text.find(q),
                    end=text.find(q) + len(q),
                    currency="USD",
                ),
            ),
            text,
        )
        for v, q in ((4e9, "$4 billion"), (6.5e9, "$6.5 billion"))
    )
    assert not same_frame(first, second)


def test_the_number_and_the_group_it_heads_are_found_in_the_quote() -> None:
    text = "Police freed Forty-three Chileans, and officers counted Peruvians (12) at the site."
    words = with_context(people(43, quote="freed Forty-three Chileans"), text)
    assert text[words.start : words.end] == "Forty-three" and "Chileans" in words.phrase
    lead = with_context(people(12, quote="12"), text)
    assert "Peruvians" in lead.phrase and "site" not in lead.phrase
