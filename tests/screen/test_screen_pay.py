import pytest

from ringscope.screen.pay import currency_code, find_pay, to_monthly_usd


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
