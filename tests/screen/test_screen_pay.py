import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.fuse import fx
from ringscope.screen import pay as pay_module
from ringscope.screen.pay import currency_code, find_pay, reference, to_monthly_usd, wage_floor_usd
from ringscope.screen.text import lower


@pytest.mark.parametrize(
    ("text", "amount", "currency", "period"),
    [
        ("Salary $1,200 - $1,900 per month", 1900.0, "USD", "month"),
        ("earn RM6,500 monthly", 6500.0, "MYR", "month"),
        ("we pay 42,000 baht a month", 42000.0, "THB", "month"),
        ("PHP 20,000 to 35,000 a month", 35000.0, "PHP", "month"),
        ("Rp 12 million", 12_000_000.0, "IDR", "month"),
        ("USD 950/month", 950.0, "USD", "month"),
        ("$18/hour", 18.0, "USD", "hour"),
        ("pays 2 lakh INR", 200_000.0, "INR", "month"),
        ("EUR 48,000 per year", 48000.0, "EUR", "year"),
        ("700 USDT per week", 700.0, "USDT", "week"),
    ],
)
def test_find_pay(text: str, amount: float, currency: str, period: str) -> None:
    (pay,) = find_pay(text)
    assert (pay.amount, pay.currency, pay.period) == (amount, currency, period)
    assert text[pay.start:pay.end] == pay.quote


def test_no_pay_without_currency_or_in_plain_numbers() -> None:
    assert find_pay("We have 300 staff across 12 offices since 2009.") == []
    assert find_pay("all 500 applicants") == []  # 'ALL' (lek) only in capitals


def test_monthly_usd_conversion_by_period() -> None:
    assert to_monthly_usd(1000, "USD", "month") == pytest.approx(1000)
    assert to_monthly_usd(12000, "USD", "year") == pytest.approx(1000)
    assert to_monthly_usd(10, "USD", "hour") == pytest.approx(1730)
    thb = to_monthly_usd(34300, "THB", "month")
    assert thb is not None and 900 < thb < 1100
    assert to_monthly_usd(100, "XYZ", "month") is None
    assert to_monthly_usd(100, None, "month") is None


def test_large_amount_without_period_is_yearly() -> None:
    (pay,) = find_pay("Salary: USD 60,000")
    assert pay.period == "year"


def test_currency_codes() -> None:
    assert currency_code("₱") == "PHP"
    assert currency_code("NT$") == "TWD"
    assert currency_code("ringgit") == "MYR"
    assert currency_code("sek") == "SEK"
    assert currency_code("zzz") is None


def test_ecb_currencies_use_the_shipped_ecb_rates() -> None:
    (pay,) = find_pay("Salary: THB 30,000 per month")
    converted = fx.to_usd(30000, "THB")
    assert converted is not None
    assert pay.monthly_usd == pytest.approx(converted.usd)
    assert pay.fx == f"ECB {converted.rate_date}"


def test_currencies_missing_from_the_ecb_use_the_labelled_approximate_table() -> None:
    (pay,) = find_pay("Salary: 9,000,000 VND per month")
    assert pay.fx is not None and pay.fx.startswith("approximate")
    per_usd = reference()["approximate_per_usd"]["rates"]["VND"]
    assert pay.monthly_usd == pytest.approx(9_000_000 / per_usd)


def test_approximate_table_holds_only_what_the_ecb_lacks() -> None:
    for code in reference()["approximate_per_usd"]["rates"]:
        assert not fx.known(code), f"{code} has an ECB rate; remove it from the approximate table"


def test_wage_floors_name_their_source_and_convert() -> None:
    for country, entry in reference()["minimum_wage_month"].items():
        assert entry["source"] and entry["basis"], country
        floor = wage_floor_usd(country)
        expected = to_monthly_usd(float(entry["amount"]), entry["currency"], "month")
        assert floor is not None and floor == pytest.approx(expected), country
    assert wage_floor_usd("ZZ") is None


def _matches_by_search(low: str, text: str) -> list[tuple[int, int]]:
    """Reference: search the pay pattern through a window around each run of digits."""
    pattern = pay_module._pay_re()
    out: list[tuple[int, int]] = []
    pos = 0
    for d in re.finditer(r"\d+", low):
        if d.start() < pos:
            continue
        start, end = max(pos, d.start() - 12), min(len(low), d.end() + 80)
        m = pattern.search(low, start, end)
        while m is not None and m.start() <= d.end() and not pay_module._valid(m, text):
            m = pattern.search(low, m.start() + 1, end)
        if m is not None and m.start() <= d.end():
            out.append(m.span())
            pos = m.end()
    return out


PIECES = ["USD", "usd", "THB", "Rp", "rm", "RM", "$", "€", "baht", "won", "per", "month", "/hr", "to", "-",
          "k", "1", "25", "300", "1,200", "4.5", "2 500", ",", ".", " ", "  ", "\n", "and", "form", "salary",
          "US$"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_pay_candidates_find_what_a_window_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    low = lower(text)
    assert [m.span() for m in pay_module._matches(low, text)] == _matches_by_search(low, text)
