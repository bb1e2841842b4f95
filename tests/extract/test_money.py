"""Currencies: symbols, codes and names resolved to ISO 4217; conversions are not new figures."""

from __future__ import annotations

import pytest

from ringscope.extract import extract, money
from ringscope.extract.numbers import find_amounts


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("$", "USD"), ("US$", "USD"), ("S$", "SGD"), ("NT$", "TWD"), ("HK$", "HKD"), ("RM", "MYR"),
        ("₱", "PHP"), ("฿", "THB"), ("¥", "CNY"), ("€", "EUR"), ("£", "GBP"), ("₹", "INR"),
        ("USD", "USD"), ("KES", "KES"), ("Singapore dollars", "SGD"), ("yuan", "CNY"), ("baht", "THB"),
        ("pesos", "PHP"), ("ringgit", "MYR"), ("rupees", "INR"), ("shillings", "KES"), ("won", "KRW"),
        ("dollars", "USD"), ("Kenyan shillings", "KES"), ("Peruvian soles", "PEN"),
        ("Namibian dollars", "NAD"), ("Taiwan dollars", "TWD"),
    ],
)
def test_resolve(token: str, code: str) -> None:
    assert money.resolve(token) == code


def test_unknown_token() -> None:
    assert money.resolve("bananas") is None
    assert money.resolve("abc") is None  # three letters that are no currency code


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("a haul of US$15 billion", 15e9, "USD"),
        ("fines of S$ 2,500", 2500, "SGD"),
        ("about 40,000 baht", 40000, "THB"),
        ("RM 1.2 million", 1.2e6, "MYR"),
        ("losses of Rs 10,000 crore", 1e11, "INR"),
        ("₱3 million in cash", 3e6, "PHP"),
        ("EUR 500,000 moved", 5e5, "EUR"),
        ("1.5 million USD", 1.5e6, "USD"),
        ("RM1.2mil in the account", 1.2e6, "MYR"),
        ("RM3bil laundered", 3e9, "MYR"),
        ("froze USDT 12.5 million", 12.5e6, "USD"),
        ("lost Sh2 million", 2e6, "KES"),
        ("lost USh50 million", 5e7, "UGX"),
        ("confiscated Bt45 million", 4.5e7, "THB"),
        ("seized P1.2-B in assets", 1.2e9, "PHP"),
        ("seized P500-M in assets", 5e8, "PHP"),
        ("laundered Dh12 million", 1.2e7, "AED"),
        ("repay Dhs 500,000 to the victims", 5e5, "AED"),
        ("lost Sh 2 million", 2e6, "KES"),
        ("a fine of TSh 300,000", 3e5, "TZS"),
        ("lost GH¢50,000", 5e4, "GHS"),
        ("seized 3,5 million euros", 3.5e6, "EUR"),
        ("seized €2,5 million", 2.5e6, "EUR"),
        ("moved €1,25bn", 1.25e9, "EUR"),
    ],
)
def test_amounts_with_currency(text: str, value: float, code: str) -> None:
    (amount,) = find_amounts(text)
    assert (amount.low, amount.currency) == (value, code)


def test_parenthetical_conversion_is_not_a_second_amount() -> None:
    text = "Officers seized US$20,000 (NT$640,000) in cash."
    found = find_amounts(text)
    assert [(a.low, a.currency) for a in found] == [(20000, "USD")]


def test_a_comma_is_a_decimal_comma_only_before_a_scale() -> None:
    assert [a.low for a in find_amounts("4,200 million euros")] == [4.2e9]  # a thousands group
    assert [a.low for a in find_amounts("rooms 3,5 and 7")] == [3, 7]  # a list: no scale after the comma
    assert [a.low for a in find_amounts("1.2,5 million")] != [1.25e6]  # a decimal point already


def test_sh_is_a_shilling_only_written_on_the_figure() -> None:
    assert find_amounts("Sh 5 of them")[0].currency is None
    assert find_amounts("K 40,000 of them")[0].currency is None  # one letter apart is an initial
    assert find_amounts("Marsh5 million")[0:1] == []  # part of a word: no amount at all


def test_figures_without_currency_have_none() -> None:
    (amount,) = find_amounts("Officers found 40 people.")
    assert amount.currency is None


def test_mil_written_apart_is_not_a_scale() -> None:
    (amount,) = find_amounts("the 30 mil personnel")
    assert amount.low == 30


def test_a_bare_currency_word_takes_the_currency_of_the_country_it_is_spent_in() -> None:
    assert money.local_currency("pesos", "CL") == "CLP"
    assert money.local_currency("dollars", "SG") == "SGD"
    assert money.local_currency("pesos", "KH") is None  # no peso in Cambodia: the word keeps its default
    assert money.local_currency("pesos", None) is None
    assert money.local_currency("baht", "TH") == "THB"
    assert money.local_currency("guilders", "CL") is None  # no bare currency word of the lexicon


def test_claims_read_pesos_in_chile_as_chilean_pesos() -> None:
    chile = extract("Police in Chile said the ring cheated 300 people out of 4 million pesos.").claims
    manila = extract("Police in Manila said the ring cheated 300 people out of 4 million pesos.").claims
    assert [c.currency for c in chile if c.unit == "currency"] == ["CLP"]
    assert [c.currency for c in manila if c.unit == "currency"] == ["PHP"]
    text = "The Singapore police said victims lost 3 million US dollars and 2 million dollars."
    named = extract(text).claims
    assert [c.currency for c in named if c.unit == "currency"] == ["USD", "SGD"]  # a named currency stays
    short = extract("Police in Chile said the ring cheated 300 people out of 4 mln pesos.").claims
    assert [c.currency for c in short if c.unit == "currency"] == ["CLP"]  # any scale of the lexicon


def test_south_asian_digit_grouping() -> None:
    assert [(a.low, a.currency) for a in find_amounts("victims lost Rs 2,50,000 in all")] == [(250000, "INR")]
    assert [a.low for a in find_amounts("losses of ₹12,50,00,000")] == [125000000]
    assert [a.low for a in find_amounts("police freed 1,20,000 people")] == [120000]
    assert [a.low for a in find_amounts("police freed 1,234,567 people")] == [1234567]  # thousands grouping


def test_a_shared_symbol_takes_the_currency_of_the_country_it_is_spent_in() -> None:
    assert money.local_symbol("¥", "JP") == "JPY"
    assert money.local_symbol("¥", "CN") is None  # the yuan: the symbol keeps its default
    assert money.local_symbol("Rs.", "LK") == "LKR"
    assert money.local_symbol("lost Rs", "IN") is None
    assert money.local_symbol("JP¥", "CN") is None  # not the shared symbol alone
    assert money.local_symbol("$", "JP") is None  # not a shared symbol of the lexicon
    tokyo = extract("Police in Tokyo said victims lost ¥300 million to the ring.").claims
    assert [c.currency for c in tokyo if c.unit == "currency"] == ["JPY"]
