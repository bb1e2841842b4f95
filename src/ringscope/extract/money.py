"""Currencies: symbols, ISO 4217 codes and English currency names resolved to codes.

Names come from the Unicode CLDR English locale (via ``babel``), restricted to the
current ISO 4217 codes listed by ``pycountry``. A short lexicon (claim_rules.yaml) adds the prefix symbols
that news text uses but CLDR's English locale spells as codes (S$, RM, Rs, Ksh ...),
and the defaults for bare currency words ("dollars" -> USD, "pesos" -> PHP ...).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from babel import Locale
from babel.numbers import get_territory_currencies

from ringscope.extract.rules import load_rules

_LEXICON = load_rules("claim_rules.yaml")
# Prefix symbols written before an amount (longest first when compiled). General reference data.
PREFIX_SYMBOLS: dict[str, str] = _LEXICON.mapping("lexicon.currency_symbols")
# Symbols that are single letters are only taken directly before a digit (checked by the caller).
LETTER_SYMBOLS = _LEXICON.words("lexicon.currency_letter_symbols")
# Bare currency words and their default code when no country is named.
GENERIC_WORDS: dict[str, str] = _LEXICON.mapping("lexicon.currency_words")
# Shared symbols and the other currencies that write them ("¥": the yen besides the yuan).
SYMBOL_LOCALS: dict[str, tuple[str, ...]] = {
    str(k): tuple(str(c) for c in v)
    for k, v in _LEXICON["lexicon.currency_symbol_locals"].get("values", {}).items()
}
_SHARED_LONGEST_FIRST = tuple(sorted(SYMBOL_LOCALS, key=len, reverse=True))


@lru_cache(maxsize=1)
def currency_names() -> dict[str, str]:
    """Lower-cased English currency names (singular and plural) -> ISO 4217 code."""
    current = {c.alpha_3 for c in pycountry.currencies}
    locale = Locale("en")
    plural = locale._data["currency_names_plural"]
    names: dict[str, str] = {}
    for code, name in locale.currencies.items():
        if code not in current or code in {"XXX", "XTS"}:
            continue
        forms = {name.lower()}
        forms.update(str(v).lower() for v in plural.get(code, {}).values())
        for form in list(forms):
            if form.startswith("new "):
                forms.add(form[4:])
        for form in forms:
            if " " in form:  # qualified names only; bare words come from GENERIC_WORDS
                names.setdefault(form, code)
    names.update(GENERIC_WORDS)
    return names


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def prefix_pattern() -> str:
    """Regex source for a currency written before an amount (symbol or ISO code)."""
    codes = [c for c in iso_codes() if c not in {"ALL", "TOP", "CUP", "MOP", "BOB"}]
    return rf"(?:{_alternation(list(PREFIX_SYMBOLS))}|\b(?:{_alternation(codes)})\b)"


@lru_cache(maxsize=1)
def suffix_pattern() -> str:
    """Regex source (case-insensitive use) for a currency written after an amount."""
    return rf"(?:{_alternation(list(currency_names()))})\b"


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    return re.compile(rf"\s(?i:(?P<suf>{suffix_pattern()}))")


@lru_cache(maxsize=1)
def _suffix_openings() -> frozenset[str] | None:
    """The first three characters of every currency name; None (no quick test) when a name is
    shorter, or opens with dotless i, long s or the Kelvin sign (matched by ASCII letters they do not
    lower-case to)."""
    names = list(currency_names())
    if any(len(n) < 3 or any(c in "\u0131\u017f\u212a" for c in n[:3]) for n in names):
        return None
    return frozenset(n[:3] for n in names)


def suffix_at(text: str, pos: int) -> re.Match[str] | None:
    """A space, then a currency name in any case (group ``suf``), at ``pos``; else None.

    The three characters after the space, when ASCII, rule out most places before the long
    case-insensitive pattern runs (it tries every name in turn)."""
    if not text[pos : pos + 1].isspace():
        return None
    openings = _suffix_openings()
    head = text[pos + 1 : pos + 4]
    if openings is not None and len(head) == 3 and head.isascii() and head.lower() not in openings:
        return None
    return _suffix_re().match(text, pos)


@lru_cache(maxsize=1)
def prefix_ends() -> frozenset[str]:
    """The last characters of every prefix symbol and ISO code."""
    return frozenset(s[-1] for s in [*PREFIX_SYMBOLS, *iso_codes()] if s)


def resolve(token: str) -> str | None:
    """The ISO 4217 code of a symbol, code or currency name, or None."""
    if token in PREFIX_SYMBOLS:
        return PREFIX_SYMBOLS[token]
    if token.upper() in iso_codes() and token.isupper():
        return token.upper()
    key = " ".join(token.lower().split())
    return currency_names().get(key)


@lru_cache(maxsize=512)
def local_currency(word: str, country: str | None) -> str | None:
    """The currency a bare currency word names in a report about ``country`` ("pesos" in a report
    about Chile: CLP), when one of that country's legal-tender currencies is called so in CLDR
    English; None otherwise (the word keeps its default)."""
    if not country or word.casefold() not in GENERIC_WORDS:
        return None
    singular = word.casefold().removesuffix("s")
    codes = get_territory_currencies(country, tender=True, non_tender=False)  # [] for an unknown code
    names = Locale("en").currencies
    for code in codes:
        name = names.get(code, "").casefold().split()
        if name and name[-1] == singular:
            return code
    return None


def local_symbol(written: str, country: str | None) -> str | None:
    """The currency a shared symbol written before an amount (``written``, the text before the figure)
    names in ``country``: "¥" in Japan is JPY, "Rs" in Sri Lanka LKR; None when the symbol is not shared or
    the country's legal tender is none of its other currencies (the symbol keeps its default)."""
    if not country:
        return None
    for symbol in _SHARED_LONGEST_FIRST:
        head = written[: len(written) - len(symbol)]
        if written.endswith(symbol) and not head[-1:].isalpha():
            codes = get_territory_currencies(country, tender=True, non_tender=False)
            return next((code for code in SYMBOL_LOCALS[symbol] if code in codes), None)
    return None
